"""Fixtures shared by the whole suite: databases on both backends, config files, the CLI."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from monitor.cli import cli
from monitor.db import Database, open_database
from tests.localserver import LocalServer, running_server

PG_ENV = "MONITOR_TEST_DATABASE_URL"
PG_SKIP = (f"PostgreSQL tests need {PG_ENV} "
           "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); .ci/run sets it")
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _postgres_schema_url(base: str) -> Iterator[str]:
    """A fresh schema per test, dropped afterwards, so tests never see each other's rows."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once as SQLite and once as PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'monitor.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    yield from _postgres_schema_url(base)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database on each backend."""
    db = open_database(database_url, auto_upgrade=True)
    yield db
    db.close()


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def render_config(tables: dict[str, dict[str, Any]], sites: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
        lines.append("")
    for site in sites:
        lines.append("[[sites]]")
        lines += [f"{key} = {toml_value(value)}" for key, value in site.items()]
        lines.append("")
    return "\n".join(lines)


@pytest.fixture
def write_config(tmp_path: Path, database: Database) -> Any:
    """Write a config.toml in tmp_path; its database is the parametrized backend, migrated."""

    def write(sites: list[dict[str, Any]] | None = None, **tables: dict[str, Any]) -> Path:
        tables.setdefault("database", {"url": database.url})
        tables.setdefault("email", {"outbox": str(tmp_path / "outbox")})
        tables.setdefault("http", {"min_delay": 0.0, "backoff_base": 0.01, "retries": 1, "timeout": 5.0})
        path = tmp_path / "config.toml"
        path.write_text(render_config(tables, sites or []), encoding="utf-8")
        return path

    return write


def run_cli(*args: str, input: str | None = None) -> Result:
    """Invoke the real click command line in-process."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def _local_server_session() -> Iterator[LocalServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def local_server(_local_server_session: LocalServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """The session's HTTP server on 127.0.0.1, emptied for this test."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # httpx honours these; tests must stay on 127.0.0.1
    _local_server_session.reset()
    yield _local_server_session
    assert _local_server_session.errors == []
