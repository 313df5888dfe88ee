from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.discover import parse_feed, parse_listing, parse_sitemap
from monitor.encoding import decode_html
from monitor.records import ListingEntry, Selectors

SITES = Path(__file__).parent / "sites"
EXPECTED = json.loads((SITES / "expected/sites.json").read_text(encoding="utf-8"))
LISTINGS = [(name, listing) for name in ("embassy", "ministry", "portal") for listing in EXPECTED[name]["listings"]]


def as_json(entries: tuple[ListingEntry, ...] | list[ListingEntry]) -> list[dict[str, Any]]:
    return [{"url": e.url, "title": e.title, "published": e.published.isoformat() if e.published else None}
            for e in entries]


def read(listing: dict[str, Any]) -> str:
    return decode_html((SITES / listing["file"]).read_bytes(), "text/html")


@pytest.mark.parametrize(("site", "listing"), LISTINGS, ids=[listing["file"] for _, listing in LISTINGS])
def test_fixture_listing(site: str, listing: dict[str, Any]) -> None:
    page = parse_listing(read(listing), listing["url"])
    assert as_json(page.entries) == listing["entries"]
    assert list(page.next_pages) == listing["next_pages"]
    assert list(page.feeds) == listing["feeds"]


@pytest.mark.parametrize(("site", "listing"), LISTINGS, ids=[listing["file"] for _, listing in LISTINGS])
def test_fixture_listing_with_site_selectors(site: str, listing: dict[str, Any]) -> None:
    page = parse_listing(read(listing), listing["url"], selectors=Selectors(**EXPECTED[site]["selectors"]))
    assert as_json(page.entries) == listing["entries"]
    assert set(listing["next_pages"][:1]) <= set(page.next_pages)


@pytest.mark.parametrize("feed", EXPECTED["feeds"], ids=[f["file"] for f in EXPECTED["feeds"]])
def test_fixture_feed(feed: dict[str, Any]) -> None:
    page = parse_feed((SITES / feed["file"]).read_bytes(), feed["url"])
    assert as_json(page.entries) == feed["entries"]
    assert list(page.next_pages) == feed["next_pages"]


@pytest.mark.parametrize("sitemap", EXPECTED["sitemaps"], ids=[s["file"] for s in EXPECTED["sitemaps"]])
def test_fixture_sitemap(sitemap: dict[str, Any]) -> None:
    entries, children = parse_sitemap((SITES / sitemap["file"]).read_bytes(), sitemap["url"])
    assert as_json(entries) == sitemap["entries"]
    assert children == sitemap["children"]


def listing_page(main: str, extra: str = "", head: str = "") -> str:
    return f"""<html><head>{head}</head><body>
    <ul class="nav"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
      <li><a href="/en/">English</a></li><li><a href="/zh/">中文</a></li></ul>
    {main}{extra}
    <div class="footer"><a href="/about/contact-us-and-directions.html">Contact us and directions to us</a></div>
    </body></html>"""


STATEMENTS = "".join(
    f'<li><a href="/news/2024/03/{20 + i}/statement-on-regional-topic-number-{i}.html">Statement on regional '
    f"topic number {i}</a> ({2024}-03-{20 + i})</li>" for i in range(5)
)


def test_statements_are_told_from_navigation_and_other_hosts() -> None:
    html = listing_page(f"<ul>{STATEMENTS}</ul>", extra=(
        '<p><a href="https://other.example/news/2024/03/20/elsewhere-statement-on-things.html">'
        "An elsewhere statement on things</a></p>"
        '<p><a href="mailto:press@mfa.example">Write to the press office of the ministry</a></p>'
        '<p><a href="javascript:void(0)">A scripted link that goes nowhere at all</a></p>'
    ))
    page = parse_listing(html, "https://mfa.example/news/")
    assert [e.url for e in page.entries] == [
        f"https://mfa.example/news/2024/03/{20 + i}/statement-on-regional-topic-number-{i}.html" for i in range(5)
    ]
    assert page.entries[0].title == "Statement on regional topic number 0"
    assert page.entries[3].published == date(2024, 3, 23)


