"""Subscribers: double opt-in through a real SMTP server, preferences, unsubscription, the commands."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from monitor.config import Settings, load_settings
from monitor.db import Database
from monitor.errors import DeliveryError, UnknownSiteError
from monitor.models import Delivery, Subscriber
from monitor.subscribers import (
    Preferences,
    confirm,
    list_subscribers,
    new_link_token,
    subscribe,
    unsubscribe,
    validate_address,
)
from monitor.templating import render_template
from tests.conftest import run_cli
from tests.newsroom import SITES, T0, add_sites, assert_expected
from tests.smtpserver import RunningSMTP, free_port, running_smtp

BASE = "https://monitor.example.org"


@pytest.fixture
def smtp() -> Iterator[RunningSMTP]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def config(write_config: Any, smtp: RunningSMTP) -> Path:
    path: Path = write_config(SITES, email=smtp.email_settings(), web={"base_url": BASE})
    return path


@pytest.fixture
def settings(config: Path, database: Database) -> Settings:
    settings = load_settings(config)
    add_sites(database, settings)
    return settings


def subscriber(database: Database, email: str) -> Subscriber:
    with database.transaction() as session:
        return session.scalars(select(Subscriber).where(Subscriber.email == email)).one()


@pytest.mark.parametrize(("given", "normalised"), [
    ("alice@example.org", "alice@example.org"),
    ("  Alice.Smith+news@Example.ORG ", "Alice.Smith+news@example.org"),
    ("o'brien@mail.gov.ie", "o'brien@mail.gov.ie"),
    ("user@bücher.de", "user@xn--bcher-kva.de"),
])
def test_valid_addresses_are_normalised(given: str, normalised: str) -> None:
    assert validate_address(given) == normalised


@pytest.mark.parametrize(("given", "problem"), [
    ("", "is empty"),
    ("alice.example.org", "has no '@'"),
    ("alice@@example.org", "more than one '@'"),
    ("@example.org", "nothing before the '@'"),
    ("alice@", "nothing after the '@'"),
    (".alice@example.org", "the part before the '@'"),
    ("al..ice@example.org", "the part before the '@'"),
    ("al ice@example.org", "without a display name"),
    ("Alice <alice@example.org>", "without a display name"),
    ("alice@example", "has no dot"),
    ("alice@-example.org", "part '-example'"),
    ("alice@exa_mple.org", "part 'exa_mple'"),
    ("alice@example..org", "has an empty part"),
    ("alice@example.org.", "has an empty part"),
    ("alice@192.168.0.1", "IP address"),
    ("alice@example.org\r\nBcc: victim@example.org", "without a display name"),
    ("x" * 65 + "@example.org", "longer than 64"),
])
def test_malformed_addresses_say_which_part_is_wrong(given: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        validate_address(given)


def test_subscribe_sends_a_confirmation_link_and_nothing_else(database: Database, settings: Settings,
                                                              smtp: RunningSMTP) -> None:
    result = subscribe(database, settings, "alice@example.org", Preferences(frequency="weekly", sites=("mfa",)),
                       now=T0)
    assert (result.status, result.created, result.confirmation_sent) == ("pending", True, True)
    row = subscriber(database, "alice@example.org")
    assert row.status == "pending"
    assert row.confirmed_at is None
    assert len(row.confirm_token) >= 43
    assert len(row.unsubscribe_token) >= 43
    assert row.confirm_token != row.unsubscribe_token
    [received] = smtp.messages
    assert received.rcpt_tos == ("alice@example.org",)
    assert received.message["Subject"] == "Confirm your subscription — statement-monitor"
    link = f"{BASE}/confirm/{row.confirm_token}"
    assert link in received.part("plain")
    assert f'href="{link}"' in received.part("html")
    assert "Ministry of Foreign Affairs" in received.part("plain")
    with database.transaction() as session:
        [delivery] = session.scalars(select(Delivery)).all()
    assert (delivery.purpose, delivery.status, delivery.recipient) == ("confirmation", "sent", "alice@example.org")
    assert delivery.message_id == received.message["Message-ID"]


def test_confirm_with_the_token_confirms_once(database: Database, settings: Settings) -> None:
    subscribe(database, settings, "alice@example.org", Preferences(), now=T0)
    token = subscriber(database, "alice@example.org").confirm_token
    assert confirm(database, "not-the-token", now=T0) is None
    assert confirm(database, "", now=T0) is None
    assert confirm(database, token, now=T0 + timedelta(minutes=5)) == "alice@example.org"
    assert confirm(database, token, now=T0 + timedelta(days=1)) == "alice@example.org"
    row = subscriber(database, "alice@example.org")
    assert row.status == "confirmed"
    assert row.confirmed_at == T0 + timedelta(minutes=5)


def test_subscribing_again_updates_preferences(database: Database, settings: Settings,
                                               smtp: RunningSMTP) -> None:
    subscribe(database, settings, "alice@example.org", Preferences(), now=T0)
    again = subscribe(database, settings, "ALICE@example.org",
                      Preferences(frequency="instant", sites=("asean", "asean"), kinds=("figures",),
                                  keywords=(" Mekong ", "mekong", "")), now=T0 + timedelta(minutes=1))
    assert (again.created, again.confirmation_sent) == (False, False)  # the link went out a minute ago
    row = subscriber(database, "alice@example.org")
    assert (row.frequency, row.sites, row.kinds, row.keywords) == ("instant", ["asean"], ["figures"], ["Mekong"])
    assert len(smtp.messages) == 1
    later = subscribe(database, settings, "alice@example.org", Preferences(), now=T0 + timedelta(hours=1))
    assert later.confirmation_sent
    assert [m.message["Subject"] for m in smtp.messages] == ["Confirm your subscription — statement-monitor"] * 2
    assert row.confirm_token in smtp.messages[1].part("plain")  # the same link again


def test_a_confirmed_subscriber_changing_preferences_gets_no_email(database: Database, settings: Settings,
                                                                   smtp: RunningSMTP) -> None:
    subscribe(database, settings, "alice@example.org", Preferences(), now=T0, confirmed=True)
    result = subscribe(database, settings, "alice@example.org", Preferences(frequency="weekly"), now=T0)
    assert result.status == "confirmed"
    assert subscriber(database, "alice@example.org").frequency == "weekly"
    assert smtp.messages == []


def test_operator_subscribes_confirmed_without_email(database: Database, settings: Settings,
                                                     smtp: RunningSMTP) -> None:
    result = subscribe(database, settings, "bob@example.org", Preferences(), now=T0, confirmed=True)
    assert (result.status, result.confirmation_sent) == ("confirmed", False)
    assert subscriber(database, "bob@example.org").confirmed_at == T0
    assert smtp.messages == []


def test_unknown_site_kind_or_frequency_is_refused(database: Database, settings: Settings) -> None:
    with pytest.raises(UnknownSiteError, match="configured sites: mfa, asean"):
        subscribe(database, settings, "a@example.org", Preferences(sites=("nope",)), now=T0)
    with pytest.raises(ValueError, match="unknown kind 'treaties'"):
        subscribe(database, settings, "a@example.org", Preferences(kinds=("treaties",)), now=T0)
    with pytest.raises(ValueError, match="unknown frequency 'hourly'"):
        subscribe(database, settings, "a@example.org", Preferences(frequency="hourly"), now=T0)
    with database.transaction() as session:
        assert session.scalars(select(Subscriber)).all() == []


def test_unsubscribe_by_address_or_token(database: Database, settings: Settings) -> None:
    for email in ("alice@example.org", "bob@example.org"):
        subscribe(database, settings, email, Preferences(), now=T0, confirmed=True)
    token = subscriber(database, "bob@example.org").unsubscribe_token
    assert unsubscribe(database, email="Alice@Example.org", now=T0) == "alice@example.org"
    assert unsubscribe(database, token=token, now=T0) == "bob@example.org"
    assert unsubscribe(database, token="forged", now=T0) is None
    assert unsubscribe(database, email="carol@example.org", now=T0) is None
    assert unsubscribe(database, now=T0) is None
    assert {s.email: s.status for s in list_subscribers_now(database)} == {
        "alice@example.org": "unsubscribed", "bob@example.org": "unsubscribed"}


def list_subscribers_now(database: Database) -> list[Any]:
    with database.transaction() as session:
        return list_subscribers(session)


def test_old_links_do_nothing_after_unsubscribing_and_resubscribing_starts_over(
        database: Database, settings: Settings, smtp: RunningSMTP) -> None:
    subscribe(database, settings, "alice@example.org", Preferences(), now=T0)
    old = subscriber(database, "alice@example.org")
    unsubscribe(database, token=old.unsubscribe_token, now=T0)
    assert confirm(database, old.confirm_token, now=T0) is None  # an old confirmation link cannot re-subscribe
    result = subscribe(database, settings, "alice@example.org", Preferences(), now=T0 + timedelta(days=1))
    assert (result.status, result.created, result.confirmation_sent) == ("pending", True, True)
    new = subscriber(database, "alice@example.org")
    assert new.confirm_token != old.confirm_token
    assert new.unsubscribe_token != old.unsubscribe_token
    assert new.unsubscribed_at is None
    assert new.confirm_token in smtp.messages[-1].part("plain")


def test_a_failed_confirmation_is_recorded_and_sent_again_later(database: Database, write_config: Any) -> None:
    port = free_port()
    settings = load_settings(write_config(SITES, email={"backend": "smtp", "smtp_host": "127.0.0.1",
                                                        "smtp_port": port, "smtp_timeout": 5.0}))
    add_sites(database, settings)
    with pytest.raises(DeliveryError, match="subscribe again later"):
        subscribe(database, settings, "alice@example.org", Preferences(), now=T0)
    assert subscriber(database, "alice@example.org").status == "pending"
    [status] = list_subscribers_now(database)
    assert (status.last_delivery_purpose, status.last_delivery_status) == ("confirmation", "failed")
    assert f"127.0.0.1:{port}" in (status.last_delivery_error or "")
    with running_smtp(port=port) as smtp:
        assert subscribe(database, settings, "alice@example.org", Preferences(), now=T0).confirmation_sent
    assert len(smtp.messages) == 1


def test_confirmation_email_matches_the_expected_files(settings: Settings) -> None:
    context = {"title": "statement-monitor", "confirm_url": f"{BASE}/confirm/TOKEN", "email": "alice@example.org",
               "preferences": Preferences(frequency="weekly", sites=("mfa",), kinds=("agreements", "figures"),
                                          keywords=("Mekong", "<b>&")),
               "site_names": ["Ministry of Foreign Affairs"]}
    assert_expected("confirm.txt", render_template("email/confirm.txt", **context))
    assert_expected("confirm.html", render_template("email/confirm.html", **context))


def test_subscribe_commands_end_to_end(database: Database, config: Path, smtp: RunningSMTP) -> None:
    result = run_cli("--config", str(config), "subscribe", "alice@example.org", "--frequency", "instant",
                     "--site", "mfa", "--kind", "agreements", "--keyword", "ASEAN")
    assert result.exit_code == 0, result.output
    assert "pending until the link in the confirmation email is opened" in result.stdout
    token = subscriber(database, "alice@example.org").confirm_token
    assert f"/confirm/{token}" in smtp.messages[0].part("plain")
    result = run_cli("--config", str(config), "confirm", token)
    assert (result.exit_code, result.stdout) == (0, "confirmed alice@example.org\n")
    result = run_cli("--config", str(config), "subscribers", "--json")
    [listed] = json.loads(result.stdout)
    assert listed["status"] == "confirmed"
    assert (listed["frequency"], listed["sites"], listed["kinds"], listed["keywords"]) == (
        "instant", ["mfa"], ["agreements"], ["ASEAN"])
    assert listed["last_delivery"]["status"] == "sent"
    result = run_cli("--config", str(config), "subscribers")
    assert "alice@example.org" in result.stdout
    assert "confirmed" in result.stdout
    result = run_cli("--config", str(config), "unsubscribe", "alice@example.org")
    assert (result.exit_code, result.stdout) == (0, "unsubscribed alice@example.org\n")
    assert subscriber(database, "alice@example.org").status == "unsubscribed"


def test_commands_refuse_bad_input_with_a_clear_message(database: Database, config: Path) -> None:
    result = run_cli("--config", str(config), "subscribe", "alice@example")
    assert result.exit_code == 2
    assert "has no dot" in result.stderr
    result = run_cli("--config", str(config), "subscribe", "alice@example.org", "--site", "nope")
    assert result.exit_code == 2
    assert "unknown site 'nope'; configured sites: mfa, asean" in result.stderr
    result = run_cli("--config", str(config), "confirm", "no-such-token")
    assert result.exit_code == 1
    assert "unknown or no longer valid" in result.stderr
    result = run_cli("--config", str(config), "unsubscribe", "nobody@example.org")
    assert result.exit_code == 1
    assert "no subscriber 'nobody@example.org'" in result.stderr


def test_operator_can_subscribe_confirmed_from_the_command_line(database: Database, config: Path,
                                                                smtp: RunningSMTP) -> None:
    result = run_cli("--config", str(config), "subscribe", "bob@example.org", "--confirmed")
    assert (result.exit_code, result.stdout) == (0, "subscribed bob@example.org (confirmed)\n")
    assert smtp.messages == []


def test_link_tokens_can_be_typed_as_command_arguments() -> None:
    # A token starting with '-' made `monitor confirm TOKEN` exit 2 (click took it for an option).
    tokens = {new_link_token() for _ in range(500)}
    assert len(tokens) == 500
    assert all(re.fullmatch(r"[0-9a-f]{48}", token) for token in tokens)
