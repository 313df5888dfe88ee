"""HTTP fetching: one polite, bounded, retrying GET per call, handed on as a FetchedPage.

This is the only module that sees httpx: every httpx exception becomes a FetchError here.
Per call, `Fetcher.fetch` does, for the URL and each redirect target in turn:

    robots.txt check -> wait for the host (delay, concurrency) -> GET -> retry 429/5xx/network
    errors with backoff -> redirect? loop : check type and size, stream the body
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from monitor.config import HttpSettings
from monitor.errors import (
    FetchError,
    HTTPStatusError,
    NotHTML,
    RobotsDisallowed,
    TooLarge,
    TransportError,
)
from monitor.records import FetchedPage
from monitor.robots import RobotsCache, RobotsFile, RobotsPolicy, origin_of, product_token

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT_HEADER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_RETRY_LATER = "it is tried again at the next check"
_TOO_LARGE_HINT = "raise [http] max_bytes if the page is genuine"


@dataclass(frozen=True)
class _Reply:
    """One HTTP answer; the body is read only for 2xx answers."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes = b""

    @property
    def location(self) -> str | None:
        """The absolute redirect target, if this is a redirect."""
        target: str | None = self.headers.get("location")
        if self.status not in REDIRECT_STATUSES or not target:
            return None
        return urljoin(self.url, target)


@dataclass(frozen=True)
class _Failure:
    """Why one attempt failed in a way worth retrying."""

    reason: str
    status: int | None = None
    headers: httpx.Headers | None = None  # for Retry-After


class _Transient(Exception):
    def __init__(self, failure: _Failure) -> None:
        super().__init__(failure.reason)
        self.failure = failure


