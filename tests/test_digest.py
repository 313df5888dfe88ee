"""Digests through a real SMTP server: grouping, filters, timing, failures, and never sending twice."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.config import DigestSettings, Settings, load_settings
from monitor.db import Database
from monitor.digest import digest_due, latest_slot, pending_digest, render_digest, send_digests
from monitor.models import DeliveredEvent, Delivery, Event, Subscriber
from monitor.subscribers import Preferences, subscribe
from tests.conftest import run_cli
from tests.newsroom import (
    HOSTILE_TITLE,
    SITES,
    T0,
    add_sites,
    agreement,
    assert_expected,
    mention,
    publish,
    write_scenario,
)
from tests.smtpserver import Received, RunningSMTP, free_port, running_smtp

BASE = "https://monitor.example.org"
AFTER = T0 + timedelta(hours=4)  # after every scenario event
DIGEST = {"timezone": "Asia/Jakarta", "daily_time": "07:00", "weekly_day": "wednesday"}
EVERYTHING = "2 new agreements, 1 meeting, 3 figures, 2 statements, 1 revised statement — statement-monitor"


@pytest.fixture
def smtp() -> Iterator[RunningSMTP]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def settings(write_config: Any, smtp: RunningSMTP, database: Database) -> Settings:
    settings = load_settings(write_config(SITES, email=smtp.email_settings(), web={"base_url": BASE},
                                          digest=DIGEST))
    add_sites(database, settings)
    return settings


def confirmed(database: Database, settings: Settings, email: str, *, at: datetime = T0 - timedelta(hours=1),
              **preferences: Any) -> None:
    preferences.setdefault("frequency", "instant")
    subscribe(database, settings, email, Preferences(**preferences), now=at, confirmed=True)


def count(database: Database, model: type, **where: Any) -> int:
    with database.transaction() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)


def deliveries(database: Database) -> list[tuple[str, str, int]]:
    with database.transaction() as session:
        return [(d.recipient, d.status, d.event_count) for d in session.scalars(select(Delivery).order_by(Delivery.id))]


def subjects(messages: list[Received]) -> dict[str, str]:
    return {m.rcpt_tos[0]: str(m.message["Subject"]) for m in messages}


def test_one_email_groups_every_pending_event(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    [outcome] = send_digests(database, settings, now=AFTER)
    assert (outcome.email, outcome.status, outcome.event_count, outcome.subject) == (
        "alice@example.org", "sent", 9, EVERYTHING)
    [received] = smtp.messages
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == EVERYTHING
    assert message["From"] == "statement-monitor <monitor@example.org>"
    with database.transaction() as session:
        token = session.scalars(select(Subscriber.unsubscribe_token)).one()
    assert message["List-Unsubscribe"] == (f"<{BASE}/unsubscribe/{token}>, "
                                           f"<mailto:monitor@example.org?subject=unsubscribe%20{token}>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = received.part("plain"), received.part("html")
    for sentence in ("The two sides signed the Memorandum of Understanding on Maritime Cooperation.",
                     "Wang Yi held talks with Retno Marsudi in Jakarta on 16 April.",
                     "China will raise its development assistance to US$2 billion."):
        assert sentence in text
        assert sentence in html
    assert "previously 1,500,000,000 USD" in text
    assert "https://mfa.example.org/statements/talks.html" in text
    assert 'href="https://asean.example.org/statements/climate.html"' in html
    assert HOSTILE_TITLE in text
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert f'href="{BASE}/unsubscribe/{token}"' in html
    assert text.index("NEW AGREEMENTS (2)") < text.index("NEW MEETINGS (1)") < text.index("NEW FIGURES (3)") \
        < text.index("NEW STATEMENTS (2)") < text.index("REVISED STATEMENTS (1)")
    assert deliveries(database) == [("alice@example.org", "sent", 9)]
    assert count(database, DeliveredEvent) == count(database, Event) == 9
    with database.transaction() as session:
        assert session.scalars(select(Subscriber.last_digest_at)).one() == AFTER


def test_nothing_is_sent_twice_and_new_events_go_in_the_next_digest(database: Database, settings: Settings,
                                                                    smtp: RunningSMTP) -> None:
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    send_digests(database, settings, now=AFTER)
    assert send_digests(database, settings, now=AFTER + timedelta(minutes=5)) == []
    with database.transaction() as session:
        ref = publish(session, "asean", slug="later", title="Later statement", published=None,
                      now=AFTER + timedelta(minutes=6))
        mention(session, ref, "agreement", agreement("Work Plan 2025", "They adopted the Work Plan 2025.",
                                                     status="adopted"), now=AFTER + timedelta(minutes=6))
    [outcome] = send_digests(database, settings, now=AFTER + timedelta(minutes=10))
    assert outcome.subject == "1 new agreement, 1 statement — statement-monitor"
    assert len(smtp.messages) == 2
    assert "Work Plan 2025" in smtp.messages[1].part("plain")
    assert "Memorandum of Understanding" not in smtp.messages[1].part("plain")


def test_preferences_choose_the_events(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "asean@example.org", sites=("asean",))
    confirmed(database, settings, "figures@example.org", kinds=("figures",))
    confirmed(database, settings, "maritime@example.org", keywords=("MARITIME",))
    confirmed(database, settings, "marsudi@example.org", kinds=("meetings", "figures"), keywords=("marsudi",))
    confirmed(database, settings, "mfa-statements@example.org", sites=("mfa",), kinds=("statements",))
    write_scenario(database)
    send_digests(database, settings, now=AFTER)
    assert subjects(smtp.messages) == {
        "asean@example.org": "1 new agreement, 1 figure, 1 statement — statement-monitor",
        "figures@example.org": "3 new figures — statement-monitor",
        "maritime@example.org": "1 new agreement — statement-monitor",
        # The meeting names Marsudi; the two figures come from a statement whose title does.
        "marsudi@example.org": "1 new meeting, 2 figures — statement-monitor",
        "mfa-statements@example.org": "1 new statement, 1 revised statement — statement-monitor",
    }


def test_events_before_confirmation_are_not_sent(database: Database, settings: Settings,
                                                 smtp: RunningSMTP) -> None:
    confirmed(database, settings, "late@example.org", at=T0 + timedelta(hours=2))
    write_scenario(database)
    [outcome] = send_digests(database, settings, now=AFTER)
    assert outcome.subject == "1 new figure, 1 revised statement — statement-monitor"


def test_pending_and_unsubscribed_subscribers_get_nothing(database: Database, settings: Settings,
                                                          smtp: RunningSMTP) -> None:
    subscribe(database, settings, "pending@example.org", Preferences(frequency="instant"), now=T0 - timedelta(hours=1))
    confirmed(database, settings, "gone@example.org")
    assert run_cli("--config", str(settings.path), "unsubscribe", "gone@example.org").exit_code == 0
    write_scenario(database)
    assert send_digests(database, settings, now=AFTER) == []
    assert [m.message["Subject"] for m in smtp.messages] == ["Confirm your subscription — statement-monitor"]


def test_an_empty_digest_is_not_sent(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "alice@example.org", sites=("asean",))
    with database.transaction() as session:
        publish(session, "mfa", slug="other", title="Other site", published=None, now=T0)
    assert send_digests(database, settings, now=AFTER) == []
    assert smtp.messages == []
    assert deliveries(database) == []


def test_a_temporary_refusal_loses_nothing(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    smtp.handler.data_replies.append("451 4.3.0 try later")
    [failed] = send_digests(database, settings, now=AFTER)
    assert failed.status == "failed"
    assert "451 4.3.0 try later" in (failed.error or "")
    assert smtp.messages == []
    assert count(database, DeliveredEvent) == 0
    [sent] = send_digests(database, settings, now=AFTER + timedelta(minutes=5))
    assert (sent.status, sent.event_count, sent.subject) == ("sent", 9, EVERYTHING)
    assert send_digests(database, settings, now=AFTER + timedelta(minutes=10)) == []
    assert len(smtp.messages) == 1
    assert deliveries(database) == [("alice@example.org", "failed", 9), ("alice@example.org", "sent", 9)]


def test_a_server_that_is_down_then_recovers_loses_nothing(database: Database, write_config: Any) -> None:
    port = free_port()
    settings = load_settings(write_config(SITES, email={"backend": "smtp", "smtp_host": "127.0.0.1",
                                                        "smtp_port": port, "smtp_timeout": 5.0}))
    add_sites(database, settings)
    confirmed(database, settings, "alice@example.org")
    confirmed(database, settings, "bob@example.org", kinds=("meetings",))
    write_scenario(database)
    outcomes = send_digests(database, settings, now=AFTER)
    assert [(o.email, o.status) for o in outcomes] == [("alice@example.org", "failed"), ("bob@example.org", "failed")]
    assert all(f"127.0.0.1:{port}" in (o.error or "") for o in outcomes)
    with running_smtp(port=port) as smtp:
        outcomes = send_digests(database, settings, now=AFTER + timedelta(minutes=5))
        assert [(o.email, o.status, o.event_count) for o in outcomes] == [
            ("alice@example.org", "sent", 9), ("bob@example.org", "sent", 1)]
        assert send_digests(database, settings, now=AFTER + timedelta(minutes=10)) == []
    assert subjects(smtp.messages) == {"alice@example.org": EVERYTHING,
                                       "bob@example.org": "1 new meeting — statement-monitor"}
    assert len(smtp.messages) == 2


def test_a_permanent_refusal_is_recorded_shown_and_retried_only_a_day_later(
        database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "gone@example.org")
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    smtp.refuse_recipient["gone@example.org"] = "550 5.1.1 no such user"
    outcomes = send_digests(database, settings, now=AFTER)
    assert [(o.email, o.status) for o in outcomes] == [("gone@example.org", "refused"), ("alice@example.org", "sent")]
    result = run_cli("--config", str(settings.path), "subscribers")
    [line] = [line for line in result.stdout.splitlines() if line.startswith("gone@example.org")]
    assert "digest refused" in line
    assert "550 5.1.1 no such user" in line
    assert send_digests(database, settings, now=AFTER + timedelta(hours=1)) == []
    del smtp.refuse_recipient["gone@example.org"]
    [retried] = send_digests(database, settings, now=AFTER + timedelta(days=1))
    assert (retried.email, retried.status, retried.event_count) == ("gone@example.org", "sent", 9)
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == ["alice@example.org", "gone@example.org"]


def test_dry_run_sends_and_records_nothing(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    [outcome] = send_digests(database, settings, now=AFTER, dry_run=True)
    assert (outcome.status, outcome.subject, outcome.event_count) == ("dry-run", EVERYTHING, 9)
    assert "Memorandum of Understanding on Maritime Cooperation" in outcome.text
    assert smtp.messages == []
    assert deliveries(database) == []
    assert count(database, DeliveredEvent) == 0
    with database.transaction() as session:
        assert session.scalars(select(Subscriber.last_digest_at)).one() is None
    assert [o.status for o in send_digests(database, settings, now=AFTER)] == ["sent"]


def test_max_items_bounds_an_email_and_the_rest_waits(database: Database, write_config: Any,
                                                      smtp: RunningSMTP) -> None:
    settings = load_settings(write_config(SITES, email=smtp.email_settings(), digest={"max_items": 5}))
    add_sites(database, settings)
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    first = send_digests(database, settings, now=AFTER)
    second = send_digests(database, settings, now=AFTER + timedelta(minutes=5))
    assert [o.event_count for o in first + second] == [5, 4]
    assert "4 more findings wait for the next digest." in smtp.messages[0].part("plain")
    assert "more finding" not in smtp.messages[1].part("plain")
    with database.transaction() as session:
        delivered = session.scalars(select(DeliveredEvent.event_id).order_by(DeliveredEvent.event_id)).all()
    assert delivered == list(range(1, 10))


@pytest.mark.parametrize(("frequency", "since", "now", "due"), [
    ("instant", "2024-04-16 01:59", "2024-04-16 02:00", True),
    # Asia/Jakarta is UTC+7: 07:00 there is 00:00 UTC.
    ("daily", None, "2024-04-16 00:00", True),
    ("daily", "2024-04-15 23:00", "2024-04-15 23:59", False),
    ("daily", "2024-04-15 23:00", "2024-04-16 00:00", True),
    ("daily", "2024-04-16 00:05", "2024-04-16 23:59", False),
    ("daily", "2024-04-16 00:05", "2024-04-17 00:00", True),
    # 2024-04-17 is a Wednesday (the configured weekly_day).
    ("weekly", "2024-04-16 00:00", "2024-04-16 23:59", False),
    ("weekly", "2024-04-16 00:00", "2024-04-17 00:00", True),
    ("weekly", "2024-04-17 00:01", "2024-04-23 23:59", False),
    ("weekly", "2024-04-17 00:01", "2024-04-24 00:00", True),
])
def test_when_a_digest_is_due(frequency: str, since: str | None, now: str, due: bool) -> None:
    def utc(text: str) -> datetime:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)

    settings = DigestSettings(**DIGEST)  # type: ignore[arg-type]
    assert digest_due(frequency, since=utc(since) if since else None, now=utc(now), settings=settings) is due


def test_latest_slot_follows_daylight_saving_time() -> None:
    settings = DigestSettings(timezone="Europe/Berlin", daily_time="07:00")
    assert latest_slot("daily", now=datetime(2024, 3, 30, 12, tzinfo=UTC), settings=settings) == \
        datetime(2024, 3, 30, 6, tzinfo=UTC)  # CET, UTC+1
    assert latest_slot("daily", now=datetime(2024, 4, 1, 12, tzinfo=UTC), settings=settings) == \
        datetime(2024, 4, 1, 5, tzinfo=UTC)  # CEST, UTC+2


def test_daily_digest_waits_for_its_time(database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    confirmed(database, settings, "daily@example.org", frequency="daily", at=T0 - timedelta(hours=1))
    write_scenario(database)
    # T0 is 09:00 in Jakarta; the next 07:00 there is 2024-04-17 00:00 UTC.
    assert send_digests(database, settings, now=datetime(2024, 4, 16, 23, 59, tzinfo=UTC)) == []
    [outcome] = send_digests(database, settings, now=datetime(2024, 4, 17, 0, 0, tzinfo=UTC))
    assert outcome.event_count == 9
    with database.transaction() as session:
        ref = publish(session, "mfa", slug="next", title="Next", published=None,
                      now=datetime(2024, 4, 17, 1, tzinfo=UTC))
    assert send_digests(database, settings, now=datetime(2024, 4, 17, 16, tzinfo=UTC)) == []
    [outcome] = send_digests(database, settings, now=datetime(2024, 4, 18, 0, 1, tzinfo=UTC))
    assert outcome.subject == "1 new statement — statement-monitor"
    assert ref.title in smtp.messages[1].part("plain")


def test_an_empty_daily_digest_does_not_go_out_with_the_next_event(database: Database, settings: Settings,
                                                                     smtp: RunningSMTP) -> None:
    confirmed(database, settings, "daily@example.org", frequency="daily", at=T0 - timedelta(days=1))
    assert send_digests(database, settings, now=datetime(2024, 4, 16, 0, 0, tzinfo=UTC)) == []  # 07:00, nothing yet
    write_scenario(database)  # 09:00-12:00 in Jakarta
    assert send_digests(database, settings, now=AFTER) == []
    [outcome] = send_digests(database, settings, now=datetime(2024, 4, 17, 0, 0, tzinfo=UTC))
    assert outcome.event_count == 9
    assert len(smtp.messages) == 1


def test_two_processes_at_once_never_send_twice(database: Database, settings: Settings,
                                                smtp: RunningSMTP) -> None:
    emails = [f"reader{n}@example.org" for n in range(4)]
    for email in emails:
        confirmed(database, settings, email)
    write_scenario(database)
    smtp.handler.delay = 0.2  # each send holds its claim a while, so the two runs overlap
    second = Database(database.url)  # another engine: a separate pool, like another process
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = [pool.submit(send_digests, db, settings, now=AFTER) for db in (database, second)]
            outcomes = [outcome for run in runs for outcome in run.result(timeout=60)]
    finally:
        second.close()
    assert sorted(o.email for o in outcomes) == emails
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == emails
    assert count(database, Delivery) == 4
    assert count(database, DeliveredEvent) == 4 * 9


def test_digest_email_matches_the_expected_files(database: Database, settings: Settings) -> None:
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    with database.transaction() as session:
        subscriber = session.scalars(select(Subscriber)).one()
        digest = pending_digest(session, subscriber, limit=200)
    email = render_digest(settings, digest, email="alice@example.org", frequency="instant",
                          unsubscribe_token="UNSUBSCRIBE-TOKEN", now=AFTER)
    assert email.subject == EVERYTHING
    assert_expected("digest.txt", email.text)
    assert_expected("digest.html", email.html or "")


def test_digest_command(database: Database, write_config: Any, tmp_path: Path) -> None:
    config = write_config(SITES, email={"backend": "file", "outbox": str(tmp_path / "outbox")})
    settings = load_settings(config)
    add_sites(database, settings)
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    result = run_cli("--config", str(config), "digest", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"dry-run  alice@example.org  9 events  {EVERYTHING}" in result.stdout
    assert "NEW AGREEMENTS (2)" in result.stdout
    assert not (tmp_path / "outbox").exists()
    result = run_cli("--config", str(config), "digest")
    assert result.exit_code == 0, result.output
    assert f"sent     alice@example.org  9 events  {EVERYTHING}" in result.stdout
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    assert run_cli("--config", str(config), "digest").stdout == "no digest due\n"


def test_digest_command_fails_when_the_server_is_down(database: Database, write_config: Any) -> None:
    config = write_config(SITES, email={"backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": free_port()})
    settings = load_settings(config)
    add_sites(database, settings)
    confirmed(database, settings, "alice@example.org")
    write_scenario(database)
    result = run_cli("--config", str(config), "digest")
    assert result.exit_code == 1
    assert "failed   alice@example.org" in result.stdout
