from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from monitor.dates import find_date_in_text, find_date_in_url, find_published, is_date_line, is_plausible

URL = "https://www.mfa.example/eng/news/statement.html"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Release time:Apr 16, 2024 18:05 PM", date(2024, 4, 16)),
        ("2021-03-23 10:00", date(2021, 3, 23)),
        ("(From Chinese Embassy) 2021/01/13", date(2021, 1, 13)),
        ("Updated: March 5, 2024", date(2024, 3, 5)),
        ("23 March 2021", date(2021, 3, 23)),
        ("Tuesday, 23rd of March 2021", date(2021, 3, 23)),
        ("Sept. 6, 2023", date(2023, 9, 6)),
        ("2021年3月23日", date(2021, 3, 23)),
        ("2023.9.6", date(2023, 9, 6)),
        ("23.03.2021", date(2021, 3, 23)),  # dotted numeric dates are day first
        ("13/01/2021", date(2021, 1, 13)),  # only one reading is a date
        ("01/13/2021", date(2021, 1, 13)),
        ("05/05/2024", date(2024, 5, 5)),
        ("5 de marzo de 2024", date(2024, 3, 5)),
        ("Jakarta, 17 Agustus 2023", date(2023, 8, 17)),
        ("2023-09-06T23:30:00+08:00", date(2023, 9, 6)),  # the publisher's own calendar day
        ("Tue, 16 Apr 2024 18:05:00 +0800", date(2024, 4, 16)),
        ("held on 2 March 2021 and on 2021-03-04", date(2021, 3, 2)),  # the first one written
        ("05/03/2024", None),  # 5 March or 3 May: never guess
        ("March 2024", None),  # no day
        ("2021-02-30", None),
        ("Tel: 021-5761039", None),
        ("", None),
    ],
)
def test_find_date_in_text(text: str, expected: date | None) -> None:
    assert find_date_in_text(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.fmprc.gov.cn/eng/xw/zyxw/202309/t20230906_11138888.html", date(2023, 9, 6)),
        ("http://id.china-embassy.gov.cn/eng/zgyw/t20210323_10001234.htm", date(2021, 3, 23)),
        ("http://www.xinhuanet.com/english/2021-03/23/c_139830882.htm", date(2021, 3, 23)),
        ("https://english.news.cn/20240416/3f2a9c1e5d6b4a8f/c.html", date(2024, 4, 16)),
        ("https://www.thejakartapost.com/world/2024/04/16/asean-talks.html", date(2024, 4, 16)),
        ("https://example.org/news/202103/23/story.html", date(2021, 3, 23)),
        ("https://example.org/news?date=2021-03-23", date(2021, 3, 23)),
        ("https://example.org/news/202103/index.html", None),  # a month is not a day
        ("https://example.org/a/11138888.html", None),  # an id, not a date
        ("https://example.org/a/20231334.html", None),
        ("https://example.org/about.html", None),
    ],
)
def test_find_date_in_url(url: str, expected: date | None) -> None:
    assert find_date_in_url(url) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Release time:Apr 16, 2024 18:05 PM", True),
        ("2023-09-06 18:00", True),
        ("(From Chinese Embassy) 2021/01/13", True),
        ("Updated: March 5, 2024", True),
        ("发布时间：2021-03-23 10:00", True),
        ("Jakarta, 13 January 2021", True),
        ("On 12 January 2021, the Ambassador handed over the second batch of medical supplies.", False),
        ("Release time", False),
        ("", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_is_plausible() -> None:
    today = date(2024, 5, 10)
    assert is_plausible(date(2024, 5, 11), today=today)  # time zones put "tomorrow" a day ahead
    assert not is_plausible(date(2024, 5, 12), today=today)
    assert not is_plausible(date(1989, 12, 31))
    assert is_plausible(date(2099, 1, 1))  # without today, no upper bound


def html(head: str = "", body: str = "") -> str:
    return f"<html><head><title>Talks Held in Jakarta</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="article:published_time" content="2023-09-06T18:00:00+08:00">', "", date(2023, 9, 6)),
        ('<meta name="PubDate" content="2023-09-06 18:00">', "", date(2023, 9, 6)),
        ('<meta name="DC.date.issued" content="2021-03-23">', "", date(2021, 3, 23)),
        ('<meta name="firstpublishedtime" content="2023-09-06-18:00:00">', "", date(2023, 9, 6)),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
         '{"@type": "NewsArticle", "datePublished": "2024-04-10T18:05:00+08:00"}]}</script>', "",
         date(2024, 4, 10)),
        ("", '<article><h1>Talks Held in Jakarta</h1><time datetime="2024-04-12">April 12</time></article>',
         date(2024, 4, 12)),
        ("", '<div itemprop="datePublished" content="2022-02-02">2 Feb</div>', date(2022, 2, 2)),
        ("", "<h1>Talks Held in Jakarta</h1><p>Release time:Apr 16, 2024 18:05 PM</p>", date(2024, 4, 16)),
        ("", "<h1>Talks Held in Jakarta</h1><p><span>发布时间：</span><span>2021-03-23</span></p>",
         date(2021, 3, 23)),
        ("", '<td class="title">Talks Held in Jakarta</td><td>(From Chinese Embassy) 2021/01/13</td>',
         date(2021, 1, 13)),
        ("", "<h1>Talks Held in Jakarta</h1><p>Published: 1 March 2024 | Updated: March 5, 2024</p>",
         date(2024, 3, 1)),
        ("", "<h1>Talks Held in Jakarta</h1><p>Updated: March 5, 2024</p>", date(2024, 3, 5)),
        ("", "<h1>Talks Held in Jakarta</h1><p>Embassy of the Netherlands in Hanoi | Posted on Friday, 6 February 2026"
         "</p>", date(2026, 2, 6)),  # a weekday between label and date
        ("", "<h1>Talks Held in Jakarta</h1><p>Press release | Hanoi, 8 April 2026 | HAN/PR/2026/09</p>",
         date(2026, 4, 8)),  # one cell of a byline line
    ],
)
def test_find_published_sources(head: str, body: str, expected: date) -> None:
    assert find_published(html(head, body), URL) == expected


