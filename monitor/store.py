"""Storing statements: one row per canonical URL, a new version only when the text changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.diff import diff_paragraphs
from monitor.models import Statement, StatementVersion
from monitor.records import Article, FetchedPage


@dataclass(frozen=True, kw_only=True)
class Stored:
    """What storing one fetched article did."""

    status: Literal["new", "revised", "unchanged"]
    statement: Statement
    version: StatementVersion | None  # the version written, None when unchanged
    previous_text: str | None = None


def content_hash(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\n\n{article.text}".encode()).hexdigest()


def store_article(session: Session, site_id: str, article: Article, page: FetchedPage, now: datetime,
                  *, source_url: str, listing_position: int = 0) -> Stored:
    """Insert a new statement, or a new version of a known one whose text changed."""
    statement = session.scalars(select(Statement).where(Statement.url == article.url)).first()
    if statement is None:
        statement = Statement(site_id=site_id, url=article.url, source_url=source_url, title=article.title,
                              published=article.published, first_seen_at=now, listing_position=listing_position)
        return _insert_statement(session, statement, article, page, now)
    statement.last_fetched_at = now
    statement.etag, statement.last_modified = page.etag, page.last_modified
    latest = _latest_version(session, statement)
    digest = content_hash(article)
    if latest is not None and latest.content_hash == digest:
        return Stored(status="unchanged", statement=statement, version=None)
    number = (latest.number if latest else 0) + 1
    changes = diff_paragraphs(latest.text, article.text) if latest else None
    version = StatementVersion(statement_id=statement.id, number=number, title=article.title, text=article.text,
                               content_hash=digest, fetched_at=now, changes=changes)
    session.add(version)
    statement.title = article.title
    statement.published = statement.published or article.published
    statement.version_count = number
    session.flush()
    return Stored(status="revised", statement=statement, version=version,
                  previous_text=latest.text if latest else None)


def _insert_statement(session: Session, statement: Statement, article: Article, page: FetchedPage,
                      now: datetime) -> Stored:
    statement.last_fetched_at, statement.version_count = now, 1
    statement.etag, statement.last_modified = page.etag, page.last_modified
    session.add(statement)
    session.flush()
    version = StatementVersion(statement_id=statement.id, number=1, title=article.title, text=article.text,
                               content_hash=content_hash(article), fetched_at=now, changes=None)
    session.add(version)
    session.flush()
    return Stored(status="new", statement=statement, version=version)


def _latest_version(session: Session, statement: Statement) -> StatementVersion | None:
    return session.scalars(
        select(StatementVersion).where(StatementVersion.statement_id == statement.id)
        .order_by(StatementVersion.number.desc()).limit(1)
    ).first()
