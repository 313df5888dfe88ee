"""Find the lines of a plain-text page that belong to the statement itself.

Pages flattened to text carry menus before the headline and comment boxes, share buttons
and teasers of other articles after the body. Nothing stated only there is gold, so the
extractor never reads it. The rules are layout conventions, not site-specific selectors:

- a footer marker line ("Comments", "Related news", "###", "For media queries ...") ends the
  body, once the body has started;
- a line repeated on the next non-empty line (a teaser headline printed twice) ends it too,
  and so does a tag line ("Headline | Tag | Tag"), which heads such teasers;
- menu lines (many capitalised words, no punctuation), breadcrumbs ("Home > News") and tag
  lines ("A | B | C") are skipped wherever they are.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_FOOTER_EXACT = frozenset("""
comments|comment|leave a reply|leave a comment|related|related news|related articles|related stories
|related posts|related content|related links|read more|read also|see also|recommended|recommended for you
|more news|more stories|latest news|most read|most popular|popular posts|you may also like|share|share this
|share this article|share this page|print|print this page|email this|follow us|follow us on social media
|tags|keywords|back to top|###|# # #|-ends-|- ends -|-end-|- end -|end|(end)|***|for more information
|for further information|media contact|media contacts|media enquiries|media inquiries|media queries
|press contact|contact us|about us|disclaimer|suggest to a friend|top of page|previous article|next article
""".replace("\n", "").split("|"))
_FOOTER_PREFIX = re.compile(
    r"(for media (?:queries|enquiries|inquiries)|for more information|for further information|media contact"
    r"|copyright|©|all rights reserved|tags:|keywords:|related:|share this|follow us on|suggest to a friend"
    r"|leave a reply|no comments yet)",
    re.IGNORECASE,
)
# counts under a social-media post: "Likes 1.2K | Reposts 214 | Comments 37", "1,204 likes · 88 shares"
_REACTION_WORDS = r"(?:likes?|reposts?|retweets?|shares?|comments?|replies|views|reactions?|quotes?|bookmarks?)"
_COUNT = r"[\d.,]+\s*[KkMm]?"
_REACTIONS = re.compile(rf"(?i:(?:{_REACTION_WORDS}\s*:?\s*{_COUNT}|{_COUNT}\s+{_REACTION_WORDS})"
                        rf"(?:\s*[|·•,]\s*(?:{_REACTION_WORDS}\s*:?\s*{_COUNT}|{_COUNT}\s+{_REACTION_WORDS}))+)")
# a table's column heading: "Instrument", "Date", "Status", "2025", "Place of signing"
_HEADER_CELL = re.compile(r"(?:[A-Z][\w/()'’-]*|(?:19|20)\d\d)(?:\s+[\w/()'’-]+){0,3}")
_LIST_ITEM = re.compile(r"(?:[-•*▪●◦‣–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
# a sentence's end: "…signed.", "…said.”", "…(FCWC)." — not a heading's bracket ("… Gulf of Guinea (FCWC)")
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’)\]]*|[\"”’])\s*$")
_WORD = re.compile(r"\S+")


_BYLINE = re.compile(r"\b(?:Published|Posted|Updated|Issued)\b|\b(?:19|20)\d\d\b")


def main_lines(text: str) -> list[Span]:
    """(start, end) offsets of the body lines, without their line breaks, in order."""
    lines = _lines(text)
    kept: list[Span] = []
    body_started, body_lines = False, 0
    columns = 0  # the number of cells of the table being read, 0 outside tables
    for i, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if not line:
            continue  # a table's rows may stand a blank line apart, as HTML paragraphs do
        cells = line.count("|") + 1
        if cells > 1 or "·" in line:
            if _REACTIONS.fullmatch(line):
                continue  # "Likes 1.2K | Reposts 214 | Comments 37" under a post: interface, not the page's end
            if (columns and cells == columns) or (cells >= 3 and _is_table_header(line, text, lines, i)):
                columns = cells  # a fact sheet's table as text lines: each row is a statement of its own
                kept.append((start, end))
                continue
        columns = 0
        # teasers' tag lines follow a body of some length; one near the top is the site's menu
        if body_started and (_is_footer(line) or _repeats_next(text, lines, i, line) or (
                _is_tag_line(line) and body_lines >= 2 and not _is_byline(line, len(kept)))):
            break
        if _is_chrome(line) or (kept and _is_caps_heading(line) and not _table_follows(text, lines, i)):
            continue  # "BIOENERGY: SECOND ROUND IN JAKARTA": an item's heading, which its paragraph restates
        kept.append((start, end))
        if body_lines < 2:  # only whether the body has begun, and has two sentences, matters
            body_lines += _is_body_line(line)
        body_started = body_lines > 0
    return kept


def _is_caps_heading(line: str) -> bool:
    """A heading in capitals of two words or more, no digits, not a speaker label ("MINISTER X:")."""
    return (line.isupper() and " " in line.strip() and not any(ch.isdigit() for ch in line)
            and not line.rstrip().endswith(":"))


def _table_follows(text: str, lines: list[Span], i: int) -> bool:
    """"B. MEETINGS AND EVENTS" over "Event | Place | Date" keeps one table from the next; "AGREEMENTS
    SIGNED" over a list says what the listed items are."""
    following = _next_line(text, lines, i)
    return following.count(" | ") >= 2 or bool(_LIST_ITEM.match(following))


