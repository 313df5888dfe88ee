"""What every page of the web front shares: the app's state, and HTML rendered through monitor.templating.

Pages use the project's one Jinja2 environment (autoescaping on for `.html`, undefined names
are errors), not Flask's, so emails, feeds and pages format dates and findings alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Response, current_app, url_for

from monitor.config import Settings
from monitor.db import Database
from monitor.templating import render_template
from monitor.web_csrf import csrf_token

EXTENSION = "statement-monitor"
SAFE_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, kw_only=True)
class WebContext:
    """The database and settings the app was created with."""

    database: Database
    settings: Settings


def web_context() -> WebContext:
    context = current_app.extensions[EXTENSION]
    assert isinstance(context, WebContext)
    return context


def render_page(name: str, *, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> Response:
    """A template of templates/web/ as an HTML response, with what the base layout needs."""
    settings = web_context().settings
    page = render_template(name, title=settings.feed.title, timezone=settings.digest.timezone, url_for=url_for,
                           csrf_token=csrf_token, **context)
    return Response(page, status=status, headers=headers, mimetype="text/html")


def message_page(status: int, heading: str, message: str, *, headers: dict[str, str] | None = None) -> Response:
    """A page that only says what happened and what to do next."""
    return render_page("web/message.html", status=status, headers=headers, heading=heading, message=message)


def safe_link(url: str) -> str:
    """The URL when it is http(s); '' otherwise, so a scraped `javascript:` link never becomes a link."""
    return url if url.lower().startswith(SAFE_SCHEMES) else ""
