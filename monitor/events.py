"""The events outbox: what happened, written in the same transaction as the rows that caused it.

Each event has a deterministic key under a unique constraint, so re-running a check (or
retrying one that crashed mid-way) never adds an event twice. Notifiers read events later.

Event types (past tense) and their keys:

    StatementPublished   statement:<statement id>:v1
    StatementRevised     statement:<statement id>:v<version number>
    AgreementMentioned   entity:<entity id>:new           a new agreement
    MeetingMentioned     entity:<entity id>:new           a new meeting
    FigureMentioned      entity:<entity id>:new           a new figure
    AgreementChanged     entity:<entity id>:v<version id> a known agreement whose status changed
    MeetingChanged       entity:<entity id>:v<version id> a known meeting whose date/place changed
    FigureChanged        entity:<entity id>:v<version id> a new value for a known figure's subject

Every payload carries the statement it came from:
    {"site": id, "site_name": str, "url": str, "title": str, "published": "YYYY-MM-DD"|None,
     "version": int}
and mention events add:
    {"kind": "agreement"|"meeting"|"figure", "mention": {... as `monitor extract --json`},
     "sentence": str, "first_seen": {"url", "published"}|None, "change": {...}|None}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from monitor.models import Event

STATEMENT_TYPES = ("StatementPublished", "StatementRevised")
MENTION_KINDS = ("agreement", "meeting", "figure")
NEW_TYPES = {"agreement": "AgreementMentioned", "meeting": "MeetingMentioned", "figure": "FigureMentioned"}
CHANGED_TYPES = {"agreement": "AgreementChanged", "meeting": "MeetingChanged", "figure": "FigureChanged"}
KIND_OF_TYPE = {t: k for k, t in NEW_TYPES.items()} | {t: k for k, t in CHANGED_TYPES.items()}


@dataclass(frozen=True, kw_only=True)
class StatementRef:
    """The statement an event is about, as every payload repeats it."""

    site: str
    site_name: str
    statement_id: int
    version_id: int
    version: int
    url: str
    title: str
    published: date | None

    def payload(self) -> dict[str, Any]:
        return {
            "site": self.site, "site_name": self.site_name, "url": self.url, "title": self.title,
            "published": self.published.isoformat() if self.published else None, "version": self.version,
        }


def statement_event(session: Session, ref: StatementRef, *, now: datetime, changes: dict[str, Any] | None) -> None:
    """StatementPublished for a first version, StatementRevised for a later one."""
    event_type = "StatementPublished" if ref.version == 1 else "StatementRevised"
    payload = ref.payload() | ({"changes": changes} if changes else {})
    add_event(session, key=f"statement:{ref.statement_id}:v{ref.version}", type=event_type, ref=ref,
              mention_id=None, payload=payload, now=now)


def mention_event(
    session: Session,
    ref: StatementRef,
    *,
    kind: str,
    entity_id: int,
    mention_id: int,
    mention: dict[str, Any],
    first_seen: dict[str, Any] | None,
    change: dict[str, Any] | None,
    now: datetime,
) -> None:
    """A new entity (…Mentioned) or a changed one (…Changed)."""
    if change is None:
        key, event_type = f"entity:{entity_id}:new", NEW_TYPES[kind]
    else:
        key, event_type = f"entity:{entity_id}:v{ref.version_id}", CHANGED_TYPES[kind]
    payload = ref.payload() | {
        "kind": kind, "mention": mention, "sentence": mention.get("sentence", ""),
        "first_seen": first_seen, "change": change,
    }
    add_event(session, key=key, type=event_type, ref=ref, mention_id=mention_id, payload=payload, now=now)


def add_event(
    session: Session, *, key: str, type: str, ref: StatementRef, mention_id: int | None,
    payload: dict[str, Any], now: datetime,
) -> None:
    """Insert unless an event with this key exists (the unique constraint decides, not this code)."""
    values = {
        "key": key, "type": type, "site_id": ref.site, "statement_id": ref.statement_id,
        "version_id": ref.version_id, "mention_id": mention_id, "created_at": now, "payload": payload,
    }
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(pg_insert(Event).values(**values).on_conflict_do_nothing(index_elements=["key"]))
    elif dialect == "sqlite":
        session.execute(sqlite_insert(Event).values(**values).on_conflict_do_nothing(index_elements=["key"]))
    elif session.scalar(select(Event.id).where(Event.key == key)) is None:
        session.add(Event(**values))
