"""Find statement links: on listing pages, in RSS/Atom feeds and in sitemaps.

On a listing page, statement links are told from the rest by shape rather than
site knowledge. A site's statements share a URL pattern with many siblings
(.../t20230906_11138888.html, /world/2024/04/16/slug.html), carry long anchor
texts and sit together in one list of the main column. Menus, language
switchers, sidebars and teaser boxes are cut as article.py cuts them; section
indexes (.../index.html, /world/) and other hosts are never statements.
Per-site selectors, when given, replace the guessing.
"""

from __future__ import annotations

import html as html_entities
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from statistics import median
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from monitor.article import find_boilerplate, parse_html, same_site, select_css
from monitor.dates import find_date_in_text, find_date_in_url, is_date_line
from monitor.encoding import decode_html
from monitor.records import ListingEntry, ListingPage, Selectors

MAX_XML_CHARS = 10_000_000  # a full sitemap (50,000 URLs) is about this size
MAX_SCRIPT_PAGES = 50

_NEXT = re.compile(
    r"(next(\s+page)?|older(\s+(posts|entries|news))?|suivant|siguiente|selanjutnya|berikutnya|下一页|下页|后页"
    r"|次へ|다음)\s*[»›>→]?|[»›>→]",
    re.IGNORECASE,
)
# Previous, first and last pages: pager links that are not ahead of this page.
_OTHER_PAGER = re.compile(
    r"[«‹<←]{1,2}\s*\w*(\s+page)?|(prev(ious)?(\s+page)?|newer(\s+(posts|entries|news))?|first(\s+page)?"
    r"|last(\s+page)?|上一页|上页|前页|首页|末页|尾页|最后一页)\s*[»›>→|]{0,2}|»»|>>|>\|",
    re.IGNORECASE,
)
_PAGED_URL = re.compile(r"index_\d+\.\w+$|[?&](page|p|pg|paged|pageno|pagenum|start)=\d+|/page/\d+/?$", re.I)
_PAGER_TOKENS = frozenset({"pager", "pagination", "page", "pages", "paging", "pagenav", "pagebar"})
_SCRIPT_PAGER = re.compile(r"(?<!function )\bcreatePageHTML\s*\(([^()]*)\)")
_INDEX_STEMS = frozenset({"", "index", "default", "list", "home", "main"})
_UNDEFINED_IN_XML = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_NAMED = frozenset({"amp", "lt", "gt", "quot", "apos"})


@dataclass(frozen=True)
class _Link:
    url: str
    title: str
    anchor: Tag
    item: Tag  # the list item, card or table row that is about this link only
    shape: str


def parse_listing(html: str, base_url: str, *, selectors: Selectors | None = None) -> ListingPage:
    """Statement links in page order, further listing pages (nearest first) and advertised feeds."""
    soup = parse_html(html)
    base = _base_href(soup, base_url)
    next_pages, pager_urls = _pagination(soup, html, base, base_url, selectors)
    links = _candidate_links(soup, base, base_url, skip=pager_urls)
    chosen = _selected_links(soup, selectors.links, links) if selectors and selectors.links else []
    # a selector that matches nothing (the site was redesigned) leaves the generic logic to it
    chosen = chosen or _statement_links(links, soup)
    return ListingPage(entries=tuple(_entries(chosen)), next_pages=tuple(next_pages), feeds=tuple(_feeds(soup, base)))


def parse_feed(xml: bytes | str, base_url: str) -> ListingPage:
    """Entries of an RSS (0.9x, 1.0, 2.0) or Atom feed; ValueError if it is neither."""
    soup = _parse_xml(xml)
    root = soup.find(["rss", "feed", "RDF"])
    if not isinstance(root, Tag):
        raise ValueError(f"{base_url}: not an RSS or Atom feed")
    if root.name == "feed":
        entries = [_atom_entry(entry, base_url) for entry in root.find_all("entry")]
        next_pages = [urljoin(base_url, href) for href in _atom_links(root, "next", recursive=False)]
    else:
        entries = [_rss_item(item, base_url) for item in root.find_all("item")]
        next_pages = []
    return ListingPage(entries=tuple(e for e in entries if e is not None), next_pages=tuple(next_pages))


def parse_sitemap(xml: bytes | str, base_url: str) -> tuple[list[ListingEntry], list[str]]:
    """(page entries with their dates, child sitemaps) of a sitemap or sitemap index; ValueError if neither."""
    soup = _parse_xml(xml)
    root = soup.find(["urlset", "sitemapindex"])
    if not isinstance(root, Tag):
        raise ValueError(f"{base_url}: not a sitemap")
    if root.name == "sitemapindex":
        children = [_text(s.find("loc", recursive=False)) for s in _tags(root.find_all("sitemap"))]
        return [], [urljoin(base_url, loc) for loc in children if loc]
    entries = [_sitemap_entry(url, base_url) for url in _tags(root.find_all("url", recursive=False))]
    return [e for e in entries if e is not None], []


