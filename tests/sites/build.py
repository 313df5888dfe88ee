"""Build the three fixture sites and their expected JSON from tests/sites/statements.py.

    python tests/sites/build.py [--corpus ../shared/corpus]

The generated pages are committed; rerun this after changing a template or a statement.
Each site mirrors a kind of official site we watch:

- embassy:  an old table-layout embassy site (id.china-embassy.gov.cn), GB2312-declared
            but GBK-encoded, "Home > Flash News" breadcrumbs, "Suggest to a friend".
- ministry: a modern ministry site (www.fmprc.gov.cn/eng): dated folders, createPageHTML
            pager, RSS feed, language switcher, a "Related news" box with its own figures.
- portal:   a news portal (english.news.cn, thejakartapost.com): cookie banner, share bar,
            captions, "Most read"/"Recommended" rails full of other stories' figures and
            names, Atom feed and sitemaps.
Hosts end in .example: the sites are modelled on real ones, the statements are not theirs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.sites.statements import (  # noqa: E402
    EMBASSY,
    MINISTRY,
    PORTAL,
    Statement,
    corpus_statements,
    corpus_teasers,
)

# --- embassy ---------------------------------------------------------------------------------

EMBASSY_ROOT = "http://id.china-embassy.example"
EMBASSY_NAME = "Embassy of the People's Republic of China in the Republic of Indonesia"
EMBASSY_MENU = ("Home", "Embassy Information", "Sino-Indonesian relations", "Consular & Visa Services",
                "Culture, Education & Science Technology", "Economic & Trade Information",
                "Press Release and Media Coverage", "Features")
EMBASSY_CHROME = ("Home > Flash News", "Suggest to a friend", "Consular & Visa Services",
                  "Jl. Mega Kuningan No. 2", "Copyright ©", "Visa application centre", "(From Chinese Embassy)")


def embassy_article(s: Statement, related: tuple[tuple[str, str], ...] = ()) -> str:
    if "br" in s.options:
        body = "".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(p)}<br><br>\n" for p in s.paragraphs)
    else:
        body = "".join(f'<p style="text-indent:2em">{escape(p)}</p>\n' for p in s.paragraphs)
    if s.subtitle:
        body = f'<p align="right"><font size="3">{escape(s.subtitle)}</font></p>\n' + body
    body = _inline_captions(s) + body + _table(s.table)
    when = "" if "undated" in s.options or s.published is None else s.published.strftime("%Y/%m/%d")
    return _embassy_page(s.title, f"""
<table width="100%" border="0" cellspacing="0" cellpadding="0">
 <tr><td class="dh" height="30">&nbsp;<a href="../../eng/">Home</a> &gt; <a href="./">Flash News</a></td></tr>
</table>
<table width="96%" border="0" align="center" cellpadding="0" cellspacing="0">
 <tr><td id="News_Body_Title" align="center" class="title"><b>{escape(s.title)}</b></td></tr>
 <tr><td id="News_Body_Time" align="center" class="time">{"(From Chinese Embassy) " + when if when else ""}</td></tr>
 <tr><td height="10"></td></tr>
 <tr><td id="News_Body_Txt_A" class="content"><div id="Zoom">
{body}</div></td></tr>
 <tr><td align="right" class="tools"><a href="javascript:sendToFriend()">Suggest to a friend</a>&nbsp;&nbsp;
  <a href="javascript:window.print()">Print</a></td></tr>
</table>""")


def embassy_listing(items: list[tuple[str, str, date]], page: int, pages: int) -> str:
    rows = "".join(
        f'<li><a href="{escape(path)}" target="_blank">{escape(title)}</a> ({day.isoformat()})</li>\n'
        for title, path, day in items
    )
    pager = [f"Total {pages} pages &nbsp;"]
    for number in range(pages):
        name = "index.htm" if number == 0 else f"index_{number}.htm"
        pager.append(str(number + 1) if number == page else f'<a href="{name}">{number + 1}</a>')
    if page + 1 < pages:
        pager.append(f'&nbsp;<a href="index_{page + 1}.htm">Next page</a>')
        pager.append(f'<a href="index_{pages - 1}.htm">Last page</a>')
    return _embassy_page("Flash News", f"""
