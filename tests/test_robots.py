"""robots.txt: the RFC 9309 parser (table-driven), the cache, and both behind a Fetcher on a real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from monitor.config import HttpSettings
from monitor.errors import FetchError, HTTPStatusError, RobotsDisallowed, TransportError
from monitor.fetch import Fetcher
from monitor.robots import UNAVAILABLE_TTL, RobotsCache, RobotsFile, parse_robots, product_token
from tests.localserver import LocalServer, running_server

AGENT = "statement-monitor"

# (id, robots.txt, path, allowed?)
CASES = [
    ("empty file allows all", "", "/a", True),
    ("disallow all", "User-agent: *\nDisallow: /", "/a", False),
    ("robots.txt itself is always allowed", "User-agent: *\nDisallow: /", "/robots.txt", True),
    ("empty disallow allows all", "User-agent: *\nDisallow:", "/a", True),
    ("longest match wins: allow", "User-agent: *\nDisallow: /\nAllow: /news", "/news/1", True),
    ("longest match wins: disallow", "User-agent: *\nDisallow: /\nAllow: /news", "/about", False),
    ("longer disallow beats earlier allow", "User-agent: *\nAllow: /a\nDisallow: /a/b", "/a/b/c", False),
    ("allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page", "/page", True),
    ("* matches any run", "User-agent: *\nDisallow: /*/private", "/x/y/private/z", False),
    ("$ anchors the end", "User-agent: *\nDisallow: /*.pdf$", "/files/r.pdf", False),
    ("$ does not match more", "User-agent: *\nDisallow: /*.pdf$", "/files/r.pdf?download=1", True),
    ("query strings are matched", "User-agent: *\nDisallow: /*?", "/search?q=x", False),
    ("path without query passes", "User-agent: *\nDisallow: /*?", "/search", True),
    ("comments are stripped", "User-agent: * # all\nDisallow: /private # secret", "/private/x", False),
    ("rules before any user-agent count for nobody", "Disallow: /\nUser-agent: *\nAllow: /x", "/a", True),
    ("a group for others only", "User-agent: googlebot\nDisallow: /", "/a", True),
    ("our group beats *", f"User-agent: *\nDisallow: /\n\nUser-agent: {AGENT}\nDisallow: /x", "/a", True),
    ("our group applies", f"User-agent: *\nDisallow: /x\n\nUser-agent: {AGENT}\nDisallow: /a", "/a", False),
    ("agent match ignores case and version", "User-Agent: Statement-Monitor/2.0\nDisallow: /a", "/a", False),
    ("agent lines share a group", f"User-agent: other\nUser-agent: {AGENT}\nDisallow: /a", "/a", False),
    (
        "our groups merge",
        f"User-agent: {AGENT}\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: {AGENT}\nDisallow: /b",
        "/b/1",
        False,
    ),
    ("unknown lines do not end a group", f"User-agent: {AGENT}\nHost: x\nUser-agent: y\nDisallow: /a", "/a", False),
    ("byte order mark", "\ufeffUser-agent: *\nDisallow: /a", "/a", False),
    ("non-ASCII rule, encoded URL", "User-agent: *\nDisallow: /新闻", "/%E6%96%B0%E9%97%BB/1", False),
    ("non-ASCII rule, raw URL", "User-agent: *\nDisallow: /新闻", "/新闻/1", False),
    ("percent-encoding case does not matter", "User-agent: *\nDisallow: /a%2fb", "/a%2Fb", False),
    ("a rule without leading slash", "User-agent: *\nDisallow: private", "/private", False),
    ("CRLF line ends", "User-agent: *\r\nDisallow: /a\r\n", "/a", False),
]


@pytest.mark.parametrize(("robots", "path", "allowed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules(robots: str, path: str, allowed: bool) -> None:
    assert parse_robots(robots, AGENT).allows("https://example.gov" + path) is allowed


def test_crawl_delay_from_our_group_else_star() -> None:
    ours = parse_robots(f"User-agent: *\nCrawl-delay: 3\n\nUser-agent: {AGENT}\nCrawl-delay: 1.5\n", AGENT)
    star = parse_robots("User-agent: *\nCrawl-delay: 3\n\nUser-agent: other\nCrawl-delay: 9\n", AGENT)
    bad = parse_robots("User-agent: *\nCrawl-delay: soon\n", AGENT)
    assert (ours.crawl_delay, star.crawl_delay, bad.crawl_delay) == (1.5, 3.0, None)


def test_sitemaps_are_collected_anywhere() -> None:
    policy = parse_robots("Sitemap: https://a.gov/s1.xml\nUser-agent: *\nSitemap: https://a.gov/s2.xml\n", AGENT)
    assert policy.sitemaps == ("https://a.gov/s1.xml", "https://a.gov/s2.xml")


def test_product_token() -> None:
    assert product_token("statement-monitor/0.1 (+https://x)") == "statement-monitor"


# -- the cache, with a scripted download ---------------------------------------------------------


class Script:
    """A download that answers from a list, and a clock the test moves."""

    def __init__(self, *answers: RobotsFile | FetchError) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.now = 0.0

    def download(self, url: str) -> RobotsFile:
        self.asked.append(url)
        answer = self.answers.pop(0)
        if isinstance(answer, FetchError):
            raise answer
        return answer

    def cache(self, ttl: float = 3600.0) -> RobotsCache:
        return RobotsCache(agent=AGENT, ttl=ttl, download=self.download, clock=lambda: self.now)


DISALLOW_A = RobotsFile(200, b"User-agent: *\nDisallow: /a\n")


def test_cache_keeps_a_policy_for_ttl_per_origin() -> None:
    script = Script(DISALLOW_A, RobotsFile(200, b""), RobotsFile(404, b""))
    cache = script.cache(ttl=100)

    assert not cache.policy_for("https://a.gov/a").allows("https://a.gov/a")
    script.now = 99
    assert not cache.policy_for("https://a.gov/a/b").allows("https://a.gov/a/b")
    assert cache.policy_for("https://a.gov:8443/a").allows("https://a.gov:8443/a")  # another origin
    script.now = 100
    assert cache.policy_for("https://a.gov/a").allows("https://a.gov/a")

    assert script.asked == ["https://a.gov/robots.txt", "https://a.gov:8443/robots.txt", "https://a.gov/robots.txt"]


@pytest.mark.parametrize("status", [401, 403, 404, 410, 300])
def test_4xx_means_no_robots_txt(status: int) -> None:
    cache = Script(RobotsFile(status, b"User-agent: *\nDisallow: /")).cache()
    assert cache.policy_for("https://a.gov/x").allows("https://a.gov/x")


@pytest.mark.parametrize("status", [429, 500, 503])
def test_server_errors_disallow_everything_briefly(status: int) -> None:
    script = Script(RobotsFile(status, b""), RobotsFile(404, b""))
    cache = script.cache()

    policy = cache.policy_for("https://a.gov/x")
    assert (policy.allows("https://a.gov/x"), policy.unavailable, policy.unavailable_status) == (
        False,
        f"HTTP {status}",
        status,
    )
    script.now = UNAVAILABLE_TTL - 1
    assert cache.policy_for("https://a.gov/x") is policy
    script.now = UNAVAILABLE_TTL  # asked again after a minute, not after the hour-long ttl
    assert cache.policy_for("https://a.gov/x").allows("https://a.gov/x")


def test_unreachable_robots_txt_is_unavailable() -> None:
    error = TransportError("https://a.gov/robots.txt", "network error (ConnectError)")
    policy = Script(error).cache().policy_for("https://a.gov/x")
    assert (policy.unavailable, policy.unavailable_status) == ("network error (ConnectError)", None)


def test_exhausted_retries_keep_their_status() -> None:
    error = HTTPStatusError("https://a.gov/robots.txt", 502, "HTTP 502 after 3 attempt(s)")
    assert Script(error).cache().policy_for("https://a.gov/x").unavailable_status == 502


def test_an_outage_keeps_the_last_good_copy() -> None:
    script = Script(DISALLOW_A, RobotsFile(503, b""), RobotsFile(200, b""))
    cache = script.cache(ttl=100)
    good = cache.policy_for("https://a.gov/")

    script.now = 100
    assert cache.policy_for("https://a.gov/") is good  # the 503 answer is not used
    script.now = 100 + UNAVAILABLE_TTL
    assert cache.policy_for("https://a.gov/a").allows("https://a.gov/a")  # the new, empty file
    assert len(script.asked) == 3


# -- behind a Fetcher, on a real server ------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with running_server() as server:
        yield server
        assert server.errors == []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fetcher(clock: Clock) -> Iterator[Fetcher]:
    settings = HttpSettings(min_delay=0.0, retries=1, robots_ttl=600.0)
    with Fetcher(settings, sleep=clock.sleep, clock=clock) as fetcher:
        yield fetcher


def test_missing_robots_txt_allows_all(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/a", "A")
    assert fetcher.fetch(server.url("/a")).content == b"A"
    assert [r.path for r in server.requests] == ["/robots.txt", "/a"]


def test_robots_503_blocks_the_site_as_a_server_error_then_recovers(
    server: LocalServer, fetcher: Fetcher, clock: Clock
) -> None:
    server.add("/robots.txt", "", status=503)
    server.add("/a", "A")

    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(server.url("/a"))

    # A server error, not RobotsDisallowed: robots bans are never retried, outages are.
    assert not isinstance(info.value, RobotsDisallowed)
    assert info.value.status == 503
    assert server.url("/a") in str(info.value)
    assert "robots.txt could not be read" in str(info.value)
    assert len(server.requests_to("/robots.txt")) == 2  # retried once, like any 503
    assert server.requests_to("/a") == []

    server.replace("/robots.txt", "User-agent: *\nAllow: /\n", status=200, content_type="text/plain")
    clock.now += UNAVAILABLE_TTL
    assert fetcher.fetch(server.url("/a")).content == b"A"


def test_robots_txt_redirect_is_followed(server: LocalServer, fetcher: Fetcher) -> None:
    server.add("/robots.txt", redirect_to="/static/robots.txt", redirect_status=301)
    server.add("/static/robots.txt", "User-agent: *\nDisallow: /a\n", content_type="text/plain")

    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/a"))


def test_robots_txt_is_read_again_after_ttl(server: LocalServer, fetcher: Fetcher, clock: Clock) -> None:
    server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    server.add("/a", "A")
    fetcher.fetch(server.url("/a"))

    server.replace("/robots.txt", "User-agent: *\nDisallow: /a\n")
    clock.now += 599
    fetcher.fetch(server.url("/a"))  # still the cached copy
    clock.now += 1
    with pytest.raises(RobotsDisallowed) as info:
        fetcher.fetch(server.url("/a"))

    assert "remove the URL from the config" in str(info.value)
    assert len(server.requests_to("/robots.txt")) == 2
