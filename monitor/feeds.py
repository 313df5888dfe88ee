"""RSS 2.0 and Atom feeds read from the events outbox: one entry per new or revised statement.

An entry gathers every event of its statement (the statement's versions and the agreements,
meetings and figures newly found in them), so a revision updates the entry — same id, newer
`updated` — instead of adding one. Entries come newest first (by their newest event) and
are bounded by [feed] max_items. A feed may be narrowed to one site and to one kind:
`agreements`, `meetings` or `figures` keep the statements with such an event; `statements`
keeps all of them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.events import CHANGED_TYPES, KIND_OF_TYPE, MENTION_KINDS, NEW_TYPES, STATEMENT_TYPES
from monitor.models import Event
from monitor.templating import mention_changes, mention_label, render_template

KINDS = ("agreements", "meetings", "figures", "statements")
FORMATS = ("rss", "atom")
FeedFormat = Literal["rss", "atom"]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # <updated> of an empty Atom feed: no clock in here

# Characters XML 1.0 forbids even when escaped; scraped text sometimes carries them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def event_types(kind: str) -> tuple[str, ...]:
    """The event types behind a subscriber/feed kind (`agreements` → AgreementMentioned, AgreementChanged)."""
    if kind == "statements":
        return STATEMENT_TYPES
    singular = kind.removesuffix("s")
    if singular not in MENTION_KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    return (NEW_TYPES[singular], CHANGED_TYPES[singular])


@dataclass(frozen=True, kw_only=True)
class FeedFinding:
    """One agreement, meeting or figure newly found in a statement."""

    label: str
    sentence: str
    change: str  # '' for a new entity, else what changed in a known one


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    id: str  # stable per statement
    title: str
    url: str
    site_id: str
    site_name: str
    published_on: str | None  # the date the site gives, YYYY-MM-DD
    version: int
    published: datetime
    updated: datetime
    agreements: tuple[FeedFinding, ...] = ()
    meetings: tuple[FeedFinding, ...] = ()
    figures: tuple[FeedFinding, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Feed:
    title: str
    description: str
    id: str
    link: str
    self_url: str
    updated: datetime
    entries: tuple[FeedEntry, ...]


def render_feed(
    session: Session,
    settings: Settings,
    *,
    site: str | None = None,
    kind: str | None = None,
    fmt: FeedFormat = "rss",
    self_url: str | None = None,
) -> str:
    """The feed as an XML document; `self_url` is where it is served (default: feed_url())."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}; choose from {', '.join(FORMATS)}")
    feed = read_feed(session, settings, site=site, kind=kind, self_url=self_url or feed_url(settings, site, kind, fmt))
    items = [(entry, render_template("feed/entry.html", entry=entry)) for entry in feed.entries]
    return _XML_INVALID.sub("", render_template(f"feed/{fmt}.xml", feed=feed, items=items))


def read_feed(session: Session, settings: Settings, *, site: str | None, kind: str | None, self_url: str) -> Feed:
    """The feed's entries, read from the outbox (newest first, at most [feed] max_items)."""
    filters = _filters(settings, site, kind)
    statement_ids = list(session.scalars(
        select(Event.statement_id).where(*filters).group_by(Event.statement_id)
        .order_by(func.max(Event.created_at).desc(), func.max(Event.id).desc()).limit(settings.feed.max_items)
    ))
    events = session.scalars(select(Event).where(Event.statement_id.in_(statement_ids)).order_by(Event.id)).all()
    by_statement: dict[int, list[Event]] = {}
    for event in events:
        by_statement.setdefault(event.statement_id, []).append(event)
    base = _base_url(settings)
    entries = tuple(_entry(base, statement_id, by_statement[statement_id]) for statement_id in statement_ids)
    return Feed(
        title=_feed_title(settings, site, kind),
        description=_feed_description(settings, site, kind),
        id=feed_url(settings, site, kind, "atom"),
        link=base + "/",
        self_url=self_url,
        updated=max((entry.updated for entry in entries), default=EPOCH),
        entries=entries,
    )


