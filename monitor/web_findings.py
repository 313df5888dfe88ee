"""`/`: the latest findings — new agreements, meetings and figures, and changed ones — newest first.

A finding is one mention event of the outbox (…Mentioned or …Changed); its payload already
holds the evidence sentence and the statement it came from, so the page reads events only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, abort, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.events import CHANGED_TYPES, KIND_OF_TYPE, NEW_TYPES
from monitor.feeds import event_types
from monitor.models import Event
from monitor.templating import mention_changes, mention_label
from monitor.web_pages import render_page, safe_link, web_context

FINDING_KINDS = ("agreements", "meetings", "figures")
MENTION_TYPES = (*NEW_TYPES.values(), *CHANGED_TYPES.values())

findings = Blueprint("findings", __name__)


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One agreement, meeting or figure as the page shows it."""

    kind: str  # agreement|meeting|figure
    changed: bool  # a known entity that changed, not a new one
    label: str
    change: str  # what changed, '' for a new one
    sentence: str
    title: str
    url: str  # '' unless http(s)
    site_id: str
    site_name: str
    published: str | None
    found_at: datetime


@dataclass(frozen=True, kw_only=True)
class FindingsPage:
    findings: tuple[Finding, ...]
    page: int
    pages: int
    total: int


def read_findings(session: Session, *, site: str | None, kind: str | None, page: int,
                  page_size: int) -> FindingsPage:
    """One page of findings, newest first, narrowed to a site and a kind (agreements|meetings|figures)."""
    types = event_types(kind) if kind else MENTION_TYPES
    query = select(Event).where(Event.type.in_(types))
    if site is not None:
        query = query.where(Event.site_id == site)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    size = max(1, page_size)
    rows = session.scalars(
        query.order_by(Event.created_at.desc(), Event.id.desc()).offset((page - 1) * size).limit(size)
    )
    return FindingsPage(findings=tuple(finding_of(event) for event in rows), page=page,
                        pages=max(1, math.ceil(total / size)), total=total)


def finding_of(event: Event) -> Finding:
    payload: dict[str, Any] = event.payload
    kind = KIND_OF_TYPE[event.type]
    mention = payload.get("mention") or {}
    return Finding(
        kind=kind,
        changed=event.type in CHANGED_TYPES.values(),
        label=mention_label(mention, kind),
        change=mention_changes(payload.get("change"), mention),
        sentence=str(payload.get("sentence") or ""),
        title=str(payload.get("title") or payload.get("url") or ""),
        url=safe_link(str(payload.get("url") or "")),
        site_id=event.site_id,
        site_name=str(payload.get("site_name") or event.site_id),
        published=payload.get("published"),
        found_at=event.created_at,
    )


@findings.get("/")
def index() -> Response:
    context = web_context()
    settings = context.settings
    site = request.args.get("site") or None
    kind = request.args.get("kind") or None
    page = max(1, request.args.get("page", 1, type=int) or 1)
    if site is not None:
        settings.site(site)  # UnknownSiteError: a 404 naming the configured sites
    if kind is not None and kind not in FINDING_KINDS:
        abort(400, f"Unknown kind {kind!r}; choose one of {', '.join(FINDING_KINDS)}.")
    with context.database.transaction() as session:
        listing = read_findings(session, site=site, kind=kind, page=page, page_size=settings.web.page_size)
    return render_page("web/findings.html", listing=listing, site=site, kind=kind, kinds=FINDING_KINDS,
                       sites=settings.sites, alternates=_alternates(site, kind))


def _alternates(site: str | None, kind: str | None) -> list[tuple[str, str, str]]:
    """The feeds matching the page's filter (feeds narrow by site or by kind, not both)."""
    if site is not None:
        base, name = f"/sites/{site}", f"site {site}"
    elif kind is not None:
        base, name = f"/kinds/{kind}", kind
    else:
        base, name = "", "all findings"
    return [(f"{base}/feed.xml", "application/rss+xml", f"RSS: {name}"),
            (f"{base}/atom.xml", "application/atom+xml", f"Atom: {name}")]
