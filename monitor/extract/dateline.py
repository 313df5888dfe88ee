"""The publication date of a plain-text statement, read from its date line.

"November 14, 2023", "Release time: Apr 16, 2024", "Tuesday, June 10, 2025, 4:05 p.m., ...",
"Jakarta, 9 March 2023 - ..." near the top, or "KUALA LUMPUR / 2 August 2023" and "Done at
Accra, this 20th day of March 2025" at the bottom. A line dated only with a range ("Accra, 18 -
20 March 2025") counts as a last resort, for its last day.
"""

from __future__ import annotations

import re
from datetime import date

from monitor.extract.dates import find_dates, parse_full_date
from monitor.extract.gazetteer import is_place

_LABEL = re.compile(
    r"^\s*(?:release time|released|published|publication date|date|posted|issued|updated|last updated)"
    r"\s*(?:on)?\s*[:\-]?\s*",
    re.IGNORECASE,
)
_LABEL_INSIDE = re.compile(r"\s(?:release time|released|published|updated|posted|date)\s*:\s*", re.IGNORECASE)
_DAY_MONTH_YEAR = (
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
)
# "JAKARTA, 9 March 2023 - ", "BEIJING, June 5 (Xinhua) -- ", "JAKARTA (ANTARA) - "
DATELINE_PREFIX = re.compile(
    rf"(?:[A-Z][A-Za-z.'’ -]{{1,40}},(?:\s+[A-Z][A-Za-z.'’ -]{{1,30}},)?\s+{_DAY_MONTH_YEAR}"
    rf"\s*(?:\([^)\n]{{1,30}}\)\s*)?"
    rf"|[A-Z][A-Z.'’ -]{{2,40}}\s*\([^)\n]{{1,30}}\)\s*)(?:--|-|–|—)\s+"
)
_DAY_OF = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+day\s+of\s+([A-Z][a-z]{2,8}),?\s+(\d{4})\b")
_LEADING = re.compile(r"\s*(?:[A-Z][a-z]{2,5}day,?\s*)?")  # "Tuesday, "
_AFTER_DATE = re.compile(r"\s*(?:$|[-–—|,(]|\d{1,2}[:.]\d\d)")
_PLACE_LEAD = re.compile(r"[A-Z][\w.'’ -]{1,40},\s*")
_TOP_LINES = 8
_BOTTOM_LINES = 5


def find_published(text: str, lines: list[tuple[int, int]]) -> date | None:
    """The date of a date line near the top, else near the bottom, of the given lines."""
    nonempty = [text[s:e].strip() for s, e in lines if text[s:e].strip()]
    candidates = [*nonempty[:_TOP_LINES], *reversed(nonempty[-_BOTTOM_LINES:])]
    for ranges in (False, True):  # a line dated with a range ("Accra, 18 - 20 March") only as a last resort
        for line in candidates:
            found = _date_of_line(line, ranges)
            if found:
                return found
    return None


def _date_of_line(line: str, ranges: bool) -> date | None:
    label = _LABEL.match(line)
    if label and label.end() > 0 and not line[: label.end()].strip().isdigit():
        found = parse_full_date(line[label.end() :][:40])
        if found:
            return found
    inside = _LABEL_INSIDE.search(line)
    if inside:  # "Source: Ministry of Commerce    Updated: June 18, 2025"
        found = parse_full_date(line[inside.end() :][:40])
        if found:
            return found
    prefix = DATELINE_PREFIX.match(line)
    if prefix:
        return parse_full_date(prefix.group(0))
    formula = _DAY_OF.search(line)
    if formula:  # "Done at Accra, this 20th day of March 2025"
        return parse_full_date(f"{formula.group(1)} {formula.group(2)} {formula.group(3)}")
    spans = [s for s in find_dates(line[:200], None)
             if s.value and len(s.value.split("/")[-1]) == len("2025-01-01") and (ranges or "/" not in s.value)]
    if not spans:
        return None
    first = spans[0]
    last_day = date.fromisoformat((first.value or "").split("/")[-1])
    lead = line[: first.start]
    if first.precision == "day" and _LEADING.fullmatch(lead) and _AFTER_DATE.match(line, first.end):
        return last_day  # "Tuesday, June 10, 2025, 4:05 p.m., ...", "February 23, 2025 - Ottawa - ..."
    place = _PLACE_LEAD.match(lead)
    rest = line[place.end() if place else 0 :]
    if len(line) <= 60 and (first.end - first.start) >= 0.6 * len(rest.replace(" ", "")) - 8:
        return last_day  # a line that is mostly a date: "Accra, 18 - 20 March 2025" (the last day)
    return None


_PLACE_WORDS = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
# "Riyadh, May 28, 2025", "KUALA LUMPUR / 2 August", a line "Parliament Buildings, Wellington"
_DATELINE_PLACE = re.compile(rf"^({_PLACE_WORDS}(?:,\s+{_PLACE_WORDS})?)"
                             r"(?:\s*,\s*(?=\S*\s*\d|[A-Z][a-z]+\s+\d)|\s*/\s*|\s*$)")


def dateline_place(text: str) -> str | None:
    """The place of a dateline among the first lines under the headline, when the gazetteer knows it."""
    lines = [line.strip() for line in text[:600].splitlines() if line.strip()][1:5]
    for line in lines:
        match = _DATELINE_PLACE.match(line)
        if not match:
            continue
        place = match.group(1)
        last = place.split(",")[-1].strip()
        if is_place(last) or is_place(last.title()):
            return place if place.upper() != place else place.title()
    return None
