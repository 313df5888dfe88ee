"""Dates written in a sentence, resolved against the publication date (see `dateline` for
reading that date from a statement when the caller does not know it).

Values follow the gold format: "2023-09-05", "2023-09", "2023" or a range "a/b". A date
without a year ("14 June", "on Friday", "next month") is resolved only when `published` is
known: past-tense context picks the latest such date not after publication, future-tense
context ("will", "to be held", "next") the earliest not before it; a date fronting its clause
("From June 14 to 17, I will visit") takes the tense of the verb after it. Seasons and parts
of the year ("in the autumn", "before the end of the year") resolve to a year. Unresolvable
dates still come back as spans (value None) so that figures can skip their numbers.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.extract.gazetteer import MONTHS, WEEKDAYS
from monitor.extract.lexicon import alternation
from monitor.extract.modality import clause_before, is_future


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    value: str | None  # ISO date, "YYYY-MM", "YYYY" or "a/b"; None when unresolvable
    precision: str  # day | month | year | range




# case-sensitive (Title and UPPER case), which keeps the many month patterns fast
_MONTH = alternation([m.title() for m in MONTHS] + [m.upper() for m in MONTHS]) + r"\.?"
_ORD = r"(?:st|nd|rd|th)?"
# \b(\d{1,2}) and \b(\d{4}), written to start with a character class and to look back for the word
# boundary after the first digit: the engine then skips from digit to digit instead of trying the
# pattern at every position of the sentence
_DAY_NUMBER = r"(\d(?<!\w\d)\d?)"
_YEAR_NUMBER = r"(\d(?<!\w\d)\d{3})"
_TO = r"\s*(?:-|–|—|to|and|until|till)\s*"
_YEAR = r"(?:,?\s+(\d{4}))?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR_WORDS = frozenset("in since from until till through during for early late mid before after of by spring summer "
                        "autumn fall winter".split())
_MONTH_WORDS = _YEAR_WORDS - {"spring", "summer", "autumn", "fall", "winter"} | {"on"}

Match = re.Match[str]
Handler = Callable[[Match, "_Context"], tuple[str | None, str] | None]  # None: not a date after all


class _Context:
    """What a handler resolves a match against. The tense of the clause around the match is read
    only when a handler asks for it: most dates carry their year and never need it."""

    __slots__ = ("_future", "_past", "anchor", "match", "published", "year")

    def __init__(self, published: date | None, anchor: date | None, match: Match, year: int | None = None) -> None:
        self.published = published
        self.anchor = anchor  # the day the statement last spoke of: "earlier in the day" is that day
        self.year = year  # the year the statement's headline names ("key dates of 2026"), if one
        self.match = match
        self._future: bool | None = None
        self._past: bool | None = None

    @property
    def future(self) -> bool:
        if self._future is None:
            self._future = _in_future(self.match.string, self.match.start(), self.match.end())
        return self._future

    @property
    def past(self) -> bool:
        """Whether the clause around the date has a verb in a past tense (most dates without a year do)."""
        if self._past is None:
            text, start, end = self.match.string, self.match.start(), self.match.end()
            window = clause_before(text, start, 120) + _CLAUSE_END.split(text[end : end + 60], maxsplit=1)[0]
            self._past = bool(_PAST.search(window))
        return self._past


def find_dates(text: str, published: date | None, anchor: date | None = None,
               year: int | None = None) -> list[DateSpan]:
    """Non-overlapping date spans of `text`, in order; `anchor` is the last day named before it."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    month_at = _first_month(text)
    hints = _hints(text, month_at >= 0)
    for pattern, handler, needs, month_first in _PATTERNS:
        if needs not in hints:
            continue  # most sentences name no month, weekday or relative day: skip those patterns
        # a pattern that opens with the month name cannot match before the first one
        for match in pattern.finditer(text, month_at if month_first else 0):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            resolved = handler(match, _Context(published, anchor, match, year))
            if resolved is None:
                continue
            value, precision = resolved
            found.append(DateSpan(match.start(), match.end(), value, precision))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda span: span.start)


