"""Reduce a statement page to what a reader sees: title, date, canonical URL and main text.

Per-site CSS selectors win when given. Otherwise two extractors read the page
and check each other: trafilatura, and a paragraph-density heuristic run after
boilerplate regions (menus, breadcrumbs, share bars, footers, "most read" and
"related" teasers) are cut away. The cut-away text also vetoes any paragraph
trafilatura lets through, because teasers carry other articles' figures and
names, which must never be attributed to the statement.

Photo captions of the statement's own pictures stay in the text (annotators
count them as what a reader sees); their credits ("Photo by ... reporter X")
go.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from soupsieve import SelectorSyntaxError

from monitor.dates import find_date_in_text, find_published, is_date_line, is_plausible
from monitor.records import Article, ListingEntry, Selectors

log = logging.getLogger(__name__)

# Statement pages are rarely above 300 kB; anything past this is scripts, inline
# images or endless teaser rails, and parsing it would only cost time.
MAX_HTML_CHARS = 1_000_000

_BULKY = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->"
    r"|<svg\b.*?</svg\s*>|\bsrc\s*=\s*[\"']data:[^\"']*[\"']",
    re.IGNORECASE | re.DOTALL,
)
_INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
    "button", "select", "input", "textarea", "head",
)
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu", "dialog", "header"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"})
_CHROME_TOKENS = frozenset(
    """nav navbar navi menu menus submenu topmenu leftmenu daohang breadcrumb breadcrumbs crumb crumbs
    footer foot bottom sidebar widget widgets share sharing sharebar social related recommend recommended
    recommendation mostread mostpopular popular trending hot hotnews tags cookie cookies consent gdpr
    banner ad ads advert advertisement sponsor promo subscribe newsletter comment comments reply respond
    pager pagination paging lang language languages switcher toolbar tools print login signin search
    topbar masthead copyright logo skip header""".split()
)
_TEASER_HEADING = re.compile(
    r"(most\s+(read|popular|viewed|shared)|popular(\s+(news|stories|posts))?|recommended(\s+for\s+you)?"
    r"|related(\s+(news|articles|stories|content|links|reading|posts))?|you\s+(may|might)\s+(also\s+)?like"
    r"|read\s+(more|also|next)|also\s+read|see\s+also|more\s+(news|stories)|trending(\s+now)?"
    r"|editor'?s'?\s+picks?|top\s+stories|相关(新闻|链接|阅读|文章)|推荐(阅读)?|热点(新闻)?|热门(文章|新闻)?"
    r"|延伸阅读)\s*[:：]?",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_BLOCK_TAGS = frozenset(
    """address article aside blockquote body center dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul
    caption""".split()
)
# Blocks whose text is one paragraph of their parent; other blocks hold their own text.
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre dd dt figcaption".split())
_MIN_PARAGRAPH_CHARS = 25

_CHROME_LINE = re.compile(
    r"^[\[【(]?\s*(print|close|close window|print this page|suggest to a friend|e-?mail (this|to a friend)"
    r"|share|share this( article| page| story)?|share on \w+|tweet|back to top|top|go back|return"
    r"|copy link|comments?|leave a (reply|comment)|font size.{0,15}|打印|关闭|打印本页|关闭窗口|返回顶部"
    r"|字[体号].{0,12}|tags?\s*[:：].*)\s*[\]】)]?"
    r"(\s*[\[【(]?\s*(print|close|suggest to a friend|打印|关闭)\s*[\]】)]?)*$"
    r"|^(home|homepage|首页|当前位置|您的位置|your (location|position)|you are here)\s*[>»/›:：|]"
    r"|^(copyright|©)|all rights reserved|版权所有|^no comments yet|^your email address will not be published"
    r"|^required fields are marked|^(we|this (web)?site) uses? cookies"
    r"|^\(?(photo|photograph|image|picture|pic|credit|图|摄影|图片)\s*(by|:|：|/|courtesy)"
    r"|^(editor|responsible editor|source|责任编辑|编辑|来源)\s*[:：]",
    re.IGNORECASE,
)
_CHROME_LINE_MAX = 300
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(\s[>»›]\s[^.!?]{1,60}){2,}$")
_PHOTO_CREDIT = re.compile(
    r"\s*[(（]?\s*(photo|photograph|picture|image)\s*(by|:|：)\s*[^.。()（）]{2,80}[)）]?\s*$"
    r"|\s*[(（](xinhua|reuters|ap|afp|antara|photo)\b[^()（）]{0,60}[)）]\s*$",
    re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r"(\s+[-–—·•]{1,2}\s+|\s*[|｜]\s*|\s*_\s*)")
_SITE_SEGMENT = re.compile(
    r"\b(ministry|embassy|consulate|mission\s+(of|to)|government|gov|foreign\s+affairs|people's\s+republic"
    r"|xinhua|news\s+agency|daily|times|post|herald|tribune|gazette|portal|official\s+website)\b"
    r"|外交部|大使馆|领事馆|新华网|人民网|政府网",
    re.IGNORECASE,
)
_SECTION_SEGMENT = re.compile(
    r"^(news|flash news|press releases?|statements?|speeches|(minister'?s )?activities|spokesperson'?s remarks"
    r"|latest news|home|world|business|opinion|politics|national|international|headlines)$",
    re.IGNORECASE,
)


def parse_article(
    html: str,
    url: str,
    *,
    selectors: Selectors | None = None,
    hint: ListingEntry | None = None,
    today: date | None = None,
) -> Article:
    """Title, date, canonical URL and main text of one statement page; never raises on bad HTML."""
    soup = parse_html(html)
    title = _find_title(soup, selectors) or (hint.title if hint and hint.title else "")
    published = _selected_date(soup, selectors, today) or find_published(
        soup, url, hint=hint.published if hint else None, today=today
    )
    canonical = _canonical_url(soup, url)
    paragraphs = _selected_paragraphs(soup, selectors) or _main_paragraphs(soup, html, url, title)
    text = "\n\n".join(tidy_paragraphs(paragraphs, title))
    return Article(url=canonical, title=title, published=published, text=text)


def parse_html(html: str) -> BeautifulSoup:
    """A forgiving parse of at most MAX_HTML_CHARS of markup."""
    html = bound_html(html)
    # bs4 warns (an error under pytest) on XML declarations and on text that looks like a path.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html, count=1)
    return BeautifulSoup(html if "<" in html else f"<p>{html}</p>", "lxml")


def bound_html(html: str, limit: int = MAX_HTML_CHARS) -> str:
    """Cut oversized markup, dropping scripts, styles, comments and inline images first."""
    if len(html) <= limit:
        return html
    return _BULKY.sub(" ", html)[:limit]


def extract_by_trafilatura(html: str, url: str | None = None) -> tuple[str, ...]:
    """Main-text paragraphs according to trafilatura alone; empty when it is unavailable."""
    try:
        import trafilatura
    except ImportError:  # a broken install (e.g. lxml without html_clean) must not stop parsing
        log.warning("trafilatura is not importable; using the density heuristic alone")
        return ()
    try:
        text = trafilatura.extract(
            bound_html(html), url=url, include_comments=False, include_tables=True,
            favor_precision=True, deduplicate=False,
        )
    except Exception as error:  # third-party failure on hostile markup: fall back, do not crash
        log.warning("trafilatura failed on %s: %s", url, error)
        return ()
    return tuple(_table_blocks((text or "").splitlines()))


def _table_blocks(lines: list[str]) -> Iterator[str]:
    """Tables come out as "| cell | cell |" rows. A data table (three columns or more, every row as wide
    as its head) keeps its rows as "cell | cell | cell" lines, which the extractors read by column; a
    layout table's cells are separate blocks."""
    for is_table, group in groupby(lines, key=lambda line: line.startswith("|")):
        if not is_table:
            yield from (_squash(line) for line in group if line.strip())
            continue
        rows = [[_squash(cell) for cell in line.strip().strip("|").split("|")] for line in group]
        rows = [row for row in rows if not all(set(cell) <= set("-: ") for cell in row)]  # the |---| rule
        if _holds_data_rows([len(row) for row in rows]):
            yield from (" | ".join(cell or "-" for cell in row) for row in rows)
        else:
            yield from (cell for row in rows for cell in row if cell)


