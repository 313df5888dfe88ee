"""Subscribers: double opt-in, confirmation, preferences and unsubscription.

subscribe() creates a pending subscriber with two unguessable tokens and emails the link
{base_url}/confirm/<confirm token>; nothing else is sent to the address until confirm() is
called with that token. Subscribing again updates the preferences (and, while pending,
sends the link again). unsubscribe() takes the address (operators) or the unsubscribe
token (links in every digest); the web front must only ever pass the token.
Addresses are compared case-insensitively; the domain is stored in lower case.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from monitor.config import Settings
from monitor.db import Database
from monitor.errors import DeliveryError, PermanentDeliveryError
from monitor.feeds import KINDS
from monitor.mail import OutgoingEmail, attempt_send, compose_message
from monitor.models import Delivery, Subscriber
from monitor.templating import render_template

FREQUENCIES = ("instant", "daily", "weekly")
# A pending address asking again within this window is not sent another link (no mail-bombing via the form).
RESEND_CONFIRMATION_AFTER = timedelta(minutes=10)

_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True, kw_only=True)
class Preferences:
    frequency: str = "daily"  # instant|daily|weekly
    sites: tuple[str, ...] = ()  # empty: every site
    kinds: tuple[str, ...] = ()  # agreements|meetings|figures|statements; empty: all
    keywords: tuple[str, ...] = ()  # empty: no keyword filter


@dataclass(frozen=True, kw_only=True)
class Subscription:
    """What subscribe() did."""

    email: str
    status: str  # pending|confirmed
    created: bool  # a new subscription (or a renewed one after unsubscribing)
    confirmation_sent: bool


@dataclass(frozen=True, kw_only=True)
class SubscriberStatus:
    email: str
    status: str
    preferences: Preferences
    created_at: datetime
    confirmed_at: datetime | None
    unsubscribed_at: datetime | None
    last_digest_at: datetime | None
    last_delivery_at: datetime | None
    last_delivery_purpose: str | None
    last_delivery_status: str | None
    last_delivery_error: str | None

    def to_json(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "email": self.email, "status": self.status, "frequency": self.preferences.frequency,
            "sites": list(self.preferences.sites), "kinds": list(self.preferences.kinds),
            "keywords": list(self.preferences.keywords),
            "created_at": iso(self.created_at), "confirmed_at": iso(self.confirmed_at),
            "unsubscribed_at": iso(self.unsubscribed_at), "last_digest_at": iso(self.last_digest_at),
            "last_delivery": None if self.last_delivery_status is None else {
                "at": iso(self.last_delivery_at), "purpose": self.last_delivery_purpose,
                "status": self.last_delivery_status, "error": self.last_delivery_error,
            },
        }


def validate_address(text: str) -> str:
    """The address, normalised; ValueError saying which part is wrong."""
    address = text.strip()
    if not address:
        raise ValueError("the email address is empty")
    if any(c in address for c in "<>\"") or any(c.isspace() or ord(c) < 32 for c in address):
        raise ValueError(f"{address!r}: give the bare address (like name@example.org), "
                         "without a display name, quotes, <> or spaces")
    if address.count("@") != 1:
        problem = "has no '@'" if "@" not in address else "has more than one '@'"
        raise ValueError(f"{address!r} {problem}; an address looks like name@example.org")
    local, domain = address.split("@")
    return f"{_check_local_part(address, local)}@{_check_domain(address, domain)}"


def _check_local_part(address: str, local: str) -> str:
    if not local:
        raise ValueError(f"{address!r}: nothing before the '@'")
    if len(local) > 64:
        raise ValueError(f"{address!r}: the part before the '@' is longer than 64 characters")
    if not _LOCAL_PART.match(local):
        raise ValueError(f"{address!r}: the part before the '@' ({local!r}) may hold only ASCII letters, digits, "
                         "dots (not first, last or doubled) and !#$%&'*+/=?^_`{|}~-")
    return local


def _check_domain(address: str, domain: str) -> str:
    if not domain:
        raise ValueError(f"{address!r}: nothing after the '@'")
    try:
        ascii_domain = (domain if domain.isascii() else domain.encode("idna").decode("ascii")).lower()
    except UnicodeError:
        raise ValueError(f"{address!r}: the domain {domain!r} is not a valid domain name") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2:
        raise ValueError(f"{address!r}: the domain {domain!r} has no dot (like example.org)")
    if len(ascii_domain) > 253:
        raise ValueError(f"{address!r}: the domain is longer than 253 characters")
    bad = next((label for label in labels if not _DOMAIN_LABEL.match(label)), None)
    if bad == "":
        raise ValueError(f"{address!r}: the domain {domain!r} has an empty part "
                         "(two dots in a row, or a dot at an end)")
    if bad is not None:
        raise ValueError(f"{address!r}: the domain {domain!r} has an invalid part {bad!r} "
                         "(letters, digits and inner hyphens only)")
    if labels[-1].isdigit():
        raise ValueError(f"{address!r}: the domain {domain!r} is an IP address, not a domain name")
    return ascii_domain


def check_preferences(settings: Settings, preferences: Preferences) -> Preferences:
    """Validated and de-duplicated; UnknownSiteError for a site, ValueError for the rest."""
    if preferences.frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {preferences.frequency!r}; choose from {', '.join(FREQUENCIES)}")
    for site in preferences.sites:
        settings.site(site)
    for kind in preferences.kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    keywords: dict[str, str] = {}
    for keyword in (k.strip() for k in preferences.keywords):
        if len(keyword) > 100:
            raise ValueError(f"keyword {keyword[:20]!r}… is longer than 100 characters")
        if keyword:
            keywords.setdefault(keyword.casefold(), keyword)
    return Preferences(frequency=preferences.frequency, sites=tuple(dict.fromkeys(preferences.sites)),
                       kinds=tuple(dict.fromkeys(preferences.kinds)), keywords=tuple(keywords.values()))


def subscribe(database: Database, settings: Settings, address: str, preferences: Preferences, *,
              now: datetime, confirmed: bool = False) -> Subscription:
    """Create or update a subscription; a pending one gets the confirmation link by email.

    ValueError / UnknownSiteError for bad input; DeliveryError when the confirmation email
    could not be sent (the subscriber stays pending; subscribing again sends it again).
    """
    email = validate_address(address)
    preferences = check_preferences(settings, preferences)
    try:
        subscription, subscriber_id, token = _store_subscription(database, email, preferences, now, confirmed)
    except IntegrityError:  # the same address subscribed concurrently: update the row that won
        subscription, subscriber_id, token = _store_subscription(database, email, preferences, now, confirmed)
    if subscription.confirmation_sent:
        _send_confirmation(database, settings, subscriber_id, subscription.email, token, preferences, now=now)
    return subscription


def _store_subscription(database: Database, email: str, preferences: Preferences, now: datetime,
                        confirmed: bool) -> tuple[Subscription, int, str]:
    with database.transaction() as session:
        row = find_subscriber(session, email)
        created = row is None or row.status == "unsubscribed"
        if row is None:
            row = Subscriber(email=email, created_at=now)
            session.add(row)
        if created:
            _restart(row, now)
        row.frequency, row.sites = preferences.frequency, list(preferences.sites)
        row.kinds, row.keywords = list(preferences.kinds), list(preferences.keywords)
        if confirmed and row.status != "confirmed":
            row.status, row.confirmed_at = "confirmed", now
        session.flush()
        send = row.status == "pending" and not _recently_sent_confirmation(session, row.id, now)
        subscription = Subscription(email=row.email, status=row.status, created=created, confirmation_sent=send)
        return subscription, row.id, row.confirm_token


def new_link_token() -> str:
    """A secret for a confirm/unsubscribe link (192 bits).

    Hexadecimal, not URL-safe base64: people paste these tokens into
    `monitor confirm TOKEN`, and a base64 token starting with '-' would be
    read by the command line as an option.
    """
    return secrets.token_hex(24)


def _restart(row: Subscriber, now: datetime) -> None:
    """A new (or renewed) subscription: fresh tokens, so links from before never act on it."""
    row.status = "pending"
    row.confirm_token = new_link_token()
    row.unsubscribe_token = new_link_token()
    row.confirmed_at = row.unsubscribed_at = row.last_digest_at = None


def _recently_sent_confirmation(session: Session, subscriber_id: int, now: datetime) -> bool:
    return session.scalar(
        select(Delivery.id).where(
            Delivery.subscriber_id == subscriber_id, Delivery.purpose == "confirmation",
            Delivery.status == "sent", Delivery.created_at > now - RESEND_CONFIRMATION_AFTER,
        ).limit(1)
    ) is not None


def confirm_url(settings: Settings, token: str) -> str:
    return f"{settings.web.base_url.rstrip('/')}/confirm/{token}"


def _send_confirmation(database: Database, settings: Settings, subscriber_id: int, email: str, token: str,
                       preferences: Preferences, *, now: datetime) -> None:
    context = {"title": settings.feed.title, "confirm_url": confirm_url(settings, token), "email": email,
               "preferences": preferences, "site_names": [settings.site(s).name for s in preferences.sites]}
    outgoing = OutgoingEmail(recipient=email, subject=f"Confirm your subscription — {settings.feed.title}",
                             text=render_template("email/confirm.txt", **context),
                             html=render_template("email/confirm.html", **context))
    message = compose_message(settings, outgoing, now=now)
    outcome = attempt_send(settings, message)
    with database.transaction() as session:
        session.add(Delivery(subscriber_id=subscriber_id, recipient=email, purpose="confirmation",
                             status=outcome.status, subject=outgoing.subject, message_id=str(message["Message-ID"]),
                             error=outcome.error, created_at=now))
    if outcome.status == "refused":
        raise PermanentDeliveryError(f"the confirmation email was refused: {outcome.error}")
    if outcome.status == "failed":
        raise DeliveryError(f"the confirmation email could not be sent (subscribe again later): {outcome.error}")


def confirm(database: Database, token: str, *, now: datetime) -> str | None:
    """Confirm the subscription holding this token; its address, or None for an unknown or stale token."""
    if not token:
        return None
    with database.transaction() as session:
        row = session.scalar(select(Subscriber).where(Subscriber.confirm_token == token))
        if row is None or row.status == "unsubscribed":
            return None
        if row.status == "pending":
            row.status, row.confirmed_at = "confirmed", now
        return row.email


def unsubscribe(database: Database, *, email: str | None = None, token: str | None = None,
                now: datetime) -> str | None:
    """Stop every email to the subscriber found by address or token; its address, or None if none."""
    with database.transaction() as session:
        if email:
            row = find_subscriber(session, email.strip())
        elif token:
            row = session.scalar(select(Subscriber).where(Subscriber.unsubscribe_token == token))
        else:
            row = None
        if row is None:
            return None
        if row.status != "unsubscribed":
            row.status, row.unsubscribed_at = "unsubscribed", now
        return row.email


def find_subscriber(session: Session, email: str) -> Subscriber | None:
    return session.scalar(select(Subscriber).where(func.lower(Subscriber.email) == email.lower()))


def list_subscribers(session: Session) -> list[SubscriberStatus]:
    """Every subscriber with preferences and the outcome of the last email tried."""
    statuses = []
    for row in session.scalars(select(Subscriber).order_by(Subscriber.email)):
        last = session.scalar(
            select(Delivery).where(Delivery.subscriber_id == row.id).order_by(Delivery.id.desc()).limit(1)
        )
        statuses.append(SubscriberStatus(
            email=row.email, status=row.status, preferences=preferences_of(row),
            created_at=row.created_at, confirmed_at=row.confirmed_at, unsubscribed_at=row.unsubscribed_at,
            last_digest_at=row.last_digest_at,
            last_delivery_at=last.created_at if last else None,
            last_delivery_purpose=last.purpose if last else None,
            last_delivery_status=last.status if last else None,
            last_delivery_error=last.error if last else None,
        ))
    return statuses


def preferences_of(row: Subscriber) -> Preferences:
    return Preferences(frequency=row.frequency, sites=tuple(row.sites), kinds=tuple(row.kinds),
                       keywords=tuple(row.keywords))
