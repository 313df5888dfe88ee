"""`monitor run`: the long-running service — scheduled checks, digests, and the web front."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import click

from monitor.cli import App, cli, handle_errors, pass_app
from monitor.config import Settings, SiteSettings
from monitor.db import Database
from monitor.errors import DeliveryError

log = logging.getLogger("monitor.service")


@cli.command("run")
@click.option("--no-web", is_flag=True, help="do not serve the web front")
@click.option("--no-initial-check", is_flag=True, help="wait for each site's schedule instead of checking at start")
@pass_app
@handle_errors
def run_command(app: App, no_web: bool, no_initial_check: bool) -> None:
    """Run the service: check sites on their schedules, send digests when due, serve the web front."""
    from monitor.service import Service

    if logging.getLogger().level > logging.INFO:
        logging.getLogger().setLevel(logging.INFO)
    settings, database = app.settings, app.database()
    service = Service(database, settings, alert=_alerter(settings),
                      digest=lambda now: _send_due_digests(database, settings, now))
    stop = threading.Event()
    previous = _install_stop_handlers(stop)
    try:
        service.start(check_at_start=not no_initial_check)
        if no_web:
            click.echo("running without web front; Ctrl-C or SIGTERM stops")
            while not stop.wait(1.0):
                pass
        else:
            _serve_web(database, settings, stop)
    finally:
        service.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    click.echo("stopped")


def _serve_web(database: Database, settings: Settings, stop: threading.Event) -> None:
    from monitor.web import create_app
    from monitor.web_server import WebServer

    server = WebServer(create_app(database, settings), settings.web.host, settings.web.port, stop=stop)
    click.echo(f"web front on {server.url} (links use {settings.web.base_url}); Ctrl-C or SIGTERM stops")
    server.serve_forever()


def _install_stop_handlers(stop: threading.Event) -> dict[int, Any]:
    """SIGINT and SIGTERM set `stop`: the web front closes, then running checks finish."""
    def handle(signum: int, _frame: FrameType | None) -> None:
        log.info("received signal %d: stopping", signum)
        stop.set()

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.getsignal(signum)
            signal.signal(signum, handle)
    return previous


def _alerter(settings: Settings) -> Callable[[SiteSettings, str, bool], None]:
    from monitor.mail import send_alert

    def alert(site: SiteSettings, message: str, recovered: bool) -> None:
        try:
            send_alert(settings, site, message, now=datetime.now(UTC), recovered=recovered)
        except DeliveryError as exc:
            log.error("alert about %s could not be sent to the operator: %s", site.id, exc)

    return alert


def _send_due_digests(database: Database, settings: Settings, now: datetime) -> None:
    from monitor.digest import send_digests

    for outcome in send_digests(database, settings, now=now):
        log.info("digest to %s: %s (%d events) %s", outcome.email, outcome.status, outcome.event_count,
                 outcome.error or "")


@cli.command("demo")
@click.option("--dir", "folder", default="demo-data", show_default=True, type=click.Path(file_okay=False),
              help="folder for the demo's config, database, feeds and outbox (emptied first)")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="port of the demo's web front")
@click.option("--no-serve", is_flag=True, help="exit after the simulated checks instead of serving the web front")
@handle_errors
def demo_command(folder: str, port: int, no_serve: bool) -> None:
    """Show the whole service working on bundled statements: local sites, checks, digests, feeds, web front."""
    import shutil
    from pathlib import Path

    from monitor.demo import READER, run_demo

    demo_dir = Path(folder).resolve()
    if (demo_dir / "config.toml").exists():
        shutil.rmtree(demo_dir)  # a previous demo's folder: start afresh
    click.echo(f"statement-monitor demo in {demo_dir}")
    settings = run_demo(demo_dir, port, click.echo)
    click.echo(f"\nfeeds:    {demo_dir / 'feed.xml'} and {demo_dir / 'atom.xml'}")
    click.echo(f"digests:  {settings.resolve(settings.email.outbox)} (emails to {READER}, .eml files)")
    click.echo(f"database: {settings.database.url}")
    if no_serve:
        return
    from monitor.db import open_database

    database = open_database(settings.database.url)
    stop = threading.Event()
    previous = _install_stop_handlers(stop)
    try:
        click.echo(f"open {settings.web.base_url}/ to browse the findings")
        _serve_web(database, settings, stop)
    finally:
        database.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
