"""The `monitor` command line: thin commands over the engine's modules."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from functools import cached_property, wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from monitor.config import CONFIG_ENV, Settings, config_path, load_settings, reference_markdown
from monitor.db import Database, open_database, upgrade
from monitor.errors import ConfigError, MonitorError, UnknownSiteError
from monitor.records import CheckReport

F = TypeVar("F", bound=Callable[..., Any])


class App:
    """What every command needs: the validated settings, and the database on first use."""

    def __init__(self, path: Path, explicit: bool) -> None:
        self.path = path
        self.explicit = explicit
        self._database: Database | None = None

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.path)

    def database(self, *, auto_upgrade: bool | None = None) -> Database:
        if self._database is None:
            self._database = open_database(self.settings.database.url, auto_upgrade=auto_upgrade)
            from monitor.sites import sync_sites

            with self._database.transaction() as session:
                sync_sites(session, self.settings)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.close()


def handle_errors(command: F) -> F:
    """Turn the engine's errors into one line on stderr and an exit status."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (ConfigError, UnknownSiteError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except MonitorError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


pass_app = click.make_pass_decorator(App)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", metavar="PATH", help=f"config file (default ./config.toml or ${CONFIG_ENV})")
@click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")
@click.version_option(package_name="statement-monitor")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """Watch official websites for new statements and what they newly say."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import os

    explicit = bool(config or os.environ.get(CONFIG_ENV))
    app = App(config_path(config), explicit)
    ctx.obj = app
    ctx.call_on_close(app.close)
    if ctx.invoked_subcommand in OPTIONAL_CONFIG and not explicit and not app.path.exists():
        return
    try:
        app.settings  # noqa: B018 - every command validates the whole file first
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


# Commands that work without any config file when none is given or found.
OPTIONAL_CONFIG = {"extract", "config-reference", "demo"}


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="print a JSON list")
@pass_app
@handle_errors
def sites(app: App, as_json: bool) -> None:
    """List configured sites with their last check and statements stored."""
    from monitor.sites import site_statuses

    with app.database().transaction() as session:
        statuses = site_statuses(session, app.settings)
    if as_json:
        click.echo(json.dumps([s.to_json() for s in statuses], indent=2))
        return
    for s in statuses:
        last = f"{s.last_check:%Y-%m-%d %H:%M} UTC {s.outcome}" if s.last_check else "never checked"
        state = "" if s.enabled else " (disabled)"
        click.echo(f"{s.id:20s} {s.statements:5d} statements  {last}{state}  {s.name}")


@cli.group()
def db() -> None:
    """Database schema: migrations."""


@db.command("upgrade")
@pass_app
@handle_errors
def db_upgrade(app: App) -> None:
    """Apply every migration not yet applied."""
    database = app.database(auto_upgrade=True)
    upgrade(database)
    click.echo(f"database {database.safe_url} is at the latest revision")


@cli.command()
@click.argument("site_id")
@click.option("--json", "as_json", is_flag=True, help="print the JSON report")
@pass_app
@handle_errors
def scrape(app: App, site_id: str, as_json: bool) -> None:
    """Check one site now: print its new and revised statements (exit 1 if it could not be checked)."""
    from monitor.check import report_json, run_check

    app.settings.site(site_id)  # an unknown id exits 2 before touching the database
    report = run_check(app.database(), app.settings, site_id, trigger="manual")
    if as_json:
        click.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        click.echo(summarise_check(report))
    if not report.ran:
        if as_json:
            click.echo(f"error: {report.reason}", err=True)
        sys.exit(1)


def summarise_check(report: CheckReport) -> str:
    from monitor.check import describe_check

    if not report.ran:
        return f"{report.site}: could not be checked: {report.reason}"
    lines = [describe_check(report)]
    for s in report.statements:
        found = sum(1 for kind in ("agreements", "meetings", "figures") for m in s.get(kind, []) if m.get("new"))
        lines.append(f"  {s['status']:8s} {s['published'] or '----------'}  {s['title'][:70]}  "
                     f"[{found} new findings]  {s['url']}")
    lines += [f"  error    {e['url']}: {e['error']}" for e in report.errors]
    return "\n".join(lines)


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="print the JSON object")
@pass_app
@handle_errors
def extract(app: App, source: str, as_json: bool) -> None:
    """Extract agreements, meetings and figures from a file (HTML or text), a URL, or - for stdin."""
    from monitor.document import extract_document

    settings = app.settings if app.path.exists() else None
    result = extract_document(source, settings)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['title']}  ({result['published'] or 'no date'})")
    for kind in ("agreements", "meetings", "figures"):
        click.echo(f"{kind}:")
        for item in result[kind]:
            label = item.get("name") or item.get("text")
            click.echo(f"  - {label}  [{item.get('status') or item.get('kind') or item.get('unit')}]")


@cli.command("config-reference")
def config_reference() -> None:
    """Print the configuration reference (every key, its default and meaning) as Markdown."""
    click.echo(reference_markdown(), nl=False)


def main() -> None:
    cli(prog_name="monitor")


import monitor.cli_notify  # noqa: E402 - registers feed/subscribe/digest commands on `cli`
import monitor.cli_service  # noqa: E402
import monitor.cli_web  # noqa: E402,F401
