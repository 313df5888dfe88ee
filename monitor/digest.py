"""Digests: each confirmed subscriber's pending events, grouped into one email when due.

Due: `instant` whenever events are pending; `daily` once per day at/after [digest]
daily_time; `weekly` on [digest] weekly_day at/after daily_time (both read in [digest]
timezone). Pending: events written since the subscriber confirmed (and, for daily and weekly,
before the digest's time), matching their sites, kinds and keywords, without a
`delivered_events` row. At most [digest] max_items go in one
email; the rest wait for the next digest.

Each subscriber is handled in its own transaction that first claims the subscriber's row
(`FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite a first write takes the database's write
lock), sends, then records a `deliveries` row and — only if the email was taken — the
`delivered_events` rows. So two `monitor digest` running at once never send an event twice,
and a failed send loses nothing: the events stay pending. A permanent refusal (5xx) is
recorded as `refused` and the address is tried again only after RETRY_REFUSED_AFTER.
A crash between the send and the commit sends that digest again next time (at least once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from monitor.config import DigestSettings, Settings
from monitor.db import Database
from monitor.events import KIND_OF_TYPE
from monitor.feeds import event_types
from monitor.mail import OutgoingEmail, SendOutcome, attempt_send, compose_message, unsubscribe_url
from monitor.models import DeliveredEvent, Delivery, Event, Subscriber
from monitor.templating import mention_changes, mention_label, render_template

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A refused address is not retried on every run (that hurts the sender's reputation), but daily
# subscribers still get one attempt per day.
RETRY_REFUSED_AFTER = timedelta(hours=23)
GROUPS = (("agreements", "New agreements"), ("meetings", "New meetings"), ("figures", "New figures"),
          ("statements", "New statements"), ("revised", "Revised statements"))


@dataclass(frozen=True, kw_only=True)
class DigestItem:
    """One event as a digest shows it."""

    event_id: int
    group: str  # agreements|meetings|figures|statements|revised
    label: str  # the agreement/meeting/figure, or the statement's title
    sentence: str  # the evidence (for a revision: the first new or changed paragraph)
    change: str  # what changed in a known entity or statement; '' for something new
    title: str
    url: str
    site_name: str
    published: str | None


@dataclass(frozen=True, kw_only=True)
class Digest:
    items: tuple[DigestItem, ...]
    remaining: int = 0  # matching events left for the next digest (beyond max_items)

    def group(self, name: str) -> tuple[DigestItem, ...]:
        return tuple(item for item in self.items if item.group == name)

    @property
    def groups(self) -> list[tuple[str, tuple[DigestItem, ...]]]:
        """(heading, items) of the non-empty groups, in the order the email shows them."""
        return [(heading, items) for name, heading in GROUPS if (items := self.group(name))]


@dataclass(frozen=True, kw_only=True)
class DigestOutcome:
    """What send_digests() did for one subscriber."""

    email: str
    status: str  # sent|failed|refused|dry-run
    subject: str
    event_count: int
    error: str | None = None
    text: str = ""  # the text part, shown by --dry-run


def send_digests(database: Database, settings: Settings, *, now: datetime,
                 dry_run: bool = False) -> list[DigestOutcome]:
    """One email per subscriber whose digest is due and not empty; dry_run sends and records nothing."""
    with database.transaction() as session:
        candidates = [row.id for row in session.scalars(
            select(Subscriber).where(Subscriber.status == "confirmed").order_by(Subscriber.id)
        ) if digest_due(row.frequency, since=_since(row), now=now, settings=settings.digest)]
    outcomes = []
    for subscriber_id in candidates:
        outcome = _digest_subscriber(database, settings, subscriber_id, now=now, dry_run=dry_run)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def digest_due(frequency: str, *, since: datetime | None, now: datetime, settings: DigestSettings) -> bool:
    """Whether a digest is due now for a subscriber last served (or confirmed) at `since`."""
    if frequency == "instant":
        return True
    return since is None or since < latest_slot(frequency, now=now, settings=settings)


def latest_slot(frequency: str, *, now: datetime, settings: DigestSettings) -> datetime:
    """The most recent daily/weekly digest time at or before now, in UTC."""
    zone = ZoneInfo(settings.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in settings.daily_time.split(":"))
    step = 7 if frequency == "weekly" else 1
    back = (local.weekday() - WEEKDAYS.index(settings.weekly_day)) % 7 if frequency == "weekly" else 0
    day = local.date() - timedelta(days=back)
    slot = datetime.combine(day, time(hour, minute), tzinfo=zone)
    if slot > now:
        slot = datetime.combine(day - timedelta(days=step), time(hour, minute), tzinfo=zone)
    return slot.astimezone(UTC)


def _since(row: Subscriber) -> datetime | None:
    return row.last_digest_at or row.confirmed_at


def _digest_subscriber(database: Database, settings: Settings, subscriber_id: int, *, now: datetime,
                       dry_run: bool) -> DigestOutcome | None:
    with database.transaction() as session:
        subscriber = _claim(session, subscriber_id, lock=not dry_run)
        if subscriber is None or not _still_due(session, subscriber, now, settings):
            return None
        # A daily/weekly digest holds what came before its slot: an empty 07:00 digest stays
        # empty until the next 07:00, instead of going out with the first event after it.
        until = None if subscriber.frequency == "instant" else latest_slot(
            subscriber.frequency, now=now, settings=settings.digest)
        digest = pending_digest(session, subscriber, limit=settings.digest.max_items, until=until)
        if not digest.items:
            return None
        outgoing = render_digest(settings, digest, email=subscriber.email, frequency=subscriber.frequency,
                                 unsubscribe_token=subscriber.unsubscribe_token, now=now)
        if dry_run:
            return DigestOutcome(email=subscriber.email, status="dry-run", subject=outgoing.subject,
                                 event_count=len(digest.items), text=outgoing.text)
        message = compose_message(settings, outgoing, now=now)
        outcome = attempt_send(settings, message)
        _record(session, subscriber, digest, outcome, subject=outgoing.subject,
                message_id=str(message["Message-ID"]), now=now)
        return DigestOutcome(email=subscriber.email, status=outcome.status, subject=outgoing.subject,
                             event_count=len(digest.items), error=outcome.error)


def _claim(session: Session, subscriber_id: int, *, lock: bool) -> Subscriber | None:
    """The subscriber's row, held until this transaction ends; None if another process holds it."""
    query = select(Subscriber).where(Subscriber.id == subscriber_id, Subscriber.status == "confirmed")
    if not lock:
        return session.scalar(query)
    if session.get_bind().dialect.name == "postgresql":
        return session.scalar(query.with_for_update(skip_locked=True))
    # SQLite has no row locks. Writing first takes the database's write lock for the whole
    # transaction: a second process waits here, then reads what the first one recorded.
    session.execute(
        update(Subscriber).where(Subscriber.id == subscriber_id)
        .values(last_digest_at=Subscriber.last_digest_at).execution_options(synchronize_session=False)
    )
    return session.scalar(query)