def _hints(text: str, has_month: bool) -> set[str]:
    """Which kinds of pattern could match at all: most sentences name no month, weekday or relative day."""
    lower = text.lower()
    hints = set()
    for name, keys in _HINTS:  # plain loops: twice as fast as any() over a map, for a test on every sentence
        for key in keys:
            if key in lower:
                hints.add(name)
                break
    first_digit = _ANY_DIGIT.search(text)
    digit = first_digit is not None
    if first_digit and _FOUR_DIGITS.search(text, first_digit.start()):
        hints.add("year")
        if "-" in text:
            hints.add("iso")
        if "-" in text or "–" in text or "/" in text:
            hints.add("year_range")
        if _NUMERIC_DATE_HINT.search(text):
            hints.add("numeric")
    if has_month:  # month patterns are case-sensitive: "summary", "market" name no month
        hints.add("month")
        if digit:
            hints.add("month_day")
    if digit and "(" in text:
        hints.add("slash")
    return hints


def _first_month(text: str) -> int:
    """Where the first word starting with a month name (or its first three letters) starts, or -1;
    a plain pattern and a look at the character before are several times faster than one pattern
    with a word boundary."""
    for match in _MONTH_START.finditer(text):
        i = match.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return i
    return -1


_PAST = re.compile(r"\b(?:was|were|had|did|been|held|met|took|gave|made|went|came|saw|began|led|spoke|said|told|won"
                   r"|became|brought|sent|paid|ago|last|earlier|previously|already|[a-z]{2,}ed)\b", re.IGNORECASE)
_WHEN_PRESENT = re.compile(r"\b(?:when|once|as soon as|until|by the time)\s+[^,;]{0,80}?\b(?:visits|meets|travels"
                           r"|arrives|comes|goes|holds|hosts|returns|convenes|opens|signs|begins|starts)\b")
_AHEAD_DAYS = 92
_ENTRY_LABEL = re.compile(r"\s*(?:[-–—:|]|\()")  # "19 January — …", "2 June: …": a dated entry of a list
_WAS_DUE = re.compile(r"\b(?:was|were|had been)\s+(?:supposed|due|scheduled|expected|planned|set|meant)\s+to\b",
                      re.IGNORECASE)
_ORIGINAL_PLAN = re.compile(r"\b(?:originally|initially|previously|first)\s+(?:planned|scheduled|set|foreseen)\s+"
                            r"(?:for|in|on)\s+(?:the\s+)?$", re.I)


def _in_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around a date speaks of the future; a fronted date ("From June 14 to 17,
    I will visit") takes the tense of the verb after it."""
    before = clause_before(text, start, 120)
    if _ORIGINAL_PLAN.search(before) or _WAS_DUE.search(before):
        return False  # "originally planned for April", "was supposed to meet in April": the date it had
    if is_future(before):
        return True
    when = _WHEN_PRESENT.search(before)
    if when and is_future(clause_before(text, start - len(before) + when.start(), 120)):
        return True  # "plan to sign it when the Minister visits Hanoi in June": a present after "when" looks ahead
    after = _CLAUSE_END.split(text[end : end + 60], maxsplit=1)[0]
    return is_future(after)


def parse_full_date(text: str) -> date | None:
    """The first date with day, month and year written in `text`."""
    for span in find_dates(text, None):
        if span.precision == "day" and span.value:
            return date.fromisoformat(span.value)
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> date | None:
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _pick_year(month: int, day: int, ctx: _Context) -> date | None:
    """The year that puts day/month on the right side of the publication date."""
    if ctx.published is None:
        return None
    pub = ctx.published
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _day(y, month, day))]
    if ctx.future:
        later = [d for d in options if d >= pub - timedelta(days=1)]
        return later[0] if later else None
    entry = _ENTRY_LABEL.match(ctx.match.string, ctx.match.end())
    if entry and ctx.year is not None and _day(ctx.year, month, day):
        return _day(ctx.year, month, day)  # "19 January — …" on a page about "2026 in review"
    if not ctx.past and not entry:
        # "takes place in Can Tho on 15-16 October": a timetable's present, when that day is weeks ahead
        # (a chronology's "2 June — The Committee holds its first meeting" is history told in the present)
        ahead = [d for d in options if pub <= d <= pub + timedelta(days=_AHEAD_DAYS)]
        if ahead:
            return ahead[0]
    earlier = [d for d in options if d <= pub + timedelta(days=1)]
    return earlier[-1] if earlier else None


