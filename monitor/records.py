"""The small frozen records that flow between stages: fetch -> parse -> store -> extract.

Stages exchange these, never ORM objects, httpx responses or bs4 tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, kw_only=True)
class FetchedPage:
    """One HTTP response as the fetcher hands it on."""

    url: str  # final URL after redirects
    requested_url: str
    status: int
    content: bytes
    content_type: str | None  # the full Content-Type header, charset included
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime
    not_modified: bool = False  # a 304 answer to a conditional GET; content is empty


@dataclass(frozen=True, kw_only=True)
class ListingEntry:
    """A link to one statement, found on a listing page, feed or sitemap."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, kw_only=True)
class ListingPage:
    """What one listing page says: statement links (in page order), further pages, feeds."""

    entries: tuple[ListingEntry, ...] = ()
    next_pages: tuple[str, ...] = ()  # pagination links, nearest first
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds the page advertises


@dataclass(frozen=True, kw_only=True)
class Article:
    """A statement page reduced to what a reader sees: title, date, main text."""

    url: str  # canonical URL
    title: str
    published: date | None
    text: str  # main text, paragraphs separated by a blank line


@dataclass(frozen=True, kw_only=True)
class Selectors:
    """Optional per-site CSS selectors that override the generic logic."""

    links: str | None = None  # statement links on a listing page
    next: str | None = None  # the pagination link(s) on a listing page
    title: str | None = None
    date: str | None = None
    body: str | None = None


@dataclass(frozen=True, kw_only=True)
class AgreementMention:
    name: str
    kind: str  # mou|agreement|treaty|protocol|joint_statement|declaration|plan|initiative|framework|other
    status: str  # signed|adopted|agreed|negotiating|planned|extended|implementing|mentioned
    parties: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    sentence: str


@dataclass(frozen=True, kw_only=True)
class MeetingMention:
    name: str
    kind: str  # talks|meeting|visit|summit|forum|conference|ministerial|dialogue|phone_call|...
    participants: tuple[str, ...] = ()
    place: str | None = None
    date: str | None = None  # ISO date, YYYY-MM, or a range "a/b"
    sentence: str


@dataclass(frozen=True, kw_only=True)
class FigureMention:
    value: float
    unit: str  # ISO 4217 code, "percent", or a singular counted noun
    text: str  # the exact span in the sentence
    subject: str
    sentence: str


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """Everything extracted from one text."""

    agreements: tuple[AgreementMention, ...] = ()
    meetings: tuple[MeetingMention, ...] = ()
    figures: tuple[FigureMention, ...] = ()

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        """The lists of the `monitor extract --json` contract."""
        return {
            "agreements": [_mention_json(m) for m in self.agreements],
            "meetings": [_mention_json(m) for m in self.meetings],
            "figures": [_mention_json(m) for m in self.figures],
        }


def _mention_json(mention: AgreementMention | MeetingMention | FigureMention) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in mention.__dataclass_fields__:
        value = getattr(mention, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    if isinstance(mention, FigureMention) and float(mention.value).is_integer():
        out["value"] = int(mention.value)
    return out


@dataclass(frozen=True, kw_only=True)
class CheckReport:
    """What one check of one site found (the `monitor scrape --json` object is built from it)."""

    site: str
    started: datetime
    finished: datetime
    statements: tuple[dict[str, Any], ...] = ()
    errors: tuple[dict[str, str], ...] = ()
    ran: bool = True  # False when the listing could not be fetched
    reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
