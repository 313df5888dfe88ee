"""The Jinja2 environment shared by emails, feeds and the web front, with its display filters.

Templates live in `templates/` at the repository root. Autoescaping is on for `.html` and
`.xml` and off for `.txt`; undefined names are errors so a typo never renders as blank.
Filters only format: every datetime handed to them is timezone-aware UTC and is converted
to the configured zone here, at the edge.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

import monitor

TEMPLATES = Path(monitor.__file__).resolve().parent.parent / "templates"


@cache
def template_environment() -> Environment:
    """One environment per process: Jinja2 caches compiled templates in it."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update({
        "rfc822": rfc822_date,
        "rfc3339": rfc3339_date,
        "localtime": local_time,
        "quantity": format_quantity,
        "mention_label": mention_label,
        "mention_changes": mention_changes,
    })
    return environment


def render_template(name: str, **context: Any) -> str:
    return template_environment().get_template(name).render(**context)


def rfc822_date(moment: datetime) -> str:
    """RFC 822 date for RSS and email headers, always in GMT."""
    return format_datetime(_utc(moment), usegmt=True)


def rfc3339_date(moment: datetime) -> str:
    """RFC 3339 date for Atom, in UTC with a Z."""
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_time(moment: datetime, zone: str, pattern: str = "%Y-%m-%d %H:%M %Z") -> str:
    return _utc(moment).astimezone(ZoneInfo(zone)).strftime(pattern)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to a template filter")
    return moment.astimezone(UTC)


def format_quantity(value: Any, unit: str = "") -> str:
    """1500000000, 'USD' → '1,500,000,000 USD'; 15, 'percent' → '15%'."""
    number = _number(value)
    if unit == "percent":
        return f"{number}%"
    return f"{number} {unit}".strip()


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def mention_label(mention: dict[str, Any], kind: str) -> str:
    """A one-line name for an agreement, meeting or figure as `monitor extract --json` gives it."""
    if kind == "figure":
        subject = str(mention.get("subject") or "").strip()
        text = str(mention.get("text") or format_quantity(mention.get("value", ""), str(mention.get("unit", ""))))
        return f"{text} — {subject}" if subject else text
    name = str(mention.get("name") or "").strip() or "(unnamed)"
    if kind == "agreement":
        status = mention.get("status")
        return f"{name} ({status})" if status and status != "mentioned" else name
    details = [str(mention[key]) for key in ("place", "date") if mention.get(key)]
    return f"{name} ({', '.join(details)})" if details else name


def mention_changes(change: dict[str, Any] | None, mention: dict[str, Any]) -> str:
    """What changed in a known entity, e.g. 'status: planned → signed', 'previously 1,000 USD'."""
    if not change:
        return ""
    parts = []
    for field, values in change.items():
        if not isinstance(values, dict) or "from" not in values:
            continue
        if field == "value":
            parts.append(f"previously {format_quantity(values['from'], str(mention.get('unit', '')))}")
        else:
            parts.append(f"{field}: {values['from']} → {values.get('to', '?')}")
    return "; ".join(parts)