# --- statement links -------------------------------------------------------------------------


def _candidate_links(soup: BeautifulSoup, base: str, page_url: str, *, skip: set[str]) -> list[_Link]:
    """Same-site links that are neither pagination, this page nor a section index, in page order."""
    here = urldefrag(page_url).url
    links = []
    for anchor in soup.select("a[href]"):
        url = _resolve(base, str(anchor.get("href") or ""))
        if url is None or url == here or url in skip or not same_site(url, page_url) or _is_section_index(url):
            continue
        links.append(_Link(url=url, title=_anchor_title(anchor), anchor=anchor, item=_item_of(anchor),
                           shape=_url_shape(url)))
    return links


def _statement_links(links: list[_Link], soup: BeautifulSoup) -> list[_Link]:
    """The largest family of same-shaped, long-titled links outside page chrome, with its list-mates."""
    chrome = {id(tag) for tag in find_boilerplate(soup)}
    outside = [link for link in links if not any(id(p) in chrome for p in link.anchor.parents)]
    # A site that classes its main list like chrome ("hot", "list-side") still has a main list,
    # but one long-titled link in a footer is not one.
    return _best_family(outside, smallest=1) or _best_family(links, smallest=3)


def _best_family(links: list[_Link], *, smallest: int) -> list[_Link]:
    families: dict[str, list[_Link]] = {}
    for link in links:
        families.setdefault(link.shape, []).append(link)
    scored = [(_family_score(family), shape) for shape, family in families.items()
              if len({link.url for link in family}) >= smallest]
    scored = [(score, shape) for score, shape in scored if score > 0]
    if not scored:
        return []
    best = families[max(scored)[1]]
    lists = {id(link.item.parent) for link in best}
    return [
        link for link in links
        if link.shape == best[0].shape or (id(link.item.parent) in lists and _words(link.title) >= 3)
    ]


def _family_score(family: list[_Link]) -> float:
    urls = {link.url for link in family}
    words = median(_words(link.title) for link in family)
    if words < 3 or (len(urls) < 2 and words < 5):
        return 0.0
    dated = sum(1 for url in urls if find_date_in_url(url)) / len(urls)
    return len(urls) * min(words, 12.0) * (1.5 if dated > 0.5 else 1.0)


def _selected_links(soup: BeautifulSoup, selector: str, links: list[_Link]) -> list[_Link]:
    by_anchor = {id(link.anchor): link for link in links}
    chosen: list[_Link] = []
    for tag in select_css(soup, selector):
        anchors = [tag] if tag.name == "a" else tag.select("a[href]")
        chosen += [by_anchor[id(a)] for a in anchors if id(a) in by_anchor]
    return chosen


def _entries(links: Iterable[_Link]) -> Iterator[ListingEntry]:
    """One entry per URL, at its first position, with the longest title any of its links had."""
    first: dict[str, _Link] = {}
    titles: dict[str, str] = {}
    for link in links:
        first.setdefault(link.url, link)
        if len(link.title) > len(titles.get(link.url, "")):
            titles[link.url] = link.title
    for url, link in first.items():
        yield ListingEntry(url=url, title=titles[url] or None, published=_listed_date(link))


def _listed_date(link: _Link) -> date | None:
    """The date printed next to the link ("(2021-03-23)", <time>), else the one in its URL."""
    item = link.item
    time_tag = item.find("time")
    if isinstance(time_tag, Tag):
        found = find_date_in_text(str(time_tag.get("datetime") or "") or time_tag.get_text(" "))
        if found:
            return found
    for string in item.find_all(string=True):
        text = " ".join(str(string).split())
        if text and string.find_parent("a") is None and is_date_line(text):
            return find_date_in_text(text)
    return find_date_in_url(link.url)


def _item_of(anchor: Tag) -> Tag:
    """The largest ancestor that is about this link only (its list item, card or table row)."""
    href = anchor.get("href")
    item = anchor
    for parent in anchor.parents:
        if parent.name in ("body", "html", "[document]") or _holds_other_link(parent, href):
            break
        item = parent
    return item


def _holds_other_link(tag: Tag, href: object) -> bool:
    # stops at the first other link: a list of a thousand items is not read a thousand times
    return any(
        isinstance(node, Tag) and node.name == "a" and node.get("href") not in (None, href)
        for node in tag.descendants
    )


def _anchor_title(anchor: Tag) -> str:
    text = " ".join(anchor.get_text(" ").split())
    attribute = " ".join(str(anchor.get("title") or "").split())
    if not text or (text.endswith(("...", "…")) and len(attribute) > len(text) - 3):
        return attribute or text
    return text


