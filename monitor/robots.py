"""robots.txt (RFC 9309): parse one file into a policy for our agent, and cache policies per origin.

This module never talks to the network: `RobotsCache` is given a `download` callable
(fetch.py supplies one) that returns the answer or raises a FetchError.

What a robots.txt answer means (RFC 9309 §2.3.1):

    2xx                        parse it
    4xx (not 429), or nothing  no robots.txt: everything is allowed
    429, 5xx, unreachable      "unavailable": keep the last copy we read, if any; otherwise
                               everything is disallowed for now. Either way it is asked
                               again after UNAVAILABLE_TTL, not after the full ttl, so an
                               outage blocks a site for one check, not for an hour.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from monitor.errors import FetchError, HTTPStatusError

PARSE_LIMIT = 512 * 1024  # RFC 9309 §2.5 asks parsers to read at least 500 KiB
UNAVAILABLE_TTL = 60.0  # seconds before an unreadable robots.txt is asked for again
_AGENT_KEYS = frozenset({"user-agent", "useragent"})
_RULE_KEYS = frozenset({"allow", "disallow", "crawl-delay"})  # other keys (host, clean-param) are ignored
# Characters left as they are when rule paths and URL paths are brought to one percent-encoding.
_SAFE = "/?=&;:@!$'()*+,~%-._#[]"


@dataclass(frozen=True)
class RobotsFile:
    """The final answer to GET /robots.txt, after redirects."""

    status: int
    body: bytes


Download = Callable[[str], RobotsFile]  # robots.txt URL -> answer; raises FetchError if unreachable


@dataclass(frozen=True)
class Rule:
    """One allow/disallow line, compiled."""

    allow: bool
    pattern: str  # percent-encoded, always starting with "/" or "*"
    regex: re.Pattern[str]

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(frozen=True, kw_only=True)
class RobotsPolicy:
    """What one origin's robots.txt says to our agent."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None  # seconds, from the group that applies to us
    sitemaps: tuple[str, ...] = ()
    # Why robots.txt could not be read; while set, nothing on the origin may be fetched.
    unavailable: str | None = None
    unavailable_status: int | None = None  # the HTTP status behind `unavailable`, if there was one

    def allows(self, url: str) -> bool:
        """Whether our agent may fetch `url`: the longest matching rule wins, allow on a tie."""
        if self.unavailable is not None:
            return False
        path = _path_of(url)
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.matches(path) and (best is None or _outranks(rule, best)):
                best = rule
        return best is None or best.allow


ALLOW_ALL = RobotsPolicy()


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: "statement-monitor" in "statement-monitor/0.1 (...)"."""
    match = re.match(r"[A-Za-z_-]+", user_agent.strip())
    return match.group(0).lower() if match else "*"


def origin_of(url: str) -> str:
    """scheme://host[:port], the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse_robots(text: str, agent: str) -> RobotsPolicy:
    """The policy for `agent` (a product token): its own groups if any, else the `*` groups."""
    groups, sitemaps = _parse_groups(text[:PARSE_LIMIT])
    agent = agent.lower()
    chosen = [g for g in groups if agent in g.agents] or [g for g in groups if "*" in g.agents]
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsPolicy(
        rules=tuple(rule for group in chosen for rule in group.rules),
        crawl_delay=max(delays) if delays else None,
        sitemaps=tuple(sitemaps),
    )


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    closed: bool = False  # a rule has been seen, so the next user-agent line starts a new group


def _parse_groups(text: str) -> tuple[list[_Group], list[str]]:
    groups: list[_Group] = []
    sitemaps: list[str] = []
    group: _Group | None = None
    for key, value in _directives(text):
        if key in _AGENT_KEYS:
            if group is None or group.closed:
                group = _Group()
                groups.append(group)
            group.agents.append(value.split("/")[0].strip().lower())
        elif key == "sitemap":
            sitemaps.append(value)
        elif key in _RULE_KEYS and group is not None:  # rules before any user-agent belong to nobody
            group.closed = True
            _add_rule(group, key, value)
    return groups, sitemaps


