"""`/sites`: each site's health, and its "check now" button (one check, rate-limited per site)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, Response

from monitor.config import SiteSettings
from monitor.records import CheckReport
from monitor.sites import site_statuses
from monitor.templating import local_time, mention_changes, mention_label
from monitor.web_csrf import check_csrf
from monitor.web_pages import message_page, render_page, safe_link, web_context
from monitor.web_ratelimit import claim_slot

RECENT_ERRORS = 5
KINDS = (("agreement", "agreements"), ("meeting", "meetings"), ("figure", "figures"))

sites = Blueprint("sites", __name__)


@dataclass(frozen=True, kw_only=True)
class CheckedFinding:
    kind: str
    label: str
    change: str  # '' for a new one
    sentence: str


@dataclass(frozen=True, kw_only=True)
class CheckedStatement:
    status: str  # new|revised
    title: str
    url: str  # '' unless http(s)
    published: str | None
    findings: tuple[CheckedFinding, ...]


@dataclass(frozen=True, kw_only=True)
class CheckSummary:
    """A CheckReport as the result page shows it."""

    ran: bool
    reason: str | None
    seconds: float
    new: int
    revised: int
    statements: tuple[CheckedStatement, ...]
    errors: tuple[tuple[str, str], ...]


def summarise(report: CheckReport) -> CheckSummary:
    statements = tuple(_checked_statement(s) for s in report.statements)
    new = sum(1 for s in statements if s.status == "new")
    return CheckSummary(ran=report.ran, reason=report.reason,
                        seconds=(report.finished - report.started).total_seconds(), new=new,
                        revised=len(statements) - new, statements=statements,
                        errors=tuple((e.get("url", ""), e.get("error", "")) for e in report.errors))


def _checked_statement(statement: dict[str, Any]) -> CheckedStatement:
    return CheckedStatement(status=str(statement.get("status")), title=str(statement.get("title") or ""),
                            url=safe_link(str(statement.get("url") or "")), published=statement.get("published"),
                            findings=tuple(_new_findings(statement)))


def _new_findings(statement: dict[str, Any]) -> list[CheckedFinding]:
    """The mentions the check reported as new, or as a change to something known."""
    found = []
    for kind, plural in KINDS:
        for mention in statement.get(plural) or []:
            if mention.get("new") or mention.get("change"):
                found.append(CheckedFinding(kind=kind, label=mention_label(mention, kind),
                                            change=mention_changes(mention.get("change"), mention),
                                            sentence=str(mention.get("sentence") or "")))
    return found


@sites.get("/sites")
def index() -> Response:
    context = web_context()
    with context.database.transaction() as session:
        statuses = site_statuses(session, context.settings, errors=RECENT_ERRORS)
    return render_page("web/sites.html", statuses=statuses, interval=context.settings.web.check_now_interval)


@sites.post("/sites/<site_id>/check")
def check_now(site_id: str) -> Response:
    check_csrf()
    context = web_context()
    site = context.settings.site(site_id)  # UnknownSiteError: 404
    interval = context.settings.web.check_now_interval
    now = datetime.now(UTC)
    with context.database.transaction() as session:
        wait = claim_slot(session, f"check-now:{site.id}", interval=interval, now=now)
    if wait is not None:
        return _too_soon(site, wait, now, interval)
    # Imported here: a check pulls in the whole fetch/parse/extract pipeline, which the
    # rest of the web front does not need to start.
    from monitor.check import CheckInProgress, run_check

    try:
        report = run_check(context.database, context.settings, site.id, trigger="web")
    except CheckInProgress as exc:
        return message_page(409, f"{site.name} is being checked right now", f"{exc}.")
    return render_page("web/check.html", site=site, summary=summarise(report))


def _too_soon(site: SiteSettings, wait: float, now: datetime, interval: float) -> Response:
    seconds = max(1, math.ceil(wait))
    retry_at = local_time(now + timedelta(seconds=seconds), web_context().settings.digest.timezone, "%H:%M:%S %Z")
    message = (f"{site.name} may be checked at most once every {interval:g} seconds from this page. "
               f"Try again in {seconds} seconds (after {retry_at}).")
    return message_page(429, "Checked a moment ago", message, headers={"Retry-After": str(seconds)})
