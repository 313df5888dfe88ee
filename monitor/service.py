"""`monitor run`: every enabled site checked on its schedule, digests sent when due.

APScheduler 3 runs each site as its own job (interval or cron, with jitter; one instance at a
time; missed runs coalesced). Across processes, the site lease in check.py keeps two runners
from checking one site at once, and digest.py claims subscribers with row locks. On SIGINT or
SIGTERM the scheduler stops taking new work and waits for running checks: each either commits
as one transaction or leaves nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from monitor.check import CheckInProgress, describe_check, run_check
from monitor.config import Schedule, Settings, SiteSettings, parse_schedule
from monitor.db import Database
from monitor.errors import MonitorError
from monitor.records import CheckReport

log = logging.getLogger("monitor.service")


def make_trigger(schedule: Schedule) -> IntervalTrigger | CronTrigger:
    """The APScheduler trigger for a schedule, with jitter so that sites do not fire together."""
    if schedule.seconds is not None:
        jitter = int(min(60.0, schedule.seconds * 0.1))
        return IntervalTrigger(seconds=schedule.seconds, jitter=jitter or None, timezone=UTC)
    assert schedule.cron is not None
    return CronTrigger.from_crontab(schedule.cron, timezone=UTC)


def check_site(database: Database, settings: Settings, site: SiteSettings,
               alert: Callable[[SiteSettings, str, bool], None] | None = None) -> CheckReport | None:
    """One scheduled check, logged in one line; failing/recovered alerts go to the operator."""
    try:
        report = run_check(database, settings, site.id, trigger="schedule")
    except CheckInProgress as exc:
        log.info("skipped %s: %s", site.id, exc)
        return None
    except MonitorError as exc:
        log.error("check of %s could not run: %s", site.id, exc)
        return None
    log.info(describe_check(report))
    state = report.extra.get("alert")
    if state == "failing":
        message = (f"site {site.id} ({site.name}) has failed {report.extra.get('consecutive_failures')} checks "
                   f"in a row: {report.reason}")
        log.error(message)
        if alert:
            alert(site, message, False)
    elif state == "recovered":
        message = f"site {site.id} ({site.name}) recovered: the last check succeeded"
        log.warning(message)
        if alert:
            alert(site, message, True)
    return report


class Service:
    """The scheduler with one job per enabled site and one for digests."""

    def __init__(self, database: Database, settings: Settings, *,
                 alert: Callable[[SiteSettings, str, bool], None] | None = None,
                 digest: Callable[[datetime], Any] | None = None) -> None:
        self.database, self.settings = database, settings
        self.scheduler = BackgroundScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
        self._alert, self._digest = alert, digest
        self.stopped = threading.Event()

    def start(self, *, check_at_start: bool = True) -> None:
        for site in self.settings.sites:
            if not site.enabled:
                continue
            self.scheduler.add_job(check_site, make_trigger(site.parsed_schedule), id=f"check:{site.id}",
                                   args=(self.database, self.settings, site, self._alert),
                                   next_run_time=datetime.now(UTC) if check_at_start else None,
                                   name=f"check {site.id}")
        if self._digest is not None:
            self.scheduler.add_job(self._run_digest, make_trigger(parse_schedule(self.settings.digest.schedule)),
                                   id="digest", name="digests")
        self.scheduler.start()
        log.info("scheduled %d sites; digests %s", len(self.scheduler.get_jobs()) - (self._digest is not None),
                 self.settings.digest.schedule)

    def _run_digest(self) -> None:
        assert self._digest is not None
        try:
            self._digest(datetime.now(UTC))
        except MonitorError as exc:
            log.error("digests could not be sent: %s", exc)

    def stop(self) -> None:
        """Take no new work; wait for running checks to finish (each commits whole or not at all)."""
        if self.scheduler.running:
            log.info("stopping: waiting for running checks to finish")
            self.scheduler.shutdown(wait=True)
        self.stopped.set()
