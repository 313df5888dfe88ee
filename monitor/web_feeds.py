"""RSS and Atom feeds over HTTP, with ETag / Last-Modified and real 304 answers.

    /feed.xml  /atom.xml                          everything
    /sites/<id>/feed.xml  /sites/<id>/atom.xml    one site
    /kinds/<kind>/feed.xml  /kinds/<kind>/atom.xml  agreements|meetings|figures|statements
    /feed.rss  /feed.atom  ?site=…&kind=…         the addresses monitor.feeds.feed_url() names

The validators are computed from the outbox before the feed is rendered, so a client whose
copy is current costs two aggregate queries and no rendering.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, abort, request
from werkzeug.http import http_date, unquote_etag

from monitor.feeds import KINDS, FeedFormat, feed_etag, feed_last_modified, render_feed
from monitor.web_pages import web_context

MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
# Readers may keep a copy but must ask again each time; a current copy costs them a 304.
CACHE_CONTROL = "no-cache"

feeds = Blueprint("feeds", __name__)


@feeds.get("/feed.xml")
def rss() -> Response:
    return serve_feed("rss")


@feeds.get("/atom.xml")
def atom() -> Response:
    return serve_feed("atom")


@feeds.get("/sites/<site_id>/feed.xml")
def site_rss(site_id: str) -> Response:
    return serve_feed("rss", site=site_id)


@feeds.get("/sites/<site_id>/atom.xml")
def site_atom(site_id: str) -> Response:
    return serve_feed("atom", site=site_id)


@feeds.get("/kinds/<kind>/feed.xml")
def kind_rss(kind: str) -> Response:
    return serve_feed("rss", kind=kind)


@feeds.get("/kinds/<kind>/atom.xml")
def kind_atom(kind: str) -> Response:
    return serve_feed("atom", kind=kind)


@feeds.get("/feed.rss")
def query_rss() -> Response:
    return serve_feed("rss", site=request.args.get("site") or None, kind=request.args.get("kind") or None)


@feeds.get("/feed.atom")
def query_atom() -> Response:
    return serve_feed("atom", site=request.args.get("site") or None, kind=request.args.get("kind") or None)


def serve_feed(fmt: FeedFormat, *, site: str | None = None, kind: str | None = None) -> Response:
    context = web_context()
    settings = context.settings
    if site is not None:
        settings.site(site)  # UnknownSiteError: 404
    if kind is not None and kind not in KINDS:
        abort(404, f"There is no feed of {kind!r}; kinds are {', '.join(KINDS)}.")
    with context.database.transaction() as session:
        etag = feed_etag(session, settings, site=site, kind=kind, fmt=fmt)
        modified = feed_last_modified(session, settings, site=site, kind=kind)
        if is_current(etag, modified):
            return Response(status=304, headers=validators(etag, modified))
        document = render_feed(session, settings, site=site, kind=kind, fmt=fmt, self_url=_self_url())
    return Response(document, headers=validators(etag, modified), content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")


def is_current(etag: str, modified: datetime | None) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison); else If-Modified-Since."""
    if request.if_none_match:
        tag, _weak = unquote_etag(etag)
        return request.if_none_match.contains_weak(tag)
    since = request.if_modified_since
    # Last-Modified has whole seconds: compare what the client was given.
    return since is not None and modified is not None and modified.replace(microsecond=0) <= since


def validators(etag: str, modified: datetime | None) -> dict[str, str]:
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    return headers


def _self_url() -> str:
    """Where the feed is served, at the public [web] base_url."""
    base = web_context().settings.web.base_url.rstrip("/")
    query = request.query_string.decode("ascii", "replace")
    return base + request.path + (f"?{query}" if query else "")
