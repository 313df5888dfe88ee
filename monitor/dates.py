"""Find the day a statement was published: page metadata, visible date lines, URL, listing hint.

Never guesses. A date missing its day, a day/month order that could go either
way (03/05/2024) or a date outside [1990, today + 1 day] counts as no date, and
the next source is asked. The date is the one the page states, in the
publisher's own time zone: "2023-09-06T23:30:00+08:00" is 6 September.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

EARLIEST = date(1990, 1, 1)

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier enero januari",
        "february feb février fevrier febrero februari",
        "march mar mars marzo maret",
        "april apr avril abril",
        "may mai mayo mei",
        "june jun juin junio juni",
        "july jul juillet julio juli",
        "august aug août aout agosto agustus agt",
        "september sep sept septembre septiembre",
        "october oct octobre octubre oktober okt",
        "november nov noviembre nopember",
        "december dec décembre decembre diciembre desember des",
    ),
    start=1,
):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"

_TEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+{_YEAR}", re.IGNORECASE),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?{_YEAR}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\d)(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}"),
)

_URL_PATTERNS: tuple[re.Pattern[str], ...] = (
    # t20210323_10001234.html, /20240416/abc/c.html
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # /2021/03/23/, /2021-03/23/, /2021_03_23
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/_](?P<m>\d{1,2})[-/_](?P<d>\d{1,2})(?!\d)"),
    # /202103/23/ and /2021/0323/
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})/(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
)

_PUBLISHED_LABEL = (
    r"release\s*(?:time|date)|released(?:\s+on)?|published(?:\s+on)?|publication\s+date|posted(?:\s+on)?"
    r"|date|发布时间|发布日期|日期|时间|tanggal|diterbitkan"
)
_UPDATED_LABEL = r"(?:last\s+)?updated(?:\s+on)?|modified|更新时间"
_LABELLED = re.compile(
    rf"(?<![a-z])(?:(?P<pub>{_PUBLISHED_LABEL})|(?P<upd>{_UPDATED_LABEL}))\s*[:：]?\s*", re.IGNORECASE
)
_WEEKDAY_LEAD = re.compile(r"\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:gmt|utc|wib|cst)\b", re.IGNORECASE)

# Priority of <meta> keys (lower-cased name/property/itemprop) that state publication.
_META_KEYS: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "published_time", "published-date", "publication_date",
    "firstpublishedtime", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dc.date.created", "dcterms.created", "citation_publication_date", "sailthru.date",
    "parsely-pub-date", "originalpublicationdate", "date",
)
_META_RANK = {key: rank for rank, key in enumerate(_META_KEYS)}

# Site chrome a reader does not take for the statement's date ("Friday, May 10, 2024" in a header).
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "script", "style", "noscript", "template", "select"})
_TITLE_WINDOW = 12


def find_published(
    page: str | BeautifulSoup, url: str, *, hint: date | None = None, today: date | None = None
) -> date | None:
    """The publication date a page states, else its URL's, else ``hint``; None when unknown.

    Pass ``today`` to reject dates in the future. Dates in site chrome (nav, aside,
    footer, a site-wide header) are never taken, and an unlabelled date only when it
    stands on its own line just below the headline, where teaser lists do not sit.
    """
    soup = page if isinstance(page, BeautifulSoup) else BeautifulSoup(_as_markup(page), "lxml")
    sources: tuple[Callable[[], Iterator[date]], ...] = (
        lambda: _dates_in_metadata(soup),
        lambda: _dates_in_visible_text(soup),
        lambda: _dates_in_loose_time_tags(soup),
        lambda: iter(filter(None, [find_date_in_url(url), hint])),
    )
    for source in sources:
        for found in source():
            if is_plausible(found, today=today):
                return found
    return None


def is_plausible(day: date, *, today: date | None = None) -> bool:
    """Not before 1990 and, when today is known, not more than a day ahead of it."""
    return day >= EARLIEST and (today is None or day <= today + timedelta(days=1))


def find_date_in_text(text: str) -> date | None:
    """The first complete, unambiguous date written in a text."""
    found = [(match.start(), day) for match, day in _dates_with_matches(text)]
    return min(found, key=lambda item: item[0])[1] if found else None


def find_date_in_url(url: str) -> date | None:
    """A date spelled in a URL's path or query (t20210323_1.html, /2021-03/23/, /2021/03/23/)."""
    parts = urlsplit(url)
    where = f"{parts.path}?{parts.query}"
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(where):
            day = _make_date(match.group("y"), match.group("m"), match.group("d"))
            if day:
                return day
    return None


def is_date_line(text: str) -> bool:
    """A line that only states when (and perhaps where from) something was published."""
    if len(text) > 90:
        return False
    matches = list(_dates_with_matches(text))
    if not matches:
        return False
    rest = text
    for match, _ in matches:
        rest = rest.replace(match.group(0), " ")
    rest = _TIME_OF_DAY.sub(" ", _LABELLED.sub(" ", rest))
    return len(re.findall(r"[^\W\d_]+", rest)) <= 4


def _dates_with_matches(text: str) -> Iterator[tuple[re.Match[str], date]]:
    for pattern in _TEXT_PATTERNS:
        for match in pattern.finditer(text):
            day = _date_from_match(match)
            if day:
                yield match, day


