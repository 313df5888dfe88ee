"""One check of one site: discover → fetch → (one transaction) store → diff → extract → novelty → events.

Network work happens before the transaction; everything a check writes — statements,
versions, mentions, entities, events, the check run, pending pages — is committed together
or not at all, so an interrupted check leaves nothing half-written and a retry redoes it.
"""

from __future__ import annotations

import logging
import os
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Select, delete, or_, select, text, update
from sqlalchemy.orm import Session

from monitor.config import Settings, SiteSettings
from monitor.crawl import Crawl, Discovery, Validators, discover
from monitor.db import Database
from monitor.errors import FetchError, MonitorError, RobotsDisallowed, SiteUnreachable
from monitor.fetch import Fetcher
from monitor.models import CheckError, CheckRun, HttpCache, PendingPage, Site, Statement
from monitor.prepare import PageJob, ReadPage, read_pages
from monitor.records import Article, CheckReport, FetchedPage, ListingEntry
from monitor.statements import record_statement
from scrapers import adapter_for

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=30)
REVISITS_PER_CHECK = 50
Trigger = Literal["manual", "schedule", "web"]


class CheckInProgress(MonitorError):
    """Another process is checking this site right now."""


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A statement page to fetch this check, and why."""

    entry: ListingEntry
    position: int
    reason: Literal["new", "pending", "revisit"]
    statement: Statement | None = None


@dataclass(frozen=True, kw_only=True)
class Fetched:
    candidate: Candidate
    page: FetchedPage | None = None
    article: Article | None = None
    extraction: dict[str, list[dict[str, Any]]] | None = None
    error: str | None = None
    retry: bool = True


def run_check(database: Database, settings: Settings, site_id: str, *, trigger: Trigger = "manual",
              now: datetime | None = None, fetcher: Fetcher | None = None) -> CheckReport:
    """Check one site now; the report lists what was new or revised, oldest first."""
    site = settings.site(site_id)
    started = now or datetime.now(UTC)
    owner = f"{socket.gethostname()}:{os.getpid()}:{id(started)}"
    if not _take_lease(database, site, owner, started):
        raise CheckInProgress(f"site {site_id!r} is being checked by another process; try again later")
    try:
        return _check(database, settings, site, trigger, started, fetcher)
    finally:
        _release_lease(database, site_id, owner)


def _check(database: Database, settings: Settings, site: SiteSettings, trigger: Trigger, started: datetime,
           fetcher: Fetcher | None) -> CheckReport:
    adapter = adapter_for(site.adapter)
    with database.transaction() as session:
        known, cache, pending, revisits = _load_state(session, settings, site, trigger, started)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(_http_settings(settings, site))
    requests_before = fetcher.request_count
    try:
        crawl = Crawl(fetcher=fetcher, adapter=adapter, site=site, scrape=settings.scrape, known=known,
                      cache=cache, first_check=not known)
        try:
            found = discover(crawl)
        except SiteUnreachable as exc:
            requests = fetcher.request_count - requests_before
            return _record_failure(database, settings, site, trigger, started, str(exc), requests)
        candidates = _plan(found, known, pending, revisits)
        results = _fetch_all(fetcher, site, candidates, settings.scrape.workers)
        requests = fetcher.request_count - requests_before
    finally:
        if own_fetcher:
            fetcher.close()
    return _persist(database, settings, site, trigger, started, found, results, requests)


def _http_settings(settings: Settings, site: SiteSettings) -> Any:
    return settings.http if site.min_delay < 0 else replace(settings.http, min_delay=site.min_delay)


def _load_state(session: Session, settings: Settings, site: SiteSettings, trigger: Trigger, now: datetime) -> tuple[
        frozenset[str], dict[str, Validators], list[PendingPage], list[Statement]]:
    rows = session.execute(select(Statement.url, Statement.source_url).where(Statement.site_id == site.id)).all()
    known = frozenset(u for row in rows for u in row)
    cache = {c.url: Validators(etag=c.etag, last_modified=c.last_modified, content_hash=c.content_hash)
             for c in session.scalars(select(HttpCache).where(HttpCache.url.startswith(_origin(site.url))))}
    pending = list(session.scalars(select(PendingPage).where(PendingPage.site_id == site.id)))
    revisits = list(session.scalars(_revisit_query(settings, site, trigger, now)))
    session.expunge_all()
    return known, cache, pending, revisits


def _revisit_query(settings: Settings, site: SiteSettings, trigger: Trigger, now: datetime) -> Select[Statement]:
    """Statements young enough to be revised: first seen, and published, within the revision window."""
    window = now - timedelta(days=settings.scrape.revision_window_days)
    query = select(Statement).where(
        Statement.site_id == site.id, Statement.first_seen_at >= window,
        or_(Statement.published.is_(None), Statement.published >= window.date()),
    ).order_by(Statement.last_fetched_at)
    if trigger == "manual":  # the user asked for a full check now
        return query
    # Scheduled checks spread re-fetches out: each statement at most every revisit_every_minutes.
    due = now - timedelta(minutes=settings.scrape.revisit_every_minutes)
    return query.where(Statement.last_fetched_at <= due).limit(REVISITS_PER_CHECK)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _plan(found: Discovery, known: frozenset[str], pending: list[PendingPage],
          revisits: list[Statement]) -> list[Candidate]:
    candidates: dict[str, Candidate] = {}
    for position, entry in enumerate(found.entries):
        if entry.url not in known:
            candidates.setdefault(entry.url, Candidate(entry=entry, position=position, reason="new"))
    for row in pending:
        entry = ListingEntry(url=row.url, title=row.title, published=row.published)
        candidates.setdefault(row.url, Candidate(entry=entry, position=row.listing_position, reason="pending"))
    for statement in revisits:
        entry = ListingEntry(url=statement.source_url, title=statement.title, published=statement.published)
        candidates.setdefault(statement.source_url, Candidate(entry=entry, position=statement.listing_position,
                                                              reason="revisit", statement=statement))
    return list(candidates.values())


def _fetch_all(fetcher: Fetcher, site: SiteSettings, candidates: list[Candidate], workers: int) -> list[Fetched]:
    """Statement pages over a small thread pool (the fetcher keeps per-host politeness), then read."""
    if len(candidates) <= 1 or workers <= 1:
        fetched = [_fetch_one(fetcher, c) for c in candidates]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"check-{site.id}") as pool:
            fetched = list(pool.map(lambda c: _fetch_one(fetcher, c), candidates))
    to_read = [f for f in fetched if f.page is not None and not f.page.not_modified]
    jobs = [PageJob(adapter=site.adapter, selectors=site.selectors, page=f.page, hint=f.candidate.entry)
            for f in to_read if f.page is not None]
    read = dict(zip((id(f) for f in to_read), read_pages(jobs), strict=True))
    return [_with_reading(f, read.get(id(f))) for f in fetched]


def _fetch_one(fetcher: Fetcher, candidate: Candidate) -> Fetched:
    statement = candidate.statement
    try:
        page = fetcher.fetch(candidate.entry.url, etag=statement.etag if statement else None,
                             last_modified=statement.last_modified if statement else None)
    except RobotsDisallowed as exc:
        return Fetched(candidate=candidate, error=exc.reason, retry=False)
    except FetchError as exc:
        return Fetched(candidate=candidate, error=exc.reason)
    return Fetched(candidate=candidate, page=page)


def _with_reading(fetched: Fetched, reading: ReadPage | None) -> Fetched:
    if reading is None:
        return fetched
    if reading.error is not None:
        return replace(fetched, page=None, error=reading.error)
    return replace(fetched, article=reading.article, extraction=reading.extraction)


def _chronological(results: list[Fetched]) -> list[Fetched]:
    """Oldest first: by publication date, then by listing order (listings put the newest first)."""
    def key(item: Fetched) -> tuple[date, int]:
        published = item.article.published if item.article else None
        return (published or date.max, -item.candidate.position)

    return sorted(results, key=key)


def _persist(database: Database, settings: Settings, site: SiteSettings, trigger: Trigger, started: datetime,
             found: Discovery, results: list[Fetched], requests: int) -> CheckReport:
    statements: list[dict[str, Any]] = []
    errors = [{"url": url, "error": error} for url, error in found.errors]
    with database.transaction() as session:
        _serialise_memory(session)
        for item in _chronological(results):
            if item.error is not None:
                errors.append({"url": item.candidate.entry.url, "error": item.error})
                _remember_failure(session, site.id, item)
                continue
            outcome = _store_fetched(session, settings, site, item, started)
            if outcome is not None:
                statements.append(outcome)
        finished = datetime.now(UTC)
        recovered = _record_run(session, site, trigger, started, finished, statements, errors, requests)
        _save_validators(session, found, finished)
    return CheckReport(site=site.id, started=started, finished=finished, statements=tuple(statements),
                       errors=tuple(errors), extra={"requests": requests, "listing_pages": found.pages_read,
                                                    "alert": "recovered" if recovered else None})


def _store_fetched(session: Session, settings: Settings, site: SiteSettings, item: Fetched,
                   now: datetime) -> dict[str, Any] | None:
    candidate = item.candidate
    session.execute(delete(PendingPage).where(PendingPage.site_id == site.id,
                                              PendingPage.url == candidate.entry.url))
    if item.page is not None and item.page.not_modified:
        session.execute(update(Statement).where(Statement.source_url == candidate.entry.url)
                        .values(last_fetched_at=now))
        return None
    assert item.article is not None
    assert item.page is not None
    return record_statement(session, site, item.article, item.page, now, source_url=candidate.entry.url,
                            listing_position=candidate.position, extraction=item.extraction)


def _serialise_memory(session: Session) -> None:
    """Checks of different sites share the memory: on PostgreSQL they take turns storing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7406001)"))


