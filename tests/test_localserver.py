"""The test HTTP server itself, checked with plain httpx / http.client so other tests can trust it."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.localserver import LocalServer, closed_port_url, etag_of, running_server


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with running_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5) as client:
        yield client


def test_serves_a_page_and_logs_the_request(server: LocalServer, client: httpx.Client) -> None:
    server.add("/news", "<p>héllo</p>", headers={"X-Extra": "1"})

    response = client.get(server.url("/news?page=2"), headers={"User-Agent": "probe/1"})

    assert server.url("/news").startswith("http://127.0.0.1:")
    assert response.status_code == 200
    assert response.text == "<p>héllo</p>"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["x-extra"] == "1"
    [request] = server.requests
    assert (request.method, request.path, request.headers["user-agent"]) == ("GET", "/news?page=2", "probe/1")


def test_unknown_path_is_404(server: LocalServer, client: httpx.Client) -> None:
    assert client.get(server.url("/nothing")).status_code == 404


def test_fail_times_then_success_with_retry_after(server: LocalServer, client: httpx.Client) -> None:
    server.add("/flaky", "ok", fail_times=2, fail_status=503, retry_after=7)

    answers = [client.get(server.url("/flaky")) for _ in range(3)]

    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].headers["retry-after"] == "7"
    assert "retry-after" not in answers[2].headers
    assert answers[2].text == "ok"


def test_conditional_requests_answer_304_until_the_page_changes(server: LocalServer, client: httpx.Client) -> None:
    modified = "Mon, 06 Jan 2025 10:00:00 GMT"
    server.add("/page", "v1", etag=etag_of("v1"), last_modified=modified)
    url = server.url("/page")

    assert client.get(url, headers={"If-None-Match": etag_of("v1")}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": "Sun, 05 Jan 2025 10:00:00 GMT"}).status_code == 200

    server.replace("/page", "v2", etag=etag_of("v2"))
    changed = client.get(url, headers={"If-None-Match": etag_of("v1")})
    assert (changed.status_code, changed.text, changed.headers["etag"]) == (200, "v2", etag_of("v2"))


def test_redirect(server: LocalServer, client: httpx.Client) -> None:
    server.add("/old", redirect_to="/new", redirect_status=301)
    response = client.get(server.url("/old"))
    assert (response.status_code, response.headers["location"]) == (301, "/new")


def test_file_tree_guesses_types_and_stays_inside(server: LocalServer, tmp_path: Path) -> None:
    (tmp_path / "site" / "news").mkdir(parents=True)
    (tmp_path / "site" / "news" / "index.html").write_text("<h1>index</h1>")
    (tmp_path / "site" / "feed.xml").write_text("<rss/>")
    (tmp_path / "site" / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "secret.txt").write_text("secret")
    server.add_file_tree("/static", tmp_path / "site")

    with httpx.Client(trust_env=False) as client:
        index = client.get(server.url("/static/news/"))
        feed = client.get(server.url("/static/feed.xml"))
        pdf = client.get(server.url("/static/report.pdf"))
    assert (index.text, index.headers["content-type"]) == ("<h1>index</h1>", "text/html")
    assert feed.headers["content-type"].split(";")[0] in ("application/xml", "text/xml")
    assert (pdf.content, pdf.headers["content-type"]) == (b"%PDF-1.4", "application/pdf")
    # httpx would normalise "..", so send the raw path.
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("GET", "/static/../secret.txt")
        assert connection.getresponse().status == 404
    finally:
        connection.close()


def test_stream_sends_the_whole_body_to_a_reader(server: LocalServer, client: httpx.Client) -> None:
    server.add_stream("/big", 200_000)
    response = client.get(server.url("/big"))
    assert response.headers["transfer-encoding"] == "chunked"
    assert response.content == b"x" * 200_000
    assert server.bytes_sent("/big") == 200_000


def test_truncated_body_breaks_the_response(server: LocalServer, client: httpx.Client) -> None:
    server.add_truncated("/cut", "only this", declared_length=1000)
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(server.url("/cut"))


def test_delay_and_max_in_flight(server: LocalServer) -> None:
    server.add("/slow", "done", delay=0.3)

    def get() -> None:
        with httpx.Client(trust_env=False, timeout=5) as client:
            assert client.get(server.url("/slow")).text == "done"

    threads = [threading.Thread(target=get) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert server.max_in_flight == 3


def test_reset_forgets_routes_and_requests(server: LocalServer, client: httpx.Client) -> None:
    server.add("/a", "a")
    client.get(server.url("/a"))
    server.reset()
    assert server.requests == []
    assert client.get(server.url("/a")).status_code == 404


def test_stop_ends_all_threads_even_with_a_sleeping_handler() -> None:
    already_running = set(threading.enumerate())  # e.g. the suite's shared server
    server = LocalServer().start()
    server.add("/slow", "x", delay=30)
    with httpx.Client(trust_env=False, timeout=0.2) as client, pytest.raises(httpx.ReadTimeout):
        client.get(server.url("/slow"))
    server.stop()
    left = set(threading.enumerate()) - already_running
    assert not [t for t in left if t.name == "localserver" or "process_request" in t.name]


def test_closed_port_refuses_connections(client: httpx.Client) -> None:
    with pytest.raises(httpx.ConnectError):
        client.get(closed_port_url())
