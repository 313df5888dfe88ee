"""Statements, mentions and their events written the way the pipeline writes them, for notify tests.

Rows go in through the models; events through `monitor.events` (statement_event /
mention_event), so feeds and digests read exactly what a real check leaves in the outbox.
`write_scenario()` is the fixed set of events behind the expected files in tests/expected/.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.db import Database
from monitor.events import StatementRef, mention_event, statement_event
from monitor.models import Entity, Mention, Statement, StatementVersion
from monitor.sites import sync_sites

SITES = [
    {"id": "mfa", "name": "Ministry of Foreign Affairs", "url": "http://127.0.0.1:9/mfa/"},
    {"id": "asean", "name": "ASEAN Secretariat", "url": "http://127.0.0.1:9/asean/"},
]
SITE_NAMES = {site["id"]: site["name"] for site in SITES}
T0 = datetime(2024, 4, 16, 2, 0, tzinfo=UTC)
EXPECTED = Path(__file__).parent / "expected"
UPDATE_ENV = "MONITOR_UPDATE_EXPECTED"
HOSTILE_TITLE = 'ASEAN & Japan adopt "Joint Statement" on <script>alert(\'x\')</script> climate'


def assert_expected(name: str, actual: str) -> None:
    """Compare with tests/expected/<name>; MONITOR_UPDATE_EXPECTED=1 rewrites the file instead (review the diff)."""
    path = EXPECTED / name
    if os.environ.get(UPDATE_ENV) == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; {UPDATE_ENV}=1 rewrites it"


def add_sites(database: Database, settings: Settings) -> None:
    with database.transaction() as session:
        sync_sites(session, settings)


def publish(session: Session, site: str, *, slug: str, title: str, published: date | None, now: datetime,
            text: str = "Text of the statement.") -> StatementRef:
    """A new statement, its first version and StatementPublished."""
    url = f"https://{site}.example.org/statements/{slug}.html"
    statement = Statement(site_id=site, url=url, source_url=url, title=title, published=published,
                          first_seen_at=now, last_fetched_at=now)
    session.add(statement)
    session.flush()
    ref = StatementRef(site=site, site_name=SITE_NAMES[site], statement_id=statement.id,
                       version_id=_add_version(session, statement.id, 1, title, text, now, None),
                       version=1, url=url, title=title, published=published)
    statement_event(session, ref, now=now, changes=None)
    return ref


def revise(session: Session, ref: StatementRef, *, now: datetime, changes: dict[str, Any],
           title: str | None = None, text: str = "Revised text.") -> StatementRef:
    """A new version of a known statement and StatementRevised."""
    statement = session.get(Statement, ref.statement_id)
    assert statement is not None
    statement.version_count = ref.version + 1
    if title is not None:
        statement.title = title
    version_id = _add_version(session, ref.statement_id, ref.version + 1, title or ref.title, text, now, changes)
    revised = replace(ref, version_id=version_id, version=ref.version + 1, title=title or ref.title)
    statement_event(session, revised, now=now, changes=changes)
    return revised


def _add_version(session: Session, statement_id: int, number: int, title: str, text: str, now: datetime,
                 changes: dict[str, Any] | None) -> int:
    version = StatementVersion(statement_id=statement_id, number=number, title=title, text=text,
                               content_hash=hashlib.sha256(text.encode()).hexdigest(), fetched_at=now,
                               changes=changes)
    session.add(version)
    session.flush()
    return version.id


def mention(session: Session, ref: StatementRef, kind: str, data: dict[str, Any], *, now: datetime,
            known: int | None = None, change: dict[str, Any] | None = None) -> int:
    """A mention of a new entity (…Mentioned) or, with `known` and `change`, of a changed one (…Changed)."""
    entity_id = known if known is not None else _add_entity(session, ref, kind, data, now)
    ordinal = session.scalar(select(func.count()).select_from(Mention).where(
        Mention.version_id == ref.version_id, Mention.kind == kind)) or 0
    row = Mention(version_id=ref.version_id, kind=kind, ordinal=ordinal, data=data, sentence=data["sentence"],
                  entity_id=entity_id, is_new=known is None or kind == "figure", change=change)
    session.add(row)
    session.flush()
    first_seen = None if known is None else {"url": ref.url, "published": None}
    mention_event(session, ref, kind=kind, entity_id=entity_id, mention_id=row.id, mention=data,
                  first_seen=first_seen, change=change, now=now)
    return entity_id


def _add_entity(session: Session, ref: StatementRef, kind: str, data: dict[str, Any], now: datetime) -> int:
    name = str(data.get("name") or data.get("subject"))
    entity = Entity(kind=kind, key=name.lower()[:500], name=name, data=data, first_statement_id=ref.statement_id,
                    first_url=ref.url, first_published=ref.published, first_seen_at=now, last_seen_at=now)
    session.add(entity)
    session.flush()
    return entity.id


def agreement(name: str, sentence: str, *, status: str = "signed", parties: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "kind": "mou", "status": status, "parties": list(parties), "aliases": [],
            "sentence": sentence}


def meeting(name: str, sentence: str, *, place: str | None = None, when: str | None = None,
            participants: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "kind": "talks", "participants": list(participants), "place": place, "date": when,
            "sentence": sentence}


def figure(text: str, value: float, unit: str, subject: str, sentence: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "text": text, "subject": subject, "sentence": sentence}


def write_scenario(database: Database) -> dict[str, StatementRef]:
    """The fixed events behind tests/expected/: two sites, three statements, one revision."""
    with database.transaction() as session:
        talks = publish(session, "mfa", slug="talks", published=date(2024, 4, 16), now=T0,
                        title="Wang Yi Holds Talks with Indonesian Foreign Minister Retno Marsudi")
        mention(session, talks, "agreement", agreement(
            "Memorandum of Understanding on Maritime Cooperation",
            "The two sides signed the Memorandum of Understanding on Maritime Cooperation.",
            parties=("China", "Indonesia")), now=T0)
        mention(session, talks, "meeting", meeting(
            "talks between the foreign ministers of China and Indonesia",
            "Wang Yi held talks with Retno Marsudi in Jakarta on 16 April.",
            place="Jakarta", when="2024-04-16", participants=("Wang Yi", "Retno Marsudi")), now=T0)
        aid = mention(session, talks, "figure", figure(
            "US$1.5 billion", 1_500_000_000, "USD", "development assistance",
            "China will provide US$1.5 billion in development assistance."), now=T0)
    later = T0 + timedelta(hours=1)
    with database.transaction() as session:
        climate = publish(session, "asean", slug="climate", published=date(2024, 4, 16), now=later,
                          title=HOSTILE_TITLE)
        mention(session, climate, "agreement", agreement(
            "ASEAN-Japan Joint Statement on Climate Action",
            'Leaders adopted the "ASEAN-Japan Joint Statement on Climate Action" & its annex.',
            status="adopted"), now=later)
        mention(session, climate, "figure", figure(
            "15%", 15, "percent", "growth of ASEAN-Japan trade",
            "Trade between ASEAN and Japan grew by 15% in 2023."), now=later)
    latest = T0 + timedelta(hours=3)
    with database.transaction() as session:
        revised = revise(session, talks, now=latest, changes={
            "added": ["China will raise its development assistance to US$2 billion."],
            "removed": [], "changed": [], "typo_only": False})
        mention(session, revised, "figure", figure(
            "US$2 billion", 2_000_000_000, "USD", "development assistance",
            "China will raise its development assistance to US$2 billion."), now=latest, known=aid,
            change={"value": {"from": 1_500_000_000, "to": 2_000_000_000}})
    return {"talks": revised, "climate": climate}