def _iso(year: str | None, month: int, day: int, ctx: _Context, weekday: str = "") -> str | None:
    found = _day(int(year), month, day) if year else _pick_year(month, day, ctx)
    if not year and weekday in WEEKDAYS and ctx.published and found and found.weekday() != WEEKDAYS[weekday]:
        # "Monday 9 March": the year in which that day is a Monday, nearest to publication
        fits = [d for y in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1)
                if (d := _day(y, month, day)) and d.weekday() == WEEKDAYS[weekday]]
        found = min(fits, key=lambda d: abs(d - ctx.published), default=found)  # type: ignore[operator]
    return found.isoformat() if found else None


def _on_iso(m: Match, ctx: _Context) -> tuple[str | None, str]:
    found = _day(int(m[1]), int(m[2]), int(m[3]))
    return (found.isoformat() if found else None), "day"


def _on_day_month(m: Match, ctx: _Context) -> tuple[str | None, str]:
    return _iso(m[3], _month(m[2]), int(m[1]), ctx, _word_before(m).strip(",")), "day"


def _on_month_day(m: Match, ctx: _Context) -> tuple[str | None, str]:
    return _iso(m[3], _month(m[1]), int(m[2]), ctx, _word_before(m).strip(",")), "day"


def _range(first: str | None, last: str | None) -> tuple[str | None, str]:
    if first and last and first < last:
        return f"{first}/{last}", "range"
    return first or last, "day"


def _on_days_month(m: Match, ctx: _Context) -> tuple[str | None, str]:
    month = _month(m[3])
    return _range(_iso(m[4], month, int(m[1]), ctx), _iso(m[4], month, int(m[2]), ctx))


def _on_month_days(m: Match, ctx: _Context) -> tuple[str | None, str]:
    month = _month(m[1])
    return _range(_iso(m[4], month, int(m[2]), ctx), _iso(m[4], month, int(m[3]), ctx))


def _on_cross_month(m: Match, ctx: _Context) -> tuple[str | None, str]:
    first = _iso(m[5], _month(m[2]), int(m[1]), ctx)
    return _range(first, _iso(m[5], _month(m[4]), int(m[3]), ctx))


def _on_month_year(m: Match, ctx: _Context) -> tuple[str | None, str]:
    return f"{int(m[2]):04d}-{_month(m[1]):02d}", "month"


def _word_before(m: Match) -> str:
    words = m.string[max(0, m.start() - 30) : m.start()].replace("-", " ").split()
    return words[-1].lower() if words else ""


def _on_month_relative_year(m: Match, ctx: _Context) -> tuple[str | None, str]:
    """"in September last year", "in March next year"."""
    if ctx.published is None:
        return None, "month"
    step = {"last": -1, "next": 1}.get(m[2].lower(), 0)
    return f"{ctx.published.year + step:04d}-{_month(m[1]):02d}", "month"


def _on_month_alone(m: Match, ctx: _Context) -> tuple[str | None, str] | None:
    """"in September", "by early May" (a bare "May" is a verb as often as a month)."""
    before = _word_before(m)
    if before in ("early", "late", "mid"):
        words = m.string[max(0, m.start() - 40) : m.start()].split()
        before = words[-2].lower() if len(words) >= 2 else before
    if before not in _MONTH_WORDS and before not in ("early", "late", "mid"):
        return None
    if ctx.published is None:
        return None, "month"
    month, pub = _month(m[1]), ctx.published
    if ctx.future:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return f"{year:04d}-{month:02d}", "month"


def _on_year(m: Match, ctx: _Context) -> tuple[str | None, str] | None:
    """"in 2024", "by the end of 2024", "spring 2025", "mid-2024"."""
    if _word_before(m) not in _YEAR_WORDS:
        return None
    year = int(m[1])
    return (str(year) if 1900 <= year <= 2100 else None), "year"


def _on_year_range(m: Match, ctx: _Context) -> tuple[str | None, str]:
    return f"{m[1]}/{m[2]}", "range"