def _remember_failure(session: Session, site_id: str, item: Fetched) -> None:
    if not item.retry:
        return
    entry = item.candidate.entry
    row = session.scalars(select(PendingPage).where(PendingPage.site_id == site_id,
                                                    PendingPage.url == entry.url)).first()
    if row is None:
        row = PendingPage(site_id=site_id, url=entry.url, title=entry.title, published=entry.published,
                          listing_position=item.candidate.position, attempts=0)
        session.add(row)
    row.attempts += 1
    row.last_error = item.error


def _record_run(session: Session, site: SiteSettings, trigger: Trigger, started: datetime, finished: datetime,
                statements: list[dict[str, Any]], errors: list[dict[str, str]], requests: int) -> bool:
    """The check run and its errors; True when the site had been failing and now recovered."""
    run = CheckRun(site_id=site.id, trigger=trigger, started_at=started, finished_at=finished,
                   outcome="partial" if errors else "ok",
                   new_count=sum(1 for s in statements if s["status"] == "new"),
                   revised_count=sum(1 for s in statements if s["status"] == "revised"),
                   error_count=len(errors), requests=requests)
    session.add(run)
    session.flush()
    session.add_all(CheckError(check_run_id=run.id, url=e["url"], error=e["error"][:2000]) for e in errors)
    row = session.get(Site, site.id)
    recovered = row is not None and row.failing_since is not None
    if row is not None:
        row.consecutive_failures, row.failing_since = 0, None
    return recovered