def extract_by_density(html: str) -> tuple[str, ...]:
    """Main-text paragraphs according to the density heuristic alone (boilerplate cut first)."""
    soup = parse_html(html)
    cut_boilerplate(soup, keep=_headline_tag(soup, _find_title(soup, None)))
    scores = _score_containers(soup)
    return tuple(_read_region(soup, scores.best(), scores))


def cut_boilerplate(soup: BeautifulSoup, *, keep: Tag | None = None) -> set[str]:
    """Remove invisible and boilerplate elements from ``soup``; return their paragraphs' text."""
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    noise: set[str] = set()
    for tag in find_boilerplate(soup, keep=keep):
        noise.update(paragraph for paragraph, _ in _paragraphs(tag))
        tag.extract()
    return noise


def find_boilerplate(soup: BeautifulSoup, *, keep: Tag | None = None) -> list[Tag]:
    """Outermost elements that are site chrome or teasers, never one holding ``keep`` or most of the prose."""
    body = soup.body or soup
    prose = _prose_chars(body)
    around_keep = {id(node) for node in (keep, *keep.parents)} if keep is not None else set()
    found: list[Tag] = []

    def holds_content(tag: Tag) -> bool:
        return id(tag) in around_keep or (prose > 0 and _prose_chars(tag) > prose / 2)

    stack = _child_tags(body)
    while stack:  # top-down, so a removed region's insides are not examined again
        tag = stack.pop()
        if _looks_like_chrome(tag) and not holds_content(tag):
            found.append(tag)
        else:
            stack.extend(_child_tags(tag))
    for label in _teaser_labels(body):
        box = label.parent
        if box is None or box is body:
            continue
        if holds_content(box):  # "Related news" heading inside the article column: cut from there on
            found.append(label)
            found.extend(sibling for sibling in label.find_next_siblings() if isinstance(sibling, Tag))
        else:
            found.append(box)
    return _outermost(found)