<table width="100%" border="0"><tr><td class="dh">&nbsp;<a href="../../eng/">Home</a> &gt; Flash News</td></tr></table>
<table width="96%" align="center"><tr><td class="newslist"><ul>
{rows}</ul></td></tr>
<tr><td align="center" class="pager">{" ".join(pager)}</td></tr></table>""")


def _embassy_page(title: str, main: str) -> str:
    menu = " | ".join(f'<a href="../../eng/{i}/">{escape(item)}</a>' for i, item in enumerate(EMBASSY_MENU))
    left = "".join(f'<tr><td class="leftmenu"><a href="../{code}/">{name}</a></td></tr>' for code, name in (
        ("zgyw", "Flash News"), ("sgxx", "Embassy Information"), ("lsfw", "Consular &amp; Visa Services"),
        ("jmhz", "Economic &amp; Trade Information"), ("whjl", "Culture, Education &amp; Science Technology")))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title)}</title>
<link href="../../images/css.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="../../images/common.js"></script>
</head>
<body leftmargin="0" topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
 <tr><td><img src="../../images/banner_eng.jpg" width="980" height="120" alt="{escape(EMBASSY_NAME)}"></td></tr>
 <tr><td class="topnav" height="28">{menu} | <a href="../../chn/">中文</a> | <a href="../../ina/">Bahasa Indonesia</a></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
 <tr>
  <td width="200" valign="top" class="leftbg">
   <table width="100%"><tr><td class="lefttitle">Press Release and Media Coverage</td></tr>{left}
    <tr><td class="leftmenu"><a href="../lsfw/t20200101_1.htm">Visa application centre opening hours</a></td></tr>
   </table>
  </td>
  <td width="600" valign="top">{main}
  </td>
  <td width="180" valign="top" class="rightbg">
   <table width="100%"><tr><td class="righttitle">Links</td></tr>
    <tr><td><a href="https://www.fmprc.gov.cn/eng/">Ministry of Foreign Affairs of the PRC</a></td></tr>
    <tr><td><a href="https://www.kemlu.go.id/">Ministry of Foreign Affairs of Indonesia</a></td></tr>
   </table>
  </td>
 </tr>
</table>
<table width="980" align="center" class="bottom"><tr><td align="center">
Copyright © {escape(EMBASSY_NAME)}. All rights reserved.<br>
Address: Jl. Mega Kuningan No. 2, Jakarta Selatan 12950 &nbsp; Tel: 021-5761039</td></tr></table>
</body>
</html>
"""


# --- ministry --------------------------------------------------------------------------------

MINISTRY_ROOT = "https://www.mfa.example"
MINISTRY_RELATED = (
    ("Foreign Minister Han Jing Meets with a Delegation of 120 Entrepreneurs from Laos",
     "/eng/xw/zyxw/202306/t20230628_11105001.html"),
    ("China and Laos Sign 12 Agreements Worth 1.8 Billion US Dollars",
     "/eng/xw/zyxw/202306/t20230615_11101234.html"),
    ("Vice Foreign Minister Tang Rui Holds Consultations with Counterpart Maria Santos of the Philippines",
     "/eng/xw/zyxw/202306/t20230602_11098765.html"),
)
MINISTRY_CHROME = ("Minister's Activities", "Français", "Русский", "【Print】", "【Close】", "Font size",
                   "Copyright ©", "Contact us", "120 Entrepreneurs", "1.8 Billion US Dollars", "Maria Santos")


def ministry_article(s: Statement, related: tuple[tuple[str, str], ...] = MINISTRY_RELATED) -> str:
    if "list" in s.options:
        intro, items = s.paragraphs[:2], s.paragraphs[2:]
        body = "".join(f"<p>{escape(p)}</p>\n" for p in intro)
        body += "<ul>\n" + "".join(f"<li>{escape(p)}</li>\n" for p in items) + "</ul>\n"
    else:
        body = "".join(f"<p>{escape(p)}</p>\n" for p in s.paragraphs)
    body = _inline_captions(s) + body + _table(s.table)
    when = f"{s.published.isoformat()} 18:00" if s.published else ""
    head = f'<meta name="PubDate" content="{when}">\n' if "pubdate-meta" in s.options and when else ""
    if "canonical-elsewhere" in s.options:
        head += f'<link rel="canonical" href="https://www.fmprc.example{escape(s.path)}">\n'
    if "rss-query" in s.options:
        head += f'<link rel="canonical" href="{MINISTRY_ROOT}{escape(s.path)}">\n'
    items = "".join(
        f'<li><a href="{escape(path)}">{escape(title)}</a></li>\n' for title, path in related
    )
    return _ministry_page(s.title, head, f"""
<div class="crumbs"><a href="/eng/">Home</a> &gt; <a href="/eng/xw/">News</a> &gt;
 <a href="/eng/xw/zyxw/">Minister's Activities</a></div>
<div class="news-details">
 <h1 class="news-title">{escape(s.title)}</h1>
 <p class="news-time">{when}</p>
 <div class="news-font">Font size: <a href="javascript:doZoom(18)">A+</a> <a href="javascript:doZoom(16)">A</a>
  <a href="javascript:doZoom(14)">A-</a></div>
 <div id="News_Body_Txt_A" class="news-main-content"><div class="trs_editor_view">
{body}</div></div>
 <div class="news-tools"><a href="javascript:window.print()">【Print】</a> <a href="javascript:window.close()">【Close】</a></div>
</div>
<div class="xgxw"><div class="xgxw-title">Related news</div><ul>
{items}</ul></div>""")


