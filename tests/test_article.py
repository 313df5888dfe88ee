from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.article import (
    MAX_HTML_CHARS,
    bound_html,
    clean_title,
    extract_by_density,
    extract_by_trafilatura,
    parse_article,
    same_site,
)
from monitor.encoding import decode_html
from monitor.records import ListingEntry, Selectors

SITES = Path(__file__).parent / "sites"
EXPECTED = sorted((SITES / "expected").glob("*/*.json"))
SELECTORS = {name: Selectors(**site["selectors"])
             for name, site in json.loads((SITES / "expected/sites.json").read_text(encoding="utf-8")).items()
             if isinstance(site, dict)}


def load(path: Path) -> tuple[dict[str, Any], str]:
    expected = json.loads(path.read_text(encoding="utf-8"))
    return expected, decode_html((SITES / expected["file"]).read_bytes(), expected["content_type"])


def check_text(text: str, expected: dict[str, Any]) -> None:
    flat = " ".join(text.split())
    for sentence in expected["must_contain"]:
        assert sentence in flat, f"missing: {sentence}"
    for boilerplate in expected["must_not_contain"]:
        assert boilerplate not in flat, f"leaked: {boilerplate}"


@pytest.mark.parametrize("path", EXPECTED, ids=[f"{p.parent.name}/{p.stem[:40]}" for p in EXPECTED])
def test_fixture_statement(path: Path) -> None:
    expected, html = load(path)
    article = parse_article(html, expected["url"], today=date(2024, 5, 10))
    assert article.title == expected["title"]
    assert article.published == (date.fromisoformat(expected["published"]) if expected["published"] else None)
    assert article.url == expected["canonical"]
    check_text(article.text, expected)
    assert "\n\n" in article.text  # paragraphs, not one run-on line
    assert not article.text.startswith(expected["title"])  # the headline is not repeated as text


@pytest.mark.parametrize("path", EXPECTED, ids=[f"{p.parent.name}/{p.stem[:40]}" for p in EXPECTED])
def test_fixture_statement_with_site_selectors(path: Path) -> None:
    if path.parent.name not in SELECTORS:
        pytest.skip(f"no selectors for {path.parent.name} in expected/sites.json")
    expected, html = load(path)
    article = parse_article(html, expected["url"], selectors=SELECTORS[path.parent.name])
    assert article.title == expected["title"]
    assert article.published == (date.fromisoformat(expected["published"]) if expected["published"] else None)
    check_text(article.text, expected)


def test_selectors_override_the_generic_choice() -> None:
    html = ("<html><body><h1>Site</h1><div id='long'>" + "<p>A long sidebar essay about something else. </p>" * 30
            + "</div><h2 id='t'>Statement</h2><div id='statement'><p>The short statement itself.</p></div>"
            "</body></html>")
    assert "sidebar essay" in parse_article(html, "https://x.example/a").text
    chosen = parse_article(html, "https://x.example/a", selectors=Selectors(body="#statement", title="#t"))
    assert chosen.text == "The short statement itself."
    assert chosen.title == "Statement"


def test_selector_matching_nothing_falls_back_to_the_generic_logic() -> None:
    _, html = load(SITES / "expected/ministry/t20230906_11138888.json")
    article = parse_article(html, "https://www.mfa.example/x.html", selectors=Selectors(body="#gone", date="#gone"))
    assert "Foreign Minister Han Jing held talks" in article.text
    assert article.published == date(2023, 9, 6)


def test_invalid_selector_is_ignored_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    expected, html = load(SITES / "expected/ministry/t20230906_11138888.json")
    article = parse_article(html, expected["url"], selectors=Selectors(body="div[", title="h1 >"))
    assert article.title == expected["title"]
    check_text(article.text, expected)
    assert "'div[' is not valid CSS" in caplog.text


