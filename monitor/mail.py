"""Email: multipart messages built from templates, sent through the [email] backend.

Backends:
    file    each message becomes an `.eml` file in [email] outbox (written to a temporary
            name, then renamed, so a reader never sees half a message)
    smtp    smtplib, plain / STARTTLS / implicit TLS, optional login

smtplib and socket errors are translated here, and only here:
    a 5xx refusal of the recipient or of the message  → PermanentDeliveryError
    refused connection, timeout, TLS failure, 4xx     → DeliveryError (try again later)
"""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr, parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

from monitor.config import EmailSettings, Settings, SiteSettings
from monitor.errors import DeliveryError, PermanentDeliveryError
from monitor.templating import render_template


@dataclass(frozen=True, kw_only=True)
class OutgoingEmail:
    """What to say to whom; compose_message() adds the headers."""

    recipient: str
    subject: str
    text: str
    html: str | None = None
    unsubscribe_token: str | None = None  # adds List-Unsubscribe (RFC 2369) and one-click (RFC 8058)


def compose_message(settings: Settings, email: OutgoingEmail, *, now: datetime) -> EmailMessage:
    """A text/plain message, or multipart/alternative when there is an HTML part."""
    message = EmailMessage()
    message["From"] = settings.email.sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=_sender_domain(settings))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    if email.unsubscribe_token:
        message["List-Unsubscribe"] = list_unsubscribe(settings, email.unsubscribe_token)
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text)
    if email.html is not None:
        message.add_alternative(email.html, subtype="html")
    return message


def unsubscribe_url(settings: Settings, token: str) -> str:
    return f"{settings.web.base_url.rstrip('/')}/unsubscribe/{token}"


def list_unsubscribe(settings: Settings, token: str) -> str:
    """The web link first (one-click capable), then a mailto: to the sender."""
    mailto = f"mailto:{parseaddr(settings.email.sender)[1]}?subject={quote('unsubscribe ' + token)}"
    return f"<{unsubscribe_url(settings, token)}>, <{mailto}>"


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Hand the message to the configured backend; DeliveryError when it did not take it."""
    if settings.email.backend == "file":
        write_message_file(settings.resolve(settings.email.outbox), message)
    else:
        send_smtp(settings.email, message)


@dataclass(frozen=True, kw_only=True)
class SendOutcome:
    """How one attempt went, as the deliveries ledger records it."""

    status: str  # sent|failed|refused
    error: str | None = None


def attempt_send(settings: Settings, message: EmailMessage) -> SendOutcome:
    """send_message() with its DeliveryError turned into a ledger outcome."""
    try:
        send_message(settings, message)
    except PermanentDeliveryError as exc:
        return SendOutcome(status="refused", error=str(exc))
    except DeliveryError as exc:
        return SendOutcome(status="failed", error=str(exc))
    return SendOutcome(status="sent")


def send_alert(settings: Settings, site: SiteSettings, message: str, *, now: datetime,
               recovered: bool = False) -> str | None:
    """Tell the operator a site is failing (or recovered); the Message-ID, or None without [email] operator."""
    if not settings.email.operator:
        return None
    state = "recovered" if recovered else "failing"
    text = render_template("email/alert.txt", site=site, message=message, recovered=recovered, now=now,
                           timezone=settings.digest.timezone, title=settings.feed.title)
    subject = f"Site {state}: {site.name} — {settings.feed.title}"
    composed = compose_message(settings, OutgoingEmail(recipient=settings.email.operator, subject=subject,
                                                       text=text), now=now)
    send_message(settings, composed)
    return str(composed["Message-ID"])


def write_message_file(folder: Path, message: EmailMessage) -> Path:
    """Write an .eml atomically: a temporary file in the same folder, then a rename."""
    sent = parsedate_to_datetime(str(message["Date"]))
    path = folder / f"{sent:%Y%m%dT%H%M%S}-{secrets.token_hex(6)}.eml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError as exc:
        raise DeliveryError(f"cannot write to the outbox {folder} ([email] outbox): {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(message.as_bytes(policy=SMTP))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DeliveryError(f"cannot write {path} ([email] outbox): {exc}") from exc
    return path


def send_smtp(email: EmailSettings, message: EmailMessage) -> None:
    """Send through the SMTP server, translating every smtplib/socket error."""
    server = f"{email.smtp_host}:{email.smtp_port}"
    recipient = str(message["To"])
    try:
        with _open_smtp(email) as client:
            if email.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            _login(client, email)
            refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise _recipient_refusal(recipient, server, exc.recipients) from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"{server} refused the login of [email] smtp_username "
                            f"{email.smtp_username!r}: {_reply(exc)}") from exc
    except smtplib.SMTPSenderRefused as exc:
        raise DeliveryError(f"{server} refused the sender {exc.sender!r} ([email] sender): {_reply(exc)}") from exc
    except smtplib.SMTPResponseException as exc:
        kind = PermanentDeliveryError if exc.smtp_code >= 500 else DeliveryError
        raise kind(f"{server} refused the message to {recipient}: {_reply(exc)}") from exc
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise DeliveryError(f"cannot send through {server} ([email] smtp_host/smtp_port/smtp_security): "
                            f"{exc or type(exc).__name__}") from exc
    if refused:
        raise _recipient_refusal(recipient, server, refused)


def _open_smtp(email: EmailSettings) -> smtplib.SMTP:
    if email.smtp_security == "tls":
        return smtplib.SMTP_SSL(email.smtp_host, email.smtp_port, timeout=email.smtp_timeout,
                                context=ssl.create_default_context())
    return smtplib.SMTP(email.smtp_host, email.smtp_port, timeout=email.smtp_timeout)


def _login(client: smtplib.SMTP, email: EmailSettings) -> None:
    if not email.smtp_username:
        return
    password = os.environ.get(email.smtp_password_env) if email.smtp_password_env else None
    if password is None:
        variable = email.smtp_password_env or "(none named)"
        raise DeliveryError(f"[email] smtp_username is set but the environment variable named by "
                            f"smtp_password_env, {variable}, is not set")
    client.login(email.smtp_username, password)


def _recipient_refusal(recipient: str, server: str,
                       refused: dict[str, tuple[int, bytes]]) -> DeliveryError:
    codes = [code for code, _ in refused.values()]
    replies = "; ".join(f"{code} {text.decode(errors='replace')}" for code, text in refused.values())
    kind = PermanentDeliveryError if codes and min(codes) >= 500 else DeliveryError
    return kind(f"{server} refused the recipient {recipient}: {replies}")


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}"


def _sender_domain(settings: Settings) -> str:
    return parseaddr(settings.email.sender)[1].rpartition("@")[2] or "localhost"
