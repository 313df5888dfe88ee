"""Settings: `config.toml` read once into frozen, validated dataclasses.

Every table is a dataclass below; each field carries its default and a one-line help text
(`metadata["help"]`), which also generate the README's configuration reference. A mistake
raises ConfigError naming the file, the table and the key, with the closest valid key for
a typo. Secrets never live in the file: it names the environment variable that holds them.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

from monitor.errors import ConfigError
from monitor.records import Selectors

DEFAULT_CONFIG = "config.toml"
CONFIG_ENV = "MONITOR_CONFIG"


def _opt(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, kw_only=True)
class DatabaseSettings:
    url: str = _opt("sqlite:///monitor.db", "SQLAlchemy URL; a relative SQLite path is relative to this file")


@dataclass(frozen=True, kw_only=True)
class HttpSettings:
    user_agent: str = _opt(
        "statement-monitor/0.1 (+{contact_url})", "User-Agent header; {contact_url} is substituted"
    )
    contact_url: str = _opt(
        "https://github.com/statement-monitor/statement-monitor", "where site owners can reach the operator"
    )
    timeout: float = _opt(20.0, "seconds to wait for one response")
    max_bytes: int = _opt(5_000_000, "larger responses are refused (TooLarge)")
    min_delay: float = _opt(1.0, "seconds between two requests to one host (robots Crawl-delay may raise it)")
    max_per_host: int = _opt(2, "concurrent requests to one host")
    retries: int = _opt(2, "extra attempts after a 429/5xx/timeout")
    backoff_base: float = _opt(1.0, "seconds before the first retry; doubles each time")
    backoff_max: float = _opt(60.0, "longest wait between retries, also caps Retry-After")
    respect_robots: bool = _opt(True, "fetch and obey robots.txt")
    robots_ttl: float = _opt(3600.0, "seconds a robots.txt stays cached")
    max_redirects: int = _opt(5, "redirects followed before giving up")


@dataclass(frozen=True, kw_only=True)
class ScrapeSettings:
    first_check_pages: int = _opt(3, "listing pages read on a site's first check")
    max_pages: int = _opt(20, "listing pages read at most on later checks (stops earlier at known statements)")
    revision_window_days: float = _opt(3.0, "days after first sight during which a statement is re-fetched")
    revisit_every_minutes: float = _opt(
        120.0, "scheduled checks re-fetch a statement in its revision window at most this often"
    )
    workers: int = _opt(4, "statement pages fetched in parallel within one check")
    failures_before_alert: int = _opt(3, "failed checks in a row before a site is reported as failing")


@dataclass(frozen=True, kw_only=True)
class EmailSettings:
    backend: Literal["file", "smtp"] = _opt("file", "'file' writes .eml files into outbox; 'smtp' sends")
    outbox: str = _opt("outbox", "folder for the file backend, relative to this file")
    sender: str = _opt("statement-monitor <monitor@localhost>", "From address of every email")
    operator: str = _opt("", "address that receives alerts about failing sites (empty: none)")
    smtp_host: str = _opt("localhost", "SMTP server")
    smtp_port: int = _opt(25, "SMTP port (587 for starttls, 465 for tls)")
    smtp_security: Literal["none", "starttls", "tls"] = _opt("none", "'none', 'starttls' or 'tls'")
    smtp_username: str = _opt("", "SMTP login name (empty: no login)")
    smtp_password_env: str = _opt("", "name of the environment variable holding the SMTP password")
    smtp_timeout: float = _opt(30.0, "seconds to wait for the SMTP server")


@dataclass(frozen=True, kw_only=True)
class DigestSettings:
    timezone: str = _opt("UTC", "IANA time zone in which digest times are read")
    daily_time: str = _opt("07:00", "HH:MM when daily digests are due")
    weekly_day: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] = _opt(
        "monday", "weekday when weekly digests are due"
    )
    schedule: str = _opt("every 5 minutes", "how often `monitor run` looks for due digests")
    max_items: int = _opt(200, "most events in one email; the rest wait for the next digest")


@dataclass(frozen=True, kw_only=True)
class FeedSettings:
    title: str = _opt("statement-monitor", "title of the feeds")
    max_items: int = _opt(50, "entries per feed")


@dataclass(frozen=True, kw_only=True)
class WebSettings:
    host: str = _opt("127.0.0.1", "address the web front listens on")
    port: int = _opt(8080, "port the web front listens on (0: any free port)")
    base_url: str = _opt("http://127.0.0.1:8080", "public URL used in links in emails and feeds")
    secret_env: str = _opt("", "environment variable with the secret for CSRF tokens (empty: kept in the database)")
    check_now_interval: float = _opt(60.0, "seconds a site's 'check now' button must wait between checks")
    page_size: int = _opt(25, "findings per page on /")


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """When a job runs: every `seconds`, or by a five-field `cron` expression."""

    seconds: float | None = None
    cron: str | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class SiteSettings:
    id: str = _opt(None, "stable slug naming the site (letters, digits, - and _)")
    name: str = _opt(None, "human name of the site")
    url: str = _opt(None, "the page that lists the site's statements")
    schedule: str = _opt("every 30 minutes", "'every N seconds|minutes|hours' or a five-field cron expression")
    enabled: bool = _opt(True, "false keeps the site configured but unchecked")
    language: str = _opt("en", "language of the statements (extraction understands English)")
    adapter: str = _opt("", "name of a site adapter in scrapers/ (empty: the generic logic)")
    feed: str = _opt("", "URL of an RSS/Atom feed to use besides the listing (empty: discovered)")
    sitemap: str = _opt("", "URL of a sitemap to use besides the listing (empty: none)")
    max_pages: int = _opt(0, "listing pages read at most (0: [scrape] defaults)")
    min_delay: float = _opt(-1.0, "seconds between requests to this host (-1: [http] min_delay)")
    selectors: Selectors = _opt(
        Selectors(), "CSS selectors overriding the generic logic: links, next, title, date, body"
    )

    @property
    def parsed_schedule(self) -> Schedule:
        return parse_schedule(self.schedule)


@dataclass(frozen=True, kw_only=True)
class Settings:
    path: Path
    database: DatabaseSettings = DatabaseSettings()
    http: HttpSettings = HttpSettings()
    scrape: ScrapeSettings = ScrapeSettings()
    email: EmailSettings = EmailSettings()
    digest: DigestSettings = DigestSettings()
    feed: FeedSettings = FeedSettings()
    web: WebSettings = WebSettings()
    sites: tuple[SiteSettings, ...] = ()

    def site(self, site_id: str) -> SiteSettings:
        for site in self.sites:
            if site.id == site_id:
                return site
        from monitor.errors import UnknownSiteError

        known = ", ".join(s.id for s in self.sites) or "none"
        raise UnknownSiteError(f"unknown site {site_id!r}; configured sites: {known}")

    def resolve(self, relative: str) -> Path:
        """A path from the file, relative to the file's own folder."""
        return (self.path.parent / relative).resolve()


