"""What the service keeps: the tables, in SQLAlchemy 2.0 declarative form.

sites ─< check_runs ─< check_errors
  └──< statements ─< statement_versions ─< mentions >── entities
                                            events (outbox) ─< delivered_events >── subscribers ─< deliveries
pending_pages: statement pages that failed and must be fetched again.
http_cache:    validators (ETag / Last-Modified) of listing pages for conditional GET.
settings_store: small key/value facts the service generates itself (the CSRF secret).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every backend (SQLite stores naive UTC, PostgreSQL timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}  # noqa: RUF012


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None]


class CheckRun(Base):
    __tablename__ = "check_runs"
    __table_args__ = (Index("ix_check_runs_site_started", "site_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    trigger: Mapped[str] = mapped_column(String(20), default="manual")  # manual|schedule|web
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(20))  # ok|partial|failed
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    revised_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)


class CheckError(Base):
    __tablename__ = "check_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_run_id: Mapped[int] = mapped_column(ForeignKey("check_runs.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)


class PendingPage(Base):
    """A statement link whose page failed: fetched again on the next check, never dropped."""

    __tablename__ = "pending_pages"
    __table_args__ = (UniqueConstraint("site_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    listing_position: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    first_failed_at: Mapped[datetime] = mapped_column(default=utcnow)


class HttpCache(Base):
    __tablename__ = "http_cache"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("url"),
        Index("ix_statements_site_published", "site_id", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))  # canonical
    source_url: Mapped[str] = mapped_column(String(2000), index=True)  # the link as the listing gave it
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    listing_position: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    version_count: Mapped[int] = mapped_column(Integer, default=1)


class StatementVersion(Base):
    __tablename__ = "statement_versions"
    __table_args__ = (UniqueConstraint("statement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    changes: Mapped[dict[str, Any] | None]  # paragraphs added/removed/changed against the previous version


class Entity(Base):
    """Something the service knows about across statements: one agreement, meeting or figure."""

    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_kind_key", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # agreement|meeting|figure
    key: Mapped[str] = mapped_column(String(500))  # normalised name / value+unit for quick lookup
    name: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]]  # latest known attributes (status, date, value, aliases, tokens…)
    first_statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="SET NULL"))
    first_url: Mapped[str] = mapped_column(Text)
    first_published: Mapped[date | None] = mapped_column(Date)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    mention_count: Mapped[int] = mapped_column(Integer, default=1)


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("version_id", "kind", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("statement_versions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # agreement|meeting|figure
    ordinal: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]  # the mention as `monitor extract --json` gives it
    sentence: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    change: Mapped[dict[str, Any] | None]


class Event(Base):
    """The outbox: one row per thing worth telling, written with the rows that caused it."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("key"), Index("ix_events_created", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))  # deterministic: re-running a check adds nothing
    type: Mapped[str] = mapped_column(String(40))  # StatementPublished, AgreementMentioned, ...
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("statement_versions.id", ondelete="CASCADE"))
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[dict[str, Any]]


class Subscriber(Base):
    __tablename__ = "subscribers"
    __table_args__ = (UniqueConstraint("email"), UniqueConstraint("confirm_token"),
                      UniqueConstraint("unsubscribe_token"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|confirmed|unsubscribed
    frequency: Mapped[str] = mapped_column(String(10), default="daily")  # instant|daily|weekly
    sites: Mapped[list[Any]] = mapped_column(default=list)
    kinds: Mapped[list[Any]] = mapped_column(default=list)
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    confirm_token: Mapped[str] = mapped_column(String(100))
    unsubscribe_token: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    last_digest_at: Mapped[datetime | None]


class Delivery(Base):
    """The ledger: every email the service tried to send, with its outcome."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscribers.id", ondelete="SET NULL"), index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    purpose: Mapped[str] = mapped_column(String(20))  # confirmation|digest|alert
    status: Mapped[str] = mapped_column(String(20))  # sent|failed|refused
    subject: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeliveredEvent(Base):
    """Which events reached which subscriber: a digest never repeats them."""

    __tablename__ = "delivered_events"

    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))


class StoredSetting(Base):
    __tablename__ = "settings_store"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RateMark(Base):
    """Last time a rate-limited action ran (the web front's 'check now' per site)."""

    __tablename__ = "rate_marks"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    at: Mapped[datetime]