def _still_due(session: Session, subscriber: Subscriber, now: datetime, settings: Settings) -> bool:
    """Checked again under the lock: another process may have sent it meanwhile."""
    if not digest_due(subscriber.frequency, since=_since(subscriber), now=now, settings=settings.digest):
        return False
    last = session.scalar(
        select(Delivery).where(Delivery.subscriber_id == subscriber.id, Delivery.purpose == "digest")
        .order_by(Delivery.id.desc()).limit(1)
    )
    return not (last is not None and last.status == "refused" and now - last.created_at < RETRY_REFUSED_AFTER)


def pending_digest(session: Session, subscriber: Subscriber, *, limit: int, until: datetime | None = None) -> Digest:
    """The subscriber's pending events matching their preferences (written before `until`), oldest first."""
    received = exists().where(DeliveredEvent.subscriber_id == subscriber.id, DeliveredEvent.event_id == Event.id)
    query = select(Event).where(Event.created_at >= (subscriber.confirmed_at or subscriber.created_at), ~received)
    if until is not None:
        query = query.where(Event.created_at < until)
    if subscriber.sites:
        query = query.where(Event.site_id.in_(subscriber.sites))
    if subscriber.kinds:
        query = query.where(Event.type.in_([t for kind in subscriber.kinds for t in event_types(kind)]))
    keywords = [str(k).casefold() for k in subscriber.keywords]
    if not keywords:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        return Digest(items=tuple(digest_item(e) for e in session.scalars(query.order_by(Event.id).limit(limit))),
                      remaining=max(0, total - limit))
    matching = [e for e in session.scalars(query.order_by(Event.id)) if matches_keywords(e.payload, keywords)]
    return Digest(items=tuple(digest_item(e) for e in matching[:limit]), remaining=max(0, len(matching) - limit))


