"""`monitor run`: scheduled checks, failure alerts, one check per site across runners, clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.check import CheckInProgress, run_check
from monitor.config import SiteSettings, load_settings, parse_schedule
from monitor.db import Database, open_database
from monitor.models import CheckRun, Site, Statement
from monitor.service import Service, check_site, make_trigger
from tests.localserver import LocalServer
from tests.synthetic import build_site


def serve(server: LocalServer, count: int = 6, *, delay: float = 0.0) -> None:
    for path, html in build_site(count, per_page=3).items():
        server.add(path, html, delay=delay if path.startswith("/news/20") else 0.0)


def wait_for(condition: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def count(database: Database, table: Any) -> int:
    with database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_triggers_from_schedules() -> None:
    interval = make_trigger(parse_schedule("every 10 minutes"))
    assert interval.interval.total_seconds() == 600
    assert interval.jitter == 60
    cron = make_trigger(parse_schedule("0 7 * * mon-fri"))
    assert "mon-fri" in str(cron)


def test_scheduler_checks_each_enabled_site(local_server: LocalServer, write_config: Any) -> None:
    serve(local_server)
    config = write_config([
        {"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html"), "schedule": "every 1 seconds"},
        {"id": "resting", "name": "Disabled", "url": local_server.url("/nothing/"), "enabled": False},
    ])
    settings = load_settings(config)
    database = open_database(settings.database.url)
    service = Service(database, settings)
    service.start(check_at_start=True)
    try:
        wait_for(lambda: count(database, CheckRun) >= 2)
    finally:
        service.stop()
    with database.transaction() as session:
        runs = session.scalars(select(CheckRun)).all()
        leases = session.scalars(select(Site.lease_owner)).all()
    database.close()
    assert {r.site_id for r in runs} == {"ministry"}
    assert {r.trigger for r in runs} == {"schedule"}
    assert runs[0].new_count == 6
    assert all(r.new_count == 0 for r in runs[1:])
    assert set(leases) == {None}


def test_failing_site_alerts_the_operator_once_and_again_on_recovery(local_server: LocalServer, write_config: Any,
                                                                     tmp_path: Path) -> None:
    local_server.add("/news/index.html", "down", status=500)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}],
                          scrape={"failures_before_alert": 2},
                          email={"outbox": str(tmp_path / "outbox"), "operator": "ops@example.org"})
    settings = load_settings(config)
    database = open_database(settings.database.url)
    site = settings.site("ministry")
    alerts: list[tuple[str, bool]] = []

    def alert(s: SiteSettings, message: str, recovered: bool) -> None:
        alerts.append((message, recovered))

    for _ in range(3):
        report = check_site(database, settings, site, alert)
        assert report is not None
        assert not report.ran
    assert len(alerts) == 1
    assert "failed 2 checks in a row" in alerts[0][0]
    with database.transaction() as session:
        assert session.get(Site, "ministry").failing_since is not None  # type: ignore[union-attr]
    local_server.reset()
    serve(local_server)
    check_site(database, settings, site, alert)
    database.close()
    assert alerts[-1][1] is True
    assert "recovered" in alerts[-1][0]


def test_only_one_runner_checks_a_site_at_a_time(local_server: LocalServer, write_config: Any) -> None:
    serve(local_server, delay=0.3)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html")}],
                          scrape={"workers": 1})
    settings = load_settings(config)
    outcomes: list[str] = []

    def runner() -> None:
        database = open_database(settings.database.url)
        try:
            run_check(database, settings, "ministry", trigger="schedule")
            outcomes.append("checked")
        except CheckInProgress:
            outcomes.append("skipped")
        finally:
            database.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["checked", "skipped"]
    database = open_database(settings.database.url)
    assert count(database, Statement) == 6
    database.close()


def test_monitor_run_stops_cleanly_on_sigterm(local_server: LocalServer, write_config: Any, tmp_path: Path) -> None:
    serve(local_server)
    config = write_config([{"id": "ministry", "name": "Ministry", "url": local_server.url("/news/index.html"),
                            "schedule": "every 1 hours"}], web={"port": 0, "base_url": "http://127.0.0.1:9"})
    settings = load_settings(config)
    database = open_database(settings.database.url)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), "run"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(lambda: count(database, CheckRun) >= 1, timeout=60)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, output.decode()
    text = output.decode()
    assert "check ministry: 6 new, 0 revised, 0 errors" in text
    assert "web front on http://127.0.0.1:" in text
    assert "stopped" in text
    with database.transaction() as session:
        assert session.scalars(select(Site.lease_owner)).all() == [None]
    database.close()


@pytest.mark.parametrize("recovered", [False, True])
def test_alert_email_reaches_the_operator_outbox(write_config: Any, tmp_path: Path, recovered: bool) -> None:
    from datetime import UTC, datetime

    from monitor.mail import send_alert

    config = write_config([{"id": "ministry", "name": "Ministry", "url": "http://127.0.0.1:9/"}],
                          email={"outbox": str(tmp_path / "outbox"), "operator": "ops@example.org"})
    settings = load_settings(config)
    send_alert(settings, settings.site("ministry"), "site ministry has failed 3 checks in a row",
               now=datetime.now(UTC), recovered=recovered)
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == "ops@example.org"
    assert "Ministry" in message["Subject"]
    assert ("recovered" if recovered else "failing") in message["Subject"].lower()