def select_css(soup: BeautifulSoup, selector: str) -> list[Tag]:
    """Elements matching a configured selector; none (and a warning) if it is not valid CSS."""
    try:
        return list(soup.select(selector))
    except SelectorSyntaxError as error:
        # config.py takes selectors as plain strings; a typo must not stop the site's check
        log.warning("selector %r is not valid CSS (%s); fix it under [[sites]] selectors", selector, error)
        return []


def same_site(url: str, other: str) -> bool:
    """Same host, ignoring case and a leading "www."."""
    return _host(url) == _host(other) != ""


def clean_title(title: str, *, site_name: str | None = None) -> str:
    """A headline without the " - Ministry of ..." or "Site | " parts around it."""
    parts = _TITLE_SEPARATOR.split(_squash(title))
    while len(parts) >= 3 and _is_site_segment(parts[-1], site_name):
        parts = parts[:-2]
    while len(parts) >= 3 and _is_site_segment(parts[0], site_name):
        parts = parts[2:]
    return "".join(parts).strip()


# --- title, date, canonical ------------------------------------------------------------------


def _find_title(soup: BeautifulSoup, selectors: Selectors | None) -> str:
    if selectors and selectors.title:
        selected = _selected_text(soup, selectors.title)
        if selected:
            return selected
    site_name = _meta_content(soup, "og:site_name")
    for key in ("og:title", "articletitle", "twitter:title"):
        title = clean_title(_meta_content(soup, key), site_name=site_name)
        if title and title.lower() != (site_name or "").lower():
            return title
    headline = _headline_tag(soup, None)
    if headline is not None:
        return _squash(headline.get_text(" "))
    return clean_title(soup.title.get_text(" ") if soup.title else "", site_name=site_name)


def _headline_tag(soup: BeautifulSoup, title: str | None) -> Tag | None:
    """The <h1> carrying the headline, not a logo wrapped in <h1>."""
    for heading in soup.find_all("h1"):
        if not isinstance(heading, Tag):
            continue
        text = _squash(heading.get_text(" ")).lower()
        if title and len(text) >= 10 and (text in title.lower() or title.lower() in text):
            return heading
        if title is None and len(text) >= 3 and not _in_site_header(heading):
            return heading
    return None


