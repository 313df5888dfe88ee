"""The database boundary: engines, sessions, migrations, and SQLAlchemy errors translated."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from monitor.errors import DatabaseError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with self.sessions() as session:
            try:
                with session.begin():
                    yield session
            except OperationalError as exc:
                raise DatabaseError(f"database error ({self.safe_url}): {exc.orig}") from exc

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A database host that stops answering must not hang a check or /healthz for minutes.
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def upgrade(database: Database) -> None:
    """Bring the schema to the latest migration."""
    try:
        command.upgrade(alembic_config(database.url), "head")
    except SQLAlchemyError as exc:
        raise DatabaseError(f"could not migrate {database.safe_url}: {exc}") from exc


def open_database(url: str, *, auto_upgrade: bool | None = None) -> Database:
    """Connect; a SQLite database is created and migrated on first use (others on request)."""
    database = Database(url)
    try:
        _bring_up_to_date(database, database.dialect == "sqlite" if auto_upgrade is None else auto_upgrade)
    except BaseException:
        database.close()
        raise
    return database


def _bring_up_to_date(database: Database, auto_upgrade: bool) -> None:
    try:
        current = current_revision(database.engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot reach the database {database.safe_url}: {exc.orig}") from exc
    if current == head_revision(database.url):
        return
    if not auto_upgrade:
        raise DatabaseError(
            f"the database {database.safe_url} is at revision {current or 'none'}; run `monitor db upgrade`"
        )
    log.info("migrating %s from %s to the latest revision", database.safe_url, current or "empty")
    upgrade(database)
