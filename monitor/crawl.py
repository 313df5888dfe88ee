"""Discovery: read a site's listing pages (and feed or sitemap) to find statement links.

Pagination stops at the first page that holds a statement already stored; on a site's first
check it stops after [scrape] first_check_pages. Listing pages are fetched with conditional
GET; a 304 on the first page means nothing new was listed.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from monitor.config import ScrapeSettings, SiteSettings
from monitor.discover import parse_feed, parse_sitemap
from monitor.encoding import decode_html
from monitor.errors import FetchError, SiteUnreachable
from monitor.fetch import Fetcher
from monitor.records import FetchedPage, ListingEntry, ListingPage
from scrapers.base import SiteAdapter

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Validators:
    etag: str | None
    last_modified: str | None
    content_hash: str | None


@dataclass(kw_only=True)
class Discovery:
    """Statement links in listing order (newest first on most sites), and what went wrong."""

    entries: list[ListingEntry] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)  # listing pages read this time
    pages_read: int = 0
    listing_unchanged: bool = False

    def add(self, entries: tuple[ListingEntry, ...] | list[ListingEntry]) -> list[ListingEntry]:
        seen = {e.url for e in self.entries}
        fresh = [e for e in entries if e.url not in seen]
        self.entries += fresh
        return fresh


@dataclass(frozen=True, kw_only=True)
class Crawl:
    fetcher: Fetcher
    adapter: SiteAdapter
    site: SiteSettings
    scrape: ScrapeSettings
    known: frozenset[str]  # statement URLs already stored (canonical and as listed)
    cache: dict[str, Validators]  # validators of listing pages from earlier checks
    first_check: bool


def discover(crawl: Crawl) -> Discovery:
    """Read the listing (raising SiteUnreachable if its first page fails), then feeds and sitemap."""
    found = Discovery()
    first = _read_listing_page(crawl, crawl.site.url, found, required=True)
    if first is not None:
        _follow_pagination(crawl, first, found)
    feeds = [crawl.site.feed] if crawl.site.feed else []
    if first is not None and not first.entries and first.feeds:
        feeds.append(first.feeds[0])  # a listing we cannot read, but a feed we can
    for feed_url in feeds:
        _read_feed(crawl, feed_url, found)
    if crawl.site.sitemap:
        _read_sitemap(crawl, crawl.site.sitemap, found)
    return found


def _read_listing_page(crawl: Crawl, url: str, found: Discovery, *, required: bool) -> ListingPage | None:
    page = _fetch_listing(crawl, url, found, required=required)
    if page is None:
        return None
    if page.not_modified:
        found.listing_unchanged = found.listing_unchanged or url == crawl.site.url
        return None
    html = decode_html(page.content, page.content_type)
    listing = crawl.adapter.read_listing(html, page.url, crawl.site.selectors)
    found.pages_read += 1
    found.add(listing.entries)
    return listing


def _fetch_listing(crawl: Crawl, url: str, found: Discovery, *, required: bool) -> FetchedPage | None:
    cached = crawl.cache.get(url)
    try:
        page = crawl.fetcher.fetch(url, etag=cached.etag if cached else None,
                                   last_modified=cached.last_modified if cached else None)
    except FetchError as exc:
        if required:
            raise SiteUnreachable(f"listing page {url} could not be fetched: {exc.reason}") from exc
        found.errors.append((url, exc.reason))
        return None
    if not page.not_modified:
        digest = hashlib.sha256(page.content).hexdigest()
        found.validators[url] = Validators(etag=page.etag, last_modified=page.last_modified, content_hash=digest)
    return page


def _follow_pagination(crawl: Crawl, first: ListingPage, found: Discovery) -> None:
    bound = _page_bound(crawl)
    listing, visited = first, {crawl.site.url}
    while found.pages_read < bound and not _reached_known(listing, crawl.known):
        next_url = next((u for u in listing.next_pages if u not in visited), None)
        if next_url is None:
            return
        visited.add(next_url)
        following = _read_listing_page(crawl, next_url, found, required=False)
        if following is None:
            return
        listing = following


def _page_bound(crawl: Crawl) -> int:
    if crawl.site.max_pages:
        return crawl.site.max_pages
    return crawl.scrape.first_check_pages if crawl.first_check else crawl.scrape.max_pages


def _reached_known(listing: ListingPage, known: frozenset[str]) -> bool:
    return any(entry.url in known for entry in listing.entries)


def _read_feed(crawl: Crawl, url: str, found: Discovery) -> None:
    page = _fetch_listing(crawl, url, found, required=False)
    if page is None or page.not_modified:
        return
    try:
        found.add(parse_feed(page.content, page.url).entries)
    except ValueError as exc:
        found.errors.append((url, f"unreadable feed: {exc}"))


def _read_sitemap(crawl: Crawl, url: str, found: Discovery, depth: int = 0) -> None:
    page = _fetch_listing(crawl, url, found, required=False)
    if page is None or page.not_modified:
        return
    try:
        entries, children = parse_sitemap(page.content, page.url)
    except ValueError as exc:
        found.errors.append((url, f"unreadable sitemap: {exc}"))
        return
    # Newest first, and only what we do not have: a sitemap may list every page ever published.
    fresh = [e for e in entries if e.url not in crawl.known]
    fresh.sort(key=lambda e: e.published.isoformat() if e.published else "", reverse=True)
    found.add(fresh[: 20 * _page_bound(crawl)])
    if depth == 0:
        for child in children[:5]:
            _read_sitemap(crawl, child, found, depth=1)
