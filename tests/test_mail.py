"""Email: message headers and parts, the file backend, and SMTP against a real local server."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from monitor.config import Settings, SiteSettings, load_settings
from monitor.errors import DeliveryError, PermanentDeliveryError
from monitor.mail import (
    OutgoingEmail,
    attempt_send,
    compose_message,
    send_alert,
    send_message,
    write_message_file,
)
from monitor.templating import render_template
from tests.conftest import render_config
from tests.newsroom import assert_expected
from tests.smtpserver import free_port, running_smtp

NOW = datetime(2024, 4, 16, 7, 0, tzinfo=UTC)
SITE = SiteSettings(id="mfa", name="Ministry of Foreign Affairs", url="https://mfa.example.org/news/")
EMAIL = OutgoingEmail(recipient="alice@example.org", subject="3 new agreements — statement-monitor",
                      text="Plain text part\n", html="<p>HTML part</p>\n", unsubscribe_token="tok-123")


def settings_for(tmp_path: Path, **email: Any) -> Settings:
    """Settings without a database (mail.py never touches one)."""
    path = tmp_path / "config.toml"
    path.write_text(render_config({"email": email, "web": {"base_url": "https://monitor.example.org/"}}, []),
                    encoding="utf-8")
    return load_settings(path)


def test_digest_message_is_multipart_alternative_with_list_unsubscribe(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, sender="Statement Monitor <monitor@example.org>")
    message = compose_message(settings, EMAIL, now=NOW)
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["From"] == "Statement Monitor <monitor@example.org>"
    assert message["To"] == "alice@example.org"
    assert parsedate_to_datetime(message["Date"]) == NOW
    assert message["Message-ID"].startswith("<")
    assert message["Message-ID"].endswith("@example.org>")
    assert message["List-Unsubscribe"] == ("<https://monitor.example.org/unsubscribe/tok-123>, "
                                           "<mailto:monitor@example.org?subject=unsubscribe%20tok-123>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"


def test_message_without_html_or_token_is_plain_text(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    message = compose_message(settings, OutgoingEmail(recipient="a@example.org", subject="Hi", text="x\n"), now=NOW)
    assert message.get_content_type() == "text/plain"
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None


def test_two_messages_get_different_message_ids(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    assert compose_message(settings, EMAIL, now=NOW)["Message-ID"] != compose_message(settings, EMAIL, now=NOW)["Message-ID"]


def test_file_backend_writes_one_complete_eml_into_the_outbox(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, backend="file", outbox="mail/out")
    message = compose_message(settings, EMAIL, now=NOW)
    send_message(settings, message)
    outbox = tmp_path / "mail" / "out"
    files = sorted(outbox.iterdir())
    assert [f.suffix for f in files] == [".eml"], "no temporary file may be left behind"
    assert files[0].name.startswith("20240416T070000-")
    parsed = BytesParser(policy=policy.default).parsebytes(files[0].read_bytes())
    assert parsed["Message-ID"] == message["Message-ID"]
    assert parsed.get_body(preferencelist=("html",)).get_content().splitlines() == ["<p>HTML part</p>"]  # type: ignore[union-attr]
    assert b"\r\n" in files[0].read_bytes()  # SMTP line endings, ready to be relayed


def test_file_backend_reports_an_unwritable_outbox(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where the folder should be")
    with pytest.raises(DeliveryError, match=r"\[email\] outbox"):
        write_message_file(tmp_path / "blocker" / "out", compose_message(settings_for(tmp_path), EMAIL, now=NOW))


def test_smtp_backend_delivers_to_a_real_server(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings())
        send_message(settings, compose_message(settings, EMAIL, now=NOW))
    [received] = smtp.messages
    assert received.mail_from == "monitor@example.org"
    assert received.rcpt_tos == ("alice@example.org",)
    assert received.message["Subject"] == "3 new agreements — statement-monitor"
    assert received.part("plain") == "Plain text part\n"
    assert received.part("html") == "<p>HTML part</p>\n"
    assert "tok-123" in received.message["List-Unsubscribe"]


def test_a_5xx_refusal_of_the_recipient_is_permanent(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        smtp.refuse_recipient["alice@example.org"] = "550 5.1.1 no such user"
        settings = settings_for(tmp_path, **smtp.email_settings())
        with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1 no such user"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert smtp.messages == []


def test_a_4xx_refusal_of_the_recipient_is_temporary(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        smtp.refuse_recipient["alice@example.org"] = "450 4.2.1 mailbox busy"
        settings = settings_for(tmp_path, **smtp.email_settings())
        with pytest.raises(DeliveryError, match="450") as caught:
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert not isinstance(caught.value, PermanentDeliveryError)


@pytest.mark.parametrize(("reply", "outcome"), [("451 4.3.0 try later", "failed"),
                                                ("554 5.7.1 message refused", "refused")])
def test_a_refused_message_is_failed_or_refused_by_its_code(tmp_path: Path, reply: str, outcome: str) -> None:
    with running_smtp() as smtp:
        smtp.handler.data_replies.append(reply)
        settings = settings_for(tmp_path, **smtp.email_settings())
        result = attempt_send(settings, compose_message(settings, EMAIL, now=NOW))
        assert result.status == outcome
        assert result.error is not None
        assert reply in result.error
        assert attempt_send(settings, compose_message(settings, EMAIL, now=NOW)).status == "sent"
    assert len(smtp.messages) == 1


def test_a_server_that_is_down_is_a_temporary_failure(tmp_path: Path) -> None:
    port = free_port()
    settings = settings_for(tmp_path, backend="smtp", smtp_host="127.0.0.1", smtp_port=port)
    with pytest.raises(DeliveryError, match=f"127.0.0.1:{port}") as caught:
        send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert not isinstance(caught.value, PermanentDeliveryError)


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings = settings_for(tmp_path, backend="smtp", smtp_host="127.0.0.1",
                                smtp_port=silent.getsockname()[1], smtp_timeout=0.3)
        with pytest.raises(DeliveryError, match="timed out"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))


def test_login_uses_the_password_from_the_named_environment_variable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    with running_smtp(auth_require_tls=False) as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_username="monitor",
                                                                smtp_password_env="TEST_SMTP_PASSWORD"))
        send_message(settings, compose_message(settings, EMAIL, now=NOW))
        monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
        with pytest.raises(DeliveryError, match="smtp_username 'monitor'"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert smtp.handler.logins[0] == ("monitor", "s3cret")
    assert set(smtp.handler.logins[1:]) == {("monitor", "wrong")}  # smtplib tries PLAIN, then LOGIN
    assert len(smtp.messages) == 1


def test_a_missing_password_variable_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_SMTP_PASSWORD", raising=False)
    with running_smtp(auth_require_tls=False) as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_username="monitor",
                                                                smtp_password_env="TEST_SMTP_PASSWORD"))
        with pytest.raises(DeliveryError, match="TEST_SMTP_PASSWORD, is not set"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert smtp.messages == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the client trusts it through SSL_CERT_FILE)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def test_starttls_upgrades_the_connection(tmp_path: Path, certificate: tuple[Path, Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    with running_smtp(tls_context=_server_context(certificate), require_starttls=True) as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_security="starttls"))
        send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert len(smtp.messages) == 1


def test_implicit_tls_connects_over_tls(tmp_path: Path, certificate: tuple[Path, Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    with running_smtp(ssl_context=_server_context(certificate)) as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_security="tls"))
        send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert len(smtp.messages) == 1


def test_an_untrusted_certificate_is_a_delivery_error(tmp_path: Path, certificate: tuple[Path, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    with running_smtp(ssl_context=_server_context(certificate)) as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_security="tls"))
        with pytest.raises(DeliveryError, match="smtp_security"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert smtp.messages == []


def test_starttls_against_a_server_without_it_is_a_delivery_error(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(smtp_security="starttls"))
        with pytest.raises(DeliveryError, match="STARTTLS"):
            send_message(settings, compose_message(settings, EMAIL, now=NOW))
    assert smtp.messages == []


def test_alert_goes_to_the_operator(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings(operator="ops@example.org"))
        message_id = send_alert(settings, SITE, "3 checks in a row failed: HTTP 503", now=NOW)
        send_alert(settings, SITE, "the listing page answers again", now=NOW, recovered=True)
    failing, recovered = smtp.messages
    assert failing.rcpt_tos == ("ops@example.org",)
    assert failing.message["Message-ID"] == message_id
    assert failing.message["Subject"] == "Site failing: Ministry of Foreign Affairs — statement-monitor"
    assert "3 checks in a row failed: HTTP 503" in failing.part("plain")
    assert recovered.message["Subject"] == "Site recovered: Ministry of Foreign Affairs — statement-monitor"
    assert "has recovered" in recovered.part("plain")


def test_no_alert_without_an_operator(tmp_path: Path) -> None:
    with running_smtp() as smtp:
        settings = settings_for(tmp_path, **smtp.email_settings())
        assert send_alert(settings, SITE, "failing", now=NOW) is None
    assert smtp.messages == []


def test_alert_text_matches_the_expected_file() -> None:
    text = render_template("email/alert.txt", site=SITE, message="3 checks in a row failed: HTTP 503 from "
                           "https://mfa.example.org/news/", recovered=False, now=NOW, timezone="Asia/Jakarta",
                           title="statement-monitor")
    assert_expected("alert.txt", text)
