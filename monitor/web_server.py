"""The production server: waitress on one address, stoppable from any thread.

waitress's own run() loops until the process is interrupted. WebServer runs the same event
loop in short turns so that stop(), called from another thread (`monitor run` on SIGTERM),
ends it: the listening socket closes first, answers in progress get `grace` seconds to
finish and be sent, then the connections close and the worker threads are joined.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import TYPE_CHECKING, Any

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import create_server

from monitor.errors import MonitorError

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

log = logging.getLogger(__name__)
TURN = 0.5  # seconds one turn of the event loop may wait: how soon a bare Event is noticed


class WebServer:
    """waitress serving one WSGI app; serve_forever() in one thread, stop() from any other."""

    def __init__(self, app: WSGIApplication, host: str, port: int, *, threads: int = 8, grace: float = 30.0,
                 stop: threading.Event | None = None) -> None:
        listening = listen(host, port)
        try:
            self._server: Any = create_server(app, sockets=[listening], threads=threads, ident="statement-monitor")
        except BaseException:
            listening.close()
            raise
        self.host: str = self._server.effective_host
        self.port: int = self._server.effective_port
        self.grace = grace
        self.stopping = stop or threading.Event()
        self.stopped = threading.Event()
        self._trigger_lock = threading.Lock()
        self._trigger_open = True
        self._serving = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def serve_forever(self) -> None:
        """Answer requests until stop() is called or the `stop` event is set (or Ctrl-C)."""
        self._serving = True
        try:
            while not self.stopping.is_set():
                self._turn(TURN)
        finally:
            self._shut_down()

    def stop(self, *, wait: float | None = None) -> None:
        """Ask serve_forever() to end; with `wait`, block until it has (at most that many seconds)."""
        self.stopping.set()
        with self._trigger_lock:
            if self._trigger_open:  # wake the loop now rather than after its turn
                self._server.pull_trigger()
        if wait is not None:
            self.stopped.wait(wait)

    def close(self) -> None:
        """Release the socket: at once when serve_forever() never ran, else by stopping it and waiting."""
        if self._serving:
            self.stop(wait=self.grace + 10)
        elif not self.stopped.is_set():
            self.stopping.set()
            self._shut_down()

    def _turn(self, timeout: float) -> None:
        adjustments = self._server.adj
        wasyncore.loop(timeout=timeout, map=self._server._map, use_poll=adjustments.asyncore_use_poll, count=1)

    def _shut_down(self) -> None:
        try:
            wasyncore.dispatcher.close(self._server)  # no new connections; the trigger stays for answers in progress
            self._drain()
            for channel in self._channels():
                channel.handle_close()
            self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        finally:
            with self._trigger_lock:
                self._trigger_open = False
                self._server.trigger.close()
            self.stopped.set()

    def _drain(self) -> None:
        """Let requests in progress finish and their answers go out; close idle keep-alive connections."""
        deadline = time.monotonic() + self.grace
        while self._channels():
            if time.monotonic() >= deadline:
                log.warning("web server stopping with %d connections still busy", len(self._channels()))
                return
            for channel in self._channels():
                if not channel.requests and not channel.total_outbufs_len:
                    channel.will_close = True
            self._turn(0.05)

    def _channels(self) -> list[HTTPChannel]:
        return [c for c in list(self._server._map.values()) if isinstance(c, HTTPChannel)]


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (port 0: a free one); MonitorError saying what to change when it cannot be."""
    # Bound here rather than by waitress, which leaks its half-built server when binding fails.
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                                flags=socket.AI_PASSIVE)[0]
    except OSError as exc:
        raise MonitorError(f"cannot listen on {host}:{port}: {exc}; check [web] host") from exc
    listening = socket.socket(family, kind, protocol)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as exc:
        listening.close()
        raise MonitorError(f"cannot listen on {host}:{port}: {exc}; choose another [web] host/port "
                           "or stop the program using it") from exc
    return listening


def serve(app: WSGIApplication, host: str, port: int, *, stop: threading.Event | None = None) -> None:
    """Serve `app` with waitress on host:port until `stop` is set from another thread (or Ctrl-C)."""
    WebServer(app, host, port, stop=stop).serve_forever()