def _save_validators(session: Session, found: Discovery, now: datetime) -> None:
    for url, validators in found.validators.items():
        row = session.get(HttpCache, url)
        if row is None:
            row = HttpCache(url=url)
            session.add(row)
        row.etag, row.last_modified = validators.etag, validators.last_modified
        row.content_hash, row.checked_at = validators.content_hash, now


def _record_failure(database: Database, settings: Settings, site: SiteSettings, trigger: Trigger,
                    started: datetime, reason: str, requests: int) -> CheckReport:
    finished, failures = datetime.now(UTC), 0
    with database.transaction() as session:
        session.add(CheckRun(site_id=site.id, trigger=trigger, started_at=started, finished_at=finished,
                             outcome="failed", error=reason, requests=requests))
        row = session.get(Site, site.id)
        alert = None
        if row is not None:
            row.consecutive_failures += 1
            threshold = max(1, settings.scrape.failures_before_alert)
            if row.consecutive_failures >= threshold and row.failing_since is None:
                row.failing_since, alert = finished, "failing"
            failures = row.consecutive_failures
    log.warning("check of %s failed: %s", site.id, reason)
    return CheckReport(site=site.id, started=started, finished=finished, ran=False, reason=reason,
                       errors=({"url": site.url, "error": reason},),
                       extra={"requests": requests, "alert": alert, "consecutive_failures": failures})


def _take_lease(database: Database, site: SiteSettings, owner: str, now: datetime) -> bool:
    """Claim the site for this check (a row lock works on every backend and across processes)."""
    with database.transaction() as session:
        if session.get(Site, site.id) is None:
            session.add(Site(id=site.id, name=site.name, url=site.url))
            session.flush()
    with database.transaction() as session:
        site_id = site.id
        result = session.execute(
            update(Site).where(Site.id == site_id,
                               or_(Site.lease_expires_at.is_(None), Site.lease_expires_at < now))
            .values(lease_owner=owner, lease_expires_at=now + LEASE)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _release_lease(database: Database, site_id: str, owner: str) -> None:
    with database.transaction() as session:
        session.execute(update(Site).where(Site.id == site_id, Site.lease_owner == owner)
                        .values(lease_owner=None, lease_expires_at=None))


def report_json(report: CheckReport) -> dict[str, Any]:
    """The `monitor scrape --json` object."""
    return {"site": report.site, "started": report.started.isoformat(), "finished": report.finished.isoformat(),
            "statements": list(report.statements), "errors": list(report.errors)}


def describe_check(report: CheckReport) -> str:
    """One log line: site, new/revised/errors, requests, duration."""
    seconds = (report.finished - report.started).total_seconds()
    if not report.ran:
        return f"check {report.site}: FAILED in {seconds:.1f} s: {report.reason}"
    new = sum(1 for s in report.statements if s["status"] == "new")
    return (f"check {report.site}: {new} new, {len(report.statements) - new} revised, "
            f"{len(report.errors)} errors, {report.extra.get('requests', 0)} requests, {seconds:.1f} s")
