"""Storage: migrations match the models, timestamps stay UTC, SQLite is created on first use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from monitor.db import Database, current_revision, head_revision, open_database
from monitor.errors import DatabaseError
from monitor.models import Base, Site
from tests.conftest import render_config, run_cli


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    assert current_revision(database.engine) == head_revision(database.url)


def test_timestamps_come_back_timezone_aware_utc(database: Database) -> None:
    jakarta = timezone(timedelta(hours=7))
    created = datetime(2024, 4, 16, 18, 5, tzinfo=jakarta)
    with database.transaction() as session:
        session.add(Site(id="s", name="S", url="http://127.0.0.1/", created_at=created))
    with database.transaction() as session:
        site = session.scalars(select(Site)).one()
    assert site.created_at == created
    assert site.created_at.tzinfo is not None
    assert site.created_at.utcoffset() == timedelta(0)
    assert site.created_at.hour == 11


def test_naive_datetimes_are_refused(database: Database) -> None:
    site = Site(id="s", name="S", url="http://x/", created_at=datetime(2024, 1, 1))
    with database.transaction() as session:
        session.add(site)
        with pytest.raises(Exception, match="naive datetime"):
            session.flush()
        session.rollback()


def test_sqlite_database_is_created_and_migrated_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "fresh.db"
    path.parent.mkdir()
    database = open_database(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert "statements" in inspect(database.engine).get_table_names()
    finally:
        database.close()


def test_db_upgrade_command_creates_the_schema(tmp_path: Path, database_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(render_config({"database": {"url": database_url}},
                                    [{"id": "a", "name": "A", "url": "http://127.0.0.1:9/"}]), encoding="utf-8")
    result = run_cli("--config", str(config), "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "latest revision" in result.stdout
    database = Database(database_url)
    try:
        tables = set(inspect(database.engine).get_table_names())
        assert {"sites", "statements", "statement_versions", "mentions", "entities", "events",
                "subscribers", "deliveries", "alembic_version"} <= tables
    finally:
        database.close()


@pytest.mark.postgres
def test_unmigrated_postgres_asks_for_db_upgrade(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite migrates itself")
    with pytest.raises(DatabaseError, match="monitor db upgrade"):
        open_database(database_url)


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot reach the database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_utc_is_utc() -> None:
    assert UTC.utcoffset(None) == timedelta(0)