def test_metadata_beats_visible_text_and_url() -> None:
    page = html('<meta name="pubdate" content="2021-03-23">', "<h1>Talks Held in Jakarta</h1><p>2021-03-20</p>")
    assert find_published(page, "https://x.example/t20210301_1.html") == date(2021, 3, 23)


def test_visible_date_beats_url() -> None:
    page = html(body="<h1>Talks Held in Jakarta</h1><p>2021-03-20 10:00</p>")
    assert find_published(page, "https://x.example/t20210301_1.html") == date(2021, 3, 20)


def test_dates_in_site_chrome_and_teasers_are_not_the_statements() -> None:
    page = html(body=(
        '<header class="site"><span>Friday, May 10, 2024</span></header>'
        "<aside><ul><li><a href='/a'>Other story</a> 2024-05-09</li></ul></aside>"
        "<ul class='most-read'><li>2024-05-08</li><li>2024-05-07</li></ul>"
        "<h1>Talks Held in Jakarta</h1><p>The ministers met on Tuesday.</p>"
        "<footer>© 2024 · Last updated 2024-05-10</footer>"
    ))
    assert find_published(page, URL) is None
    assert find_published(page, "https://x.example/2024/04/16/talks.html") == date(2024, 4, 16)


def test_teaser_time_tags_outside_the_article_are_ignored() -> None:
    page = html(body="<h1>Talks Held in Jakarta</h1><p>The ministers met.</p>"
                     '<aside><time datetime="2024-05-09">May 9</time></aside>')
    assert find_published(page, URL) is None


def test_url_then_hint() -> None:
    page = html(body="<h1>Talks Held in Jakarta</h1><p>No date here.</p>")
    assert find_published(page, "https://x.example/2021-03/23/c_1.htm", hint=date(2021, 1, 1)) == date(2021, 3, 23)
    assert find_published(page, URL, hint=date(2021, 1, 1)) == date(2021, 1, 1)
    assert find_published(page, URL) is None


def test_implausible_dates_fall_through_to_the_next_source() -> None:
    future = html('<meta name="pubdate" content="2031-01-01">')
    assert find_published(future, "https://x.example/t20210301_1.html", today=date(2024, 1, 1)) == date(2021, 3, 1)
    assert find_published(future, URL, today=date(2024, 1, 1)) is None
    assert find_published(future, URL) == date(2031, 1, 1)  # no today, no future check
    ancient = html('<meta name="pubdate" content="1970-01-01">')
    assert find_published(ancient, URL, hint=date(1985, 5, 5)) is None


def test_accepts_a_soup_and_malformed_markup() -> None:
    soup = BeautifulSoup(html(body="<h1>Talks Held in Jakarta<p>2021-03-23</h1"), "lxml")
    assert find_published(soup, URL) == date(2021, 3, 23)
    assert find_published("", URL) is None
    assert find_published("Plain text: the talks were held in Jakarta on 2021-03-23 by both ministers.", URL) is None
    assert find_published("Jakarta, 23 March 2021", URL) == date(2021, 3, 23)  # a dateline, even unmarked
    assert find_published('<?xml version="1.0"?><html><body><h1>x</h1></body></html>', URL) is None
    assert find_published('<script type="application/ld+json">{not json</script>', URL) is None
