"""Every error the engine raises on purpose, and who handles it.

    MonitorError                 base; the CLI prints its message and exits non-zero
    ├── ConfigError              bad config file (raised by config.py; CLI exits 2)
    ├── UnknownSiteError         a site id not in the config (CLI exits 2)
    ├── DatabaseError            storage unreachable or schema problem (translated in db.py)
    ├── FetchError               one URL could not be fetched (raised by fetch.py)
    │   ├── RobotsDisallowed     robots.txt forbids the URL; never retried until robots changes
    │   ├── HTTPStatusError      4xx/5xx after retries; `.status` holds the code
    │   ├── TooLarge             the body exceeded [http] max_bytes
    │   ├── NotHTML              the response is not a page we can read (PDF, image, ...)
    │   └── TransportError       timeout, refused connection, redirect loop, TLS failure
    ├── SiteUnreachable          the listing page failed: the check could not run (raised by check.py)
    └── DeliveryError            an email could not be sent (raised by mail.py)
        └── PermanentDeliveryError   the server refused the address for good (5xx)

Stage code raises these; the orchestrators (check.py, digest.py) turn a FetchError or
DeliveryError into an error row and carry on with the rest of the run.
"""

from __future__ import annotations


class MonitorError(Exception):
    """Base of every error the engine raises on purpose."""


class ConfigError(MonitorError):
    """The config file is malformed; the message names the file, table and key."""


class UnknownSiteError(MonitorError):
    """A site id that the config does not define."""


class DatabaseError(MonitorError):
    """The database could not be reached or used."""


class FetchError(MonitorError):
    """One URL could not be fetched."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class RobotsDisallowed(FetchError):
    """robots.txt forbids fetching the URL."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, reason: str | None = None) -> None:
        super().__init__(url, reason or f"HTTP {status}")
        self.status = status


class TooLarge(FetchError):
    """The response body was larger than the configured bound."""


class NotHTML(FetchError):
    """The response is not an HTML/XML document."""


class TransportError(FetchError):
    """Timeout, connection failure, redirect loop or protocol error."""


class SiteUnreachable(MonitorError):
    """The site's listing page could not be fetched, so no check ran."""


class DeliveryError(MonitorError):
    """An email could not be delivered now; it will be retried."""


class PermanentDeliveryError(DeliveryError):
    """The mail server refused the recipient permanently."""
