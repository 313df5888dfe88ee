"""Fetcher against a real HTTP server on 127.0.0.1; waiting goes through a fake clock."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any

import pytest

from monitor.config import HttpSettings
from monitor.errors import FetchError, HTTPStatusError, NotHTML, RobotsDisallowed, TooLarge, TransportError
from monitor.fetch import Fetcher, _HostGate
from tests.localserver import LocalServer, closed_port_url, etag_of, running_server

# Robots checks are off unless a test is about them, so that recorded sleeps are only the ones tested.
QUIET = HttpSettings(min_delay=0.0, respect_robots=False, backoff_base=1.0, timeout=5.0)


class FakeTime:
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with running_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(fake_time: FakeTime) -> Iterator[MakeFetcher]:
    """Fetchers on the fake clock, built from QUIET plus overrides, closed after the test."""
    fetchers: list[Fetcher] = []

    def make(**overrides: Any) -> Fetcher:
        settings = dataclasses.replace(QUIET, **overrides)
        fetcher = Fetcher(settings, sleep=fake_time.sleep, clock=fake_time.clock)
        fetchers.append(fetcher)
        return fetcher

    yield make
    for fetcher in fetchers:
        fetcher.close()


def raises_naming(error: type[FetchError], url: str, call: Callable[[], object]) -> FetchError:
    """Run `call`, expect `error`, and check its message names `url`."""
    with pytest.raises(error) as info:
        call()
    assert url in str(info.value)
    assert info.value.url == url
    return info.value


# -- the basics ------------------------------------------------------------------------------


def test_page_fields(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", "<p>A</p>", etag='"e1"', last_modified="Mon, 06 Jan 2025 10:00:00 GMT")

    page = make_fetcher().fetch(server.url("/a"))

    assert page.url == page.requested_url == server.url("/a")
    assert (page.status, page.content, page.content_type) == (200, b"<p>A</p>", "text/html; charset=utf-8")
    assert (page.etag, page.last_modified, page.not_modified) == ('"e1"', "Mon, 06 Jan 2025 10:00:00 GMT", False)
    assert page.fetched_at.tzinfo == UTC
    assert abs((datetime.now(UTC) - page.fetched_at).total_seconds()) < 60


def test_page_url_keeps_our_spelling_when_httpx_re_encodes_it(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/%E6%96%B0%E9%97%BB", "news")
    page = make_fetcher().fetch(server.url("/新闻"))
    assert (page.url, page.content) == (server.url("/新闻"), b"news")


def test_sends_the_user_agent_with_the_contact_url(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", "A")
    make_fetcher(respect_robots=True, contact_url="https://example.org/contact").fetch(server.url("/a"))

    agents = {r.path: r.headers["user-agent"] for r in server.requests}
    assert agents == {
        "/robots.txt": "statement-monitor/0.1 (+https://example.org/contact)",
        "/a": "statement-monitor/0.1 (+https://example.org/contact)",
    }


def test_counts_requests_and_logs_each_at_debug(
    server: LocalServer, make_fetcher: MakeFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    server.add("/a", "A")
    server.add("/b", "B")
    fetcher = make_fetcher(respect_robots=True)

    with caplog.at_level(logging.DEBUG, logger="monitor.fetch"):
        fetcher.fetch(server.url("/a"))
        fetcher.fetch(server.url("/b"))

    assert fetcher.request_count == 3  # robots.txt once, then the two pages
    assert fetcher.requests_by_host == {"127.0.0.1": 3}
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    for path in ("/robots.txt", "/a", "/b"):
        assert f"GET {server.url(path)}" in logged


# -- robots.txt ------------------------------------------------------------------------------


def test_robots_disallow_is_obeyed_without_requesting_the_page(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/x", "secret")
    server.add("/public", "ok")
    fetcher = make_fetcher(respect_robots=True)

    raises_naming(RobotsDisallowed, server.url("/private/x"), lambda: fetcher.fetch(server.url("/private/x")))

    assert fetcher.fetch(server.url("/public")).content == b"ok"
    assert server.requests_to("/private/x") == []
    assert len(server.requests_to("/robots.txt")) == 1  # cached between the two fetches


def test_robots_group_for_our_agent_beats_star(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /\n\nUser-agent: statement-monitor\nAllow: /\n",
        content_type="text/plain",
    )
    server.add("/a", "A")
    assert make_fetcher(respect_robots=True).fetch(server.url("/a")).content == b"A"


def test_robots_is_ignored_when_turned_off(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.add("/a", "A")
    assert make_fetcher(respect_robots=False).fetch(server.url("/a")).content == b"A"
    assert server.requests_to("/robots.txt") == []


def test_redirect_target_is_checked_against_robots(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    server.add("/go", redirect_to="/private/page")
    fetcher = make_fetcher(respect_robots=True)

    error = raises_naming(RobotsDisallowed, server.url("/go"), lambda: fetcher.fetch(server.url("/go")))

    assert server.url("/private/page") in str(error)
    assert server.requests_to("/private/page") == []


def test_crawl_delay_spaces_requests(server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime) -> None:
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
    for path in ("/a", "/b", "/c"):
        server.add(path, path)
    fetcher = make_fetcher(respect_robots=True, min_delay=1.0)

    for path in ("/a", "/b", "/c"):
        fetcher.fetch(server.url(path))

    assert fake_time.sleeps == [5.0, 5.0, 5.0]  # robots.txt went first, then every page waited 5 s


def test_crawl_delay_is_capped_at_backoff_max(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain")
    server.add("/a", "A")
    make_fetcher(respect_robots=True, backoff_max=30.0).fetch(server.url("/a"))
    assert fake_time.sleeps == [30.0]


# -- politeness per host ---------------------------------------------------------------------


def test_min_delay_between_requests_to_one_host(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/a", "A")
    fetcher = make_fetcher(min_delay=2.0)

    fetcher.fetch(server.url("/a"))  # the first request to a host does not wait
    fake_time.now += 0.5  # the caller spent half a second elsewhere: only the rest is waited for
    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))

    assert fake_time.sleeps == [1.5, 2.0]


def test_site_min_delay_overrides_the_default(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/a", "A")
    fetcher = make_fetcher(min_delay=2.0)
    fetcher.set_min_delay(server.url("/"), 7.0)

    fetcher.fetch(server.url("/a"))
    fetcher.fetch(server.url("/a"))

    assert fake_time.sleeps == [7.0]


def test_gate_keeps_hosts_apart(fake_time: FakeTime) -> None:
    gate = _HostGate(2, sleep=fake_time.sleep, clock=fake_time.clock)
    with gate.slot("a.example", 3.0):
        pass
    with gate.slot("b.example", 3.0):
        pass
    assert fake_time.sleeps == []  # b does not wait for a

    with gate.slot("a.example", 3.0):
        pass
    assert fake_time.sleeps == [3.0]


@pytest.mark.parametrize("limit", [1, 3])
def test_at_most_max_per_host_requests_at_once(server: LocalServer, limit: int) -> None:
    server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    server.add("/slow", "done", delay=0.2)
    settings = HttpSettings(min_delay=0.0, max_per_host=limit)
    with Fetcher(settings) as fetcher:
        results: list[bytes] = []
        threads = [
            threading.Thread(target=lambda: results.append(fetcher.fetch(server.url("/slow")).content))
            for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert results == [b"done"] * 6
    assert server.max_in_flight == limit
    assert len(server.requests_to("/robots.txt")) == 1  # the other threads waited for the first download


# -- conditional requests --------------------------------------------------------------------


def test_etag_gives_not_modified_until_the_page_changes(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", "v1", etag=etag_of("v1"))
    fetcher = make_fetcher()
    first = fetcher.fetch(server.url("/a"))

    again = fetcher.fetch(server.url("/a"), etag=first.etag)
    server.replace("/a", "v2", etag=etag_of("v2"))
    changed = fetcher.fetch(server.url("/a"), etag=first.etag)

    assert server.requests_to("/a")[1].headers["if-none-match"] == etag_of("v1")
    assert (again.not_modified, again.status, again.content, again.etag) == (True, 304, b"", etag_of("v1"))
    assert (changed.not_modified, changed.content, changed.etag) == (False, b"v2", etag_of("v2"))


def test_last_modified_gives_not_modified(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    stamp = "Mon, 06 Jan 2025 10:00:00 GMT"
    server.add("/a", "v1", last_modified=stamp)

    page = make_fetcher().fetch(server.url("/a"), last_modified=stamp)

    assert server.requests_to("/a")[0].headers["if-modified-since"] == stamp
    assert "if-none-match" not in server.requests_to("/a")[0].headers
    assert (page.not_modified, page.last_modified) == (True, stamp)


# -- retries ---------------------------------------------------------------------------------


def test_503_with_retry_after_then_success(server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime) -> None:
    server.add("/a", "A", fail_times=1, fail_status=503, retry_after=7)

    page = make_fetcher().fetch(server.url("/a"))

    assert page.content == b"A"
    assert fake_time.sleeps == [7.0]
    assert len(server.requests_to("/a")) == 2


def test_retry_after_as_http_date(server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime) -> None:
    # The server's own Date header is the reference, so a skewed local clock does not matter.
    server.add("/a", "A", fail_times=1, fail_status=429, retry_after=formatdate(time.time() + 30, usegmt=True))

    make_fetcher().fetch(server.url("/a"))

    [wait] = fake_time.sleeps
    assert 28.0 <= wait <= 31.0


def test_retry_after_is_capped_at_backoff_max(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/a", "A", fail_times=1, fail_status=503, retry_after=3600)
    make_fetcher(backoff_max=60.0).fetch(server.url("/a"))
    assert fake_time.sleeps == [60.0]


def test_500_forever_gives_up_after_retries_with_backoff(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/a", "broken", status=500)
    fetcher = make_fetcher(retries=3, backoff_base=1.5)

    error = raises_naming(HTTPStatusError, server.url("/a"), lambda: fetcher.fetch(server.url("/a")))

    assert isinstance(error, HTTPStatusError)
    assert error.status == 500
    assert "4 attempt" in str(error)
    assert fake_time.sleeps == [1.5, 3.0, 6.0]
    assert len(server.requests_to("/a")) == 4


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_other_4xx_fail_at_once(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime, status: int
) -> None:
    server.add("/a", "no", status=status)

    error = raises_naming(HTTPStatusError, server.url("/a"), lambda: make_fetcher().fetch(server.url("/a")))

    assert isinstance(error, HTTPStatusError)
    assert error.status == status
    assert len(server.requests_to("/a")) == 1
    assert fake_time.sleeps == []


def test_timeout_is_retried_then_a_transport_error(
    server: LocalServer, make_fetcher: MakeFetcher, fake_time: FakeTime
) -> None:
    server.add("/slow", "late", delay=5)
    fetcher = make_fetcher(timeout=0.2, retries=1)

    error = raises_naming(TransportError, server.url("/slow"), lambda: fetcher.fetch(server.url("/slow")))

    assert "0.2s" in str(error)
    assert len(server.requests_to("/slow")) == 2
    assert fake_time.sleeps == [1.0]


def test_connection_refused_is_retried_then_a_transport_error(make_fetcher: MakeFetcher, fake_time: FakeTime) -> None:
    url = closed_port_url("/a")
    fetcher = make_fetcher(retries=2)

    error = raises_naming(TransportError, url, lambda: fetcher.fetch(url))

    assert "ConnectError" in str(error)
    assert fetcher.request_count == 3
    assert fake_time.sleeps == [1.0, 2.0]


def test_connection_refused_with_robots_on_is_a_transport_error_too(make_fetcher: MakeFetcher) -> None:
    # robots.txt cannot be read either; that must not look like a robots ban (which is never retried).
    url = closed_port_url("/a")
    error = raises_naming(TransportError, url, lambda: make_fetcher(respect_robots=True, retries=0).fetch(url))
    assert "robots.txt could not be read" in str(error)


def test_truncated_body_is_a_transport_error_never_a_partial_page(
    server: LocalServer, make_fetcher: MakeFetcher
) -> None:
    server.add_truncated("/cut", "<html><body>half", declared_length=10_000)

    error = raises_naming(TransportError, server.url("/cut"), lambda: make_fetcher(retries=1).fetch(server.url("/cut")))

    assert "broke off" in str(error)
    assert len(server.requests_to("/cut")) == 2  # a dropped connection is worth one more try


# -- redirects -------------------------------------------------------------------------------


def test_redirect_is_followed_and_the_final_url_reported(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/old", redirect_to="/middle", redirect_status=301)
    server.add("/middle", redirect_to=server.url("/new"), redirect_status=307)
    server.add("/new", "moved here")

    page = make_fetcher().fetch(server.url("/old"))

    assert (page.requested_url, page.url, page.content) == (server.url("/old"), server.url("/new"), b"moved here")


def test_redirect_loop_is_a_transport_error(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", redirect_to="/b")
    server.add("/b", redirect_to="/a")

    error = raises_naming(TransportError, server.url("/a"), lambda: make_fetcher().fetch(server.url("/a")))

    assert "redirect loop" in str(error)
    assert len(server.requests) == 2


def test_too_many_redirects_is_a_transport_error(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    for hop in range(5):
        server.add(f"/{hop}", redirect_to=f"/{hop + 1}")
    server.add("/5", "end")

    error = raises_naming(
        TransportError, server.url("/0"), lambda: make_fetcher(max_redirects=3).fetch(server.url("/0"))
    )

    assert "more than 3 redirects" in str(error)
    assert len(server.requests) == 4


def test_redirect_to_another_scheme_is_refused(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", redirect_to="ftp://127.0.0.1/file")
    error = raises_naming(TransportError, server.url("/a"), lambda: make_fetcher().fetch(server.url("/a")))
    assert "ftp://127.0.0.1/file" in str(error)


# -- size and type ---------------------------------------------------------------------------


def test_oversized_stream_is_cut_off(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    size = 64 * 1024 * 1024
    server.add_stream("/huge", size)  # chunked: no Content-Length to refuse it early

    raises_naming(TooLarge, server.url("/huge"), lambda: make_fetcher(max_bytes=100_000).fetch(server.url("/huge")))

    assert server.bytes_sent("/huge") < size // 4  # what socket buffers took, not the whole body
    assert len(server.requests_to("/huge")) == 1  # not retried


def test_declared_oversize_is_refused_before_reading(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add_stream("/huge", 64 * 1024 * 1024, declare_length=True)

    error = raises_naming(
        TooLarge, server.url("/huge"), lambda: make_fetcher(max_bytes=100_000).fetch(server.url("/huge"))
    )

    assert "Content-Length" in str(error)
    assert server.bytes_sent("/huge") < 16 * 1024 * 1024


def test_body_at_the_limit_is_fine(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/a", b"x" * 1000)
    assert len(make_fetcher(max_bytes=1000).fetch(server.url("/a")).content) == 1000


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", "text/plain"])
def test_not_html_is_refused(server: LocalServer, make_fetcher: MakeFetcher, content_type: str) -> None:
    server.add("/file", b"%PDF-1.4", content_type=content_type)
    error = raises_naming(NotHTML, server.url("/file"), lambda: make_fetcher().fetch(server.url("/file")))
    assert content_type in str(error)


@pytest.mark.parametrize(
    "content_type",
    ["text/html", "application/xhtml+xml", "application/xml", "text/xml; charset=gbk", "application/rss+xml", None],
)
def test_html_and_xml_are_accepted(server: LocalServer, make_fetcher: MakeFetcher, content_type: str | None) -> None:
    server.add("/doc", "<doc/>", content_type=content_type)
    assert make_fetcher().fetch(server.url("/doc")).content == b"<doc/>"


def test_other_types_can_be_accepted(server: LocalServer, make_fetcher: MakeFetcher) -> None:
    server.add("/report", b"%PDF-1.4", content_type="application/pdf")
    page = make_fetcher().fetch(server.url("/report"), accept=("pdf",))
    assert (page.content, page.content_type) == (b"%PDF-1.4", "application/pdf")