def _in_site_header(tag: Tag) -> bool:
    for node in (tag, *tag.parents):
        if node.name in ("nav", "footer") or {"logo", "brand", "masthead"} & _class_tokens(node):
            return True
        if node.name == "header" and node.find_parent(["article", "main"]) is None:
            return True
    return False


def _selected_date(soup: BeautifulSoup, selectors: Selectors | None, today: date | None) -> date | None:
    if not (selectors and selectors.date):
        return None
    for tag in select_css(soup, selectors.date):
        for text in (str(tag.get("datetime") or ""), tag.get_text(" ")):
            found = find_date_in_text(text)
            if found and is_plausible(found, today=today):
                return found
    return None


def _canonical_url(soup: BeautifulSoup, url: str) -> str:
    page = urldefrag(url).url
    link = soup.select_one('link[rel~="canonical"][href]')
    if link is not None:
        canonical = urldefrag(urljoin(page, str(link.get("href") or "").strip())).url
        if urlsplit(canonical).scheme in ("http", "https") and same_site(canonical, page):
            return canonical
    return page


def _meta_content(soup: BeautifulSoup, key: str) -> str:
    for meta in soup.find_all("meta"):
        if isinstance(meta, Tag) and key in (str(meta.get(a) or "").lower() for a in ("property", "name")):
            return _squash(str(meta.get("content") or ""))
    return ""


# --- main text -------------------------------------------------------------------------------


def _selected_text(soup: BeautifulSoup, selector: str) -> str:
    tags = select_css(soup, selector)
    return _squash(tags[0].get_text(" ")) if tags else ""


def _selected_paragraphs(soup: BeautifulSoup, selectors: Selectors | None) -> list[str]:
    if not (selectors and selectors.body):
        return []
    paragraphs: list[str] = []
    for tag in select_css(soup, selectors.body):
        for invisible in tag.find_all(_INVISIBLE_TAGS):
            invisible.decompose()
        paragraphs.extend(text for text, link_share in _paragraphs(tag) if link_share <= 0.6)
    return paragraphs


@dataclass
class _Scores:
    """Prose per container: a paragraph counts fully for its container, half for the one above."""

    by_id: dict[int, float]
    tags: dict[int, Tag]

    def of(self, tag: Tag) -> float:
        return self.by_id.get(id(tag), 0.0)

    def best(self) -> Tag | None:
        return self.tags[max(self.by_id, key=self.by_id.__getitem__)] if self.by_id else None


def _score_containers(soup: BeautifulSoup) -> _Scores:
    scores = _Scores({}, {})
    for block, chars, linked in _block_texts(soup.body or soup):
        if chars - linked < _MIN_PARAGRAPH_CHARS:
            continue
        value = (chars - linked) * (1 - linked / chars)
        container = block.parent if block.name in _PARAGRAPH_TAGS and block.parent else block
        for node, share in ((container, 1.0), (container.parent, 0.5)):
            if node is not None:
                scores.by_id[id(node)] = scores.of(node) + value * share
                scores.tags[id(node)] = node
    return scores


def _read_region(soup: BeautifulSoup, region: Tag | None, scores: _Scores) -> list[str]:
    """Paragraphs of a container, of its strong siblings and of the photos beside it."""
    if region is None:
        return []
    threshold = max(0.25 * scores.of(region), 150.0)
    chosen = [region]
    if region.parent is not None:
        siblings = [s for s in region.parent.find_all(True, recursive=False) if s is not region]
        # the statement's own photos sit beside its text; their captions are part of what a reader sees
        chosen += [s for s in siblings if scores.of(s) >= threshold or s.name == "figure"]
    chosen.sort(key=lambda tag: _position(soup, tag))
    return [text for tag in chosen for text, link_share in _paragraphs(tag) if link_share <= 0.6]