def _add_rule(group: _Group, key: str, value: str) -> None:
    if key == "crawl-delay":
        delay = _parse_delay(value)
        if delay is not None:
            group.crawl_delay = delay if group.crawl_delay is None else max(delay, group.crawl_delay)
    elif value:  # an empty "Disallow:" allows everything, so it adds no rule
        group.rules.append(_compile_rule(key == "allow", value))


def _directives(text: str) -> Iterator[tuple[str, str]]:
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.split("#", 1)[0]
        key, colon, value = line.partition(":")
        if colon:
            yield key.strip().lower(), value.strip()


def _parse_delay(value: str) -> float | None:
    try:
        delay = float(value)
    except ValueError:
        return None
    return delay if 0 <= delay < float("inf") else None


def _compile_rule(allow: bool, value: str) -> Rule:
    # A path that starts with neither "/" nor "*" is read as if it started with "/": the site
    # clearly meant something, and reading it as a path errs on the polite side.
    pattern = _encode(value if value.startswith(("/", "*")) else "/" + value)
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return Rule(allow=allow, pattern=pattern, regex=re.compile(regex + (r"\Z" if anchored else "")))


def _outranks(rule: Rule, best: Rule) -> bool:
    return (len(rule.pattern), rule.allow) > (len(best.pattern), best.allow)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return _encode(f"{path}?{parts.query}" if parts.query else path)


def _encode(path: str) -> str:
    """One spelling for paths and patterns: non-ASCII percent-encoded, hex digits upper case."""
    encoded = quote(path, safe=_SAFE)
    return re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), encoded)


@dataclass(frozen=True)
class _Entry:
    policy: RobotsPolicy
    expires: float
    last_good: RobotsPolicy | None  # the last policy read successfully, kept through outages


class RobotsCache:
    """Robots policies per origin, downloaded on first use and kept for `ttl` seconds. Thread-safe."""

    def __init__(
        self,
        *,
        agent: str,
        ttl: float,
        download: Download,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._agent = agent
        self._ttl = ttl
        self._download = download
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def policy_for(self, url: str) -> RobotsPolicy:
        """The policy for `url`'s origin, downloading robots.txt if it is missing or stale."""
        origin = origin_of(url)
        # One download per origin at a time: other threads asking for it wait for the answer.
        with self._origin_lock(origin):
            entry = self._entries.get(origin)
            if entry is None or self._clock() >= entry.expires:
                entry = self._refresh(origin, entry)
                with self._lock:
                    self._entries[origin] = entry
            return entry.policy

    def cached(self, url: str) -> RobotsPolicy | None:
        """The policy last read for `url`'s origin, stale or not, without downloading."""
        with self._lock:
            entry = self._entries.get(origin_of(url))
        return entry.policy if entry else None

    def _origin_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._origin_locks.setdefault(origin, threading.Lock())

    def _refresh(self, origin: str, previous: _Entry | None) -> _Entry:
        try:
            answer = self._download(f"{origin}/robots.txt")
        except FetchError as exc:
            status = exc.status if isinstance(exc, HTTPStatusError) else None
            return self._unavailable(previous, exc.reason, status)
        if answer.status == 429 or answer.status >= 500:
            return self._unavailable(previous, f"HTTP {answer.status}", answer.status)
        if 200 <= answer.status < 300:
            policy = parse_robots(answer.body.decode("utf-8", errors="replace"), self._agent)
        else:
            policy = ALLOW_ALL
        return _Entry(policy, self._clock() + self._ttl, last_good=policy)

    def _unavailable(self, previous: _Entry | None, reason: str, status: int | None) -> _Entry:
        last_good = previous.last_good if previous else None
        # RFC 9309 §2.4 lets a crawler keep using a copy it read before; with none, disallow all.
        policy = last_good or RobotsPolicy(unavailable=reason, unavailable_status=status)
        return _Entry(policy, self._clock() + min(self._ttl, UNAVAILABLE_TTL), last_good=last_good)