def test_most_read_box_with_the_same_url_pattern_is_not_the_listing() -> None:
    most_read = "".join(
        f'<li><a href="/news/2024/01/0{i}/most-read-story-about-something-{i}.html">A most read story about '
        f"something else {i}</a></li>" for i in range(1, 4)
    )
    html = listing_page(f'<div class="main"><ul>{STATEMENTS}</ul></div>',
                        extra=f'<div class="box"><h3>Most read</h3><ul>{most_read}</ul></div>')
    urls = [e.url for e in parse_listing(html, "https://mfa.example/news/").entries]
    assert len(urls) == 5
    assert not any("most-read" in url for url in urls)


def test_duplicate_links_keep_first_position_and_best_title() -> None:
    items = "".join(
        f'<div class="card"><a href="/n/t2024032{i}_{i}.html"><img alt=""></a>'
        f'<h3><a href="/n/t2024032{i}_{i}.html" title="Full title of statement {i} on maritime cooperation">'
        f"Full title of statement {i} on…</a></h3></div>" for i in range(3)
    )
    page = parse_listing(listing_page(items), "https://mfa.example/n/")
    assert [e.url for e in page.entries] == [f"https://mfa.example/n/t2024032{i}_{i}.html" for i in range(3)]
    assert page.entries[1].title == "Full title of statement 1 on maritime cooperation"
    assert page.entries[1].published == date(2024, 3, 21)  # from the URL: nothing printed beside it


def test_table_listing_with_dates_in_their_own_cells() -> None:
    rows = "".join(
        f'<tr><td><a href="./t2021011{i}_98{i}.htm">Press release number {i} of the embassy</a></td>'
        f"<td>1{i}/01/2021</td></tr>" for i in range(3)
    )
    page = parse_listing(listing_page(f"<table>{rows}</table>"), "http://embassy.example/eng/zgyw/index.htm")
    assert [e.published for e in page.entries] == [date(2021, 1, 10 + i) for i in range(3)]
    assert page.entries[0].url == "http://embassy.example/eng/zgyw/t20210110_980.htm"


def test_chinese_listing() -> None:
    items = "".join(
        f'<li><a href="./202403/t2024032{i}_11{i}.html">外交部发言人就第{i}个问题答记者问</a><span>2024-03-2{i}</span></li>'
        for i in range(4)
    )
    html = listing_page(f"<ul>{items}</ul>", extra='<div class="page"><a href="index_1.html">下一页</a></div>')
    page = parse_listing(html, "https://www.mfa.example/web/fyrbt/index.html")
    assert len(page.entries) == 4
    assert page.entries[2].title == "外交部发言人就第2个问题答记者问"
    assert page.next_pages == ("https://www.mfa.example/web/fyrbt/index_1.html",)


def test_base_href_is_honoured() -> None:
    html = listing_page(f"<ul>{STATEMENTS}</ul>", head='<base href="https://mfa.example/archive/">')
    page = parse_listing(html.replace('href="/news/', 'href="news/'), "https://mfa.example/news/index.html")
    assert page.entries[0].url.startswith("https://mfa.example/archive/news/2024/03/20/")


@pytest.mark.parametrize(
    ("pager", "url", "expected"),
    [
        ('<a href="?page=2" rel="next">Next »</a>', "https://x.example/news/", ["https://x.example/news/?page=2"]),
        ('<a href="/news/page/3/">»</a>', "https://x.example/news/page/2/", ["https://x.example/news/page/3/"]),
        ('<a href="index_1.html">下一页</a><a href="index_9.html">尾页</a>', "https://x.example/a/index.html",
         ["https://x.example/a/index_1.html"]),
        ('<div class="pagination"><a href="?page=1">1</a><span>2</span><a href="?page=3">3</a>'
         '<a href="?page=4">4</a><a href="?page=1">« Previous</a></div>', "https://x.example/n/?page=2",
         ["https://x.example/n/?page=3", "https://x.example/n/?page=4"]),
        ('<a href="index_3.htm">Next page</a> <a href="index_1.htm">1</a> <a href="index_3.htm">3</a>'
         ' <a href="index_4.htm">4</a> <a href="index_9.htm">Last page</a>', "http://x.example/e/index_2.htm",
         ["http://x.example/e/index_3.htm", "http://x.example/e/index_4.htm"]),
        ('<link rel="next" href="/feed?p=2">', "https://x.example/n/", ["https://x.example/feed?p=2"]),
        ('<a href="/about/">More</a><a href="/n/2">2 people</a>', "https://x.example/n/", []),
    ],
    ids=["rel-next", "raquo", "chinese", "numbered", "embassy", "link-rel", "no-pager"],
)
def test_pagination(pager: str, url: str, expected: list[str]) -> None:
    assert list(parse_listing(listing_page(f"<ul>{STATEMENTS}</ul>", extra=pager), url).next_pages) == expected