def _on_weekday(m: Match, ctx: _Context) -> tuple[str | None, str]:
    if ctx.published is None or _DATE_AFTER.match(m.string, m.end()):
        return None, "day"  # "Monday 9 March": the date that follows says which Monday
    weekday = WEEKDAYS[m[1].lower()]
    qualifier = _word_before(m)
    if qualifier == "next" or (ctx.future and qualifier != "last"):
        delta = (weekday - ctx.published.weekday()) % 7 or 7
        return (ctx.published + timedelta(days=delta)).isoformat(), "day"
    delta = (ctx.published.weekday() - weekday) % 7
    if qualifier == "last" and delta == 0:
        delta = 7
    return (ctx.published - timedelta(days=delta)).isoformat(), "day"


def _on_slash_date(m: Match, ctx: _Context) -> tuple[str | None, str]:
    """(8/3) in Indonesian style is day/month; a weekday, when written, settles the order."""
    if ctx.published is None:
        return None, "day"
    a, b = int(m[1]), int(m[2])
    readings = [d for d in (_pick_year(b, a, ctx), _pick_year(a, b, ctx)) if d]
    day_name = _word_before(m)
    if day_name in WEEKDAYS:
        readings = [d for d in readings if d.weekday() == WEEKDAYS[day_name]] or readings
    return (readings[0].isoformat() if readings else None), "day"


def _numeric_day(first: int, second: int, year: int) -> date | None:
    """14/01/2026 and 14.01.2026 are day first, as on most official sites; 01/14/2026 can only be
    month first."""
    return _day(year, second, first) or _day(year, first, second)


def _on_numeric_date(m: Match, ctx: _Context) -> tuple[str | None, str]:
    found = _numeric_day(int(m[1]), int(m[3]), int(m[4]))
    return (found.isoformat() if found else None), "day"


def _on_numeric_days(m: Match, ctx: _Context) -> tuple[str | None, str]:
    """15-16/10/2026: two days of one month."""
    first, last = _day(int(m[4]), int(m[3]), int(m[1])), _day(int(m[4]), int(m[3]), int(m[2]))
    return _range(first.isoformat() if first else None, last.isoformat() if last else None)


def _on_relative_day(m: Match, ctx: _Context) -> tuple[str | None, str]:
    word = m[0].lower()
    if ctx.anchor is not None and "day" in word and word not in ("today", "yesterday"):
        return ctx.anchor.isoformat(), "day"  # "On April 16 ... Earlier in the day, ..."
    if ctx.published is None:
        return None, "day"
    shift = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return (ctx.published + timedelta(days=shift)).isoformat(), "day"


def _on_relative_period(m: Match, ctx: _Context) -> tuple[str | None, str]:
    if ctx.published is None:
        return None, "month"
    pub, which, unit = ctx.published, m[1].lower(), m[2].lower()
    step = -1 if which in ("last", "past") else 1 if which in ("next", "coming") else 0
    if unit == "year":
        return str(pub.year + step), "year"
    if unit == "week":
        return (pub + timedelta(days=7 * step)).isoformat()[:7], "month"
    month_index = pub.year * 12 + pub.month - 1 + step
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"


def _on_season(m: Match, ctx: _Context) -> tuple[str | None, str] | None:
    """"in the autumn", "next spring", "before the end of the year": a year, relative to publication."""
    if ctx.published is None:
        return None, "year"
    pub, which, season = ctx.published, m[1].lower().split()[-1], m[2].lower()
    if season == "year":
        return str(pub.year), "year"
    starts = _SEASON_START[season] > pub.month
    if which == "next":
        return str(pub.year if starts else pub.year + 1), "year"
    if which == "last":
        return str(pub.year - 1 if starts else pub.year), "year"
    return str(pub.year), "year"