def feed_url(settings: Settings, site: str | None = None, kind: str | None = None, fmt: str = "rss") -> str:
    """Where the web front serves a feed: {base_url}/feed.rss?site=…&kind=…"""
    query = urlencode([(name, value) for name, value in (("site", site), ("kind", kind)) if value])
    return f"{_base_url(settings)}/feed.{fmt}" + (f"?{query}" if query else "")


def feed_last_modified(session: Session, settings: Settings, *, site: str | None = None,
                       kind: str | None = None) -> datetime | None:
    """When the newest event behind a feed was written (for Last-Modified); None for an empty feed."""
    return session.scalar(select(func.max(Event.created_at)).where(*_filters(settings, site, kind)))


def feed_etag(session: Session, settings: Settings, *, site: str | None = None, kind: str | None = None,
              fmt: str = "rss") -> str:
    """A strong ETag: changes whenever an event joins the feed or the feed's settings change."""
    # The count as well as the newest id: a transaction may commit a lower id after a higher one.
    count, newest = session.execute(
        select(func.count(Event.id), func.max(Event.id)).where(*_filters(settings, site, kind))
    ).one()
    parts = [str(count), str(newest), site or "", kind or "", fmt, str(settings.feed.max_items),
             settings.feed.title, settings.web.base_url]
    return '"' + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32] + '"'


def _filters(settings: Settings, site: str | None, kind: str | None) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if site is not None:
        settings.site(site)  # UnknownSiteError names the configured ids
        filters.append(Event.site_id == site)
    if kind is not None:
        types = event_types(kind)  # ValueError for an unknown kind
        if kind != "statements":
            filters.append(Event.statement_id.in_(select(Event.statement_id).where(Event.type.in_(types))))
    return filters


def _entry(base: str, statement_id: int, events: list[Event]) -> FeedEntry:
    latest = events[-1].payload  # a revision may have a new title
    findings: dict[str, list[FeedFinding]] = {kind: [] for kind in MENTION_KINDS}
    for event in events:
        if event.type in KIND_OF_TYPE:
            findings[KIND_OF_TYPE[event.type]].append(_finding(event.payload))
    published_on = latest.get("published")
    return FeedEntry(
        id=f"{base}/statements/{statement_id}",
        title=str(latest.get("title") or latest.get("url")),
        url=str(latest["url"]),
        site_id=events[-1].site_id,
        site_name=str(latest.get("site_name") or events[-1].site_id),
        published_on=published_on,
        version=max(int(event.payload.get("version", 1)) for event in events),
        published=_published(published_on, events[0].created_at),
        updated=max(event.created_at for event in events),
        agreements=tuple(findings["agreement"]),
        meetings=tuple(findings["meeting"]),
        figures=tuple(findings["figure"]),
    )


def _finding(payload: dict[str, Any]) -> FeedFinding:
    mention = payload.get("mention") or {}
    return FeedFinding(
        label=mention_label(mention, str(payload.get("kind"))),
        sentence=str(payload.get("sentence") or ""),
        change=mention_changes(payload.get("change"), mention),
    )


def _published(published_on: str | None, first_seen: datetime) -> datetime:
    """The site's publication date (at 00:00 UTC: sites give no time), else when it was first seen."""
    if not published_on:
        return first_seen
    try:
        return datetime.combine(date.fromisoformat(published_on), time(), tzinfo=UTC)
    except ValueError:
        return first_seen


def _feed_title(settings: Settings, site: str | None, kind: str | None) -> str:
    parts = [settings.feed.title]
    if site is not None:
        parts.append(settings.site(site).name)
    if kind is not None:
        parts.append(kind)
    return " — ".join(parts)


def _feed_description(settings: Settings, site: str | None, kind: str | None) -> str:
    what = {"agreements": "with new agreements", "meetings": "with new meetings", "figures": "with new figures"}
    scope = f" of {settings.site(site).name}" if site else ""
    return f"New and revised official statements{scope} {what.get(kind or '', '')}".strip()


def _base_url(settings: Settings) -> str:
    return settings.web.base_url.rstrip("/")