@pytest.mark.parametrize(
    ("script", "url", "expected"),
    [
        ('createPageHTML(4, 0, "index", "html");', "https://x.example/eng/xw/index.html",
         ["index_1.html", "index_2.html", "index_3.html"]),
        ("createPageHTML(4, 2, 'index', 'shtml');", "https://x.example/eng/xw/index_2.shtml", ["index_3.shtml"]),
        ("createPageHTML(4, 3, 'index', 'html');", "https://x.example/eng/xw/index_3.html", []),
        ('var countPage = 3;//total\nvar currentPage = 0;\ncreatePageHTML(countPage, currentPage, "index", "htm");',
         "https://x.example/eng/xw/", ["index_1.htm", "index_2.htm"]),
        ("createPageHTML('page_div', 3, 1, 'list', 'html', 60);", "https://x.example/a/list_1.html", ["list_2.html"]),
        ("function createPageHTML(total, current, name, ext) { }", "https://x.example/eng/xw/", []),
    ],
    ids=["literal", "quoted-shtml", "last-page", "variables", "six-arguments", "definition-only"],
)
def test_create_page_html_pager(script: str, url: str, expected: list[str]) -> None:
    html = listing_page(f"<ul>{STATEMENTS}</ul>", extra=f'<div id="pages"><script>{script}</script></div>')
    base = url.rsplit("/", 1)[0] + "/"
    assert list(parse_listing(html, url).next_pages) == [base + name for name in expected]


def test_feeds_are_advertised_links_only() -> None:
    head = ('<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            '<link rel="alternate" type="application/atom+xml" href="https://x.example/atom.xml">'
            '<link rel="alternate" hreflang="zh" href="/zh/">'
            '<link rel="stylesheet" href="/site.css">')
    page = parse_listing(listing_page(f"<ul>{STATEMENTS}</ul>", head=head), "https://x.example/news/")
    assert page.feeds == ("https://x.example/rss.xml", "https://x.example/atom.xml")


def test_selectors_override_link_choice() -> None:
    html = listing_page(f"<ul>{STATEMENTS}</ul>", extra='<div class="pick"><a href="/about/history.html">History</a>'
                                                        '<a class="more" href="/news/?page=2">more</a></div>')
    page = parse_listing(html, "https://mfa.example/news/", selectors=Selectors(links=".pick a", next=".pick a.more"))
    assert [e.url for e in page.entries] == ["https://mfa.example/about/history.html"]
    assert page.next_pages == ("https://mfa.example/news/?page=2",)


@pytest.mark.parametrize("selector", [".gone a", "ul["], ids=["matches-nothing", "invalid"])
def test_selectors_that_find_nothing_leave_it_to_the_generic_logic(selector: str) -> None:
    page = parse_listing(listing_page(f"<ul>{STATEMENTS}</ul>"), "https://mfa.example/news/",
                         selectors=Selectors(links=selector))
    assert len(page.entries) == 5


def test_page_without_statement_links() -> None:
    page = parse_listing(listing_page("<p>No statements were published this week.</p>"), "https://x.example/n/")
    assert page.entries == ()
    assert parse_listing("", "https://x.example/n/") == type(page)()


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
 <title>News &amp; Statements</title>
 <item><title><![CDATA[Talks on <b>trade</b> &amp; investment]]></title><link>https://x.example/a.html</link>
   <pubDate>Tue, 16 Apr 2024 18:05:00 +0800</pubDate></item>
 <item><title>Minister&rsquo;s remarks&nbsp;on the summit</title><link> /b.html </link>
   <dc:date>2024-04-15T10:00:00Z</dc:date></item>
 <item><title>No link, but a permalink guid</title><guid>https://x.example/c.html</guid></item>
 <item><title>Only an id</title><guid isPermaLink="false">c-123</guid></item>
 <item><atom:link rel="alternate" href="https://x.example/d.html"/><title>Atom link in RSS</title></item>
