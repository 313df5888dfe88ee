"""The generic site adapter; an odd site subclasses it and overrides one hook."""

from __future__ import annotations

from typing import ClassVar

from monitor.article import parse_article
from monitor.discover import parse_listing
from monitor.records import Article, ListingEntry, ListingPage, Selectors


class SiteAdapter:
    """How one kind of site is read. The defaults are the generic logic."""

    name: ClassVar[str] = "generic"

    def read_listing(self, html: str, url: str, selectors: Selectors) -> ListingPage:
        """Statement links, further listing pages and feeds of one listing page."""
        return parse_listing(html, url, selectors=selectors)

    def read_article(self, html: str, url: str, selectors: Selectors, hint: ListingEntry | None) -> Article:
        """Title, date and main text of one statement page."""
        return parse_article(html, url, selectors=selectors, hint=hint)
