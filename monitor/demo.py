"""`monitor demo`: the whole service on one machine, with no internet and no mail server.

Bundled statements (demo/statements/*.toml) are published as two small official sites on
loopback, a few at a time; after each simulated day the real pipeline checks both sites,
and a confirmed subscriber gets instant digests into the file outbox. Then the web front
serves the findings.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from monitor.check import run_check
from monitor.config import Settings, load_settings
from monitor.db import open_database
from monitor.digest import send_digests
from monitor.feeds import render_feed
from monitor.sites import sync_sites
from monitor.subscribers import Preferences, subscribe

STATEMENTS = Path(__file__).resolve().parent.parent / "demo" / "statements"
SITE_NAMES = {"ministry": "Ministry of Foreign Affairs (demo)", "embassy": "Embassy in Jakarta (demo)"}
READER = "reader@example.org"


@dataclass(frozen=True)
class DemoStatement:
    number: int
    site: str
    published: date
    title: str
    text: str
    revision: str | None

    @property
    def path(self) -> str:
        return f"/{self.site}/{self.published:%Y%m}/t{self.published:%Y%m%d}_{self.number:02d}.html"


def load_statements(folder: Path = STATEMENTS) -> list[DemoStatement]:
    statements = []
    for number, file in enumerate(sorted(folder.glob("*.toml")), start=1):
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
        statements.append(DemoStatement(number=number, site=raw["site"], published=date.fromisoformat(raw["published"]),
                                        title=raw["title"], text=raw["text"].strip(), revision=raw.get("revision")))
    return statements


class DemoSites:
    """The published pages of both demo sites, changed between checks."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.listed: dict[str, list[DemoStatement]] = {site: [] for site in SITE_NAMES}
        for site in SITE_NAMES:  # both sites exist from the start, with nothing published yet
            self.pages[f"/{site}/"] = listing_html(site, []).encode()

    def publish(self, statement: DemoStatement, *, revised: bool = False) -> None:
        text = statement.revision.strip() if revised and statement.revision else statement.text
        with self.lock:
            self.pages[statement.path] = article_html(statement, text).encode()
            if not revised:
                self.listed[statement.site].insert(0, statement)
            self.pages[f"/{statement.site}/"] = listing_html(statement.site, self.listed[statement.site]).encode()

    def page(self, path: str) -> bytes | None:
        with self.lock:
            return self.pages.get(path)


def article_html(statement: DemoStatement, text: str) -> str:
    paragraphs = "\n".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(statement.title)}</title>"
            f"<meta property='article:published_time' content='{statement.published.isoformat()}'></head><body>"
            f"<nav><a href='/{statement.site}/'>Home</a> &gt; <a href='/{statement.site}/'>Press Releases</a></nav>"
            f"<main><h1>{escape(statement.title)}</h1><p class='date'>{statement.published:%d %B %Y}</p>"
            f"{paragraphs}</main><footer>© {SITE_NAMES[statement.site]}</footer></body></html>")


def listing_html(site: str, statements: list[DemoStatement]) -> str:
    items = "\n".join(f"<li><a href='{s.path}'>{escape(s.title)}</a> <span>{s.published.isoformat()}</span></li>"
                      for s in statements)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{SITE_NAMES[site]}</title></head>"
            f"<body><nav><a href='/{site}/'>Home</a> <a href='/{site}/about.html'>About</a></nav>"
            f"<h1>Press Releases</h1><ul class='news'>{items}</ul></body></html>")


@contextmanager
def serve_demo_sites(sites: DemoSites) -> Iterator[str]:
    """The demo sites on a free loopback port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                body, kind = sites.page(self.path) or b"", "text/html; charset=utf-8"
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the demo prints its own story."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def write_demo_config(folder: Path, base_url: str, web_port: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sites = "\n".join(f'[[sites]]\nid = "{site}"\nname = "{name}"\nurl = "{base_url}/{site}/"\n'
                      'schedule = "every 5 minutes"\n' for site, name in SITE_NAMES.items())
    config = folder / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///monitor.db"\n\n[http]\nmin_delay = 0.0\n\n'
        f'[email]\nbackend = "file"\noutbox = "outbox"\n\n'
        f'[web]\nport = {web_port}\nbase_url = "http://127.0.0.1:{web_port}"\n\n{sites}', encoding="utf-8")
    return config


def demo_rounds(statements: list[DemoStatement]) -> list[tuple[datetime, list[tuple[DemoStatement, bool]]]]:
    """Simulated days: each statement on its publication day, a revision the day after."""
    rounds: list[tuple[datetime, list[tuple[DemoStatement, bool]]]] = []
    for statement in statements:
        rounds.append((datetime.combine(statement.published, time(18, 0), tzinfo=UTC), [(statement, False)]))
        if statement.revision:
            day_after = datetime.combine(statement.published + timedelta(days=1), time(12, 0), tzinfo=UTC)
            rounds.append((day_after, [(statement, True)]))
    rounds.sort(key=lambda item: item[0])
    return rounds


def run_demo(folder: Path, web_port: int, say: Callable[[str], None]) -> Settings:
    """Publish, check and notify round by round; returns the demo's settings (its config is in `folder`)."""
    statements = load_statements()
    sites = DemoSites()
    with serve_demo_sites(sites) as base_url:
        settings = load_settings(write_demo_config(folder, base_url, web_port))
        database = open_database(settings.database.url)
        with database.transaction() as session:
            sync_sites(session, settings)
        start = datetime.combine(statements[0].published, time(8, 0), tzinfo=UTC) - timedelta(days=1)
        subscribe(database, settings, READER, Preferences(frequency="instant"),
                  now=start, confirmed=True)
        for now, batch in demo_rounds(statements):
            for statement, revised in batch:
                sites.publish(statement, revised=revised)
            say(f"— {now:%d %B %Y}: published {', '.join(_label(s, r) for s, r in batch)}")
            for site in SITE_NAMES:
                report = run_check(database, settings, site, trigger="schedule", now=now)
                for found in report.statements:
                    say(f"   {site}: {found['status']} “{found['title'][:70]}” — {_findings(found)}")
            for outcome in send_digests(database, settings, now=now + timedelta(minutes=5)):
                say(f"   digest to {outcome.email}: {outcome.subject}")
        _write_feeds(database, settings, folder)
        database.close()
    return settings


def _label(statement: DemoStatement, revised: bool) -> str:
    return f"{statement.site} #{statement.number:02d}" + (" (revised)" if revised else "")


def _findings(statement: dict[str, Any]) -> str:
    parts = []
    for kind in ("agreements", "meetings", "figures"):
        items = statement.get(kind, [])
        new = sum(1 for m in items if m.get("new"))
        changed = sum(1 for m in items if m.get("change") and not m.get("new"))
        parts.append(f"{new} new {kind}" + (f" ({changed} changed)" if changed else ""))
    return ", ".join(parts)


def _write_feeds(database: Any, settings: Settings, folder: Path) -> None:
    with database.transaction() as session:
        for name in ("feed.xml", "atom.xml"):
            url = f"{settings.web.base_url}/{name}"
            feed = render_feed(session, settings, fmt="rss" if name == "feed.xml" else "atom", self_url=url)
            (folder / name).write_text(feed, encoding="utf-8")
