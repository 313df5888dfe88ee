"""`monitor extract`: one document (file, URL or stdin; HTML or text) to its title, date, text and mentions."""

from __future__ import annotations

import html as html_lib
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from monitor.article import parse_article
from monitor.config import HttpSettings, Settings
from monitor.dates import find_date_in_text, find_published
from monitor.encoding import decode_html
from monitor.errors import MonitorError
from monitor.extract import extract_statement
from monitor.fetch import Fetcher
from monitor.records import Article

_HTML_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[ >]|<!--)",
                         re.IGNORECASE)
# "JAKARTA, 12 May 2024 — The ministers…" / "BEIJING, Sept. 1 (Xinhua) --"
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'’/-]{1,40},\s+([^—–]{4,40}?)\s*(?:\(|—|–|--| - )")
_COPYRIGHT_YEAR = re.compile(r"(?:©|\([cC]\)|[Cc]opyright)\s*((?:19|20)\d\d)\b")
_HTML_TAGS = re.compile(rb"</(?:p|div|html|body|table|span|a)>", re.IGNORECASE)


def extract_document(source: str, settings: Settings | None = None) -> dict[str, Any]:
    """The `monitor extract --json` object for a file path, an http(s) URL, or '-' (stdin)."""
    content, content_type, url = _read_source(source, settings)
    article = _to_article(content, content_type, url)
    mentions = extract_statement(article.title, article.text, published=article.published).to_json()
    return {"title": article.title, "published": article.published.isoformat() if article.published else None,
            "text": article.text, **mentions}


def _read_source(source: str, settings: Settings | None) -> tuple[bytes, str | None, str]:
    if source == "-":
        return sys.stdin.buffer.read(), None, ""
    if source.startswith(("http://", "https://")):
        with Fetcher(settings.http if settings else HttpSettings()) as fetcher:
            page = fetcher.fetch(source)
        return page.content, page.content_type, page.url
    path = Path(source)
    if not path.exists() or path.is_dir():
        raise MonitorError(f"{source}: no such file (give a file, an http(s) URL, or - for standard input)")
    return path.read_bytes(), None, path.resolve().as_uri()


def looks_like_html(content: bytes, content_type: str | None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    head = content[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def _to_article(content: bytes, content_type: str | None, url: str) -> Article:
    if looks_like_html(content, content_type):
        return parse_article(decode_html(content, content_type), url)
    text = decode_html(content, content_type or "text/plain")
    return text_article(text, url)


def text_article(text: str, url: str) -> Article:
    """A plain-text statement: the first line is its title; a date line near the top dates it."""
    text = text.replace("\r\n", "\n").replace("\x00", "")
    lines = [line.strip() for line in text.split("\n")]
    title = next((line for line in lines if line), "")
    head = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines[:12] if line)
    published = find_published(f"<html><body>{head}</body></html>", url, hint=None) or _dateline_date(lines[1:8], text)
    return Article(url=url, title=title[:500], published=published, text=text.strip())


def _dateline_date(lines: list[str], text: str) -> date | None:
    """The date of a dateline opening the first paragraph; a wire's "HANOI, April 22 (Wire) -" gives no
    year, which its copyright line ("(c) 2026 Mekong Wire") does."""
    for line in lines:
        match = _DATELINE.match(line)
        if not match:
            continue
        found = find_date_in_text(match.group(1))
        copyright_year = _COPYRIGHT_YEAR.search(text)
        if found is None and copyright_year:
            found = find_date_in_text(f"{match.group(1)}, {copyright_year.group(1)}")
        return found
    return None