def matches_keywords(payload: dict[str, Any], keywords: Sequence[str]) -> bool:
    """Any keyword (casefolded) in the title, the evidence sentence or the names of the mention."""
    mention = payload.get("mention") or {}
    fields: list[Any] = [payload.get("title"), payload.get("sentence"), mention.get("name"), mention.get("subject"),
                         mention.get("text"), mention.get("place"), *mention.get("aliases", []),
                         *mention.get("parties", []), *mention.get("participants", [])]
    haystack = "\n".join(str(field) for field in fields if field).casefold()
    return any(keyword in haystack for keyword in keywords)


def digest_item(event: Event) -> DigestItem:
    payload = event.payload
    title = str(payload.get("title") or payload.get("url"))
    kind = KIND_OF_TYPE.get(event.type)
    if kind is not None:
        mention = payload.get("mention") or {}
        group, label = f"{kind}s", mention_label(mention, kind)
        sentence, change = str(payload.get("sentence") or ""), mention_changes(payload.get("change"), mention)
    elif event.type == "StatementRevised":
        changes = payload.get("changes") or {}
        group, label = "revised", title
        sentence, change = _first_new_paragraph(changes), revision_summary(changes, int(payload.get("version", 2)))
    else:
        group, label, sentence, change = "statements", title, "", ""
    return DigestItem(event_id=event.id, group=group, label=label, sentence=sentence, change=change, title=title,
                      url=str(payload["url"]), site_name=str(payload.get("site_name") or event.site_id),
                      published=payload.get("published"))


def revision_summary(changes: dict[str, Any], version: int) -> str:
    """'version 2: 1 paragraph added, 2 changed' from the paragraph diff of diff.py."""
    counts = [(len(changes.get(key) or []), key) for key in ("added", "changed", "removed")]
    parts = [f"{n} paragraph{'' if n == 1 else 's'} {key}" for n, key in counts if n]
    if changes.get("typo_only"):
        parts = ["small corrections only"]
    return f"version {version}" + (f": {', '.join(parts)}" if parts else "")


def _first_new_paragraph(changes: dict[str, Any], limit: int = 400) -> str:
    candidates = [*(changes.get("added") or []), *(c.get("after", "") for c in changes.get("changed") or [])]
    text = str(candidates[0]) if candidates else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def digest_subject(digest: Digest, title: str) -> str:
    """'3 new agreements, 1 meeting, 5 figures — statement-monitor'."""
    nouns = {"agreements": "agreement", "meetings": "meeting", "figures": "figure", "statements": "statement",
             "revised": "revised statement"}
    parts: list[str] = []
    for name, noun in nouns.items():
        count = len(digest.group(name))
        if count:
            new = "new " if not parts and name != "revised" else ""
            parts.append(f"{count} {new}{noun}{'' if count == 1 else 's'}")
    return f"{', '.join(parts)} — {title}"


def render_digest(settings: Settings, digest: Digest, *, email: str, frequency: str, unsubscribe_token: str,
                  now: datetime) -> OutgoingEmail:
    """The digest email: subject with counts, a text and an HTML part from the templates."""
    context = {"title": settings.feed.title, "digest": digest, "email": email, "frequency": frequency,
               "now": now, "timezone": settings.digest.timezone,
               "unsubscribe_url": unsubscribe_url(settings, unsubscribe_token)}
    return OutgoingEmail(recipient=email, subject=digest_subject(digest, settings.feed.title),
                         text=render_template("email/digest.txt", **context),
                         html=render_template("email/digest.html", **context),
                         unsubscribe_token=unsubscribe_token)


def _record(session: Session, subscriber: Subscriber, digest: Digest, outcome: SendOutcome, *, subject: str,
            message_id: str, now: datetime) -> None:
    delivery = Delivery(subscriber_id=subscriber.id, recipient=subscriber.email, purpose="digest",
                        status=outcome.status, subject=subject, message_id=message_id,
                        event_count=len(digest.items), error=outcome.error, created_at=now)
    session.add(delivery)
    session.flush()
    if outcome.status == "sent":
        session.add_all(DeliveredEvent(subscriber_id=subscriber.id, event_id=item.event_id, delivery_id=delivery.id)
                        for item in digest.items)
        subscriber.last_digest_at = now
