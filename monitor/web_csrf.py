"""CSRF protection of the web front's forms, and the secret that signs its session cookie.

Each browser session gets a random token (kept in the signed session cookie); every form
that changes something carries it in a hidden field, and a POST without the matching token
is refused with 403. Another site can make a browser send the cookie, but cannot read the
token out of our pages. The secret comes from the environment variable named by [web]
secret_env, or is generated once and kept in `settings_store`, so every process serving
the same database accepts the same cookies.
"""

from __future__ import annotations

import hmac
import os
import secrets

from flask import request, session
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden

from monitor.config import Settings
from monitor.db import Database
from monitor.errors import ConfigError
from monitor.models import StoredSetting

FIELD = "csrf_token"
SESSION_KEY = "csrf"
SECRET_KEY = "web_secret"
MIN_SECRET_LENGTH = 16


class CsrfRefused(Forbidden):
    """A form came back without this session's token."""

    description = ("The form was not sent from a page of this site, or your session ended. "
                   "Go back, reload the page and send the form again.")


def csrf_token() -> str:
    """This session's token, created on first use (templates call it to fill the hidden field)."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def check_csrf() -> None:
    """Raise CsrfRefused unless the form carries this session's token."""
    expected = session.get(SESSION_KEY)
    given = request.form.get(FIELD, "")
    if not isinstance(expected, str) or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise CsrfRefused()


def web_secret(database: Database, settings: Settings) -> str:
    """The secret of [web] secret_env, else the one kept in the database (generated on first use)."""
    name = settings.web.secret_env
    if not name:
        return stored_secret(database)
    value = os.environ.get(name, "")
    if len(value) < MIN_SECRET_LENGTH:
        problem = "is not set" if not value else f"is shorter than {MIN_SECRET_LENGTH} characters"
        raise ConfigError(f"[web] secret_env names the environment variable {name}, which {problem}; set it to a "
                          "long random string, or leave secret_env empty to keep a generated secret in the database")
    return value


def stored_secret(database: Database) -> str:
    with database.transaction() as db_session:
        _insert_if_missing(db_session, SECRET_KEY, secrets.token_urlsafe(48))
        value = db_session.scalar(select(StoredSetting.value).where(StoredSetting.key == SECRET_KEY))
    assert value is not None
    return value


def _insert_if_missing(db_session: Session, key: str, value: str) -> None:
    """Two processes starting together must end up with one secret: the unique key decides."""
    dialect = db_session.get_bind().dialect.name
    if dialect == "postgresql":
        db_session.execute(pg_insert(StoredSetting).values(key=key, value=value).on_conflict_do_nothing())
    elif dialect == "sqlite":
        db_session.execute(sqlite_insert(StoredSetting).values(key=key, value=value).on_conflict_do_nothing())
    elif db_session.get(StoredSetting, key) is None:
        db_session.add(StoredSetting(key=key, value=value))
