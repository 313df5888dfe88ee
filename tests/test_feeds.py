"""Feeds: RSS and Atom from the events outbox, parsed the way feed readers parse them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest

from monitor.config import Settings, load_settings
from monitor.db import Database
from monitor.errors import UnknownSiteError
from monitor.feeds import FORMATS, KINDS, feed_etag, feed_last_modified, render_feed
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
    revise,
    write_scenario,
)


@pytest.fixture
def settings(write_config: Any) -> Settings:
    path: Path = write_config(SITES, web={"base_url": "https://monitor.example.org"},
                              feed={"title": "statement-monitor", "max_items": 50})
    return load_settings(path)


@pytest.fixture
def scenario(database: Database, settings: Settings) -> Database:
    add_sites(database, settings)
    write_scenario(database)
    return database


def feed(database: Database, settings: Settings, **filters: Any) -> Any:
    with database.transaction() as session:
        document = render_feed(session, settings, **filters)
    parsed = feedparser.parse(document)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_feed_variant_is_well_formed(scenario: Database, settings: Settings, fmt: str) -> None:
    for site in (None, "mfa", "asean"):
        for kind in (None, *KINDS):
            parsed = feed(scenario, settings, site=site, kind=kind, fmt=fmt)
            assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
            self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
            assert len(self_links) == 1
            assert self_links[0].startswith(f"https://monitor.example.org/feed.{fmt}")
            for entry in parsed.entries:
                assert entry.link.startswith("https://")
                assert entry.published_parsed is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_title_survives_escaped(scenario: Database, settings: Settings, fmt: str) -> None:
    with scenario.transaction() as session:
        document = render_feed(session, settings, site="asean", fmt=fmt)  # type: ignore[arg-type]
    assert "<script>" not in document
    assert "&lt;script&gt;" in document
    parsed = feedparser.parse(document)
    assert parsed.bozo == 0
    [entry] = parsed.entries
    assert entry.title == HOSTILE_TITLE
    content = entry.content[0].value if fmt == "atom" else entry.description
    assert 'adopted the "ASEAN-Japan Joint Statement on Climate Action" &amp; its annex.' in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_from_scraped_text_do_not_break_the_xml(database: Database, settings: Settings,
                                                                   fmt: str) -> None:
    add_sites(database, settings)
    with database.transaction() as session:
        publish(session, "mfa", slug="ctl", title="Joint\x0b Statement\x1b", published=None, now=T0)
    assert [e.title for e in feed(database, settings, fmt=fmt).entries] == ["Joint Statement"]


def test_unknown_kind_or_format_is_refused(database: Database, settings: Settings) -> None:
    with database.transaction() as session:
        with pytest.raises(ValueError, match="unknown kind 'treaties'"):
            render_feed(session, settings, kind="treaties")
        with pytest.raises(ValueError, match="unknown feed format 'json'"):
            render_feed(session, settings, fmt="json")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_entries_come_newest_first_with_their_findings(scenario: Database, settings: Settings, fmt: str) -> None:
    parsed = feed(scenario, settings, fmt=fmt)
    # The talks (revised last) come before the climate statement although they were published first.
    assert [e.link for e in parsed.entries] == ["https://mfa.example.org/statements/talks.html",
                                                "https://asean.example.org/statements/climate.html"]
    talks = parsed.entries[0]
    summary = talks.content[0].value if fmt == "atom" else talks.description
    assert "Memorandum of Understanding on Maritime Cooperation (signed)" in summary
    assert "previously 1,500,000,000 USD" in summary
    assert "revised (version 2)" in summary
    assert "Ministry of Foreign Affairs" in summary


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_revision_updates_the_entry_instead_of_adding_one(database: Database, settings: Settings,
                                                              fmt: str) -> None:
    add_sites(database, settings)
    with database.transaction() as session:
        ref = publish(session, "mfa", slug="a", title="First title", published=date(2024, 4, 16), now=T0)
    before = feed(database, settings, fmt=fmt)
    with database.transaction() as session:
        revise(session, ref, now=T0 + timedelta(hours=2), title="Corrected title",
               changes={"added": ["A new paragraph."], "removed": [], "changed": [], "typo_only": False})
    after = feed(database, settings, fmt=fmt)
    assert len(before.entries) == len(after.entries) == 1
    assert after.entries[0].id == before.entries[0].id == "https://monitor.example.org/statements/1"
    assert after.entries[0].title == "Corrected title"
    if fmt == "atom":
        assert after.entries[0].updated_parsed > before.entries[0].updated_parsed
        assert after.entries[0].published_parsed == before.entries[0].published_parsed


def test_rss_dates_are_rfc_822(scenario: Database, settings: Settings) -> None:
    with scenario.transaction() as session:
        document = render_feed(session, settings, fmt="rss")
    assert re.findall(r"<pubDate>(.*?)</pubDate>", document) == ["Tue, 16 Apr 2024 00:00:00 GMT"] * 2
    assert "<lastBuildDate>Tue, 16 Apr 2024 05:00:00 GMT</lastBuildDate>" in document


def test_feed_is_bounded_by_max_items(database: Database, write_config: Any) -> None:
    settings = load_settings(write_config(SITES, feed={"max_items": 3}))
    add_sites(database, settings)
    with database.transaction() as session:
        for number in range(5):
            publish(session, "mfa", slug=f"s{number}", title=f"Statement {number}", published=None,
                    now=T0 + timedelta(minutes=number))
    parsed = feed(database, settings)
    assert [e.title for e in parsed.entries] == ["Statement 4", "Statement 3", "Statement 2"]


@pytest.mark.parametrize(("kind", "titles"), [
    ("agreements", ["talks", "climate"]),
    ("meetings", ["talks"]),
    ("figures", ["talks", "climate"]),
    ("statements", ["talks", "climate", "plain"]),
])
def test_kind_keeps_statements_with_such_a_finding(scenario: Database, settings: Settings, kind: str,
                                                   titles: list[str]) -> None:
    with scenario.transaction() as session:
        publish(session, "mfa", slug="plain", title="A statement without findings", published=None,
                now=T0 - timedelta(days=1))
    parsed = feed(scenario, settings, kind=kind)
    assert [e.link.rsplit("/", 1)[1].removesuffix(".html") for e in parsed.entries] == titles
    assert parsed.feed.title == f"statement-monitor — {kind}"


def test_site_keeps_that_sites_statements(scenario: Database, settings: Settings) -> None:
    parsed = feed(scenario, settings, site="asean", fmt="atom")
    assert [e.link for e in parsed.entries] == ["https://asean.example.org/statements/climate.html"]
    assert parsed.feed.title == "statement-monitor — ASEAN Secretariat"
    with scenario.transaction() as session, pytest.raises(UnknownSiteError, match="mfa, asean"):
        render_feed(session, settings, site="nope")


def test_empty_feed_is_still_valid(database: Database, settings: Settings) -> None:
    add_sites(database, settings)
    for fmt in FORMATS:
        assert feed(database, settings, fmt=fmt).entries == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_matches_the_expected_file(scenario: Database, settings: Settings, fmt: str) -> None:
    with scenario.transaction() as session:
        document = render_feed(session, settings, fmt=fmt)  # type: ignore[arg-type]
    assert_expected(f"feed.{fmt}.xml", document)


def test_etag_and_last_modified_follow_the_newest_event(scenario: Database, settings: Settings) -> None:
    with scenario.transaction() as session:
        etag = feed_etag(session, settings)
        assert etag == feed_etag(session, settings)
        assert etag.startswith('"')
        assert etag.endswith('"')
        assert etag != feed_etag(session, settings, site="mfa")
        assert etag != feed_etag(session, settings, fmt="atom")
        assert feed_last_modified(session, settings) == T0 + timedelta(hours=3)
        assert feed_last_modified(session, settings, site="asean") == T0 + timedelta(hours=1)
        assert feed_last_modified(session, settings, site="asean", kind="meetings") is None
        mfa_etag = feed_etag(session, settings, site="mfa")
    with scenario.transaction() as session:
        ref = publish(session, "asean", slug="late", title="Later", published=None, now=T0 + timedelta(hours=5))
        mention(session, ref, "agreement", agreement("Work Plan 2025", "They adopted the Work Plan 2025."),
                now=T0 + timedelta(hours=5))
    with scenario.transaction() as session:
        assert feed_etag(session, settings) != etag
        assert feed_etag(session, settings, site="mfa") == mfa_etag  # another site's news leaves it alone
        assert feed_last_modified(session, settings, kind="agreements") == T0 + timedelta(hours=5)


def test_feed_command_writes_stdout_or_a_file(scenario: Database, write_config: Any, tmp_path: Path) -> None:
    config = write_config(SITES)
    result = run_cli("--config", str(config), "feed", "--kind", "figures", "--format", "atom")
    assert result.exit_code == 0, result.output
    assert feedparser.parse(result.stdout).bozo == 0
    assert len(feedparser.parse(result.stdout).entries) == 2
    out = tmp_path / "feed.xml"
    result = run_cli("--config", str(config), "feed", "--site", "mfa", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [e.title for e in feedparser.parse(out.read_text(encoding="utf-8")).entries] == [
        "Wang Yi Holds Talks with Indonesian Foreign Minister Retno Marsudi"]


def test_feed_command_names_the_configured_sites_for_an_unknown_one(write_config: Any) -> None:
    result = run_cli("--config", str(write_config(SITES)), "feed", "--site", "nope")
    assert result.exit_code == 2
    assert "unknown site 'nope'; configured sites: mfa, asean" in result.stderr