def _main_paragraphs(soup: BeautifulSoup, html: str, url: str, title: str) -> list[str]:
    """The density heuristic's reading of the region trafilatura and the heuristic agree on.

    The heuristic picks the container with the most unlinked prose. When trafilatura's
    text lies elsewhere, the region that starts nearer after the headline wins: a long
    comment thread or essay outweighs a short statement, but does not follow its
    headline. The heuristic's reading of a region is kept either way, because it keeps
    the short headings, captions and table cells trafilatura drops, and teaser text
    trafilatura lets through is vetoed by what cut_boilerplate removed.
    """
    noise = "\n".join(cut_boilerplate(soup, keep=_headline_tag(soup, title)))
    scores = _score_containers(soup)
    density = _read_region(soup, scores.best(), scores)
    extracted = [p for p in extract_by_trafilatura(html, url) if not (len(p) >= 20 and p in noise)]
    prose = [p for p in extracted if len(p) >= 60 and not _is_chrome_line(p) and not is_date_line(p)]
    if not prose or not density:
        return density or extracted
    density_text = "\n".join(density)
    # trafilatura may join paragraphs that <br> separates: compare openings, not whole paragraphs
    if sum(len(p) for p in prose if p[:60] in density_text) >= 0.6 * sum(len(p) for p in prose):
        return density
    page = [text for text, _ in _paragraphs(soup.body or soup)]
    headline = next((i for i, text in enumerate(page) if text.lower() == title.lower()), -1)
    anchor = _first_after(prose, page, headline)
    start = _first_after(density, page, headline)
    if anchor is None or (start is not None and start <= anchor):
        return density
    region = _container_holding(soup, page[anchor], scores)
    return _read_region(soup, region, scores) if region is not None else density


def _first_after(paragraphs: Sequence[str], page: list[str], headline: int) -> int | None:
    """Page index of the first of ``paragraphs`` that follows the headline (chrome comes before it)."""
    openings = {p[:60] for p in paragraphs[:20]}
    for index in range(headline + 1, len(page)):
        if any(opening in page[index] for opening in openings):
            return index
    return None


def _container_holding(soup: BeautifulSoup, paragraph: str, scores: _Scores) -> Tag | None:
    """The best-scored container among the ancestors of the element showing ``paragraph``."""
    opening = paragraph[:30]
    for node in (soup.body or soup).descendants:
        if type(node) is NavigableString and opening in _squash(node) and node.parent is not None:
            ranked = [a for a in node.parents if scores.of(a) > 0]
            return max(ranked, key=scores.of) if ranked else None
    return None


def tidy_paragraphs(paragraphs: Iterable[str], title: str) -> list[str]:
    """Drop chrome lines, datelines, photo credits and a repeated headline from extracted paragraphs."""
    out: list[str] = []
    for paragraph in paragraphs:
        paragraph = _PHOTO_CREDIT.sub("", paragraph).strip()
        if not paragraph or _is_chrome_line(paragraph) or is_date_line(paragraph):
            continue
        if len(out) < 2 and paragraph.lower() == title.lower():
            continue  # the headline repeated at the top of the body
        if out and out[-1] == paragraph:
            continue
        out.append(paragraph)
    return out


def _is_chrome_line(text: str) -> bool:
    if len(text) > _CHROME_LINE_MAX:
        return False
    return bool(_CHROME_LINE.search(text) or _BREADCRUMB.match(text))


# --- DOM walking -----------------------------------------------------------------------------


def _block_texts(root: Tag) -> list[tuple[Tag, int, int]]:
    """(block, characters, characters inside links) for each block with text of its own."""
    totals: dict[int, list[int]] = {}
    blocks: dict[int, Tag] = {}
    for string, block, linked in _strings(root):
        counts = totals.setdefault(id(block), [0, 0])
        size = len(string.strip())
        counts[0] += size
        counts[1] += size if linked else 0
        blocks[id(block)] = block
    return [(blocks[key], chars, linked) for key, (chars, linked) in totals.items() if chars]


