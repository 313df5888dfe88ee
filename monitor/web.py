"""The web front: findings, site health with "check now", feeds, subscriptions, and a health check.

    /                         latest findings, filtered by site and kind, paged   (web_findings)
    /sites                    site health; POST /sites/<id>/check runs a check     (web_sites)
    /feed.xml /atom.xml …     RSS and Atom with conditional GET                  (web_feeds)
    /subscribe /confirm/<t> /unsubscribe/<t>                                     (web_subscribe)
    /healthz                  JSON for monitoring; 503 when the database is unreachable

create_app() builds the Flask app over one database; serve() / WebServer (web_server) run
it under waitress. Every page is rendered with autoescaping, every POST form needs the
session's CSRF token (web_csrf), and every answer carries the security headers below.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from monitor.config import Settings
from monitor.db import Database
from monitor.errors import DatabaseError, UnknownSiteError
from monitor.sites import site_statuses, sync_sites
from monitor.templating import render_template
from monitor.web_csrf import web_secret
from monitor.web_feeds import feeds
from monitor.web_findings import findings
from monitor.web_pages import EXTENSION, WebContext, message_page, web_context
from monitor.web_server import WebServer, serve
from monitor.web_sites import sites
from monitor.web_subscribe import subscriptions

__all__ = ["WebServer", "create_app", "serve"]

log = logging.getLogger(__name__)

# No script at all, styles only from our own stylesheet, never inside a frame.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                           "frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Unsubscribe and confirmation URLs hold tokens: never send them on to the sites we link to.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MAX_FORM_BYTES = 64 * 1024


def create_app(database: Database, settings: Settings) -> Flask:
    """The web front over `database`; configured sites get their rows first (a check needs them)."""
    with database.transaction() as session:
        sync_sites(session, settings)
    app = Flask(__name__, static_folder=None, template_folder=None)
    app.config.update(
        SECRET_KEY=web_secret(database, settings),
        SESSION_COOKIE_NAME="monitor_session",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.base_url.startswith("https://"),
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
    )
    app.extensions[EXTENSION] = WebContext(database=database, settings=settings)
    for blueprint in (findings, sites, feeds, subscriptions):
        app.register_blueprint(blueprint)
    app.add_url_rule("/healthz", view_func=healthz)
    app.add_url_rule("/style.css", view_func=stylesheet)
    app.after_request(add_security_headers)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(UnknownSiteError, unknown_site)
    app.register_error_handler(DatabaseError, database_error)
    return app


def healthz() -> tuple[Response, int]:
    context = web_context()
    try:
        with context.database.transaction() as session:
            session.execute(select(1))
            statuses = site_statuses(session, context.settings)
    except (DatabaseError, SQLAlchemyError) as exc:
        log.error("health check: database unreachable: %s", exc)
        return jsonify(status="error", database="unreachable", sites=len(context.settings.sites), failing=[]), 503
    failing = [status.id for status in statuses if status.failing_since is not None]
    return jsonify(status="ok", database="ok", sites=len(statuses), failing=failing), 200


def stylesheet() -> Response:
    response = Response(render_template("web/style.css"), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    # Pages carry CSRF tokens and subscriber addresses: no cache may keep them.
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def http_error(error: HTTPException) -> Response:
    code = error.code or 500
    response = message_page(code, f"{code} {error.name}", error.description or "")
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def unknown_site(error: UnknownSiteError) -> Response:
    return message_page(404, "Unknown site", f"{str(error).capitalize()}.")


def database_error(error: DatabaseError) -> Response:
    log.error("%s", error)
    return message_page(503, "The database is unreachable", "Nothing was changed. Try again in a minute.")
