"""A fetched statement through store → diff → extract → novelty → events, inside the check's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.config import SiteSettings
from monitor.events import StatementRef, mention_event, statement_event
from monitor.extract import extract_statement
from monitor.extract.places import principal_countries
from monitor.models import Mention, Statement, StatementVersion
from monitor.novelty import Memory, Origin
from monitor.records import Article, FetchedPage
from monitor.store import Stored, store_article

KINDS = (("agreement", "agreements"), ("meeting", "meetings"), ("figure", "figures"))


def record_statement(session: Session, site: SiteSettings, article: Article, page: FetchedPage, now: datetime,
                     *, source_url: str, listing_position: int,
                     extraction: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any] | None:
    """Store the article; for a new or revised text, its mentions and events. None when unchanged."""
    stored = store_article(session, site.id, article, page, now, source_url=source_url,
                           listing_position=listing_position)
    statement = stored.statement
    if stored.version is None:
        return None
    memory = _memory(session)
    ref = _ref(site, statement, stored.version)
    statement_event(session, ref, now=now, changes=stored.version.changes)
    mentions = _extract_and_resolve(session, memory, ref, stored, now, extraction)
    return {"url": statement.url, "title": statement.title,
            "published": statement.published.isoformat() if statement.published else None,
            "status": stored.status, "text": stored.version.text, **mentions}


def _memory(session: Session) -> Memory:
    """One Memory per session: later statements of a check see the entities of earlier ones."""
    memory = session.info.get("memory")
    if not isinstance(memory, Memory):
        memory = Memory(session)
        session.info["memory"] = memory
    return memory


def _ref(site: SiteSettings, statement: Statement, version: StatementVersion) -> StatementRef:
    return StatementRef(site=site.id, site_name=site.name, statement_id=statement.id, version_id=version.id,
                        version=version.number, url=statement.url, title=statement.title,
                        published=statement.published)


def _extract_and_resolve(session: Session, memory: Memory, ref: StatementRef, stored: Stored, now: datetime,
                         extraction: dict[str, list[dict[str, Any]]] | None) -> dict[str, list[dict[str, Any]]]:
    assert stored.version is not None
    if extraction is None:  # not precomputed by a worker process
        extraction = extract_statement(ref.title, stored.version.text, published=ref.published).to_json()
    origin = Origin(statement_id=ref.statement_id, url=ref.url, published=ref.published, now=now)
    countries = principal_countries(ref.title, stored.version.text)
    # a meeting's statement is about the countries of the people in it: "the Philippine Secretary"
    meeting_countries = principal_countries(ref.title, stored.version.text, adjectives=True)
    previous = _previous_mentions(session, ref) if ref.version > 1 else {}
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[int, object]] = set()  # one item per thing (and per value of a figure) per statement
    for kind, plural in KINDS:
        out[plural] = []
        for mention in extraction[plural]:
            earlier = previous.get(mention_identity(kind, mention))
            resolution = (memory.recall(earlier, origin) if earlier is not None and earlier in memory.entities
                          else memory.resolve(kind, _probe(kind, mention, countries, meeting_countries), origin))
            key = (resolution.entity_id, mention.get("value") if kind == "figure" else None)
            if key in seen:
                continue
            seen.add(key)
            row = Mention(version_id=ref.version_id, kind=kind, ordinal=len(out[plural]), data=mention,
                          sentence=mention.get("sentence", ""), entity_id=resolution.entity_id,
                          is_new=resolution.is_new, change=resolution.change)
            session.add(row)
            session.flush()
            if resolution.is_new or resolution.change:
                mention_event(session, ref, kind=kind, entity_id=resolution.entity_id, mention_id=row.id,
                              mention=mention, first_seen=resolution.first_seen, change=resolution.change, now=now)
            out[plural].append(_flagged(mention, resolution.is_new, resolution.first_seen, resolution.change))
    return out


def _probe(kind: str, mention: dict[str, Any], countries: list[str], meeting_countries: list[str]) -> dict[str, Any]:
    """The mention as memory compares it: with the countries the statement is about."""
    if kind == "meeting" and meeting_countries:
        return {**mention, "countries": meeting_countries}  # which pair's "fifth Joint Commission"
    if kind == "agreement" and countries:
        # "the two sides signed an MoU": between the statement's countries too
        return {**mention, "parties": list(dict.fromkeys([*(mention.get("parties") or []), *countries]))}
    return mention


def mention_identity(kind: str, mention: dict[str, Any]) -> tuple[str, str]:
    """What makes two mentions in two versions of one statement the same mention."""
    if kind == "figure":
        return kind, f"{mention.get('value')}|{mention.get('unit')}|{mention.get('text')}"
    return kind, " ".join(str(mention.get("name", "")).lower().split())


def _previous_mentions(session: Session, ref: StatementRef) -> dict[tuple[str, str], int]:
    """Mentions of the statement's previous version → their entities (a revision re-states them)."""
    rows = session.execute(
        select(Mention.kind, Mention.data, Mention.entity_id)
        .join(StatementVersion, StatementVersion.id == Mention.version_id)
        .where(StatementVersion.statement_id == ref.statement_id, StatementVersion.number == ref.version - 1)
    ).all()
    return {mention_identity(kind, data): entity_id for kind, data, entity_id in rows if entity_id is not None}


def _flagged(mention: dict[str, Any], is_new: bool, first_seen: dict[str, Any] | None,
             change: dict[str, Any] | None) -> dict[str, Any]:
    flagged = dict(mention) | {"new": is_new}
    if first_seen is not None:
        flagged["first_seen"] = first_seen
    if change is not None:
        flagged["change"] = change
    return flagged
