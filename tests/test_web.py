"""The web front through Flask's test client, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email import policy
from email.parser import BytesParser
from typing import Any

import feedparser
import httpx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from werkzeug.http import http_date

from monitor.config import Settings, load_settings
from monitor.db import Database
from monitor.models import CheckRun, RateMark, Site, StoredSetting, Subscriber
from monitor.subscribers import Preferences, subscribe
from monitor.web import create_app
from monitor.web_ratelimit import claim_slot
from monitor.web_server import WebServer, serve
from tests.localserver import LocalServer
from tests.newsroom import HOSTILE_TITLE, SITES, T0, agreement, mention, publish, write_scenario
from tests.smtpserver import free_port
from tests.synthetic import build_site

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def settings(write_config: Any) -> Settings:
    return load_settings(write_config(SITES, web={"page_size": 3}))


@pytest.fixture
def app(database: Database, settings: Settings) -> Flask:
    return create_app(database, settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page(client: FlaskClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.text
    return response.text


def csrf_token(client: FlaskClient, path: str) -> str:
    match = CSRF.search(page(client, path))
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def labels(html: str) -> list[str]:
    return re.findall(r'<strong class="label">([^<]*)</strong>', html)


# -- findings ------------------------------------------------------------------------------


def test_findings_come_newest_first_with_evidence_source_and_changes_marked(database: Database,
                                                                           client: FlaskClient) -> None:
    write_scenario(database)
    html = page(client, "/")
    assert "6 findings, page 1 of 2" in html
    assert labels(html) == ["US$2 billion — development assistance", "15% — growth of ASEAN-Japan trade",
                            "ASEAN-Japan Joint Statement on Climate Action (adopted)"]
    first = html.split('<li class="finding')[1]
    assert first.startswith(' figure changed"')
    assert "previously 1,500,000,000 USD" in first
    assert "China will raise its development assistance to US$2 billion." in first
    assert 'href="https://mfa.example.org/statements/talks.html"' in first
    assert "Ministry of Foreign Affairs" in first
    assert "published 2024-04-16" in first
    assert "found 2024-04-16 05:00 UTC" in first


def test_findings_are_paged(database: Database, client: FlaskClient) -> None:
    write_scenario(database)
    second = page(client, "/?page=2")
    assert labels(second) == ["US$1.5 billion — development assistance",
                              "talks between the foreign ministers of China and Indonesia (Jakarta, 2024-04-16)",
                              "Memorandum of Understanding on Maritime Cooperation (signed)"]
    assert 'rel="prev" href="/?page=1"' in second
    assert 'rel="next"' not in second
    assert "There is no page 3" in page(client, "/?page=3")
    assert labels(page(client, "/?page=x")) == labels(page(client, "/"))


@pytest.mark.parametrize(("query", "expected"), [
    ("site=asean", ["15% — growth of ASEAN-Japan trade", "ASEAN-Japan Joint Statement on Climate Action (adopted)"]),
    ("kind=figures", ["US$2 billion — development assistance", "15% — growth of ASEAN-Japan trade",
                      "US$1.5 billion — development assistance"]),
    ("site=mfa&kind=agreements", ["Memorandum of Understanding on Maritime Cooperation (signed)"]),
    ("site=asean&kind=meetings", []),
])
def test_findings_filter_by_site_and_kind(database: Database, client: FlaskClient, query: str,
                                          expected: list[str]) -> None:
    write_scenario(database)
    html = page(client, f"/?{query}")
    assert labels(html) == expected
    for name, value in (pair.split("=") for pair in query.split("&")):
        assert f'<option value="{value}" selected>' in html, name


def test_filter_form_and_paging_keep_each_other(database: Database, client: FlaskClient) -> None:
    write_scenario(database)
    html = page(client, "/?kind=figures")
    assert '<form class="filter" method="get" action="/">' in html
    assert 'href="/kinds/figures/feed.xml"' in html
    assert "3 findings." in html
    with database.transaction() as session:
        ref = publish(session, "asean", slug="more", title="More", published=date(2024, 5, 1), now=T0 + timedelta(days=1))
        for name in ("Another Agreement", "A Third Agreement"):
            mention(session, ref, "agreement", agreement(name, f"They signed {name}."), now=T0 + timedelta(days=1))
    html = page(client, "/?site=asean&page=1")
    assert 'href="/?site=asean&amp;page=2"' in html


def test_unknown_filters_are_refused(client: FlaskClient) -> None:
    assert "configured sites: mfa, asean" in page(client, "/?site=nowhere", 404)
    assert "choose one of agreements, meetings, figures" in page(client, "/?kind=treaties", 400)


def test_empty_database_says_nothing_found_yet(client: FlaskClient) -> None:
    assert "Nothing found yet" in page(client, "/")


# -- escaping and headers ------------------------------------------------------------------


def test_scraped_script_title_renders_as_text(database: Database, client: FlaskClient) -> None:
    write_scenario(database)
    html = page(client, "/?site=asean")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "ASEAN &amp; Japan adopt &#34;Joint Statement&#34;" in html
    assert HOSTILE_TITLE not in html


def test_a_scraped_javascript_link_is_not_a_link(database: Database, client: FlaskClient) -> None:
    with database.transaction() as session:
        ref = replace(publish(session, "mfa", slug="x", title="Odd", published=None, now=T0),
                      url="javascript:alert(1)")
        mention(session, ref, "agreement", agreement("An Accord", "They signed An Accord."), now=T0)
    html = page(client, "/")
    assert "javascript:" not in html
    assert "Odd" in html


@pytest.mark.parametrize("path", ["/", "/sites", "/subscribe", "/feed.xml", "/nowhere"])
def test_security_headers_on_every_answer(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    policy_ = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy_
    assert "frame-ancestors 'none'" in policy_
    assert "script-src" not in policy_
    assert "unsafe-inline" not in policy_
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(database: Database, client: FlaskClient) -> None:
    write_scenario(database)
    for path in ("/", "/sites", "/subscribe"):
        html = page(client, path)
        for inline in ("<script", "<style", "style="):
            assert inline not in html, path
    css = client.get("/style.css")
    assert css.status_code == 200
    assert css.mimetype == "text/css"


def test_session_cookie_is_http_only_and_same_site(client: FlaskClient) -> None:
    response = client.get("/subscribe")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert response.headers["Cache-Control"] == "no-store"


# -- CSRF ----------------------------------------------------------------------------------


def test_forms_without_the_sessions_token_are_refused(app: Flask, database: Database, client: FlaskClient) -> None:
    form = {"email": "eve@example.org", "frequency": "daily"}
    assert client.post("/subscribe", data=form).status_code == 403
    assert client.post("/subscribe", data={**form, "csrf_token": "guessed"}).status_code == 403
    other = app.test_client()
    stolen = csrf_token(other, "/subscribe")
    csrf_token(client, "/subscribe")  # this client has a session of its own
    refused = client.post("/subscribe", data={**form, "csrf_token": stolen})
    assert refused.status_code == 403
    assert "reload the page" in refused.text
    assert client.post("/sites/mfa/check", data={}).status_code == 403
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Subscriber)) == 0
        assert session.scalar(select(func.count()).select_from(CheckRun)) == 0
        assert session.scalar(select(func.count()).select_from(RateMark)) == 0


def test_tokens_are_long_random_and_per_session(app: Flask) -> None:
    tokens = {csrf_token(app.test_client(), "/subscribe") for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token) >= 40 for token in tokens)


def test_the_secret_is_generated_once_and_kept(database: Database, settings: Settings) -> None:
    first = create_app(database, settings).secret_key
    second = create_app(database, settings).secret_key
    assert first == second
    assert isinstance(first, str)
    assert len(first) >= 40
    with database.transaction() as session:
        assert session.scalar(select(StoredSetting.value).where(StoredSetting.key == "web_secret")) == first


def test_the_secret_comes_from_the_environment_when_named(database: Database, write_config: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.errors import ConfigError

    settings = load_settings(write_config(SITES, web={"secret_env": "MONITOR_TEST_WEB_SECRET"}))
    monkeypatch.delenv("MONITOR_TEST_WEB_SECRET", raising=False)
    with pytest.raises(ConfigError, match="MONITOR_TEST_WEB_SECRET, which is not set"):
        create_app(database, settings)
    monkeypatch.setenv("MONITOR_TEST_WEB_SECRET", "x" * 32)
    assert create_app(database, settings).secret_key == "x" * 32


# -- sites and check now -------------------------------------------------------------------


def serve_ministry(server: LocalServer, count: int) -> None:
    server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    for path, html in build_site(count, per_page=5).items():
        server.add(path, html)


@pytest.fixture
def ministry(write_config: Any, local_server: LocalServer) -> Settings:
    serve_ministry(local_server, 4)
    sites = [{"id": "ministry", "name": "Ministry <of> Foreign Affairs", "url": local_server.url("/news/index.html")}]
    return load_settings(write_config(sites, web={"check_now_interval": 60}))


def check_now(client: FlaskClient, site: str) -> Any:
    return client.post(f"/sites/{site}/check", data={"csrf_token": csrf_token(client, "/sites")})


def test_sites_page_shows_health_errors_and_a_check_button(database: Database, client: FlaskClient) -> None:
    now = datetime.now(UTC)
    with database.transaction() as session:
        session.add(CheckRun(site_id="asean", trigger="schedule", started_at=now, finished_at=now, outcome="failed",
                             error="http://127.0.0.1:9/asean/: connection refused <b>"))
        session.execute(update(Site).where(Site.id == "asean").values(consecutive_failures=3, failing_since=now))
    html = page(client, "/sites")
    asean = html.split('id="site-asean"')[1]
    assert '<span class="badge failing">failing</span>' in asean
    assert "3 failed checks in a row" in asean
    assert "connection refused &lt;b&gt;" in asean
    assert 'action="/sites/asean/check"' in asean
    assert "never checked" in html.split('id="site-mfa"')[1].split('id="site-asean"')[0]


def test_check_now_shows_new_statements_and_findings(database: Database, ministry: Settings,
                                                     local_server: LocalServer) -> None:
    client = create_app(database, ministry).test_client()
    response = check_now(client, "ministry")
    assert response.status_code == 200, response.text
    html = response.text
    assert "Checked Ministry &lt;of&gt; Foreign Affairs" in html
    assert "4 new statements, 0 revised" in html
    assert html.count('<span class="badge new">new</span>') == 4
    assert "Foreign Minister Holds Talks with" in html
    assert "Memorandum of Understanding" in html
    assert '<blockquote class="evidence">' in html
    with database.transaction() as session:
        assert session.scalars(select(CheckRun.trigger)).all() == ["web"]
    assert "Last check" in page(client, "/sites")
    assert "never checked" not in page(client, "/sites")
    assert "Memorandum of Understanding" in page(client, "/?site=ministry")


def test_check_now_is_rate_limited_per_site_across_processes(database: Database, ministry: Settings,
                                                             local_server: LocalServer) -> None:
    client = create_app(database, ministry).test_client()
    assert check_now(client, "ministry").status_code == 200
    refused = check_now(client, "ministry")
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 55 <= wait <= 60
    assert f"Try again in {wait} seconds" in refused.text
    other_process = create_app(database, ministry).test_client()  # another app over the same database
    assert check_now(other_process, "ministry").status_code == 429
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CheckRun)) == 1
        session.execute(update(RateMark).values(at=datetime.now(UTC) - timedelta(seconds=61)))
    serve_ministry(local_server, 6)
    again = check_now(client, "ministry")
    assert again.status_code == 200
    assert "2 new statements" in again.text


def test_a_rate_slot_goes_to_one_of_many_at_once(database: Database) -> None:
    now = datetime.now(UTC)
    barrier = threading.Barrier(6)
    outcomes: list[float | None] = []

    def click() -> None:
        barrier.wait()
        with database.transaction() as session:
            outcomes.append(claim_slot(session, "check-now:x", interval=60, now=now))

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes.count(None) == 1
    assert sorted(o for o in outcomes if o is not None) == [60.0] * 5
    with database.transaction() as session:
        assert claim_slot(session, "check-now:x", interval=60, now=now + timedelta(seconds=45)) == 15.0
        assert claim_slot(session, "check-now:y", interval=60, now=now) is None  # per key
        assert claim_slot(session, "check-now:x", interval=60, now=now + timedelta(seconds=60)) is None


def test_check_now_of_an_unreachable_site_says_why(database: Database, client: FlaskClient) -> None:
    response = check_now(client, "mfa")  # http://127.0.0.1:9 refuses connections
    assert response.status_code == 200
    assert "could not be checked" in response.text
    assert check_now(client, "mfa").status_code == 429


def test_check_now_of_an_unknown_site_is_404(client: FlaskClient) -> None:
    response = check_now(client, "nowhere")
    assert response.status_code == 404
    assert "configured sites: mfa, asean" in response.text


def test_check_now_needs_post(client: FlaskClient) -> None:
    response = client.get("/sites/mfa/check")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


# -- feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "version"), [("/feed.xml", "rss20"), ("/atom.xml", "atom10")])
def test_feeds_answer_304_to_a_current_copy(database: Database, client: FlaskClient, path: str,
                                            version: str) -> None:
    write_scenario(database)
    response = client.get(path)
    assert response.status_code == 200
    parsed = feedparser.parse(response.data)
    assert parsed.version == version
    assert not parsed.bozo
    assert len(parsed.entries) == 2
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    assert modified == http_date(T0 + timedelta(hours=3))
    assert response.headers["Cache-Control"] == "no-cache"

    current = client.get(path, headers={"If-None-Match": etag})
    assert current.status_code == 304
    assert current.data == b""
    assert current.headers["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": http_date(T0)}).status_code == 200
    # If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    assert client.get(path, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}).status_code == 200

    with database.transaction() as session:
        publish(session, "mfa", slug="new", title="A newer statement", published=None, now=T0 + timedelta(hours=4))
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert len(feedparser.parse(changed.data).entries) == 3


def test_site_and_kind_feeds(database: Database, client: FlaskClient) -> None:
    write_scenario(database)
    asean = feedparser.parse(client.get("/sites/asean/feed.xml").data)
    assert [e.link for e in asean.entries] == ["https://asean.example.org/statements/climate.html"]
    assert [link.href for link in asean.feed.links if link.rel == "self"] == [
        "http://127.0.0.1:8080/sites/asean/feed.xml"]
    meetings = feedparser.parse(client.get("/kinds/meetings/atom.xml").data)
    assert [e.link for e in meetings.entries] == ["https://mfa.example.org/statements/talks.html"]
    query = client.get("/feed.rss?site=mfa")
    assert query.status_code == 200
    assert query.mimetype == "application/rss+xml"
    assert client.get("/sites/nowhere/atom.xml").status_code == 404
    assert client.get("/kinds/treaties/feed.xml").status_code == 404
    head = client.head("/feed.xml")
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["ETag"]


# -- subscriptions -------------------------------------------------------------------------


def outbox_messages(settings: Settings) -> list[Any]:
    folder = settings.resolve(settings.email.outbox)
    return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def link_in(message: Any, kind: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(rf"https?://[^/\s]+(/{kind}/[A-Za-z0-9_-]+)", text)
    assert match, text
    return match.group(1)


def test_subscribe_confirm_and_one_click_unsubscribe(app: Flask, database: Database, client: FlaskClient,
                                                     settings: Settings) -> None:
    form = csrf_token(client, "/subscribe")
    response = client.post("/subscribe", data={
        "csrf_token": form, "email": "Ada@Example.ORG", "frequency": "weekly", "site": ["asean"],
        "kind": ["agreements", "figures"], "keywords": "climate, trade\nJapan"})
    assert response.status_code == 200, response.text
    assert "Check your inbox" in response.text
    [message] = outbox_messages(settings)
    assert message["To"] == "Ada@example.org"
    with database.transaction() as session:
        row = session.scalars(select(Subscriber)).one()
        assert (row.status, row.frequency, row.sites, row.kinds, row.keywords) == (
            "pending", "weekly", ["asean"], ["agreements", "figures"], ["climate", "trade", "Japan"])

    confirmed = client.get(link_in(message, "confirm"))
    assert confirmed.status_code == 200
    assert "Subscription confirmed" in confirmed.text
    with database.transaction() as session:
        row = session.scalars(select(Subscriber)).one()
        assert row.status == "confirmed"
        unsubscribe_path = f"/unsubscribe/{row.unsubscribe_token}"

    confirm_page = page(client, unsubscribe_path)
    assert "Ada@example.org" in confirm_page
    assert '<button type="submit">Unsubscribe</button>' in confirm_page
    mail_provider = app.test_client()  # no session, no CSRF token: RFC 8058 one-click
    done = mail_provider.post(unsubscribe_path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "is unsubscribed" in done.text
    with database.transaction() as session:
        assert session.scalars(select(Subscriber.status)).one() == "unsubscribed"
    assert "already unsubscribed" in page(client, unsubscribe_path)


def test_the_unsubscribe_button_posts_with_the_token(app: Flask, database: Database, client: FlaskClient,
                                                     settings: Settings) -> None:
    subscribe(database, settings, "bob@example.org", Preferences(), now=datetime.now(UTC), confirmed=True)
    with database.transaction() as session:
        token = session.scalars(select(Subscriber.unsubscribe_token)).one()
    assert app.test_client().post(f"/unsubscribe/{token}", data={}).status_code == 403
    form = csrf_token(client, f"/unsubscribe/{token}")
    assert client.post(f"/unsubscribe/{token}", data={"csrf_token": form}).status_code == 200
    with database.transaction() as session:
        assert session.scalars(select(Subscriber.status)).one() == "unsubscribed"


def test_unknown_links_are_404(client: FlaskClient) -> None:
    assert "Subscribe again" in page(client, "/confirm/not-a-token", 404)
    assert "Subscribe again" in page(client, "/unsubscribe/not-a-token", 404)
    assert client.post("/unsubscribe/not-a-token", data={"List-Unsubscribe": "One-Click"}).status_code == 404


def test_a_bad_address_shows_the_form_again_escaped(client: FlaskClient, settings: Settings) -> None:
    form = csrf_token(client, "/subscribe")
    response = client.post("/subscribe", data={"csrf_token": form, "email": "<b>@x", "keywords": "a<b"})
    assert response.status_code == 400
    assert "give the bare address" in response.text
    assert 'value="&lt;b&gt;@x"' in response.text
    assert 'value="a&lt;b"' in response.text
    assert "<b>" not in response.text.split("<main>")[1]
    bad_site = client.post("/subscribe", data={"csrf_token": form, "email": "a@example.org", "site": ["zz"]})
    assert bad_site.status_code == 400
    assert "unknown site" in bad_site.text
    outbox = settings.resolve(settings.email.outbox)
    assert not outbox.exists() or not list(outbox.glob("*.eml"))


def test_the_form_cannot_change_a_confirmed_subscription(database: Database, client: FlaskClient,
                                                         settings: Settings) -> None:
    subscribe(database, settings, "carol@example.org", Preferences(frequency="daily"), now=datetime.now(UTC),
              confirmed=True)
    form = csrf_token(client, "/subscribe")
    response = client.post("/subscribe", data={"csrf_token": form, "email": "carol@example.org",
                                               "frequency": "weekly", "keywords": "nothing matches this"})
    assert response.status_code == 200
    assert "Check your inbox" in response.text
    with database.transaction() as session:
        row = session.scalars(select(Subscriber)).one()
        assert (row.status, row.frequency, row.keywords) == ("confirmed", "daily", [])


def test_a_mail_server_that_is_down_is_a_503(database: Database, write_config: Any) -> None:
    email = {"backend": "smtp", "smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_timeout": 2.0}
    settings = load_settings(write_config(SITES, email=email))
    client = create_app(database, settings).test_client()
    form = csrf_token(client, "/subscribe")
    response = client.post("/subscribe", data={"csrf_token": form, "email": "dan@example.org"})
    assert response.status_code == 503
    assert "send the form again in a few minutes" in response.text


# -- health --------------------------------------------------------------------------------


def test_healthz_reports_sites_and_failing_ones(database: Database, client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok", "sites": 2, "failing": []}
    with database.transaction() as session:
        session.execute(update(Site).where(Site.id == "asean").values(failing_since=datetime.now(UTC),
                                                                        consecutive_failures=3))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["failing"] == ["asean"]


def test_healthz_is_503_when_the_database_is_unreachable(app: Flask, database: Database,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable = Database(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none")
    try:
        monkeypatch.setattr(database, "engine", unreachable.engine)
        monkeypatch.setattr(database, "sessions", unreachable.sessions)
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert response.get_json() == {"status": "error", "database": "unreachable", "sites": 2, "failing": []}
        assert "database is unreachable" in page(app.test_client(), "/", 503)
    finally:
        unreachable.close()


# -- serving -------------------------------------------------------------------------------


@pytest.fixture
def served(app: Flask) -> Iterator[WebServer]:
    server = WebServer(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="waitress-test")
    thread.start()
    try:
        yield server
    finally:
        server.stop(wait=10)
        thread.join(10)
        assert not thread.is_alive()


def test_waitress_serves_and_stops_from_another_thread(served: WebServer) -> None:
    with httpx.Client(base_url=served.url) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        assert "Latest findings" in http.get("/").text
    served.stop(wait=10)
    assert served.stopped.is_set()
    with pytest.raises(httpx.ConnectError), httpx.Client() as http:
        http.get(f"{served.url}/healthz")


def test_stopping_lets_an_answer_in_progress_finish() -> None:
    slow = Flask("slow")
    started = threading.Event()

    @slow.get("/slow")
    def slow_view() -> str:
        started.set()
        time.sleep(0.5)
        return "finished"

    server = WebServer(slow, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    answers: list[str] = []
    with httpx.Client() as http:
        request = threading.Thread(target=lambda: answers.append(http.get(f"{server.url}/slow").text))
        request.start()
        assert started.wait(5)
        server.stop()
        request.join(10)
    thread.join(10)
    assert answers == ["finished"]
    assert not thread.is_alive()


def test_serve_stops_when_its_event_is_set(app: Flask) -> None:
    port, stop = free_port(), threading.Event()
    thread = threading.Thread(target=serve, args=(app, "127.0.0.1", port), kwargs={"stop": stop})
    thread.start()
    try:
        for _ in range(100):
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
                break
            except httpx.ConnectError:
                time.sleep(0.05)
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_a_busy_port_is_a_clear_error() -> None:
    from monitor.errors import MonitorError

    first = WebServer(Flask("a"), "127.0.0.1", 0)
    try:
        with pytest.raises(MonitorError, match=f"cannot listen on 127.0.0.1:{first.port}"):
            WebServer(Flask("b"), "127.0.0.1", first.port)
    finally:
        first.close()
    WebServer(Flask("c"), "127.0.0.1", first.port).close()  # the port is free again


def test_monitor_web_command_serves_until_sigterm(write_config: Any, database: Database) -> None:
    config = write_config(SITES, web={"port": free_port()})
    settings = load_settings(config)
    command = [sys.executable, "-c", "from monitor.cli import main; main()", "--config", str(config), "web"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"serving on http://127.0.0.1:{settings.web.port}" in line, process.stderr.read() if process.stderr else ""
        with httpx.Client() as http:
            assert http.get(f"http://127.0.0.1:{settings.web.port}/healthz").json()["sites"] == 2
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "stopped" in out
