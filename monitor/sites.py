"""Configured sites in the database: kept in step with the config, and their health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.models import CheckError, CheckRun, Site, Statement


@dataclass(frozen=True, kw_only=True)
class SiteStatus:
    id: str
    name: str
    url: str
    enabled: bool
    schedule: str
    last_check: datetime | None
    outcome: str | None
    statements: int
    consecutive_failures: int
    failing_since: datetime | None
    recent_errors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "url": self.url, "enabled": self.enabled,
            "schedule": self.schedule,
            "last_check": self.last_check.isoformat() if self.last_check else None,
            "outcome": self.outcome, "statements": self.statements,
            "consecutive_failures": self.consecutive_failures,
            "failing": self.failing_since is not None,
            "recent_errors": list(self.recent_errors),
        }


def sync_sites(session: Session, settings: Settings) -> None:
    """Create or rename the rows of configured sites (rows of removed sites stay, with their history)."""
    existing = {site.id: site for site in session.scalars(select(Site))}
    for configured in settings.sites:
        row = existing.get(configured.id)
        if row is None:
            session.add(Site(id=configured.id, name=configured.name, url=configured.url))
        elif (row.name, row.url) != (configured.name, configured.url):
            row.name, row.url = configured.name, configured.url


def site_statuses(session: Session, settings: Settings, *, errors: int = 0) -> list[SiteStatus]:
    """Each configured site with its last check and number of statements stored."""
    counts = dict(session.execute(select(Statement.site_id, func.count()).group_by(Statement.site_id)).all())
    rows = {site.id: site for site in session.scalars(select(Site))}
    statuses = []
    for configured in settings.sites:
        last = session.scalars(
            select(CheckRun).where(CheckRun.site_id == configured.id).order_by(CheckRun.started_at.desc()).limit(1)
        ).first()
        row = rows.get(configured.id)
        statuses.append(SiteStatus(
            id=configured.id, name=configured.name, url=configured.url, enabled=configured.enabled,
            schedule=configured.schedule,
            last_check=last.started_at if last else None,
            outcome=last.outcome if last else None,
            statements=int(counts.get(configured.id, 0)),
            consecutive_failures=row.consecutive_failures if row else 0,
            failing_since=row.failing_since if row else None,
            recent_errors=tuple(recent_errors(session, configured.id, errors)) if errors else (),
        ))
    return statuses


def recent_errors(session: Session, site_id: str, limit: int) -> list[str]:
    rows = session.execute(
        select(CheckRun.started_at, CheckError.url, CheckError.error)
        .join(CheckError, CheckError.check_run_id == CheckRun.id)
        .where(CheckRun.site_id == site_id)
        .order_by(CheckRun.started_at.desc(), CheckError.id.desc())
        .limit(limit)
    ).all()
    listing_failures = session.execute(
        select(CheckRun.started_at, CheckRun.error)
        .where(CheckRun.site_id == site_id, CheckRun.outcome == "failed")
        .order_by(CheckRun.started_at.desc()).limit(limit)
    ).all()
    merged = [(at, f"{url}: {error}") for at, url, error in rows]
    merged += [(at, str(error)) for at, error in listing_failures]
    merged.sort(key=lambda pair: pair[0], reverse=True)
    return [f"{at:%Y-%m-%d %H:%M} {text}" for at, text in merged[:limit]]