</channel></rss>"""


def test_rss_with_entities_and_cdata() -> None:
    page = parse_feed(RSS.encode("utf-8"), "https://x.example/rss.xml")
    assert as_json(page.entries) == [
        {"url": "https://x.example/a.html", "title": "Talks on trade & investment", "published": "2024-04-16"},
        {"url": "https://x.example/b.html", "title": "Minister’s remarks on the summit", "published": "2024-04-15"},
        {"url": "https://x.example/c.html", "title": "No link, but a permalink guid", "published": None},
        {"url": "https://x.example/d.html", "title": "Atom link in RSS", "published": None},
    ]


def test_rss_in_a_legacy_encoding() -> None:
    feed = '<?xml version="1.0" encoding="gb2312"?><rss><channel><item><title>王毅会见印尼外长</title>' \
           "<link>http://x.example/t20240416_1.html</link></item></channel></rss>"
    page = parse_feed(feed.encode("gb2312"), "http://x.example/rss.xml")
    assert page.entries[0].title == "王毅会见印尼外长"


def test_rss_1_0() -> None:
    rdf = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://x.example/"><title>t</title></channel>
    <item rdf:about="https://x.example/a"><title>A</title><link>https://x.example/a</link><dc:date>2024-01-02</dc:date></item>
    </rdf:RDF>"""
    assert as_json(parse_feed(rdf, "https://x.example/rss").entries) == [
        {"url": "https://x.example/a", "title": "A", "published": "2024-01-02"}]


def test_atom_prefers_published_and_the_alternate_link() -> None:
    atom = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">A &amp;amp; B</title>
    <link rel="edit" href="/edit/1"/><link rel="alternate" href="/a/1.html"/>
    <updated>2024-02-02T00:00:00Z</updated><published>2024-02-01T00:00:00Z</published></entry>
    <entry><title>Updated only</title><link href="/a/2.html"/><updated>2024-02-03</updated></entry>
    <entry><title>No link</title></entry></feed>"""
    assert as_json(parse_feed(atom, "https://x.example/feed").entries) == [
        {"url": "https://x.example/a/1.html", "title": "A & B", "published": "2024-02-01"},
        {"url": "https://x.example/a/2.html", "title": "Updated only", "published": "2024-02-03"},
    ]


@pytest.mark.parametrize("junk", [b"", b"<html><body>Not a feed</body></html>", b"\x89PNG\r\n\x1a\n", "{}"])
def test_not_a_feed_or_sitemap(junk: bytes | str) -> None:
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(junk, "https://x.example/feed")
    with pytest.raises(ValueError, match="not a sitemap"):
        parse_sitemap(junk, "https://x.example/sitemap.xml")


def test_gzipped_sitemap_with_relative_locations() -> None:
    xml = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a.html</loc>'
           "<lastmod>2024-03-01T10:00:00+00:00</lastmod></url><url><loc>https://x.example/b.html</loc></url>"
           "<url><loc></loc></url></urlset>")
    entries, children = parse_sitemap(gzip.compress(xml.encode()), "https://x.example/sitemap.xml.gz")
    assert as_json(entries) == [
        {"url": "https://x.example/a.html", "title": None, "published": "2024-03-01"},
        {"url": "https://x.example/b.html", "title": None, "published": None},
    ]
    assert children == []


def test_truncated_sitemap_keeps_what_it_can_read() -> None:
    xml = "".join(f"<url><loc>https://x.example/{i}.html</loc></url>" for i in range(100))
    text = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + xml
    entries, _ = parse_sitemap(text[: len(text) // 2], "https://x.example/sitemap.xml")
    assert 40 <= len(entries) <= 50