TABLES: dict[str, type] = {
    "database": DatabaseSettings,
    "http": HttpSettings,
    "scrape": ScrapeSettings,
    "email": EmailSettings,
    "digest": DigestSettings,
    "feed": FeedSettings,
    "web": WebSettings,
}
REQUIRED_SITE_KEYS = ("id", "name", "url")
_EVERY = re.compile(r"^every\s+(\d+(?:\.\d+)?)\s+(second|minute|hour|day)s?$", re.IGNORECASE)
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def config_path(given: str | None) -> Path:
    """The config file: --config, else $MONITOR_CONFIG, else ./config.toml."""
    return Path(given or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_settings(path: Path) -> Settings:
    """Read and validate the whole file; ConfigError names the key of the first mistake."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found (use --config PATH or set {CONFIG_ENV})")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML syntax error: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    return _build_settings(path.resolve(), raw)


def _build_settings(path: Path, raw: dict[str, Any]) -> Settings:
    where = _Where(path)
    _reject_unknown(where, "", raw, [*TABLES, "sites"])
    tables = {name: _build_table(where.at(f"[{name}]"), cls, raw.get(name, {})) for name, cls in TABLES.items()}
    sites = _build_sites(where, raw.get("sites", []))
    settings = Settings(path=path, sites=sites, **tables)
    return _check_settings(where, settings)


@dataclass(frozen=True)
class _Where:
    """Where in the file a value sits, for error messages."""

    path: Path
    table: str = ""

    def at(self, table: str) -> _Where:
        return _Where(self.path, table)

    def fail(self, key: str, problem: str) -> ConfigError:
        place = f"{self.table} {key}".strip() if key else self.table
        return ConfigError(f"{self.path}: {place}: {problem}")


def _reject_unknown(where: _Where, _table: str, raw: dict[str, Any], valid: list[str]) -> None:
    for key in raw:
        if key not in valid:
            close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(valid)}"
            raise where.fail(key, f"unknown key{hint}")


def _build_table(where: _Where, cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise where.fail("", f"must be a table, not {_type_name(raw)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    _reject_unknown(where, where.table, raw, list(fields))
    hints = typing.get_type_hints(cls)
    values = {key: _coerce(where, key, hints[key], value) for key, value in raw.items()}
    return cls(**values)


def _coerce(where: _Where, key: str, hint: Any, value: Any) -> Any:
    if hint is Selectors:
        return _build_table(where.at(f"{where.table} {key}"), Selectors, value)
    origin = get_origin(hint)
    if origin is Literal:
        choices = get_args(hint)
        if value not in choices:
            raise where.fail(key, f"must be one of {', '.join(map(repr, choices))}, not {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        hint = next(a for a in get_args(hint) if a is not type(None))
    expected = {float: (int, float), int: (int,), bool: (bool,), str: (str,)}.get(hint, (object,))
    if (isinstance(value, bool) and hint is not bool) or not isinstance(value, expected):
        raise where.fail(key, f"must be {_type_name(hint())}, not {_type_name(value)} ({value!r})")
    return float(typing.cast(float, value)) if hint is float else value


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _build_sites(where: _Where, raw: Any) -> tuple[SiteSettings, ...]:
    if not isinstance(raw, list):
        raise where.at("[[sites]]").fail("", "must be an array of tables ([[sites]])")
    sites: list[SiteSettings] = []
    for number, table in enumerate(raw, start=1):
        label = f"[[sites]] #{number}"
        if isinstance(table, dict) and isinstance(table.get("id"), str):
            label += f" (id {table['id']!r})"
        site_where = where.at(label)
        if not isinstance(table, dict):
            raise site_where.fail("", "must be a table")
        for key in REQUIRED_SITE_KEYS:
            if key not in table:
                raise site_where.fail(key, "missing required key")
        site = _build_table(site_where, SiteSettings, table)
        _check_site(site_where, site, sites)
        sites.append(site)
    return tuple(sites)


def _check_site(where: _Where, site: SiteSettings, earlier: list[SiteSettings]) -> None:
    if not _SLUG.match(site.id):
        raise where.fail("id", f"{site.id!r} is not a slug (letters, digits, '-' and '_')")
    if any(other.id == site.id for other in earlier):
        raise where.fail("id", f"duplicate site id {site.id!r}")
    if not site.name.strip():
        raise where.fail("name", "must not be empty")
    for key in ("url", "feed", "sitemap"):
        value = getattr(site, key)
        if value or key == "url":
            _check_url(where, key, value)
    try:
        parse_schedule(site.schedule)
    except ValueError as exc:
        raise where.fail("schedule", str(exc)) from None
    if site.adapter:
        from scrapers import ADAPTERS

        if site.adapter not in ADAPTERS:
            close = difflib.get_close_matches(site.adapter, list(ADAPTERS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known adapters: {', '.join(ADAPTERS)}"
            raise where.fail("adapter", f"unknown adapter {site.adapter!r}{hint}")


def _check_url(where: _Where, key: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise where.fail(key, f"{value!r} is not an http(s) URL")


def _check_settings(where: _Where, settings: Settings) -> Settings:
    _check_url(where.at("[web]"), "base_url", settings.web.base_url)
    if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", settings.digest.daily_time):
        raise where.at("[digest]").fail("daily_time", f"{settings.digest.daily_time!r} is not HH:MM")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(settings.digest.timezone)
    except (KeyError, ValueError):
        raise where.at("[digest]").fail("timezone", f"unknown time zone {settings.digest.timezone!r}") from None
    try:
        parse_schedule(settings.digest.schedule)
    except ValueError as exc:
        raise where.at("[digest]").fail("schedule", str(exc)) from None
    if "://" not in settings.database.url:
        raise where.at("[database]").fail("url", f"{settings.database.url!r} is not a SQLAlchemy URL")
    _check_positive(where, settings)
    return dataclasses.replace(settings, database=DatabaseSettings(url=_absolute_sqlite(settings)))


def _check_positive(where: _Where, settings: Settings) -> None:
    for table in ("http", "scrape", "feed", "digest"):
        values = getattr(settings, table)
        for f in dataclasses.fields(values):
            value = getattr(values, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise where.at(f"[{table}]").fail(f.name, f"must not be negative ({value})")
    if not 0 <= settings.web.port < 65536:
        raise where.at("[web]").fail("port", f"{settings.web.port} is not a TCP port")


def _absolute_sqlite(settings: Settings) -> str:
    url = settings.database.url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
        rest = url[len(prefix):]
        db_file, _, query = rest.partition("?")
        absolute = settings.resolve(db_file)
        return f"{prefix}{absolute}" + (f"?{query}" if query else "")
    return url


def parse_schedule(text: str) -> Schedule:
    """'every N seconds|minutes|hours|days' or a five-field cron expression."""
    text = text.strip()
    match = _EVERY.match(text)
    if match:
        seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
        if seconds <= 0:
            raise ValueError(f"{text!r}: the interval must be positive")
        return Schedule(seconds=seconds, text=text)
    if len(text.split()) == 5:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(text)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a valid cron expression: {exc}") from None
        return Schedule(cron=text, text=text)
    raise ValueError(f"{text!r} is neither 'every N seconds|minutes|hours' nor a five-field cron expression")


def reference_markdown() -> str:
    """The configuration reference for the README, generated from the dataclasses."""
    lines = ["| key | default | meaning |", "| --- | --- | --- |"]
    tables: list[tuple[str, type]] = [*TABLES.items(), ("[sites]", SiteSettings)]
    for name, cls in tables:
        table = f"[{name}]" if not name.startswith("[") else name
        for f in dataclasses.fields(cls):
            default = "*required*" if f.default is None else f"`{_toml_value(f.default)}`"
            lines.append(f"| `{table}` `{f.name}` | {default} | {f.metadata['help']} |")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Selectors):
        return "{}"
    return str(value)