def test_teasers_without_markup_hints_do_not_leak() -> None:
    """A 'Recommended' box known only by its heading, its teasers carrying their own figures."""
    statement = "".join(f"<p>Paragraph {i}: the two ministers discussed trade, investment and connectivity.</p>"
                        for i in range(6))
    html = f"""<html><head><title>Ministers Meet</title></head><body>
    <div class="col-a"><h1>Ministers Meet</h1>{statement}</div>
    <div class="col-b"><h4>Recommended</h4>
      <div><a href="/1">Indonesia seals $3 billion deal</a><p>The deal covers 4,000 jobs in Sulawesi and
      two smelters, officials said on Monday after long talks.</p></div>
      <div><a href="/2">Bali welcomes 50,000 tourists</a><p>Tourism minister Ketut Arya said the island
      expects more visitors during the holiday season this year.</p></div>
    </div></body></html>"""
    text = parse_article(html, "https://x.example/a").text
    assert "Paragraph 5: the two ministers" in text
    for leak in ("$3 billion", "4,000 jobs", "50,000 tourists", "Ketut Arya", "Recommended"):
        assert leak not in text


def test_a_longer_unmarked_block_after_the_statement_does_not_win() -> None:
    """A reader-comment thread outweighs a short statement; trafilatura's region follows the headline."""
    expected, html = load(SITES / "expected/ministry/t20230710_11110873.json")
    comment = "Readers argue the region needs fewer summits and more ferries, and say so at length. " * 3
    thread = "".join(f"<div><b>reader{i}</b><p>{comment}</p></div>" for i in range(12))
    html = html.replace("</body>", f"<div><h4>Reader views</h4>{thread}</div></body>")
    assert "more ferries" in " ".join(extract_by_density(html))  # the largest block alone is wrong
    text = parse_article(html, expected["url"]).text
    check_text(text, expected)
    assert "more ferries" not in text


def test_related_heading_inside_the_article_column_cuts_what_follows() -> None:
    html = """<html><body><div class="article"><h1>Statement</h1>
    <p>China and Laos agreed to expand rail freight, the statement said after the meeting.</p>
    <p>They will meet again next year in Vientiane to review the progress of the railway.</p>
    <h3>Related news</h3><p><a href="/r">Laos signs 12 agreements worth $1.8 billion</a></p>
    <p>Officials from both sides attended the ceremony held in the capital on Monday.</p></div></body></html>"""
    text = parse_article(html, "https://x.example/a").text
    assert "again next year in Vientiane" in text
    assert "$1.8 billion" not in text
    assert "attended the ceremony" not in text


def test_chrome_lines_credits_and_datelines_are_tidied() -> None:
    html = """<html><head><title>Vaccine Talks</title></head><body><div>
    <p>Home &gt; Flash News</p><p>Vaccine Talks</p><p>Release time:Apr 16, 2024 18:05 PM</p>
    <p>Photo:Ministry of Foreign Affairs</p>
    <p>The staff stack durian flesh for export; volume rose by about 50% this year. Photo by Xinhua reporter Wang Teng</p>
    <p>China and Indonesia vowed to strengthen cooperation on vaccines during talks in Yunnan province.</p>
    <p>Vaccine Talks</p>
    <p>The two sides will meet again in Jakarta before the end of the year to sign the agreement.</p>
    <p>[Print] [Close]</p><p>Suggest to a friend</p><p>Copyright © Embassy. All rights reserved.</p>
    </div></body></html>"""
    paragraphs = parse_article(html, "https://x.example/a").text.split("\n\n")
    assert paragraphs == [
        "The staff stack durian flesh for export; volume rose by about 50% this year.",
        "China and Indonesia vowed to strengthen cooperation on vaccines during talks in Yunnan province.",
        "Vaccine Talks",  # a subheading equal to the headline, mid-text, stays
        "The two sides will meet again in Jakarta before the end of the year to sign the agreement.",
    ]


