"""A real HTTP/1.1 server on 127.0.0.1 for the test suite, programmed path by path.

    server = LocalServer().start()
    server.add("/news", "<html>...</html>", etag='"v1"')
    server.url("/news")            # http://127.0.0.1:<port>/news
    server.requests                # [Request(method, path, headers), ...]
    server.stop()

Unknown paths answer 404. One server can serve the whole session: `reset()` forgets routes,
requests and counters between tests, and wakes up handlers still sleeping on a `delay`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import mimetypes
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

HTML = "text/html; charset=utf-8"
_CHUNK = 64 * 1024


class Request(NamedTuple):
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # names lower-cased


@dataclass(kw_only=True)
class Route:
    """How one path answers. See `LocalServer.add` for the meaning of each field."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = HTML
    fail_times: int = 0
    fail_status: int = 500
    retry_after: str | None = None
    delay: float = 0.0
    redirect_to: str | None = None
    redirect_status: int = 302
    etag: str | None = None
    last_modified: str | None = None
    stream_size: int | None = None
    declared_length: int | None = None
    served: int = 0  # answers given so far (failures included)


class LocalServer:
    """A ThreadingHTTPServer on an ephemeral port, in a background thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, Route] = {}
        self._trees: dict[str, Path] = {}
        self._requests: list[Request] = []
        self._bytes_sent: dict[str, int] = {}
        self._in_flight = 0
        self._max_in_flight = 0
        self._errors: list[BaseException] = []
        self._connections: set[socket.socket] = set()
        self._wake = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------------

    def start(self) -> LocalServer:
        self._httpd = _Server(("127.0.0.1", 0), _Handler, owner=self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="localserver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, break open connections, and wait for every handler thread."""
        if self._httpd is None or self._thread is None:
            return
        self._httpd.shutdown()
        self._wake.set()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)
        self._httpd.server_close()  # joins the handler threads
        self._thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget routes, file trees, requests and counters; wake handlers sleeping on a delay."""
        with self._lock:
            self._routes.clear()
            self._trees.clear()
            self._requests.clear()
            self._bytes_sent.clear()
            self._max_in_flight = self._in_flight
            self._errors.clear()
            self._wake.set()
            self._wake = threading.Event()

    # -- addresses ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("LocalServer is not running; call start() first")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    # -- programming --------------------------------------------------------------------------

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = HTML,
        fail_times: int = 0,
        fail_status: int = 500,
        retry_after: str | int | None = None,
        delay: float = 0.0,
        redirect_to: str | None = None,
        redirect_status: int = 302,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Serve `body` at `path` (exact match; a query string must match too, if the path has one).

        fail_times: the first n requests answer `fail_status` instead (with Retry-After when
            `retry_after` is set; Retry-After also goes with a plain 429/503 `status`).
        delay: seconds to wait before answering (interrupted by reset() and stop()).
        redirect_to: answer `redirect_status` with this Location (a path or a full URL).
        etag / last_modified: sent with the page; a matching If-None-Match, or (without one)
            an If-Modified-Since not older than last_modified, answers 304.
        content_type: None sends no Content-Type header at all.
        """
        route = Route(
            body=_bytes(body),
            status=status,
            headers=dict(headers or {}),
            content_type=content_type,
            fail_times=fail_times,
            fail_status=fail_status,
            retry_after=None if retry_after is None else str(retry_after),
            delay=delay,
            redirect_to=redirect_to,
            redirect_status=redirect_status,
            etag=etag,
            last_modified=last_modified,
        )
        with self._lock:
            self._routes[path] = route

    def add_stream(self, path: str, size: int, *, content_type: str = HTML, declare_length: bool = False) -> None:
        """A generated body of `size` bytes, sent chunked (or with Content-Length if `declare_length`).

        bytes_sent(path) tells how much actually went out before the client hung up.
        """
        with self._lock:
            self._routes[path] = Route(
                content_type=content_type,
                stream_size=size,
                declared_length=size if declare_length else None,
            )

    def add_truncated(self, path: str, body: bytes | str, *, declared_length: int, content_type: str = HTML) -> None:
        """Claim Content-Length `declared_length`, send only `body`, then close the connection."""
        with self._lock:
            self._routes[path] = Route(body=_bytes(body), content_type=content_type, declared_length=declared_length)

    def add_file_tree(self, prefix: str, directory: str | Path) -> None:
        """Serve the files under `directory` at `prefix` + their relative path; index.html for folders."""
        with self._lock:
            self._trees[prefix.rstrip("/") + "/"] = Path(directory).resolve()

    def replace(self, path: str, body: bytes | str, **changes: Any) -> None:
        """Change an existing route's body (a new revision of the page) and any other Route field."""
        with self._lock:
            self._routes[path] = dataclasses.replace(self._routes[path], body=_bytes(body), **changes)

    # -- what happened ------------------------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def bytes_sent(self, path: str) -> int:
        with self._lock:
            return self._bytes_sent.get(path, 0)

    @property
    def max_in_flight(self) -> int:
        """The most requests handled at the same time since the last reset()."""
        with self._lock:
            return self._max_in_flight

    @property
    def errors(self) -> list[BaseException]:
        """Unexpected exceptions in handlers (a client hanging up is expected, and not listed)."""
        with self._lock:
            return list(self._errors)

    # -- used by the handler ------------------------------------------------------------------

    def _begin(self, request: Request) -> tuple[Route | None, threading.Event]:
        with self._lock:
            self._requests.append(request)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            route = self._routes.get(request.path) or self._routes.get(request.path.split("?", 1)[0])
            if route is None:
                route = self._file_route(request.path.split("?", 1)[0])
            elif route.served < route.fail_times:
                route.served += 1
                route = Route(status=route.fail_status, body=b"failure", retry_after=route.retry_after)
            else:
                route.served += 1
            return route, self._wake

    def _end(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _file_route(self, path: str) -> Route | None:
        for prefix, directory in self._trees.items():
            if not path.startswith(prefix) and path != prefix.rstrip("/"):
                continue
            file = (directory / path[len(prefix) :]).resolve()
            if file.is_dir():
                file = file / "index.html"
            if file.is_relative_to(directory) and file.is_file():
                return Route(body=file.read_bytes(), content_type=_guess_type(file))
        return None

    def _add_bytes_sent(self, path: str, count: int) -> None:
        with self._lock:
            self._bytes_sent[path] = self._bytes_sent.get(path, 0) + count

    def _track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _record_error(self, error: BaseException) -> None:
        with self._lock:
            self._errors.append(error)


@contextmanager
def running_server() -> Iterator[LocalServer]:
    """A started LocalServer, stopped afterwards."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()


def closed_port_url(path: str = "/") -> str:
    """A URL on 127.0.0.1 where nothing listens, so connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # so server_close() can join every handler thread
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], *, owner: LocalServer):
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, OSError):  # OSError: the client hung up
            self.owner._record_error(error)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 10  # an idle keep-alive connection frees its thread after this many seconds

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, True)

    def finish(self) -> None:
        self.server.owner._track(self.connection, False)
        with suppress(OSError):  # the client may have hung up already
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default request log on stderr."""

    def do_GET(self) -> None:
        owner = self.server.owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        route, wake = owner._begin(Request("GET", self.path, headers))
        try:
            if route is not None and route.delay and wake.wait(route.delay):
                self.close_connection = True  # woken by reset()/stop(): give up on this answer
                return
            self._answer(route, headers)
        finally:
            owner._end()

    def _answer(self, route: Route | None, headers: dict[str, str]) -> None:
        if route is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
        elif route.redirect_to is not None:
            self._send(route.redirect_status, b"", {"Location": route.redirect_to})
        elif _not_modified(route, headers):
            self._send(304, None, _validators(route))
        elif route.stream_size is not None:
            self._stream(route)
        elif route.declared_length is not None:
            self._truncate(route)
        else:
            self._send(route.status, route.body, _page_headers(route))

    def _send(self, status: int, body: bytes | None, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _stream(self, route: Route) -> None:
        assert route.stream_size is not None
        self.send_response(200)
        for name, value in _page_headers(route).items():
            self.send_header(name, value)
        chunked = route.declared_length is None
        self.send_header(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(route.stream_size))))
        self.end_headers()
        left, block = route.stream_size, b"x" * _CHUNK
        while left > 0:
            piece = block[: min(left, _CHUNK)]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            self.server.owner._add_bytes_sent(self.path, len(piece))
            left -= len(piece)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def _truncate(self, route: Route) -> None:
        self.send_response(200)
        for name, value in _page_headers(route).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(route.declared_length))
        self.end_headers()
        self.wfile.write(route.body)
        self.wfile.flush()
        self.close_connection = True
        _shut(self.connection)


def _page_headers(route: Route) -> dict[str, str]:
    headers = dict(_validators(route))
    if route.content_type is not None:
        headers["Content-Type"] = route.content_type
    if route.retry_after is not None and route.status in (429, 500, 503):
        headers["Retry-After"] = route.retry_after
    headers.update(route.headers)
    return headers


def _validators(route: Route) -> dict[str, str]:
    headers = {}
    if route.etag is not None:
        headers["ETag"] = route.etag
    if route.last_modified is not None:
        headers["Last-Modified"] = route.last_modified
    return headers


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since."""
    if "if-none-match" in headers:
        tags = [tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")]
        return route.etag is not None and ("*" in tags or route.etag.removeprefix("W/") in tags)
    since = _parse_date(headers.get("if-modified-since"))
    modified = _parse_date(route.last_modified)
    return since is not None and modified is not None and modified <= since


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _guess_type(file: Path) -> str:
    guessed, _ = mimetypes.guess_type(file.name)
    if guessed is None:
        return "application/octet-stream"
    # Like a stock web server: no charset, so the page's own <meta charset> or BOM decides.
    return guessed


def _bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def _shut(connection: socket.socket) -> None:
    with suppress(OSError):  # already closed by the other side
        connection.shutdown(socket.SHUT_RDWR)


def etag_of(body: bytes | str) -> str:
    """A strong ETag for `body`, handy for add(..., etag=etag_of(body))."""
    return '"' + hashlib.sha256(_bytes(body)).hexdigest()[:16] + '"'