def _is_table_header(line: str, text: str, lines: list[Span], i: int) -> bool:
    """"Instrument | Parties | Date | Status" followed by a row with as many cells: a table's head."""
    cells = [cell.strip() for cell in line.split("|")]
    if len(cells) < 3 or not all(_HEADER_CELL.fullmatch(cell) for cell in cells):
        return False
    return _next_line(text, lines, i).count("|") + 1 == len(cells)


def _next_line(text: str, lines: list[Span], i: int) -> str:
    """The next non-empty line after line i (a blank line may stand between, as HTML paragraphs do)."""
    return next((text[s:e].strip() for s, e in lines[i + 1 : i + 3] if text[s:e].strip()), "")


def _lines(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    end = text.find("\n")
    while end >= 0:
        spans.append((start, _trim_cr(text, start, end)))
        start = end + 1
        end = text.find("\n", start)
    spans.append((start, _trim_cr(text, start, len(text))))
    return spans


def _trim_cr(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == "\r":
        end -= 1
    return end


def _is_body_line(line: str) -> bool:
    return len(_WORD.findall(line)) >= 8 and bool(_SENTENCE_END.search(line))


def _is_footer(line: str) -> bool:
    key = line.lower().strip(" :.-—–")
    if key in _FOOTER_EXACT or line.strip() in _FOOTER_EXACT:
        return True
    return len(line) < 200 and bool(_FOOTER_PREFIX.match(line))


def _repeats_next(text: str, lines: list[Span], i: int, line: str) -> bool:
    """A headline printed twice in a row is a teaser block of other articles."""
    if len(line) < 20:
        return False
    for start, end in lines[i + 1 : i + 4]:
        following = text[start:end].strip()
        if following:
            return following == line
    return False


def _is_byline(line: str, kept: int) -> bool:
    """"Undersecretariat of ... | Santiago | Published 10 June 2025" right under the headline is the
    statement's own byline, not a teaser of another article."""
    return kept <= 1 and bool(_BYLINE.search(line))


def _is_tag_line(line: str) -> bool:
    """"Headline | Tag | Tag": after the body, such lines head teasers of other articles."""
    return line.count(" | ") >= 2


def _is_chrome(line: str) -> bool:
    """Menus, breadcrumbs and tag lines."""
    if line.count(" | ") >= 2 or line.count("|") >= 3:
        return True
    has_punct = any(ch in line for ch in ".,;:!?")
    if has_punct and ">" not in line and "»" not in line:
        return False  # running text: no menu, breadcrumb or tag line
    words = _WORD.findall(line)
    if (">" in line or "»" in line) and len(words) <= 12 and not has_punct:
        return True
    if len(words) >= 12 and not has_punct:
        capitalised = sum(1 for w in words if w[0].isupper() or w == "&")
        return capitalised >= 0.8 * len(words)
    return False