_DATE_AFTER = re.compile(rf",?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}\b)")
_CLAUSE_END = re.compile(r"[.;]|\band\b|\bbut\b")
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_ANY_DIGIT = re.compile(r"\d")
_NUMERIC_DATE_HINT = re.compile(r"\d[/.]\d{1,2}[/.]\d{4}")
_MONTH_START = re.compile(alternation([m[:3].title() for m in MONTHS] + [m[:3].upper() for m in MONTHS]))
_FOUR_DIGITS = re.compile(r"\d{4}")
_HINTS = (  # substrings of the lowercased sentence that some pattern needs (digits and months: see _hints)
    ("weekday", ("day",)),
    ("relative_day", ("today", "tonight", "yesterday", "tomorrow", "the day", "same day", "this morning",
                      "this afternoon", "this evening")),
    ("period", ("week", "month", "year")),
    ("season", ("spring", "summer", "autumn", "fall", "winter", "of the year")),
)
_NEEDS = {
    _on_iso: "iso", _on_cross_month: "month_day", _on_days_month: "month_day", _on_month_days: "month_day",
    _on_day_month: "month_day", _on_month_day: "month_day", _on_month_year: "month_day", _on_slash_date: "slash",
    _on_weekday: "weekday", _on_relative_day: "relative_day", _on_relative_period: "period",
    _on_year_range: "year_range", _on_month_alone: "month", _on_year: "year", _on_season: "season",
    _on_month_relative_year: "month", _on_numeric_date: "numeric", _on_numeric_days: "numeric",
}
# (pattern, handler, the hint it needs, whether it opens with the month name)
_PATTERNS: list[tuple[re.Pattern[str], Handler, str, bool]] = [
    (re.compile(p, flags), h, _NEEDS[h], p.startswith(rf"\b({_MONTH})"))
    for p, h, flags in (
        (rf"{_YEAR_NUMBER}-(\d{{2}})-(\d{{2}})\b", _on_iso, 0),
        (rf"{_DAY_NUMBER}\s*[-–]\s*(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\b", _on_numeric_days, 0),
        (rf"{_DAY_NUMBER}([/.])(\d{{1,2}})\2(\d{{4}})\b(?![.,]?\d)", _on_numeric_date, 0),
        (rf"{_DAY_NUMBER}{_ORD}\s+(?:of\s+)?({_MONTH}){_TO}(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTH}){_YEAR}",
         _on_cross_month, 0),
        (rf"{_DAY_NUMBER}{_ORD}{_TO}(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MONTH}){_YEAR}\b", _on_days_month, 0),
        (rf"\b({_MONTH})\s+(\d{{1,2}}){_ORD}{_TO}(\d{{1,2}}){_ORD}\b(?!\s*(?:%|per))(?:,?\s+(\d{{4}}))?",
         _on_month_days, 0),
        (rf"{_DAY_NUMBER}{_ORD}\s+(?:of\s+)?({_MONTH}){_YEAR}\b", _on_day_month, 0),
        (rf"\b({_MONTH})\s+(\d{{1,2}}){_ORD}(?![\d%])\b(?:,?\s+(\d{{4}}))?", _on_month_day, 0),
        (rf"\b({_MONTH}),?\s+(\d{{4}})\b", _on_month_year, 0),
        (rf"\b({_MONTH})\s+(last|next|this)\s+year\b", _on_month_relative_year, 0),
        (r"\((\d{1,2})/(\d{1,2})\)", _on_slash_date, 0),
        (rf"\b({_WEEKDAY})\b", _on_weekday, 0),
        (r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|earlier in the day"
         r"|later in the day|on the same day)\b",
         _on_relative_day, re.I),
        (r"\b(last|next|this|earlier this|later this|coming|past)\s+(week|month|year)\b", _on_relative_period, re.I),
        (r"\b(in the|this|next|last|coming|in|during the|by the|by)\s+(spring|summer|autumn|fall|winter)\b"
         r"(?!\s*,?\s*\d|\s+of\s+\d)",
         _on_season, re.I),
        (r"\b((?:end|rest|remainder|(?:first|second) half) of)\s+the\s+(year)\b", _on_season, re.I),
        (rf"{_YEAR_NUMBER}\s*[-–/]\s*(\d{{4}})\b", _on_year_range, 0),
        (rf"\b({_MONTH})\b(?!\s*\d)", _on_month_alone, 0),
        (r"((?:19|20)(?<!\w..)\d\d)\b(?![,.]?\d)", _on_year, 0),  # (?<!\w)((?:19|20)\d\d), faster
    )
]