def ministry_listing(items: list[tuple[str, str, date]], page: int, pages: int) -> str:
    lists = []
    for start in range(0, len(items), 5):
        lis = "".join(
            f'<li><a href="{escape(path)}">{escape(title)}</a><span>({day.isoformat()})</span></li>\n'
            for title, path, day in items[start : start + 5]
        )
        lists.append(f'<ul class="list1">\n{lis}</ul>')
    side = "".join(
        f'<li><a href="/eng/xw/fyrbt/lxjzh/202309/t2023090{d}_1114000{d}.html">Foreign Ministry Spokesperson'
        f"'s Regular Press Conference on September {d}, 2023</a></li>" for d in (4, 5, 6)
    )
    return _ministry_page("Minister's Activities", "", f"""
<div class="crumbs"><a href="/eng/">Home</a> &gt; <a href="/eng/xw/">News</a> &gt; Minister's Activities</div>
<div class="newsBd">
{'<div class="line"></div>'.join(lists)}
<div id="pages" class="pages"><script type="text/javascript">
var countPage = {pages};
createPageHTML(countPage, {page}, "index", "html");
</script></div>
</div>
<div class="rebox"><h3>Spokesperson's Remarks</h3><ul>{side}</ul></div>""")


def ministry_rss(items: list[tuple[str, str, date]]) -> str:
    entries = []
    for number, (title, path, day) in enumerate(items):
        when = day.strftime("%a, %d %b %Y 18:00:00 +0800")
        shown = f"<![CDATA[{escape(title)}]]>" if number % 2 == 0 else escape(title).replace("'", "&rsquo;")
        entries.append(f"""  <item>
   <title>{shown}</title>
   <link>{MINISTRY_ROOT}{escape(path)}</link>
   <description><![CDATA[<p>{escape(title)}&nbsp;&hellip;</p>]]></description>
   <pubDate>{when}</pubDate>
   <guid isPermaLink="false">mfa-{number}</guid>
  </item>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <title>Minister&rsquo;s Activities &amp; News</title>
  <link>{MINISTRY_ROOT}/eng/xw/zyxw/</link>
  <atom:link href="{MINISTRY_ROOT}/eng/rss/zyxw.xml" rel="self" type="application/rss+xml"/>
  <description>News of the Ministry of Foreign Affairs</description>
{chr(10).join(entries)}
 </channel>
</rss>
"""


def _ministry_page(title: str, head: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}_Ministry of Foreign Affairs</title>
<meta name="ArticleTitle" content="{escape(title)}">
<link rel="alternate" type="application/rss+xml" title="Minister's Activities" href="/eng/rss/zyxw.xml">
{head}<link rel="stylesheet" href="/eng/images/2023/css/common.css">
<script src="/eng/images/2023/js/jquery.min.js"></script>
</head>
<body>
<div class="header">
 <div class="logo"><a href="/eng/"><img src="/eng/images/2023/logo.png" alt="Ministry of Foreign Affairs"></a></div>
 <div class="language"><a href="/chn/">中文</a> <a href="/fra/">Français</a> <a href="/rus/">Русский</a>
  <a href="/esp/">Español</a> <a href="/ara/">عربي</a></div>
 <form class="search" action="/eng/search/"><input name="q"><button>Search</button></form>
 <ul class="menu">
  <li><a href="/eng/">Home</a></li><li><a href="/eng/wjb/">The Ministry</a></li>
  <li><a href="/eng/xw/">News</a></li><li><a href="/eng/xw/zyxw/">Minister's Activities</a></li>
  <li><a href="/eng/xw/fyrbt/">Spokesperson's Remarks</a></li><li><a href="/eng/zy/">Resources</a></li>
 </ul>
</div>
<div class="container">{main}
</div>
<div class="footer">
 <p><a href="/eng/contact/">Contact us</a> | <a href="/eng/sitemap/">Site map</a></p>
 <p>Copyright © Ministry of Foreign Affairs. All rights reserved.</p>
</div>
</body>
</html>
"""


# --- portal ----------------------------------------------------------------------------------

PORTAL_ROOT = "https://english.apdaily.example"
PORTAL_NAME = "Asia Pacific Daily"
PORTAL_MOST_READ = (
    ("Indonesia seals $3 billion nickel smelter deal with Chinese investors",
     "/business/2024/04/15/indonesia-seals-3-billion-nickel-smelter-deal.html",
     "The agreement, signed in Jakarta on Monday, covers two smelters in Central Sulawesi and 4,000 jobs."),
    ("Philippine President Ramon Aquino Cruz to visit Tokyo next month",
     "/world/2024/04/14/philippine-president-to-visit-tokyo-next-month.html",
     "Cruz is expected to sign a reciprocal access agreement during the three-day visit."),
)
PORTAL_RECOMMENDED = (
    ("Bali welcomes 50,000 tourists during Nyepi week",
     "/travel/2024/04/13/bali-welcomes-50000-tourists-during-nyepi-week.html"),
    ("Thai baht hits a six-month high on export data", "/business/2024/04/12/thai-baht-hits-six-month-high.html"),
)
PORTAL_CHROME = ("$3 billion", "4,000 jobs", "Ramon Aquino Cruz", "50,000 tourists", "Thai baht",
                 "We use cookies", "Friday, May 10, 2024", "Sign in", "Copy link", "All rights reserved",
                 "Leave a Reply", "No comments yet", "Most read", "Recommended")


def portal_article(s: Statement, teasers: tuple[tuple[str, str], ...] = ()) -> str:
    when = f"{s.published.isoformat()}T18:05:00+08:00" if s.published else ""
    head = f'<link rel="canonical" href="{PORTAL_ROOT}{escape(s.path)}">\n'
    if when and not ({"json-ld-only", "time-only"} & s.options):
        head += f'<meta property="article:published_time" content="{when}">\n'
    if when and "json-ld-only" in s.options:
        head += ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                 f'"headline": {json.dumps(s.title)}, "datePublished": "{when}"}}</script>\n')
    shown = ""
    if s.published and "release-time" in s.options:
        shown = f'<p class="info">Release time:{s.published.strftime("%b %d, %Y")} 18:05 PM</p>'
    elif s.published and "json-ld-only" not in s.options:
        shown = f'<time datetime="{when}">{s.published.strftime("%B %d, %Y")}</time>'
    figures = "".join(
        f'<figure class="story-image"><img src="/img/{s.name}-{i}.jpg" alt="">'
        f"<figcaption>{escape(text)} <span class=\"credit\">{escape(credit)}</span></figcaption></figure>\n"
        for i, (text, credit) in enumerate(s.captions)
    )
    paragraphs = [f"<p>{escape(p)}</p>" for p in s.paragraphs]
    title, path = PORTAL_RECOMMENDED[1]
    paragraphs.insert(min(2, len(paragraphs)), f'<p class="read-also"><strong>Read also:</strong> '
                                               f'<a href="{path}">{escape(title)}</a></p>')
    after = ""
    if teasers:
        after = '<div class="box-list"><div class="box-title">You may also like</div>' + "".join(
            f'<div class="item"><h4><a href="/china/2024/04/{20 + i}/story-{i}.html">{escape(h)}</a></h4>'
            f'<p><a href="/china/2024/04/{20 + i}/story-{i}.html">{escape(h)}</a></p><p>{escape(text)}</p></div>'
            for i, (h, text) in enumerate(teasers)
        ) + "</div>"
    comments = ""
    if "comments" in s.options:
        comments = ('<section class="comments"><h3>Comments</h3><p>No comments yet. Why don’t you start the '
                    'discussion?</p><h3>Leave a Reply</h3><p>Your email address will not be published. '
                    "Required fields are marked *</p></section>")
    return _portal_page(s.title, head, f"""
<article class="story">
 <header class="story-header"><a class="kicker" href="/{s.path.split("/")[1]}/">{s.path.split("/")[1].title()}</a>
  <h1>{escape(s.title)}</h1>
  <div class="byline">By Staff Reporter {shown}</div>
 </header>
 <div class="share-bar"><a href="https://www.facebook.com/sharer/sharer.php?u={PORTAL_ROOT}{s.path}">Facebook</a>
  <a href="https://twitter.com/intent/tweet?url={PORTAL_ROOT}{s.path}">X</a> <a href="#copy">Copy link</a></div>
 {figures}<div class="story-body">
{chr(10).join(paragraphs)}
 </div>{after}
 <div class="story-tags"><a href="/tag/asean/">ASEAN</a> <a href="/tag/diplomacy/">Diplomacy</a></div>
 {comments}
</article>""")


def portal_listing(items: list[tuple[str, str, date]], page: int, pages: int) -> str:
    cards = [
        f'<article class="card"><a href="{escape(path)}"><img src="/img/thumb-{n}.jpg" alt=""></a>'
        f'<h3><a href="{escape(path)}">{escape(title)}</a></h3>'
        f'<time datetime="{day.isoformat()}">{day.strftime("%b %d, %Y")}</time></article>'
        for n, (title, path, day) in enumerate(items)
    ]
    if page == 1:  # the newest story is featured above the list
        featured = f'<div class="featured">{cards.pop(0).replace("<h3>", "<h2>").replace("</h3>", "</h2>")}</div>'
    else:
        featured = ""
    pager = [f'<a href="?page={page}">« Previous</a>' if page > 1 else ""]
    pager += [f'<span class="current">{n}</span>' if n == page else f'<a href="?page={n}">{n}</a>'
              for n in range(1, pages + 1)]
    pager.append(f'<a href="?page={page + 1}" rel="next">Next »</a>' if page < pages else "")
    main = "\n".join(cards)
    return _portal_page("World", "", f"""
<h1 class="section-title">World</h1>
{featured}
<div class="story-list">
{main}
</div>
<nav class="pagination">{" ".join(pager)}</nav>""")


def portal_atom(items: list[tuple[str, str, date]]) -> str:
    entries = "".join(f"""
 <entry>
  <title type="html">{escape(escape(title))}</title>
  <link rel="alternate" type="text/html" href="{PORTAL_ROOT}{escape(path)}"/>
  <id>tag:apdaily.example,{day.isoformat()}:{escape(path)}</id>
  <published>{day.isoformat()}T18:05:00+08:00</published>
  <updated>{day.isoformat()}T20:00:00+08:00</updated>
 </entry>""" for title, path, day in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>{PORTAL_NAME} — World</title>
 <link rel="self" href="{PORTAL_ROOT}/feeds/world.atom"/>
 <link rel="next" href="{PORTAL_ROOT}/feeds/world.atom?page=2"/>
 <id>tag:apdaily.example,2024:world</id>
 <updated>2024-04-16T20:00:00+08:00</updated>{entries}
</feed>
"""


def portal_sitemaps(items: list[tuple[str, str, date]], undated: list[str]) -> dict[str, str]:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    index = (head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             f" <sitemap><loc>{PORTAL_ROOT}/sitemap-news.xml</loc></sitemap>\n"
             f" <sitemap><loc>{PORTAL_ROOT}/sitemap-2024-04.xml</loc><lastmod>2024-04-16</lastmod></sitemap>\n"
             "</sitemapindex>\n")
    news = "".join(f"""
 <url><loc>{PORTAL_ROOT}{escape(path)}</loc>
  <news:news><news:publication><news:name>{PORTAL_NAME}</news:name><news:language>en</news:language></news:publication>
   <news:publication_date>{day.isoformat()}T18:05:00+08:00</news:publication_date>
   <news:title>{escape(title)}</news:title></news:news>
  <image:image><image:loc>{PORTAL_ROOT}/img/{n}.jpg</image:loc></image:image>
 </url>""" for n, (title, path, day) in enumerate(items[:3]))
    monthly = "".join(f"\n <url><loc>{PORTAL_ROOT}{escape(path)}</loc><lastmod>{day.isoformat()}</lastmod></url>"
                      for _, path, day in items)
    monthly += "".join(f"\n <url><loc>{PORTAL_ROOT}{escape(path)}</loc></url>" for path in undated)
    return {
        "sitemap.xml": index,
        "sitemap-news.xml": head + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
        f'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">{news}\n</urlset>\n',
        "sitemap-2024-04.xml": head + f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{monthly}\n'
        "</urlset>\n",
    }


def _portal_page(title: str, head: str, main: str) -> str:
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in
                  ("World", "Business", "Opinion", "Travel", "China", "Indonesia"))
    most = "".join(f'<li><a href="{path}">{escape(t)}</a><p>{escape(summary)}</p></li>'
                   for t, path, summary in PORTAL_MOST_READ)
    recommended = "".join(f'<li><a href="{path}">{escape(t)}</a></li>' for t, path in PORTAL_RECOMMENDED)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} - {PORTAL_NAME}</title>
