"""The web front in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The app runs under waitress on 127.0.0.1 in a thread, emails go to a local aiosmtpd server,
statements come from a synthetic ministry site on the local HTTP server. No browser is
ever downloaded: without /usr/bin/chromium these tests are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import re
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from monitor.check import run_check
from monitor.config import Settings, load_settings
from monitor.db import Database
from monitor.digest import send_digests
from monitor.models import Subscriber
from monitor.web import WebServer, create_app
from tests.localserver import LocalServer
from tests.smtpserver import Received, RunningSMTP, free_port, running_smtp
from tests.synthetic import build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROXY_VARIABLES = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium); "
                       "these tests never download a browser"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="Playwright for Python is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    environment: dict[str, str | float | bool] = {
        name: value for name, value in os.environ.items() if name not in PROXY_VARIABLES}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=environment)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def smtp() -> Iterator[RunningSMTP]:
    with running_smtp() as server:
        yield server


@dataclass(frozen=True)
class Front:
    """The app served by waitress, and what it was built from."""

    url: str
    settings: Settings
    database: Database


@pytest.fixture
def front(database: Database, write_config: Any, local_server: LocalServer, smtp: RunningSMTP) -> Iterator[Front]:
    local_server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    for path, html in build_site(4, per_page=5).items():
        local_server.add(path, html)
    port = free_port()
    sites = [{"id": "ministry", "name": "Ministry of Foreign Affairs", "url": local_server.url("/news/index.html")}]
    settings = load_settings(write_config(sites, email=smtp.email_settings(),
                                          web={"port": port, "base_url": f"http://127.0.0.1:{port}"}))
    server = WebServer(create_app(database, settings), "127.0.0.1", port)
    thread = threading.Thread(target=server.serve_forever, name="waitress-browser-test")
    thread.start()
    try:
        yield Front(url=server.url, settings=settings, database=database)
    finally:
        server.stop(wait=10)
        thread.join(10)


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def link(message: Received, kind: str) -> str:
    match = re.search(rf"http://127\.0\.0\.1:\d+/{kind}/[A-Za-z0-9_-]+", message.part("plain"))
    assert match, message.part("plain")
    return match.group(0)


def subscriber_status(database: Database) -> str:
    with database.transaction() as session:
        return session.scalars(select(Subscriber.status)).one()


def test_subscribe_confirm_digest_and_unsubscribe_in_the_browser(page: Any, front: Front, smtp: RunningSMTP) -> None:
    page.goto(f"{front.url}/subscribe")
    page.fill("#email", "reader@example.org")
    page.check("input[name=frequency][value=instant]")
    page.check("input[name=kind][value=agreements]")
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Check your inbox"

    confirmation = wait_for(lambda: smtp.messages, "the confirmation email")[0]
    assert confirmation.rcpt_tos == ("reader@example.org",)
    page.goto(link(confirmation, "confirm"))
    assert page.locator("h1").inner_text() == "Subscription confirmed"
    assert subscriber_status(front.database) == "confirmed"

    report = run_check(front.database, front.settings, "ministry", trigger="manual")
    assert len(report.statements) == 4
    outcomes = send_digests(front.database, front.settings, now=datetime.now(UTC))
    assert [outcome.status for outcome in outcomes] == ["sent"]
    digest = wait_for(lambda: smtp.messages[1:], "the digest")[0]
    assert "agreement" in str(digest.message["Subject"])
    assert "One-Click" in str(digest.message["List-Unsubscribe-Post"])

    page.goto(link(digest, "unsubscribe"))
    assert "reader@example.org" in page.locator("main").inner_text()
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "Unsubscribed"
    assert subscriber_status(front.database) == "unsubscribed"


def test_check_now_shows_new_statements_and_findings_are_listed(page: Any, front: Front, tmp_path: Path) -> None:
    page.goto(f"{front.url}/sites")
    site = page.locator("#site-ministry")
    assert "never checked" in site.inner_text()
    site.locator("button", has_text="Check now").click()
    assert page.locator("h1").inner_text() == "Checked Ministry of Foreign Affairs"
    assert "4 new statements" in page.locator("main").inner_text()
    assert page.locator("li.statement").count() == 4
    assert page.locator("li.statement a").first.get_attribute("href").startswith("http://127.0.0.1:")

    page.goto(f"{front.url}/sites")
    page.locator("#site-ministry button", has_text="Check now").click()
    assert page.locator("h1").inner_text() == "Checked a moment ago"
    assert "Try again in" in page.locator("main").inner_text()

    page.goto(f"{front.url}/")
    assert page.locator("li.finding").count() > 3
    assert "Memorandum of Understanding" in page.locator("ol.findings").inner_text()
    screenshot = tmp_path / "findings.png"
    page.screenshot(path=str(screenshot), full_page=True)
    width, height = png_size(screenshot)
    assert width >= 1000
    assert height >= 900
    assert screenshot.stat().st_size > 20_000  # text, badges and colours, not a blank page


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