class _HostGate:
    """Spaces request starts to one host by a delay and caps how many run at once. Thread-safe."""

    def __init__(self, concurrency: int, *, sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self._concurrency = concurrency
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._last_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        """Hold one of the host's slots, starting no sooner than `delay` after the previous start."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with semaphore:
            self._wait_turn(host, delay)
            yield

    def _wait_turn(self, host: str, delay: float) -> None:
        # Reserve a start time under the lock, sleep outside it: waiting threads queue up in order.
        with self._lock:
            now = self._clock()
            last = self._last_start.get(host)
            start = now if last is None else max(now, last + delay)
            self._last_start[host] = start
        if start > now:
            self._sleep(start - now)


class Fetcher:
    """Fetches pages politely (robots.txt, per-host delay and concurrency) with retries and bounds.

    Thread-safe: one Fetcher may serve a thread pool. Use it as a context manager, or close() it.
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings or HttpSettings()
        self._sleep = sleep
        user_agent = self._settings.user_agent.replace("{contact_url}", self._settings.contact_url)
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": ACCEPT_HEADER},
            timeout=self._settings.timeout,
            follow_redirects=False,  # followed here, so every hop passes robots.txt and the host gate
            transport=transport,
        )
        self._gate = _HostGate(self._settings.max_per_host, sleep=sleep, clock=clock)
        self._robots = RobotsCache(
            agent=product_token(user_agent),
            ttl=self._settings.robots_ttl,
            download=self._download_robots,
            clock=clock,
        )
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._min_delays: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @property
    def request_count(self) -> int:
        """HTTP requests sent so far, robots.txt and retries included."""
        with self._lock:
            return self._counts.total()

    @property
    def requests_by_host(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def set_min_delay(self, url: str, seconds: float) -> None:
        """Space requests to `url`'s host by `seconds` instead of [http] min_delay (a site's own setting)."""
        with self._lock:
            self._min_delays[_host(url)] = seconds

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = ("html", "xml"),
    ) -> FetchedPage:
        """GET `url`; conditional when `etag`/`last_modified` are given (then a 304 is `not_modified`).

        `accept` names the content types wanted: "html", "xml", a subtype ("pdf", "json") or a
        full media type. Raises a FetchError subclass whose message names the URL.
        """
        headers = _conditional_headers(etag, last_modified)
        reply = self._follow(url, headers, accept)
        return _to_page(url, reply, etag, last_modified)

    def _follow(self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None) -> _Reply:
        """GET `url` and the redirects it leads to. `accept` None means robots.txt: no checks."""
        current, seen = url, {url}
        for _ in range(self._settings.max_redirects + 1):
            _check_scheme(url, current)
            if accept is not None:
                self._check_robots(url, current)
            reply = self._get(url, current, headers, accept)
            target = reply.location
            if target is None:
                return reply
            if target in seen:
                raise TransportError(url, f"redirect loop: {current} leads back to {target}; open it in a browser")
            seen.add(target)
            current = target
        limit = self._settings.max_redirects
        raise TransportError(url, f"more than {limit} redirects (last: {current}); put the final URL in the config")

    def _check_robots(self, url: str, current: str) -> None:
        if not self._settings.respect_robots:
            return
        policy = self._robots.policy_for(current)
        if policy.unavailable is not None:
            raise _robots_unavailable(url, current, policy)
        if not policy.allows(current):
            raise RobotsDisallowed(
                url,
                f"{origin_of(current)}/robots.txt disallows{_via(url, current)} for our user agent; "
                "remove the URL from the config, or ask the site to allow it",
            )

    def _get(self, url: str, current: str, headers: dict[str, str], accept: tuple[str, ...] | None) -> _Reply:
        """One GET of `current`, retried on 429/5xx, timeouts and network errors."""
        attempts = max(1, self._settings.retries + 1)
        for attempt in range(attempts):
            try:
                reply = self._attempt(url, current, headers, accept)
            except _Transient as exc:
                failure = exc.failure
            else:
                if reply.status not in RETRY_STATUSES:
                    return reply
                failure = _Failure(f"HTTP {reply.status}", reply.status, reply.headers)
            if attempt + 1 == attempts:
                break
            wait = self._backoff(attempt, failure.headers)
            logger.info("%s: %s; retry %d of %d in %.1fs", current, failure.reason, attempt + 1, attempts - 1, wait)
            self._sleep(wait)
        raise _give_up(url, current, failure, attempts)

    def _attempt(self, url: str, current: str, headers: dict[str, str], accept: tuple[str, ...] | None) -> _Reply:
        host = _host(current)
        with self._gate.slot(host, self._delay_for(current)):
            self._count(host)
            logger.debug("GET %s", current)
            try:
                with self._client.stream("GET", current, headers=headers) as response:
                    return self._receive(url, current, response, accept)
            except httpx.TimeoutException as exc:
                raise _Transient(_Failure(f"no answer within {self._settings.timeout:g}s ({_name(exc)})")) from exc
            except httpx.RemoteProtocolError as exc:  # among others: the body ended before Content-Length
                raise _Transient(_Failure(f"the server broke off the response ({exc})")) from exc
            except httpx.NetworkError as exc:  # connection refused or reset, DNS failure
                raise _Transient(_Failure(f"network error ({_name(exc)}: {exc})")) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise TransportError(url, f"cannot fetch{_via(url, current)} ({_name(exc)}: {exc})") from exc

    def _receive(self, url: str, current: str, response: httpx.Response, accept: tuple[str, ...] | None) -> _Reply:
        # `current` rather than response.url, which httpx may have re-encoded: pages keep our spelling.
        logger.debug("GET %s -> %d", current, response.status_code)
        if not 200 <= response.status_code < 300:
            return _Reply(current, response.status_code, response.headers)  # body left unread
        limit = self._settings.max_bytes
        if accept is not None:
            _check_type(url, current, response.headers.get("content-type"), accept)
            _check_declared_length(url, current, response.headers, limit)
        content = _read_capped(response, limit)
        if len(content) > limit:
            if accept is not None:
                raise TooLarge(url, f"body{_via(url, current)} is over max_bytes={limit}; {_TOO_LARGE_HINT}")
            content = content[:limit]  # robots.txt: the start is what counts
        return _Reply(current, response.status_code, response.headers, content)

    def _download_robots(self, robots_url: str) -> RobotsFile:
        reply = self._follow(robots_url, {}, accept=None)
        return RobotsFile(status=reply.status, body=reply.content)

    def _delay_for(self, url: str) -> float:
        host = _host(url)
        with self._lock:
            delay = self._min_delays.get(host, self._settings.min_delay)
        policy = self._robots.cached(url) if self._settings.respect_robots else None
        if policy is not None and policy.crawl_delay is not None:
            # A Crawl-delay of hours would stall a worker thread; the longest wait we accept anywhere
            # is backoff_max.
            delay = max(delay, min(policy.crawl_delay, self._settings.backoff_max))
        return delay

    def _backoff(self, attempt: int, headers: httpx.Headers | None) -> float:
        wait = self._settings.backoff_base * 2**attempt
        hinted = _retry_after(headers) if headers is not None else None
        return min(hinted if hinted is not None else wait, self._settings.backoff_max)

    def _count(self, host: str) -> None:
        with self._lock:
            self._counts[host] += 1


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _to_page(url: str, reply: _Reply, etag: str | None, last_modified: str | None) -> FetchedPage:
    if reply.status == 304:
        return FetchedPage(
            url=reply.url,
            requested_url=url,
            status=304,
            content=b"",
            content_type=reply.headers.get("content-type"),
            etag=reply.headers.get("etag", etag),  # a 304 need not repeat the validators
            last_modified=reply.headers.get("last-modified", last_modified),
            fetched_at=datetime.now(UTC),
            not_modified=True,
        )
    if not 200 <= reply.status < 300:
        raise HTTPStatusError(url, reply.status, _status_reason(reply.status, _via(url, reply.url)))
    return FetchedPage(
        url=reply.url,
        requested_url=url,
        status=reply.status,
        content=reply.content,
        content_type=reply.headers.get("content-type"),
        etag=reply.headers.get("etag"),
        last_modified=reply.headers.get("last-modified"),
        fetched_at=datetime.now(UTC),
    )


