"""`monitor scrape` end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.check import run_check
from monitor.config import load_settings
from monitor.db import open_database
from monitor.models import CheckRun, Event, PendingPage, Statement, StatementVersion
from tests.conftest import run_cli
from tests.localserver import LocalServer
from tests.synthetic import NAV, build_site, statement_page

TODAY = datetime.now(UTC).date()


def serve_synthetic(server: LocalServer, count: int, *, per_page: int = 5) -> dict[str, str]:
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    pages = build_site(count, per_page=per_page)
    for path, html in pages.items():
        server.add(path, html, etag=f'"{hash(html) & 0xffffffff:x}"')
    return pages


def scrape(config: Path, site: str = "ministry") -> tuple[int, dict[str, Any]]:
    result = run_cli("--config", str(config), "scrape", site, "--json")
    payload = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, payload


@pytest.fixture
def ministry(local_server: LocalServer, write_config: Any) -> Path:
    serve_synthetic(local_server, 12)
    path: Path = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}],
                              scrape={"first_check_pages": 2, "revision_window_days": 3})
    return path


def test_first_check_follows_pagination_to_the_bound_oldest_first(ministry: Path) -> None:
    code, report = scrape(ministry)
    assert code == 0
    assert report["site"] == "ministry"
    assert report["errors"] == []
    statements = report["statements"]
    assert len(statements) == 10  # two listing pages of five
    published = [s["published"] for s in statements]
    assert published == sorted(published)
    assert all(s["status"] == "new" for s in statements)
    first = statements[0]
    assert first["title"].startswith("Foreign Minister Holds Talks")
    assert "signed a Memorandum of Understanding" in first["text"]
    assert "About the Ministry" not in first["text"]
    assert {"agreements", "meetings", "figures"} <= set(first)
    datetime.fromisoformat(report["started"])
    datetime.fromisoformat(report["finished"])


def test_second_check_of_unchanged_site_reports_and_stores_nothing(ministry: Path, local_server: LocalServer) -> None:
    scrape(ministry)
    settings = load_settings(ministry)
    database = open_database(settings.database.url)
    with database.transaction() as session:
        before = (session.scalar(select(func.count()).select_from(Statement)),
                  session.scalar(select(func.count()).select_from(Event)))
    local_server.reset()
    serve_synthetic(local_server, 12)
    code, report = scrape(ministry)
    assert code == 0
    assert report["statements"] == []
    with database.transaction() as session:
        after = (session.scalar(select(func.count()).select_from(Statement)),
                 session.scalar(select(func.count()).select_from(Event)))
    database.close()
    assert after == before
    listing = local_server.requests_to("/news/index.html")
    assert listing[0].headers.get("if-none-match")  # conditional GET of the listing page


def test_new_statements_are_found_and_pagination_stops_at_known_ones(ministry: Path,
                                                                     local_server: LocalServer) -> None:
    scrape(ministry)
    local_server.reset()
    serve_synthetic(local_server, 15)  # three newer statements on top of the listing
    code, report = scrape(ministry)
    assert code == 0
    assert len(report["statements"]) == 3
    assert local_server.requests_to("/news/index_2.html") == []


def test_statement_user_agent_and_robots(ministry: Path, local_server: LocalServer) -> None:
    private = "<li><a href='/private/t20240101_1.html'>Secret statement of the ministry today</a></li>"
    listing = build_site(12, per_page=5)["/news/index.html"].replace("<ul class='list'>", "<ul class='list'>" + private)
    local_server.add("/news/index.html", listing)
    local_server.add("/private/t20240101_1.html", "<p>never fetched</p>")
    code, report = scrape(ministry)
    assert code == 0
    assert local_server.requests_to("/private/t20240101_1.html") == []
    assert any("/private/" in e["url"] for e in report["errors"])
    agents = {r.headers.get("user-agent", "") for r in local_server.requests}
    assert all("statement-monitor" in a and "http" in a for a in agents)


def test_failed_page_is_reported_and_fetched_again_next_check(ministry: Path, local_server: LocalServer) -> None:
    site = build_site(12, per_page=5)
    broken = next(p for p in site if p.startswith("/news/20") and p.endswith("_00011.html"))
    local_server.add(broken, site[broken], fail_times=10)  # fails through every retry of this check
    code, report = scrape(ministry)
    assert code == 0
    assert [e["url"].endswith(broken) for e in report["errors"]] == [True]
    assert broken not in {s["url"].removeprefix(local_server.base_url) for s in report["statements"]}
    database = open_database(load_settings(ministry).database.url)
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PendingPage)) == 1
    local_server.replace(broken, site[broken], fail_times=0)
    code, report = scrape(ministry)
    assert [s["url"].removeprefix(local_server.base_url) for s in report["statements"]] == [broken]
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PendingPage)) == 0
        runs = session.scalars(select(CheckRun).order_by(CheckRun.id)).all()
    database.close()
    assert [r.outcome for r in runs] == ["partial", "ok"]


def test_revised_statement_is_a_new_version(local_server: LocalServer, write_config: Any) -> None:
    title, html = statement_page(1, TODAY, NAV)
    listing = f"<html><body>{NAV}<ul><li><a href='/news/t1.html'>{title}</a> {TODAY}</li></ul></body></html>"
    local_server.add("/news/index.html", listing)
    local_server.add("/news/t1.html", html, etag='"v1"')
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}])
    assert scrape(config)[1]["statements"][0]["status"] == "new"
    code, report = scrape(config)
    assert report["statements"] == []
    assert local_server.requests_to("/news/t1.html")[-1].headers.get("if-none-match") == '"v1"'
    revised = html.replace("</div><div class='footer'>",
                           "<p>The two sides will hold a summit in Jakarta in June 2025.</p></div><div class='footer'>")
    local_server.replace("/news/t1.html", revised, etag='"v2"')
    code, report = scrape(config)
    assert code == 0
    assert [s["status"] for s in report["statements"]] == ["revised"]
    assert "summit in Jakarta" in report["statements"][0]["text"]
    database = open_database(load_settings(config).database.url)
    with database.transaction() as session:
        versions = session.scalars(select(StatementVersion).order_by(StatementVersion.number)).all()
        assert [v.number for v in versions] == [1, 2]
        assert versions[1].changes is not None
        assert versions[1].changes["added"] == ["The two sides will hold a summit in Jakarta in June 2025."]
    database.close()


def test_redirect_oversize_and_non_html_links(local_server: LocalServer, write_config: Any) -> None:
    _, good = statement_page(2, date(2024, 5, 2), NAV)
    items = ("<li><a href='/news/old-address.html'>Statement moved to a new address today</a></li>"
             "<li><a href='/news/huge-statement.html'>An enormous statement of the ministry</a></li>"
             "<li><a href='/news/statement-annex.pdf'>Annex to the joint statement (PDF)</a></li>")
    local_server.add("/news/index.html", f"<html><body>{NAV}<ul>{items}</ul></body></html>")
    local_server.add("/news/old-address.html", "", status=301, redirect_to="/news/t20240502_2.html")
    local_server.add("/news/t20240502_2.html", good)
    local_server.add_stream("/news/huge-statement.html", 50_000_000)
    local_server.add("/news/statement-annex.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}],
                          http={"min_delay": 0.0, "retries": 0, "max_bytes": 1_000_000})
    code, report = scrape(config)
    assert code == 0
    assert [s["url"] for s in report["statements"]] == [local_server.url("/news/t20240502_2.html")]
    failed = {e["url"].rsplit("/", 1)[-1] for e in report["errors"]}
    assert failed == {"huge-statement.html", "statement-annex.pdf"}
    assert local_server.bytes_sent("/news/huge-statement.html") < 10_000_000


def test_unreachable_listing_exits_1_and_is_recorded(local_server: LocalServer, write_config: Any) -> None:
    local_server.add("/news/index.html", "down", status=503)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}])
    result = run_cli("--config", str(config), "scrape", "ministry")
    assert result.exit_code == 1
    assert "could not be checked" in result.stdout
    assert "503" in result.stdout
    sites = json.loads(run_cli("--config", str(config), "sites", "--json").stdout)
    assert sites[0]["outcome"] == "failed"


def test_unknown_site_exits_2_naming_the_configured_ids(write_config: Any) -> None:
    config = write_config([{"id": "ministry", "name": "Ministry", "url": "http://127.0.0.1:9/"}])
    result = run_cli("--config", str(config), "scrape", "embassy")
    assert result.exit_code == 2
    assert "ministry" in result.stderr
    assert "embassy" in result.stderr


def test_interrupted_check_leaves_nothing_half_written(ministry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import monitor.statements

    calls = {"n": 0}
    original = monitor.statements.extract_statement

    def crash_on_fifth(title: str, text: str, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt("power cut")
        return original(title, text, **kwargs)

    monkeypatch.setattr(monitor.statements, "extract_statement", crash_on_fifth)
    settings = load_settings(ministry)
    database = open_database(settings.database.url)
    with pytest.raises(KeyboardInterrupt):
        run_check(database, settings, "ministry")
    with database.transaction() as session:
        counts = [session.scalar(select(func.count()).select_from(t)) for t in (Statement, StatementVersion, Event)]
    assert counts == [0, 0, 0]
    monkeypatch.setattr(monitor.statements, "extract_statement", original)
    report = run_check(database, settings, "ministry")
    assert len(report.statements) == 10
    with database.transaction() as session:
        events = session.scalars(select(Event)).all()
    database.close()
    assert sum(1 for e in events if e.type == "StatementPublished") == 10
    assert len({e.key for e in events}) == len(events)
    new_mentions = sum(1 for s in report.statements for kind in ("agreements", "meetings", "figures")
                       for m in s[kind] if m["new"] or m.get("change"))
    assert len(events) == 10 + new_mentions  # one event per statement and per new or changed mention


def test_typo_fix_is_a_revision_without_new_findings(local_server: LocalServer, write_config: Any) -> None:
    title, html = statement_page(3, TODAY, NAV)
    listing = f"<html><body>{NAV}<ul><li><a href='/news/t3.html'>{title}</a> {TODAY}</li></ul></body></html>"
    local_server.add("/news/index.html", listing)
    local_server.add("/news/t3.html", html)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}])
    first = scrape(config)[1]["statements"][0]
    assert any(m["new"] for kind in ("agreements", "meetings", "figures") for m in first[kind])
    local_server.replace("/news/t3.html", html.replace("bilateral relations", "bilateral relatoins", 1))
    revised = scrape(config)[1]["statements"]
    assert [s["status"] for s in revised] == ["revised"]
    findings = [m for kind in ("agreements", "meetings", "figures") for m in revised[0][kind]]
    assert findings
    assert not any(m["new"] or m.get("change") for m in findings)
    database = open_database(load_settings(config).database.url)
    with database.transaction() as session:
        version = session.scalars(select(StatementVersion).where(StatementVersion.number == 2)).one()
        revision_events = session.scalars(select(Event).where(Event.version_id == version.id)).all()
    database.close()
    assert version.changes is not None
    assert version.changes["typo_only"] is True
    assert [e.type for e in revision_events] == ["StatementRevised"]


def test_big_first_check_reads_pages_in_a_worker_process_with_the_same_result(
        local_server: LocalServer, write_config: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import monitor.prepare

    serve_synthetic(local_server, 45)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}],
                          scrape={"first_check_pages": 20})
    assert monitor.prepare.POOL_THRESHOLD <= 45
    monkeypatch.setattr(monitor.prepare.os, "cpu_count", lambda: 2)
    code, pooled = scrape(config)
    assert code == 0
    assert len(pooled["statements"]) == 45
    from monitor.extract import extract_statement

    for statement in pooled["statements"]:
        assert "signed a Memorandum of Understanding" in statement["text"]
        published = date.fromisoformat(statement["published"])
        inline = extract_statement(statement["title"], statement["text"], published=published).to_json()
        for kind in ("agreements", "meetings", "figures"):
            unflagged = [{k: v for k, v in m.items() if k not in ("new", "first_seen", "change")}
                         for m in statement[kind]]
            assert unflagged == inline[kind], (statement["url"], kind)
