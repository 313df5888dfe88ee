"""A synthetic official site of N statements with a paged listing (tests and benchmarks)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

COUNTRIES = ["Indonesia", "Malaysia", "Viet Nam", "Thailand", "the Philippines", "Singapore", "Cambodia", "Laos",
             "Brunei", "Myanmar", "Japan", "the Republic of Korea", "Australia", "New Zealand", "India"]
MINISTERS = ["Retno Marsudi", "Vivian Balakrishnan", "Bui Thanh Son", "Don Pramudwinai", "Enrique Manalo",
             "Saifuddin Abdullah", "Prak Sokhonn", "Saleumxay Kommasith", "Penny Wong", "Nanaia Mahuta"]
TOPICS = ["digital economy", "green development", "maritime cooperation", "public health", "vocational education",
          "agricultural trade", "clean energy", "tourism", "disaster management", "customs facilitation"]
FILLER = [
    "Both sides exchanged in-depth views on bilateral relations and regional issues of common concern.",
    "The two countries agreed to deepen practical cooperation and people-to-people exchanges.",
    "He stressed that mutual respect and win-win cooperation are the foundation of the relationship.",
    "The minister said the partnership has withstood the test of a changing international landscape.",
    "They also discussed ways to strengthen coordination in multilateral fora and regional mechanisms.",
    "The two sides spoke highly of the progress made in implementing the consensus of their leaders.",
]


@dataclass(frozen=True)
class SyntheticStatement:
    number: int
    published: date
    path: str
    title: str
    html: str


def statement_text(number: int, words: int = 600) -> tuple[str, list[str]]:
    """A deterministic statement of about `words` words with agreements, meetings and figures."""
    rng = random.Random(number)
    country, minister, topic = rng.choice(COUNTRIES), rng.choice(MINISTERS), rng.choice(TOPICS)
    title = f"Foreign Minister Holds Talks with {minister} of {country} on {topic.title()} ({number})"
    paragraphs = [
        f"On {rng.randint(1, 28)} March, the Foreign Minister held talks with {minister}, Minister for "
        f"Foreign Affairs of {country}, in the capital.",
        f"The two sides signed a Memorandum of Understanding on Cooperation in {topic.title()} number {number}, "
        f"and agreed to launch negotiations on a new framework agreement.",
        f"Bilateral trade reached {rng.randint(10, 900)}.{rng.randint(1, 9)} billion US dollars last year, "
        f"up {rng.randint(2, 30)} percent year-on-year, and {rng.randint(2, 90)} projects are under way.",
    ]
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(" ".join(rng.choice(FILLER) for _ in range(4)))
    return title, paragraphs


def statement_page(number: int, published: date, nav: str) -> tuple[str, str]:
    title, paragraphs = statement_text(number)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='article:published_time' content='{published.isoformat()}'></head><body>{nav}"
            f"<div class='article'><h1>{escape(title)}</h1><p class='date'>{published.isoformat()}</p>"
            f"{body}</div><div class='footer'>Copyright Ministry of Foreign Affairs</div></body></html>")
    return title, html


NAV = ("<div class='nav'><a href='/'>Home</a> <a href='/news/'>News</a> <a href='/about/'>About the Ministry</a> "
       "<a href='/zh/'>中文</a> <a href='/contact/'>Contact</a></div>")


def build_site(count: int, *, per_page: int = 20, start: date = date(2020, 1, 1)) -> dict[str, str]:
    """Paths → HTML: /news/index.html, /news/index_1.html … and the statements (newest first)."""
    pages: dict[str, str] = {}
    statements = []
    for number in range(count):
        published = start + timedelta(days=number // 2)
        path = f"/news/{published:%Y%m}/t{published:%Y%m%d}_{number:05d}.html"
        title, html = statement_page(number, published, NAV)
        pages[path] = html
        statements.append(SyntheticStatement(number, published, path, title, html))
    statements.reverse()
    chunks = [statements[i:i + per_page] for i in range(0, len(statements), per_page)]
    for index, chunk in enumerate(chunks):
        name = "index.html" if index == 0 else f"index_{index}.html"
        items = "\n".join(f"<li><a href='{s.path}'>{escape(s.title)}</a> <span>{s.published.isoformat()}</span></li>"
                          for s in chunk)
        pager = f"<a class='next' href='/news/index_{index + 1}.html'>Next</a>" if index + 1 < len(chunks) else ""
        pages[f"/news/{name}"] = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>News</title></head>"
                                  f"<body>{NAV}<ul class='list'>{items}</ul>{pager}</body></html>")
    pages["/news/"] = pages["/news/index.html"]
    return pages
