"""Subscriptions on the web: the form (double opt-in), the confirmation link, and unsubscribing.

The pages never tell whether an address was already subscribed, so the form cannot be
used to find out who reads the digests. An address that is already confirmed keeps its
preferences: the form proves nothing about who typed it, so it must not change them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from flask import Blueprint, Response, request
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from monitor.errors import DeliveryError, PermanentDeliveryError, UnknownSiteError
from monitor.feeds import KINDS
from monitor.models import Subscriber
from monitor.subscribers import (
    FREQUENCIES,
    Preferences,
    confirm,
    find_subscriber,
    subscribe,
    unsubscribe,
    validate_address,
)
from monitor.web_csrf import check_csrf
from monitor.web_pages import message_page, render_page, web_context

# RFC 8058: mail providers POST exactly this body to the List-Unsubscribe URL.
ONE_CLICK = ("List-Unsubscribe", "One-Click")
_KEYWORD_SEPARATORS = re.compile(r"[,\n]")

subscriptions = Blueprint("subscriptions", __name__)


@dataclass(frozen=True, kw_only=True)
class SubscribeForm:
    """What the form holds: shown again, as typed, when something is wrong."""

    email: str = ""
    frequency: str = "daily"
    sites: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    keywords: str = ""
    errors: tuple[str, ...] = ()

    @classmethod
    def read(cls, form: MultiDict[str, str]) -> SubscribeForm:
        return cls(email=form.get("email", "").strip(), frequency=form.get("frequency", "daily"),
                   sites=tuple(form.getlist("site")), kinds=tuple(form.getlist("kind")),
                   keywords=form.get("keywords", ""))

    @property
    def preferences(self) -> Preferences:
        keywords = tuple(k.strip() for k in _KEYWORD_SEPARATORS.split(self.keywords) if k.strip())
        return Preferences(frequency=self.frequency, sites=self.sites, kinds=self.kinds, keywords=keywords)


@subscriptions.get("/subscribe")
def form() -> Response:
    return _form_page(SubscribeForm())


@subscriptions.post("/subscribe")
def submit() -> Response:
    check_csrf()
    typed = SubscribeForm.read(request.form)
    try:
        _subscribe(typed)
    except (ValueError, UnknownSiteError) as exc:
        return _form_page(replace(typed, errors=(str(exc),)), status=400)
    except PermanentDeliveryError:
        message = "The mail server refused to deliver to this address. Check it for typos and try again."
        return _form_page(replace(typed, errors=(message,)), status=400)
    except DeliveryError:
        return message_page(503, "The confirmation email could not be sent",
                            "Nothing is lost: send the form again in a few minutes.")
    return render_page("web/subscribed.html", email=typed.email)


def _subscribe(typed: SubscribeForm) -> None:
    """The double opt-in of `monitor subscribe`, unless the address is confirmed already."""
    context = web_context()
    email = validate_address(typed.email)
    with context.database.transaction() as session:
        existing = find_subscriber(session, email)
        confirmed = existing is not None and existing.status == "confirmed"
    if confirmed:
        return
    subscribe(context.database, context.settings, email, typed.preferences, now=datetime.now(UTC))


def _form_page(typed: SubscribeForm, *, status: int = 200) -> Response:
    settings = web_context().settings
    return render_page("web/subscribe.html", status=status, form=typed, frequencies=FREQUENCIES, kinds=KINDS,
                       sites=settings.sites)


@subscriptions.get("/confirm/<token>")
def confirm_link(token: str) -> Response:
    email = confirm(web_context().database, token, now=datetime.now(UTC))
    if email is None:
        return _unknown_link("confirmation")
    return render_page("web/confirmed.html", email=email)


@subscriptions.get("/unsubscribe/<token>")
def unsubscribe_page(token: str) -> Response:
    with web_context().database.transaction() as session:
        row = session.execute(select(Subscriber.email, Subscriber.status)
                              .where(Subscriber.unsubscribe_token == token)).first()
    if row is None:
        return _unknown_link("unsubscribe")
    return render_page("web/unsubscribe.html", email=row.email, unsubscribed=row.status == "unsubscribed",
                       token=token)


@subscriptions.post("/unsubscribe/<token>")
def unsubscribe_now(token: str) -> Response:
    # A one-click POST from a mail provider has no session: the unguessable token in the
    # URL is what authorises it (anyone holding the link may unsubscribe anyway).
    if request.form.get(ONE_CLICK[0]) != ONE_CLICK[1]:
        check_csrf()
    email = unsubscribe(web_context().database, token=token, now=datetime.now(UTC))
    if email is None:
        return _unknown_link("unsubscribe")
    return render_page("web/unsubscribed.html", email=email)


def _unknown_link(kind: str) -> Response:
    return message_page(404, f"Unknown {kind} link",
                        "This link is unknown or no longer valid (a newer subscription replaces older links). "
                        "Subscribe again to get a new one.")
