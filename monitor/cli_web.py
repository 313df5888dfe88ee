"""`monitor web`: serve the web front with waitress until Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import TYPE_CHECKING

import click

from monitor.cli import App, cli, handle_errors, pass_app

if TYPE_CHECKING:
    from monitor.web_server import WebServer


@cli.command("web")
@click.option("--host", metavar="ADDRESS", help="listen on this address (default [web] host)")
@click.option("--port", type=click.IntRange(0, 65535), help="listen on this port (default [web] port)")
@pass_app
@handle_errors
def web_command(app: App, host: str | None, port: int | None) -> None:
    """Serve findings, site health, feeds and subscriptions over HTTP."""
    from monitor.web import WebServer, create_app  # waitress and Flask load only for this command

    settings = app.settings
    server = WebServer(create_app(app.database(), settings), host or settings.web.host,
                       settings.web.port if port is None else port)
    click.echo(f"serving on {server.url} (links use {settings.web.base_url}); Ctrl-C or SIGTERM stops")
    # Ctrl-C: serve_forever() shuts down cleanly on its way out.
    with _stop_on_sigterm(server), suppress(KeyboardInterrupt):
        server.serve_forever()
    click.echo("stopped")


@contextmanager
def _stop_on_sigterm(server: WebServer) -> Iterator[None]:
    """SIGTERM ends serve_forever() gracefully; only the main thread may install a handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(_signum: int, _frame: FrameType | None) -> None:
        # Only set the event: a handler must not take locks the interrupted code may hold.
        server.stopping.set()

    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