@pytest.mark.parametrize(
    ("raw", "site_name", "expected"),
    [
        ("Wang Yi Holds Talks with Retno Marsudi - Ministry of Foreign Affairs of the People's Republic of China",
         None, "Wang Yi Holds Talks with Retno Marsudi"),
        ("Ministry of Foreign Affairs | Statement on the Situation in Myanmar", None,
         "Statement on the Situation in Myanmar"),
        ("Relations Enter a New Era | Flash News | Embassy of the PRC in Indonesia", None,
         "Relations Enter a New Era"),
        ("王毅同印尼外长会谈_中华人民共和国外交部", None, "王毅同印尼外长会谈"),
        ("ASEAN ministers meet - Asia Pacific Daily", "Asia Pacific Daily", "ASEAN ministers meet"),
        ("Talks - A New Start", None, "Talks - A New Start"),  # no site-like part: left alone
        ("Summit | Postponed over the weekend", None, "Summit | Postponed over the weekend"),
        ("China-Indonesia  talks\n", None, "China-Indonesia talks"),
        ("Embassy of China in Indonesia", None, "Embassy of China in Indonesia"),  # nothing else to keep
    ],
)
def test_clean_title(raw: str, site_name: str | None, expected: str) -> None:
    assert clean_title(raw, site_name=site_name) == expected


def test_title_sources_in_order() -> None:
    head = ('<meta property="og:site_name" content="Daily"><meta property="og:title" content="{og}">'
            "<title>Tag Title - Ministry of Foreign Affairs</title>")
    body = '<header><h1 class="logo">Daily</h1></header><h1>Headline H1</h1><p>Text of the statement here.</p>'
    url = "https://x.example/a"
    assert parse_article(f"<html><head>{head.format(og='OG Title')}</head><body>{body}</body></html>", url).title \
        == "OG Title"
    assert parse_article(f"<html><head>{head.format(og='Daily')}</head><body>{body}</body></html>", url).title \
        == "Headline H1"  # an og:title that is the site's name is no headline
    no_h1 = body.replace("<h1>Headline H1</h1>", "")
    assert parse_article(f"<html><head>{head.format(og='')}</head><body>{no_h1}</body></html>", url).title \
        == "Tag Title"
    hint = ListingEntry(url=url, title="From the listing", published=date(2021, 3, 23))
    bare = parse_article("<p>Some statement text without any title at all.</p>", url, hint=hint)
    assert bare.title == "From the listing"
    assert bare.published == date(2021, 3, 23)


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("/eng/a.html", "https://www.mfa.example/eng/a.html"),
        ("https://mfa.example/eng/a.html#top", "https://mfa.example/eng/a.html"),  # www. is the same site
        ("https://www.fmprc.example/eng/a.html", "https://www.mfa.example/eng/a.html?from=rss"),
        ("javascript:void(0)", "https://www.mfa.example/eng/a.html?from=rss"),
        (None, "https://www.mfa.example/eng/a.html?from=rss"),
    ],
)
def test_canonical_url(canonical: str | None, expected: str) -> None:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    html = f"<html><head>{link}</head><body><p>Statement text.</p></body></html>"
    assert parse_article(html, "https://www.mfa.example/eng/a.html?from=rss#p2").url == expected


def test_same_site() -> None:
    assert same_site("https://www.mfa.example/a", "http://MFA.example/b")
    assert not same_site("https://www.mfa.example/a", "https://en.mfa.example/a")
    assert not same_site("mailto:x@y.z", "mailto:x@y.z")


def test_page_without_any_date() -> None:
    _, html = load(SITES / "expected/portal/why-ports-matter-more-than-pledges-for-asean-connectivity.json")
    url = "https://english.apdaily.example/opinion/why-ports-matter-more-than-pledges-for-asean-connectivity.html"
    assert parse_article(html, url).published is None
    hint = ListingEntry(url=url, published=date(2024, 4, 1))
    assert parse_article(html, url, hint=hint).published == date(2024, 4, 1)


def test_future_dates_are_rejected_when_today_is_known() -> None:
    html = '<html><head><meta name="pubdate" content="2030-01-01"></head><body><p>Text.</p></body></html>'
    assert parse_article(html, "https://x.example/t20240102_1.html", today=date(2024, 5, 1)).published \
        == date(2024, 1, 2)


