"""`monitor demo`: the whole service on bundled statements, with no network and no mail server."""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

import feedparser
from sqlalchemy import select

from monitor.db import open_database
from monitor.models import Event, Mention, Statement, StatementVersion
from tests.conftest import run_cli


def test_demo_runs_the_pipeline_and_leaves_feeds_digests_and_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run_cli("demo", "--dir", str(folder), "--no-serve", "--port", "0")
    assert result.exit_code == 0, result.output
    assert "revised" in result.stdout  # statement 03 is revised the day after it appeared
    feed = feedparser.parse((folder / "feed.xml").read_text(encoding="utf-8"))
    assert feed.bozo == 0
    assert len(feed.entries) == 8  # one entry per statement; the revision updates its entry
    atom = feedparser.parse((folder / "atom.xml").read_text(encoding="utf-8"))
    assert atom.bozo == 0
    emails = sorted((folder / "outbox").glob("*.eml"))
    assert len(emails) >= 8
    digest = message_from_bytes(emails[-1].read_bytes())
    assert digest["To"] == "reader@example.org"
    assert digest.get_content_type() == "multipart/alternative"
    database = open_database(f"sqlite:///{folder / 'monitor.db'}")
    with database.transaction() as session:
        assert len(session.scalars(select(Statement)).all()) == 8
        assert len(session.scalars(select(StatementVersion)).all()) == 9
        changes = [m.change for m in session.scalars(select(Mention).where(Mention.change.is_not(None)))]
        types = {e.type for e in session.scalars(select(Event))}
    database.close()
    assert {"StatementPublished", "StatementRevised", "AgreementMentioned", "MeetingMentioned",
            "FigureMentioned", "AgreementChanged"} <= types
    # The digital economy MoU is planned in the first statement, its text agreed in the third
    # (the press briefing), and it is signed in the fourth.
    assert {"status": {"from": "planned", "to": "agreed"}} in changes
    assert {"status": {"from": "agreed", "to": "signed"}} in changes


def test_demo_story_flags(tmp_path: Path) -> None:
    """Repeats in other words are known; the planned MoU's signing is a change; RCEP is one agreement."""
    folder = tmp_path / "demo"
    assert run_cli("demo", "--dir", str(folder), "--no-serve", "--port", "0").exit_code == 0
    database = open_database(f"sqlite:///{folder / 'monitor.db'}")
    with database.transaction() as session:
        rows = session.execute(
            select(Statement.url, Mention.kind, Mention.data, Mention.is_new)
            .join(StatementVersion, StatementVersion.statement_id == Statement.id)
            .join(Mention, Mention.version_id == StatementVersion.id)
            .where(StatementVersion.number == 1)
        ).all()
    database.close()
    by_doc: dict[str, list[tuple[str, dict[str, object], bool]]] = {}
    for url, kind, data, is_new in rows:
        number = url.rsplit("_", 1)[-1].removesuffix(".html")
        by_doc.setdefault(number, []).append((kind, data, is_new))

    def flags(number: str, kind: str, needle: str) -> set[bool]:
        return {new for k, data, new in by_doc[number]
                if k == kind and needle.lower() in str(data.get("name") or data.get("text")).lower()}

    assert flags("01", "agreement", "RCEP") == {True}
    assert flags("02", "agreement", "Regional Comprehensive Economic Partnership") == {False}
    assert flags("01", "figure", "16.8 billion") == {True}
    assert flags("02", "figure", "16.8 billion") == {False}
    assert flags("07", "figure", "16.8 billion") == {False}  # quoted again after other trade figures