def _paragraphs(root: Tag) -> list[tuple[str, float]]:
    """Text of ``root`` split at block boundaries and <br>, each with the share of linked text."""
    out: list[tuple[str, float]] = []
    parts: list[str] = []
    linked_chars = 0
    current: Tag | None = None

    def flush() -> None:
        nonlocal linked_chars
        text = _squash(" ".join(parts))
        if text:
            out.append((text, min(1.0, linked_chars / len(text))))
        parts.clear()
        linked_chars = 0

    data_tables: dict[int, bool] = {}  # table id -> holds data; asked only of tables the text is in
    current_cell: Tag | None = None
    for node in root.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                flush()
            continue
        if type(node) is not NavigableString or node.parent is None:
            continue
        block, linked = _block_of(node.parent, root)
        cell = None
        if block.name in ("td", "th") and block.parent is not None and block.parent.name == "tr" \
                and _holds_data(block.find_parent("table"), data_tables):
            cell, block = block, block.parent  # a data table's row is one line: "cell | cell | cell"
        if block is not current:
            flush()
            current, current_cell = block, cell
        elif cell is not current_cell:
            parts.append("|")
            current_cell = cell
        parts.append(str(node))
        linked_chars += len(node.strip()) if linked else 0
    flush()
    return out


def _holds_data(table: Tag | None, known: dict[int, bool]) -> bool:
    """A data table: three columns or more, every row as wide as the first, no table inside. A
    layout table's cells stay separate blocks."""
    if table is None:
        return False
    if id(table) not in known:
        widths = [len(row.find_all(["td", "th"], recursive=False)) for row in table.find_all("tr")]
        known[id(table)] = table.find("table") is None and _holds_data_rows(widths)
    return known[id(table)]


def _holds_data_rows(widths: list[int]) -> bool:
    """Rows of these widths make a data table: two rows or more, three columns or more, all as wide."""
    return len(widths) >= 2 and widths[0] >= 3 and len(set(widths)) == 1


def _strings(root: Tag) -> Iterable[tuple[str, Tag, bool]]:
    for node in root.descendants:
        if type(node) is NavigableString and node.parent is not None and node.strip():
            block, linked = _block_of(node.parent, root)
            yield str(node), block, linked


def _block_of(tag: Tag, root: Tag) -> tuple[Tag, bool]:
    linked = False
    node: Tag | None = tag
    while node is not None and node is not root and node.name not in _BLOCK_TAGS:
        linked = linked or node.name == "a"
        node = node.parent
    return (node if node is not None else root), linked


def _prose_chars(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p"))


def _looks_like_chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS:
        return tag.name != "header" or tag.find_parent(["article", "main"]) is None
    if str(tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag.has_attr("hidden") or str(tag.get("aria-hidden") or "") == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style") or "")):
        return True
    return bool(_class_tokens(tag) & _CHROME_TOKENS)


def _class_tokens(tag: Tag) -> set[str]:
    raw = " ".join([*tag.get_attribute_list("class"), str(tag.get("id") or "")])
    words = [w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])", raw) if w]
    return {*words, *(a + b for a, b in pairwise(words))}


def _teaser_labels(body: Tag) -> list[Tag]:
    """Short elements reading "Most read", "Related news", ...: each labels a teaser box."""
    labels: list[Tag] = []
    for string in body.descendants:
        if type(string) is not NavigableString or len(string) > 60 or string.parent is None:
            continue
        if not _TEASER_HEADING.fullmatch(_squash(string)):
            continue
        label = string.parent
        while label.parent is not None and _squash(label.parent.get_text(" ")) == _squash(str(string)):
            label = label.parent
        if label.name != "a":
            labels.append(label)
    return labels


def _child_tags(tag: Tag) -> list[Tag]:
    return [child for child in reversed(tag.contents) if isinstance(child, Tag)]


def _outermost(tags: list[Tag]) -> list[Tag]:
    chosen = {id(tag) for tag in tags}
    unique = {id(tag): tag for tag in tags}
    return [tag for tag in unique.values() if not any(id(parent) in chosen for parent in tag.parents)]


def _position(soup: BeautifulSoup, tag: Tag) -> int:
    for index, node in enumerate(soup.descendants):
        if node is tag:
            return index
    return 0


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _is_site_segment(segment: str, site_name: str | None) -> bool:
    segment = segment.strip()
    if site_name and segment.lower() == site_name.lower():
        return True
    words = len(segment.split())
    return (bool(_SITE_SEGMENT.search(segment)) and words <= 10) or bool(_SECTION_SEGMENT.match(segment))


def _squash(text: str) -> str:
    return " ".join(text.split())