def _url_shape(url: str) -> str:
    """The URL with its variable parts blanked: digits as '#', slugs as '*'."""
    parts = urlsplit(url)
    path = "/".join(_segment_shape(segment) for segment in parts.path.split("/"))
    query = "&".join(sorted(f"{key}=" for key, _ in parse_qsl(parts.query)))
    return f"{(parts.hostname or '').removeprefix('www.')}{path}?{query}"


def _segment_shape(segment: str) -> str:
    stem, dot, extension = segment.rpartition(".") if "." in segment else (segment, "", "")
    tokens = re.split(r"([-_])", stem)
    if sum(1 for t in tokens if t.isalpha()) >= 3:
        return "*" + dot + extension
    return "".join("#" if any(c.isdigit() for c in t) else t for t in tokens) + dot + extension


def _is_section_index(url: str) -> bool:
    segments = urlsplit(url).path.split("/")
    stem = segments[-1].rpartition(".")[0] if "." in segments[-1] else segments[-1]
    if stem.lower() not in _INDEX_STEMS:
        return False
    parent = segments[-2] if len(segments) > 1 else ""
    return segments[-1] != "" or _segment_shape(parent) not in ("*", "#")


def _words(text: str) -> int:
    # A CJK title has no spaces: count every four characters as a word.
    return len(text.split()) if text.isascii() else max(len(text.split()), len(text) // 4)


# --- pagination and feeds --------------------------------------------------------------------


def _pagination(
    soup: BeautifulSoup, raw_html: str, base: str, page_url: str, selectors: Selectors | None
) -> tuple[list[str], set[str]]:
    """(next pages nearest first, every pager URL on the page) so pager links never become entries."""
    here = urldefrag(page_url).url
    current = _page_number(page_url)
    nexts: list[str] = []
    numbered: list[tuple[int, str]] = []
    others: set[str] = set()
    if selectors and selectors.next:
        for tag in select_css(soup, selectors.next):
            nexts += [u for a in ([tag] if tag.name == "a" else tag.select("a[href]")) if (u := _href(a, base))]
    for link in soup.select('link[rel~="next"][href], a[rel~="next"][href]'):
        nexts += [u for u in [_href(link, base)] if u]
    for anchor in soup.select("a[href]"):
        url = _href(anchor, base)
        label = " ".join(anchor.get_text(" ").split()) or str(anchor.get("title") or anchor.get("aria-label") or "")
        if url is None or not label:
            continue
        if label.isdigit() and len(label) <= 4 and (_PAGED_URL.search(url) or _in_pager(anchor)):
            numbered.append((int(label), url))
        elif _NEXT.fullmatch(label):
            nexts.append(url)
        elif _OTHER_PAGER.fullmatch(label) and (_PAGED_URL.search(url) or _in_pager(anchor)):
            others.add(url)
    ordered = nexts + [url for number, url in sorted(numbered) if number > current]
    ordered += _script_pages(raw_html, page_url)
    next_pages = [url for url in _unique(ordered) if url != here]
    return next_pages, {*next_pages, *others, *(url for _, url in numbered)}


def _page_number(url: str) -> int:
    """1 for a listing's first page; index_1.html is page 2, ?page=3 page 3."""
    index = re.search(r"index_(\d+)\.\w+$", urlsplit(url).path)
    if index:
        return int(index.group(1)) + 1
    paged = re.search(r"(?:[?&](?:page|p|pg|paged|pageno|pagenum)=|/page/)(\d+)", url, re.IGNORECASE)
    return int(paged.group(1)) if paged else 1


def _in_pager(anchor: Tag) -> bool:
    for parent in list(anchor.parents)[:3]:
        classes = " ".join([*parent.get_attribute_list("class"), str(parent.get("id") or "")]).lower()
        if _PAGER_TOKENS & set(re.split(r"[^a-z]+", classes)):
            return True
    return False


def _script_pages(raw_html: str, page_url: str) -> list[str]:
    """Pages of the TRS/MFA pager: createPageHTML(total, current, "index", "html") -> index_1.html ..."""
    match = _SCRIPT_PAGER.search(raw_html)
    if match is None:
        return []
    numbers: list[int] = []
    words: list[str] = []
    for raw in (a.strip() for a in match.group(1).split(",")):
        argument = raw.strip("'\"")
        quoted = argument != raw
        value = argument if argument.isdigit() or quoted else _script_variable(raw_html, argument)
        if value is not None and value.isdigit() and not words:
            numbers.append(int(value))
        elif len(numbers) >= 2 and argument:
            words.append(argument)
    if len(numbers) < 2:
        return []
    total, current = numbers[0], numbers[1]
    name, extension = (*words, "html")[:2] if words else ("index", "html")
    last = min(total, current + 1 + MAX_SCRIPT_PAGES)
    return [urljoin(page_url, f"{name}_{number}.{extension}") for number in range(current + 1, last)]


def _script_variable(raw_html: str, name: str) -> str | None:
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return None
    assigned = re.search(rf"\b{re.escape(name)}\s*=\s*['\"]?(\d+)", raw_html)
    return assigned.group(1) if assigned else None


def _feeds(soup: BeautifulSoup, base: str) -> list[str]:
    feeds = []
    for link in soup.select('link[rel~="alternate"][href]'):
        kind = str(link.get("type") or "").lower()
        if "rss" in kind or "atom" in kind:
            feeds += [u for u in [_href(link, base)] if u]
    return list(_unique(feeds))


def _base_href(soup: BeautifulSoup, page_url: str) -> str:
    base = soup.select_one("base[href]")
    return urljoin(page_url, str(base.get("href") or "")) if base is not None else page_url


def _href(tag: Tag, base: str) -> str | None:
    return _resolve(base, str(tag.get("href") or ""))


def _resolve(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = urldefrag(urljoin(base, href)).url
    return url if urlsplit(url).scheme in ("http", "https") else None


def _unique(urls: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            yield url


# --- feeds and sitemaps ----------------------------------------------------------------------


def _parse_xml(xml: bytes | str) -> BeautifulSoup:
    if isinstance(xml, bytes):
        if xml.startswith(b"\x1f\x8b"):  # sitemap.xml.gz served as is
            xml = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(xml, MAX_XML_CHARS)
        xml = decode_html(xml, None)
    text = _define_html_entities(xml[:MAX_XML_CHARS].lstrip("\ufeff"))
    return BeautifulSoup(text, "xml")


def _define_html_entities(text: str) -> str:
    """&nbsp; and friends are undefined in XML and silently dropped; write them as numbers instead."""

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_NAMED or name not in html_entities.entities.name2codepoint:
            return match.group(0)
        return f"&#{html_entities.entities.name2codepoint[name]};"

    pieces = re.split(r"(<!\[CDATA\[.*?\]\]>)", text, flags=re.DOTALL)
    return "".join(p if p.startswith("<![CDATA[") else _UNDEFINED_IN_XML.sub(numeric, p) for p in pieces)


def _rss_item(item: Tag, base_url: str) -> ListingEntry | None:
    texts = (_text(link).strip() for link in item.find_all("link", recursive=False))
    link = next((t for t in texts if t), "") or next(iter(_atom_links(item, "alternate")), "")
    guid = item.find("guid", recursive=False)
    if not link and isinstance(guid, Tag) and str(guid.get("isPermaLink") or "true").lower() != "false":
        link = _text(guid)
    if not link.strip():
        return None
    published = _first_date(item, ("pubDate", "date", "published", "updated", "issued"))
    return ListingEntry(url=urljoin(base_url, link.strip()), title=_plain(_text(item.find("title"))) or None,
                        published=published)


def _atom_entry(entry: Tag, base_url: str) -> ListingEntry | None:
    href = next(iter(_atom_links(entry, "alternate")), "")
    if not href:
        return None
    return ListingEntry(url=urljoin(base_url, href), title=_plain(_text(entry.find("title"))) or None,
                        published=_first_date(entry, ("published", "issued", "created", "updated", "date")))


def _atom_links(parent: Tag, rel: str, *, recursive: bool = True) -> list[str]:
    """hrefs of <link rel=...> children; a link without rel counts as "alternate"."""
    found = []
    for link in _tags(parent.find_all("link", recursive=recursive)):
        if str(link.get("rel") or "alternate") == rel and link.get("href"):
            found.append(str(link.get("href")).strip())
    return found


def _sitemap_entry(url: Tag, base_url: str) -> ListingEntry | None:
    loc = _text(url.find("loc", recursive=False)).strip()
    if not loc:
        return None
    news = url.find("news", recursive=False)
    title = _plain(_text(news.find("title"))) if isinstance(news, Tag) else ""
    published = _first_date(news, ("publication_date",)) if isinstance(news, Tag) else None
    return ListingEntry(url=urljoin(base_url, loc), title=title or None,
                        published=published or _first_date(url, ("lastmod",)))


def _first_date(parent: Tag, names: tuple[str, ...]) -> date | None:
    for name in names:
        found = find_date_in_text(_text(parent.find(name)))
        if found:
            return found
    return None


def _text(tag: object) -> str:
    return tag.get_text() if isinstance(tag, Tag) else ""


def _plain(text: str) -> str:
    """Feed titles are often HTML (CDATA or escaped): strip tags, resolve entities."""
    return " ".join(html_entities.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _tags(items: Iterable[object]) -> Iterator[Tag]:
    return (item for item in items if isinstance(item, Tag))