<meta property="og:site_name" content="{PORTAL_NAME}">
<meta property="og:title" content="{escape(title)}">
<link rel="alternate" type="application/atom+xml" title="World" href="/feeds/world.atom">
{head}<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to give you the best experience on our
 website. By continuing to browse you agree to our use of cookies.</p><button>Accept</button></div>
<header class="site-header">
 <div class="topbar"><span class="today">Friday, May 10, 2024</span> <a href="/subscribe/">Subscribe</a>
  <a href="/login/">Sign in</a></div>
 <a class="brand" href="/"><img src="/static/logo.svg" alt="{PORTAL_NAME}"></a>
 <nav class="main-nav"><ul>{nav}</ul></nav>
</header>
<main class="layout">
<div class="main-column">{main}
</div>
<aside class="rail">
 <section class="box most-read"><h2>Most read</h2><ol>{most}</ol></section>
 <section class="box"><h2>Recommended</h2><ul>{recommended}</ul></section>
</aside>
</main>
<footer class="site-footer"><p><a href="/about/">About us</a> · <a href="/privacy/">Privacy policy</a></p>
 <p>© 2024 {PORTAL_NAME}. All rights reserved.</p></footer>
</body>
</html>
"""


def _inline_captions(s: Statement) -> str:
    """Photos as CMS editors place them: an image paragraph, then a centred caption with its credit."""
    return "".join(
        f'<p align="center"><img src="/img/{s.name}-{i}.jpg" border="0"></p>\n'
        f'<p align="center" class="pic-desc">{escape(text)} {escape(credit)}</p>\n'
        for i, (text, credit) in enumerate(s.captions)
    )


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:
        return ""
    cells = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
    return f'<table border="1" cellpadding="4" align="center">\n{cells}</table>\n'


# --- the sites -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    name: str
    root: str
    encoding: str  # how the files are written (the embassy declares gb2312, writes GBK)
    article: Callable[..., str]
    chrome: tuple[str, ...]  # must never appear in any statement's text
    selectors: dict[str, str]


SITES = {
    "embassy": Site("embassy", EMBASSY_ROOT, "gb18030", embassy_article, EMBASSY_CHROME, {
        "title": "#News_Body_Title", "date": "#News_Body_Time", "body": "#News_Body_Txt_A",
        "links": "td.newslist li > a", "next": "td.pager a"}),
    "ministry": Site("ministry", MINISTRY_ROOT, "utf-8", ministry_article, MINISTRY_CHROME, {
        "title": "h1.news-title", "date": "p.news-time", "body": "#News_Body_Txt_A", "links": "ul.list1 li > a"}),
    "portal": Site("portal", PORTAL_ROOT, "utf-8", portal_article, PORTAL_CHROME, {
        "title": "article.story h1", "date": "article.story time", "body": "figure.story-image, div.story-body",
        "links": "div.featured a, div.story-list h3 a", "next": "nav.pagination a[rel=next]"}),
}

# Listing items beyond the statements we have pages for: (title, path, date).
EXTRA_ITEMS: dict[str, list[tuple[str, str, date]]] = {
    "embassy": [
        (f"Ambassador Attends {topic}", f"/eng/zgyw/t{day:%Y%m%d}_98{n:05d}.htm", day)
        for n, (topic, day) in enumerate((
            ("the Opening of the China-Indonesia Vocational Education Forum", date(2021, 4, 2)),
            ("a Seminar on the Digital Silk Road in Bandung", date(2021, 3, 30)),
            ("the Handover of Scholarships to Indonesian Students", date(2021, 3, 15)),
            ("the Inauguration of a Chinese-Funded Dam in Aceh", date(2021, 3, 9)),
            ("a Tree-Planting Event in Bogor", date(2021, 2, 26)),
            ("the Spring Festival Gala of the Chinese Community in Medan", date(2021, 2, 12)),
            ("a Video Conference with Chinese Students in Indonesia", date(2021, 2, 3)),
            ("the Launch of a Chinese Language Centre in Makassar", date(2021, 1, 28)),
            ("a Briefing for Chinese Enterprises on Pandemic Prevention", date(2021, 1, 21)),
            ("the Signing Ceremony of a Cooperation Agreement in Surabaya", date(2021, 1, 8)),
            ("the Closing Ceremony of a Training Course for Indonesian Officials", date(2021, 1, 6)),
            ("a New Year Reception for Indonesian Friends", date(2021, 1, 4)),
            ("the Handover of Test Kits to the Indonesian Ministry of Health", date(2020, 12, 30)),
            ("a Seminar on Belt and Road Cooperation in Yogyakarta", date(2020, 12, 22)),
        ), start=1)
    ] + [
        # listed under Flash News, published in the consular section: a different URL family
        ("Consular Notice on Visa Applications During the Spring Festival Holidays",
         "/eng/lsfw/t20210205_9866300.htm", date(2021, 2, 5)),
    ],
    "ministry": [
        (f"Foreign Minister Han Jing {topic}", f"/eng/xw/zyxw/{day:%Y%m}/t{day:%Y%m%d}_111{n:05d}.html", day)
        for n, (topic, day) in enumerate((
            ("Meets with Vietnamese Deputy Prime Minister", date(2023, 9, 5)),
            ("Attends the ASEAN Plus Three Foreign Ministers' Meeting", date(2023, 9, 4)),
            ("Meets with Secretary-General of ASEAN", date(2023, 9, 1)),
            ("Holds Talks with Lao Foreign Minister", date(2023, 8, 30)),
            ("Meets with Brunei's Second Minister of Foreign Affairs", date(2023, 8, 25)),
            ("Speaks with Singaporean Foreign Minister on the Phone", date(2023, 8, 22)),
            ("Meets with Myanmar's Foreign Minister", date(2023, 8, 15)),
            ("Attends the Lancang-Mekong Cooperation Foreign Ministers' Meeting", date(2023, 8, 10)),
            ("Meets with Philippine Secretary of Foreign Affairs", date(2023, 8, 7)),
            ("Holds Talks with Timor-Leste's Foreign Minister", date(2023, 7, 31)),
            ("Meets with Thai Deputy Prime Minister", date(2023, 7, 27)),
            ("Addresses the China-ASEAN Think Tank Forum", date(2023, 7, 25)),
            ("Meets with the Indonesian Ambassador to China", date(2023, 7, 18)),
            ("Meets with a Delegation of the Malaysian Parliament", date(2023, 7, 14)),
            ("Holds Talks with the Foreign Minister of Papua New Guinea", date(2023, 7, 6)),
            ("Meets with the Executive Secretary of ESCAP", date(2023, 7, 4)),
            ("Attends a Seminar on Global Development", date(2023, 6, 30)),
            ("Meets with the Foreign Minister of Fiji", date(2023, 6, 27)),
            ("Holds Talks with the Foreign Minister of Nepal", date(2023, 6, 21)),
        ), start=1)
    ],
    "portal": [
        (title, f"/world/{day:%Y/%m/%d}/{title.lower().replace(' ', '-').replace(',', '')}.html", day)
        for title, day in (
            ("ASEAN finance ministers meet in Luang Prabang ahead of summit", date(2024, 4, 16)),
            ("Thailand and Cambodia reopen a border checkpoint after four years", date(2024, 4, 14)),
            ("Philippines and Viet Nam sign rice supply pact for five years", date(2024, 4, 13)),
            ("Singapore to host regional cyber security drill in June", date(2024, 4, 11)),
            ("Japan pledges support for Mekong flood forecasting network", date(2024, 4, 9)),
            ("Brunei and China open a direct flight between Bandar Seri Begawan and Xiamen", date(2024, 4, 8)),
            ("Laos railway carries a record number of passengers in March", date(2024, 4, 5)),
            ("Australia and Indonesia agree on a new defence cooperation framework", date(2024, 4, 3)),
            ("Myanmar envoy briefs ASEAN on humanitarian access plan", date(2024, 4, 2)),
            ("South Korea and Malaysia begin talks on free trade agreement", date(2024, 3, 28)),
            ("Timor-Leste moves closer to full ASEAN membership", date(2024, 3, 26)),
            ("India and ASEAN review their maritime transport agreement", date(2024, 3, 22)),
        )
    ],
}
LISTING = {  # per site: items per page, file and URL of page n (0-based)
    "embassy": (8, lambda n: "eng/zgyw/index.htm" if n == 0 else f"eng/zgyw/index_{n}.htm",
                lambda n: f"{EMBASSY_ROOT}/eng/zgyw/" + ("index.htm" if n == 0 else f"index_{n}.htm")),
    "ministry": (10, lambda n: "eng/xw/zyxw/index.html" if n == 0 else f"eng/xw/zyxw/index_{n}.html",
                 lambda n: f"{MINISTRY_ROOT}/eng/xw/zyxw/" + ("index.html" if n == 0 else f"index_{n}.html")),
    "portal": (9, lambda n: "world/index.html" if n == 0 else f"world/page-{n + 1}.html",
               lambda n: f"{PORTAL_ROOT}/world/" + ("" if n == 0 else f"?page={n + 1}")),
}
RENDER_LISTING = {"embassy": embassy_listing, "ministry": ministry_listing, "portal": portal_listing}


def build_all(corpus: Path, out: Path = HERE) -> None:
    """Write every page, feed and sitemap, and the expected JSON next to them."""
    from_corpus = corpus_statements(corpus)
    teasers = corpus_teasers(corpus)
    by_site: dict[str, list[Statement]] = {"embassy": [*EMBASSY, from_corpus["seed-000"]],
                                           "ministry": list(MINISTRY),
                                           "portal": [*PORTAL, from_corpus["seed-003"], from_corpus["seed-001"]]}
    summary: dict[str, object] = {}
    for name, site in SITES.items():
        for statement in by_site[name]:
            extra = teasers if "teasers-after" in statement.options else ()
            html = site.article(statement, extra) if extra else site.article(statement)
            _write(out / name / statement.path.lstrip("/"), html, site.encoding)
            _write_json(out / "expected" / name / f"{statement.name}.json",
                        _expected_statement(site, statement, extra))
        items = _listing_items(name, by_site[name])
        summary[name] = {"root": site.root, "encoding": site.encoding, "selectors": site.selectors,
                         "listings": _write_listings(out, name, items)}
    ministry_items = _listing_items("ministry", by_site["ministry"])[:10]
    _write(out / "ministry/eng/rss/zyxw.xml", ministry_rss(ministry_items), "utf-8")
    portal_items = _listing_items("portal", by_site["portal"])
    _write(out / "portal/feeds/world.atom", portal_atom(portal_items[:10]), "utf-8")
    undated = [s.path for s in by_site["portal"] if s.published is None]
    for file, xml in portal_sitemaps(portal_items, undated).items():
        _write(out / "portal" / file, xml, "utf-8")
    summary["feeds"] = [
        {"file": "ministry/eng/rss/zyxw.xml", "url": f"{MINISTRY_ROOT}/eng/rss/zyxw.xml",
         "entries": [_entry("ministry", i) for i in ministry_items], "next_pages": []},
        {"file": "portal/feeds/world.atom", "url": f"{PORTAL_ROOT}/feeds/world.atom",
         "entries": [_entry("portal", i) for i in portal_items[:10]],
         "next_pages": [f"{PORTAL_ROOT}/feeds/world.atom?page=2"]},
    ]
    summary["sitemaps"] = [
        {"file": "portal/sitemap.xml", "url": f"{PORTAL_ROOT}/sitemap.xml", "entries": [],
         "children": [f"{PORTAL_ROOT}/sitemap-news.xml", f"{PORTAL_ROOT}/sitemap-2024-04.xml"]},
        {"file": "portal/sitemap-news.xml", "url": f"{PORTAL_ROOT}/sitemap-news.xml",
         "entries": [_entry("portal", i) for i in portal_items[:3]], "children": []},
        {"file": "portal/sitemap-2024-04.xml", "url": f"{PORTAL_ROOT}/sitemap-2024-04.xml",
         "entries": [{**_entry("portal", i), "title": None} for i in portal_items]
         + [{"url": PORTAL_ROOT + path, "title": None, "published": None} for path in undated],
         "children": []},
    ]
    _write_json(out / "expected" / "sites.json", summary)


def _listing_items(site: str, statements: list[Statement]) -> list[tuple[str, str, date]]:
    listed = [(s.title, s.path, s.published) for s in statements
              if s.published is not None and s.path.startswith(("/eng/zgyw/", "/eng/xw/zyxw/", "/world/"))]
    return sorted([*listed, *EXTRA_ITEMS[site]], key=lambda item: item[2], reverse=True)


def _write_listings(out: Path, site: str, items: list[tuple[str, str, date]]) -> list[dict[str, object]]:
    size, file_of, url_of = LISTING[site]
    pages = (len(items) + size - 1) // size
    written = []
    for page in range(pages):
        chunk = items[page * size : (page + 1) * size]
        shown = [(t, _relative(site, p), d) for t, p, d in chunk]
        number = page + 1 if site == "portal" else page
        _write(out / site / file_of(page), RENDER_LISTING[site](shown, number, pages), SITES[site].encoding)
        written.append({
            "file": f"{site}/{file_of(page)}", "url": url_of(page),
            "entries": [_entry(site, item) for item in chunk],
            "next_pages": [url_of(n) for n in range(page + 1, pages)],
            "feeds": {"embassy": [], "ministry": [f"{MINISTRY_ROOT}/eng/rss/zyxw.xml"],
                      "portal": [f"{PORTAL_ROOT}/feeds/world.atom"]}[site],
        })
    return written


def _relative(site: str, path: str) -> str:
    """Listing hrefs as the real sites write them: relative on the CMS sites, rooted on the portal."""
    if site == "embassy":
        return "./" + path.removeprefix("/eng/zgyw/") if path.startswith("/eng/zgyw/") else "../" + path[5:]
    if site == "ministry":
        return "./" + path.removeprefix("/eng/xw/zyxw/")
    return path


def _entry(site: str, item: tuple[str, str, date]) -> dict[str, object]:
    title, path, day = item
    return {"url": SITES[site].root + path, "title": title, "published": day.isoformat()}


def _expected_statement(site: Site, s: Statement, teasers: tuple[tuple[str, str], ...]) -> dict[str, object]:
    url = site.root + s.path + ("?from=rss" if "rss-query" in s.options else "")
    canonical = site.root + s.path
    must_not = [*site.chrome, *(credit for _, credit in s.captions if credit)]
    must_not += [word for _, text in teasers for word in _teaser_facts(text)]
    return {
        "file": f"{site.name}{s.path}", "url": url, "content_type": "text/html",
        "title": s.title, "published": s.published.isoformat() if s.published else None,
        "canonical": canonical,
        "must_contain": [_first_sentence(s.paragraphs[0]), _first_sentence(s.paragraphs[-1]), *s.must],
        "must_not_contain": must_not,
    }


def _teaser_facts(text: str) -> list[str]:
    """Names and figures from seed-003's teasers: the kind of thing that must never leak."""
    facts = ("Yu Zhou", "3300 seconds", "Chen Qiao'en", "26.55 billion yuan", "Five Eyes Alliance")
    return [fact for fact in facts if fact in text]


def _first_sentence(paragraph: str) -> str:
    for end in (". ", "? ", "! "):
        cut = paragraph.find(end, 40)
        if cut != -1:
            return paragraph[: cut + 1]
    return paragraph


def _write(path: Path, text: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parents[2] / "shared" / "corpus",
                        help="the shared corpus (seed-*.txt); default ../shared/corpus beside the repo")
    build_all(parser.parse_args().corpus)


if __name__ == "__main__":
    main()
