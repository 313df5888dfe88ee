"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), recording every message it accepts.

    with running_smtp() as smtp:                  # a free port; stopped and closed afterwards
        ...send to smtp.host:smtp.port...
        smtp.messages[0].message["Subject"]

The handler can refuse: `smtp.refuse_recipient["a@x.org"] = "550 5.1.1 no such user"` (at
RCPT), `smtp.handler.data_replies.append("451 4.3.0 try later")` (the next DATA only), and
`smtp.handler.delay` slows every DATA down. `free_port()` gives a closed port for a server
that is down; `running_smtp(port=...)` brings one up there later.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPProtocol
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        """The decoded text/<subtype> part, with the wire's CRLF line ends turned into LF."""
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return str(body.get_content()).replace("\r\n", "\n")


class RecordingHandler:
    """Accepts and stores messages, unless told to refuse."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.refuse_recipient: dict[str, str] = {}
        self.data_replies: list[str] = []
        self.delay = 0.0
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server: SMTPProtocol, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        reply = self.refuse_recipient.get(address)
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPProtocol, session: Session, envelope: Envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.data_replies:
            return self.data_replies.pop(0)
        content = envelope.original_content or envelope.content
        assert isinstance(content, bytes)
        message = BytesParser(policy=policy.default).parsebytes(content)
        assert isinstance(message, EmailMessage)
        self.messages.append(Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def authenticate(self, server: SMTPProtocol, session: Session, envelope: Envelope, mechanism: str,
                     auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login = (auth_data.login.decode(), auth_data.password.decode())
            self.logins.append(login)
            return AuthResult(success=login == ("monitor", "s3cret"), handled=False)
        return AuthResult(success=False, handled=False)


class RunningSMTP:
    def __init__(self, controller: Controller, handler: RecordingHandler) -> None:
        self.controller = controller
        self.handler = handler
        self.host = "127.0.0.1"
        self.port = int(controller.port)

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    @property
    def refuse_recipient(self) -> dict[str, str]:
        return self.handler.refuse_recipient

    def email_settings(self, **extra: Any) -> dict[str, Any]:
        """The [email] table of a config sending through this server."""
        return {"backend": "smtp", "smtp_host": self.host, "smtp_port": self.port, "smtp_timeout": 5.0,
                "sender": "statement-monitor <monitor@example.org>", **extra}


def free_port() -> int:
    """A port nothing listens on (yet): connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_smtp(port: int | None = None, *, handler: RecordingHandler | None = None,
                 ssl_context: ssl.SSLContext | None = None, **smtp_options: Any) -> Iterator[RunningSMTP]:
    """An SMTP server on 127.0.0.1; `ssl_context` for implicit TLS, `tls_context=` for STARTTLS."""
    handler = handler or RecordingHandler()
    if "auth_require_tls" in smtp_options:
        smtp_options.setdefault("authenticator", handler.authenticate)
    controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(), ssl_context=ssl_context,
                            server_hostname="127.0.0.1", **smtp_options)
    controller.start()
    try:
        yield RunningSMTP(controller, handler)
    finally:
        controller.stop()