def _status_reason(status: int, via: str) -> str:
    if status in (404, 410):
        return f"HTTP {status}{via}: the page is gone; check the URL in the config"
    if status in (401, 403, 451):
        return f"HTTP {status}{via}: access refused; the site may block automated clients, try it in a browser"
    return f"HTTP {status}{via}: not a page we can use; check the URL in a browser"


def _give_up(url: str, current: str, failure: _Failure, attempts: int) -> FetchError:
    reason = f"{failure.reason}{_via(url, current)} after {attempts} attempt(s); {_RETRY_LATER}"
    if failure.status is not None:
        return HTTPStatusError(url, failure.status, reason)
    return TransportError(url, reason)


def _robots_unavailable(url: str, current: str, policy: RobotsPolicy) -> FetchError:
    reason = (
        f"{origin_of(current)}/robots.txt could not be read ({policy.unavailable}), and until it can "
        f"RFC 9309 says to fetch nothing there{_via(url, current)}; {_RETRY_LATER}"
    )
    if policy.unavailable_status is not None:
        return HTTPStatusError(url, policy.unavailable_status, reason)
    return TransportError(url, reason)


def _check_scheme(url: str, current: str) -> None:
    parts = urlsplit(current)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TransportError(url, f"not an http(s) URL{_via(url, current)}; fix it in the config")


def _check_type(url: str, current: str, content_type: str | None, accept: tuple[str, ...]) -> None:
    # No Content-Type at all is common on old sites; the parser copes, so it is let through.
    if content_type is None or _content_kinds(content_type) & set(accept):
        return
    raise NotHTML(url, f"content type {content_type!r}{_via(url, current)} is not one of {', '.join(accept)}")


def _content_kinds(content_type: str) -> frozenset[str]:
    """The names a content type answers to: "application/rss+xml" -> the type, "rss+xml", "rss", "xml"."""
    media = content_type.split(";", 1)[0].strip().lower()
    subtype = media.partition("/")[2]
    kinds = {media, subtype, *subtype.split("+")}
    if subtype in ("html", "xhtml+xml"):
        kinds.add("html")
    return frozenset(kinds)


def _check_declared_length(url: str, current: str, headers: httpx.Headers, limit: int) -> None:
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        reason = f"Content-Length {declared}{_via(url, current)} is over max_bytes={limit}; {_TOO_LARGE_HINT}"
        raise TooLarge(url, reason)


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The body, decoded from any Content-Encoding, stopping as soon as it exceeds `limit`."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            break
    return bytes(body)


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date measured against the server's Date."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    when = _http_date(value)
    if when is None:
        return None
    now = _http_date(headers.get("date", "")) or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def _http_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _host(url: str) -> str:
    """The politeness key: the host name, whatever the scheme or port."""
    return (urlsplit(url).hostname or "").lower()


def _via(url: str, current: str) -> str:
    return "" if current == url else f" (redirected to {current})"


def _name(exc: Exception) -> str:
    return type(exc).__name__