def _date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("mon"):
        return _make_date(groups["y"], _MONTHS[groups["mon"].lower()], groups["d"])
    if groups.get("m"):
        return _make_date(groups["y"], groups["m"], groups["d"])
    first, second = int(groups["a"]), int(groups["b"])
    if groups["sep"] == "." or first > 12 >= second:
        return _make_date(groups["y"], second, first)  # 23.03.2021 and 23/03/2021
    if second > 12 >= first:
        return _make_date(groups["y"], first, second)  # 03/23/2021
    return _make_date(groups["y"], first, first) if first == second else None


def _make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _as_markup(text: str) -> str:
    # bs4 warns (an error under pytest) on XML declarations and on markup that looks like a path.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text, count=1)
    return text if "<" in text else f"<p>{text}</p>"


# --- page metadata --------------------------------------------------------------------------


def _dates_in_metadata(soup: BeautifulSoup) -> Iterator[date]:
    tags = [tag for tag in soup.find_all(True) if isinstance(tag, Tag)]  # one walk, for big pages
    yield from _dates_in_meta_tags(tag for tag in tags if tag.name == "meta")
    for script in (tag for tag in tags if tag.name == "script"):
        if _attribute(script, "type").lower() == "application/ld+json":
            yield from _dates_in_json_ld(script.string or "")
    for tag in tags:
        if _attribute(tag, "itemprop") == "datePublished":
            yield from _dates_in_values(_attribute(tag, "content"), _attribute(tag, "datetime"), tag.get_text())
    yield from _dates_in_time_tags(tag for tag in tags if tag.name == "time" and _time_rank(tag) < 2)


def _dates_in_meta_tags(metas: Iterable[Tag]) -> Iterator[date]:
    ranked: list[tuple[int, str]] = []
    for meta in metas:
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            rank = _META_RANK.get(_attribute(meta, key_attr).strip().lower())
            if rank is not None:
                ranked.append((rank, _attribute(meta, "content")))
    for _, content in sorted(ranked, key=lambda item: item[0]):
        yield from _dates_in_values(content)


def _dates_in_json_ld(text: str) -> Iterator[date]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    for value in _json_values(data, "datePublished", depth=0):
        yield from _dates_in_values(value)


def _json_values(data: Any, key: str, *, depth: int) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            yield data[key]
        children: Any = list(data.values())
    else:
        children = data if isinstance(data, list) else []
    for child in children:
        yield from _json_values(child, key, depth=depth + 1)


def _dates_in_loose_time_tags(soup: BeautifulSoup) -> Iterator[date]:
    """<time> outside any article: after the visible dateline, as it may be a teaser's."""
    yield from _dates_in_time_tags(tag for tag in soup.find_all("time") if isinstance(tag, Tag))


def _dates_in_time_tags(times: Iterable[Tag]) -> Iterator[date]:
    for tag in sorted((t for t in times if not _in_chrome(t)), key=_time_rank):
        yield from _dates_in_values(_attribute(tag, "datetime"), tag.get_text())


def _time_rank(tag: Tag) -> int:
    if tag.has_attr("pubdate") or "publish" in " ".join(tag.get_attribute_list("class")).lower():
        return 0
    return 1 if tag.find_parent(["article", "main"]) else 2


def _dates_in_values(*values: str) -> Iterator[date]:
    for value in values:
        day = find_date_in_text(value)
        if day:
            yield day


def _attribute(tag: Tag, name: str) -> str:
    value = tag.get(name)
    return value if isinstance(value, str) else ""


def _in_chrome(tag: Tag) -> bool:
    for node in (tag, *tag.parents):
        if node.name in _CHROME_TAGS:
            return True
        if node.name == "header" and not node.find_parent(["article", "main"]):
            return True
    return False


# --- visible text ---------------------------------------------------------------------------


def _dates_in_visible_text(soup: BeautifulSoup) -> Iterator[date]:
    lines = _visible_lines(soup)
    start = _title_line(soup, lines)
    # A labelled date may sit just above the headline; a bare one there is more likely a teaser's.
    yield from _labelled_dates("\n".join(lines[max(0, start - 2) : start + _TITLE_WINDOW]))
    for line in lines[start : start + _TITLE_WINDOW]:
        for part in line.split(" | "):  # "Press release | Hanoi, 8 April 2026 | HAN/PR/2026/09"
            if is_date_line(part):
                yield from _dates_in_values(part)
    yield from _labelled_dates("\n".join(lines))


def _visible_lines(soup: BeautifulSoup) -> list[str]:
    root = soup.body or soup
    lines: list[str] = []
    for string in root.find_all(string=True):
        if type(string) is not NavigableString or string.parent is None or _in_chrome(string.parent):
            continue
        lines.extend(line.strip() for line in str(string).splitlines() if line.strip())
    return lines


def _title_line(soup: BeautifulSoup, lines: list[str]) -> int:
    """Index of the line holding the headline: dates near it are the statement's own."""
    heading = soup.find("h1")
    titles = [heading.get_text(" ", strip=True)] if isinstance(heading, Tag) else []
    if soup.title:
        titles.append(soup.title.get_text(" ", strip=True))
    for title in filter(None, titles):
        for index, line in enumerate(lines):
            if len(line) >= 12 and (line == title or line in title):
                return index
    return 0


def _labelled_dates(text: str) -> Iterator[date]:
    updated: list[date] = []
    for label in _LABELLED.finditer(text):
        following = text[label.end() : label.end() + 50]
        weekday = _WEEKDAY_LEAD.match(following)  # "Posted on Friday, 6 February 2026"
        for match, day in _dates_with_matches(following):
            if match.start() <= (weekday.end() if weekday else 3):
                if label.group("pub"):
                    yield day
                else:
                    updated.append(day)
                break
    yield from updated