def test_truncated_html() -> None:
    expected, html = load(SITES / "expected/portal/china-and-asean-have-vast-space-for-high-quality-cooperation.json")
    article = parse_article(html[: len(html) // 2], expected["url"])
    assert article.title == expected["title"]
    assert article.published == date(2024, 4, 16)
    assert expected["must_contain"][0] in article.text
    for cut in (10, 100, 1000):
        parse_article(html[:cut], expected["url"])  # must not raise


@pytest.mark.parametrize(
    "html",
    ["", "plain text, no markup", "a.html", "<", "<html><body></body></html>", "<p><b><i>unclosed",
     '<?xml version="1.0"?><html><body><p>XHTML page</p></body></html>', "<div>" * 5000 + "deep" + "</div>" * 10,
     "\x00\ufffd<p>\ufeffodd\x0b characters</p>"],
    ids=["empty", "text", "filename-like", "lt", "empty-body", "unclosed", "xhtml", "deep", "control-chars"],
)
def test_odd_markup_never_raises(html: str) -> None:
    article = parse_article(html, "https://x.example/a.html")
    assert isinstance(article.text, str)
    assert article.url == "https://x.example/a.html"


def test_five_megabyte_page_is_bounded() -> None:
    statement = "".join(f"<p>Paragraph {i} of the statement on regional trade and investment cooperation.</p>"
                        for i in range(20))
    teasers = "".join(f"<li><a href='/n/{i}'>Teaser {i} about another story entirely</a></li>" for i in range(50_000))
    html = (f"<html><head><title>Big Statement</title><script>{'var x = 1;' * 200_000}</script></head><body>"
            f"<h1>Big Statement</h1><div class='content'>{statement}</div><ul class='more'>{teasers}</ul></body></html>")
    assert len(html) > 5_000_000
    assert len(bound_html(html)) <= MAX_HTML_CHARS
    started = time.perf_counter()
    article = parse_article(html, "https://x.example/a.html")
    assert time.perf_counter() - started < 20
    assert article.title == "Big Statement"
    assert "Paragraph 19 of the statement" in article.text
    assert "Teaser" not in article.text


def test_works_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    assert extract_by_trafilatura("<p>x</p>") == ()
    expected, html = load(SITES / "expected/ministry/t20230818_11128704.json")
    check_text(parse_article(html, expected["url"]).text, expected)


def test_extractors_alone_return_paragraphs() -> None:
    expected, html = load(SITES / "expected/ministry/t20230906_11138888.json")
    density = extract_by_density(html)
    assert density[0].startswith("On September 6, 2023")
    assert not any("120 Entrepreneurs" in p for p in density)  # the related-news box was cut
    assert any(p.startswith("On September 6, 2023") for p in extract_by_trafilatura(html, expected["url"]))


def test_a_data_table_keeps_its_rows_and_a_layout_table_its_cells() -> None:
    row = "<tr><td>{}</td><td>{}</td><td>{}</td></tr>"
    data = "<table>" + row.format("Instrument", "Date", "Status") + row.format(
        "Memorandum of Understanding on Water Management", "10/03/2026", "Under implementation") + "</table>"
    layout = ("<table><tr><td><p>The ministers reviewed the partnership and agreed on next steps.</p></td>"
              "<td>Share this page</td></tr></table>")
    html = (f"<html><body><article><h1>Fact sheet: the partnership in review</h1><p>This fact sheet sums up what "
            f"the two ministries signed and held during the year under review.</p>{data}{layout}</article></body></html>")
    paragraphs = parse_article(html, "https://x.example/a").text.split("\n\n")
    assert "Instrument | Date | Status" in paragraphs
    assert "Memorandum of Understanding on Water Management | 10/03/2026 | Under implementation" in paragraphs
    assert "The ministers reviewed the partnership and agreed on next steps." in paragraphs
