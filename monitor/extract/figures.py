"""Figures: stated quantities of money, percentages and counted things.

Conventions:

- Hedges ("more than", "about", "nearly", "up to") are left out of the value: the number is
  kept as written ("more than 40,000 visitors" -> 40000 visitor).
- A range gives one figure per bound ("between 3 and 4 million tonnes" -> 3000000 tonne and
  4000000 tonne); the lower bound borrows the upper bound's scale, unit and currency, and
  both carry the whole range as `text`.
- A minus sign written before a number is kept ("(-14.6%)" -> -14.6); a fall stated in words
  ("declined by 9.3%") keeps the number positive.
- Not figures: dates and years, times, ordinals, durations and ages, numbers glued to a word
  ("COVID-19", "5G", "two-day", "11-point"), references ("Article 5", "ACFTA 3.0"), list
  numbers, capitalised number words inside names ("the Five Homelands"), numbers inside short
  quoted names, small rhetorical counts of abstract things ("two key directions") and small
  counts of groups ("the two countries", "both sides", "the five member states"), ranks ("one
  of the five largest investors") and a comparison with a year ("up from 2021").
- The counted noun may be named elsewhere: after a name that contains a plural ("300 Australia
  Awards scholarships" counts scholarships), or by a fact-sheet label ("Indonesian students in
  Australia: more than 20,000").
- A bare "$" is the dollar a statement declares ("All figures are in Australian dollars unless
  otherwise stated"), else the only foreign dollar it writes (A$, S$), else USD.
- The same value with the same unit is reported once per statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from monitor.extract.dates import DateSpan
from monitor.extract.gazetteer import is_country
from monitor.extract.lexicon import (
    ABSTRACT_NOUNS,
    DURATION_NOUNS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    MEASURE_UNITS,
    REFERENCE_IF_CAPITALISED,
    REFERENCE_WORDS,
)
from monitor.extract.numbers import NUMBER_WORDS, Number, find_numbers
from monitor.extract.places import principal_countries
from monitor.extract.statement import Statement
from monitor.extract.units import (
    country_dollar,
    currency_after,
    currency_before,
    declared_dollar,
    is_plural,
    percent_after,
    singular,
)
from monitor.records import FigureMention

_OTHERS = "<others>"
_BARE_DOLLARS = re.compile(r".*\bdollars?$", re.DOTALL)
_DOLLARS = {"US$": "USD", "A$": "AUD", "AU$": "AUD", "S$": "SGD", "NZ$": "NZD", "HK$": "HKD", "C$": "CAD", "NT$": "TWD"}
_WORD = re.compile(r"\s*([^\W\d_][\w'’.\-]*|[^\w\s])")
_RANGE = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")
_PART_OF = re.compile(r"\s+(?:of|out of)\s+(?:the\s+)?")
_MEMBERS = re.compile(r"-(member|strong|person)\b", re.IGNORECASE)
_MEASURED = re.compile(r"-([a-z]+)\b", re.IGNORECASE)  # "the 310-kilometre railway", "a 500-MW plant"
_COMPARED = re.compile(r"\b(?:up|down|rising|falling|increasing|decreasing) from\s+$|\bcompared (?:with|to)\s+$"
                       r"|\b(?:against|versus|vs\.?)\s+$"
                       # "7.05 billion dollars, above the 6.8 billion first reported", "US$300 million, not the 250
                       # million we first planned": the same measure, another value
                       r"|\b(?:above|below|not|instead of|rather than|than)\s+(?:the\s+)?$")
# "met twice"; "will meet twice a year" is how often, not a count
_MET_TWICE = re.compile(r"\b(?:met|meet|talked|spoken|spoke|visited|convened|gathered)\b(?:\s+[\w-]+){0,4}?\s+twice\b"
                        r"(?!\s+(?:a|per|each|every)\s)")
_LISTED_REFERENCE = re.compile(r"\b([A-Za-z]+)s?\s+\d+[a-z]?(?:\s*,\s*\d+[a-z]?)*\s*(?:,|\band\b|\bor\b|to|-|–)\s*$")
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|which)\b")
_NUMBER_OF = re.compile(r"\bnumber of\s+", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"“”]{1,60})[\"”]")
_MULTIPLIER_NEXT = frozenset("the as more larger higher bigger greater faster that over than what".split())
_DETERMINERS = frozenset("the these those both all its their our his her".split())
_YEAR_WORDS = frozenset("in since by from until of to during before after between and year fy".split())
_AGE_WORDS = re.compile(r"^\s*(?:years?|months?)?[\s-]*(?:old|ago)\b")
_RANKING = re.compile(r"\s+(?:largest|biggest|greatest|highest|lowest|smallest|fastest|leading|top|best|richest"
                      r"|poorest|most\s+\w+)\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"([A-Z][\w.-]*)\s+$")
_CLAUSE_MARKS = re.compile(r"[,;:(]")
_PHRASE_MARKS = re.compile(r"[,;:(.]")
_HEDGE = (r"(?:about|around|approximately|roughly|some|nearly|almost|over|under|(?:more|less|fewer) than|up to"
          r"|at least|close to|just (?:over|under)|an estimated|estimated)")
_LABEL = re.compile(rf"\s*(?:[-•*–]\s*)?([^:;,.()]{{3,80}}):\s*(?:{_HEDGE}\s+)?", re.IGNORECASE)
_LABEL_PREPOSITION = re.compile(r"\s(?:in|to|from|of|for|at|on|with|by|between|among|across|per|under|via)\s")
_LABEL_MAX = 120
_POLITIES = frozenset("country nation state member party economy government".split())
_TIME_DEIXIS = frozenset("last next past coming previous".split())
_TIME_AFTER = re.compile(r"(?:last|next|past|coming|previous)\s+(?:years?|months?|weeks?|days?|decades?|quarters?)\b",
                         re.IGNORECASE)
_US_DOLLAR = re.compile(r"\bUS dollars?\b|\bUSD\b")
_DIGIT = re.compile(r"\d")
_MAX_MODIFIERS = 5
_WINDOW = 200  # characters around a number that its rules read; keeps long "sentences" linear
_RHETORICAL_MAX = 10
_GROUP_MAX = 5


@dataclass(frozen=True, slots=True)
class _Quantity:
    number: Number
    start: int  # including a currency symbol before the number
    end: int  # including the unit after it
    value: float
    kind: str  # money | percent | count | bare
    unit: str
    text_start: int  # where the reported text starts (a range starts at its lower bound)
    text_end: int
    word: str = ""  # the counted noun as written, lowercased


def extract_figures(statement: Statement) -> list[FigureMention]:
    figures: list[FigureMention] = []
    seen: set[tuple[float, str]] = set()
    dollar = local_dollar(statement.text)
    for sentence, dates in zip(statement.sentences, statement.dates, strict=True):
        for figure in sentence_figures(sentence.text, dates, dollar):
            key = (round(figure.value, 6), figure.unit.lower())
            if key not in seen:
                seen.add(key)
                figures.append(figure)
    return figures


def local_dollar(text: str) -> str:
    """What a bare "$" means in this statement: the dollar its note declares ("All figures are in
    Australian dollars"), else USD, unless only another dollar (A$, S$) is written."""
    declared = declared_dollar(text)
    if declared:
        return declared
    written = {code for token, code in _DOLLARS.items() if token in text}
    # the substring tests rule out most statements before the pattern scans the whole text
    if "USD" in written or (("US dollar" in text or "USD" in text) and _US_DOLLAR.search(text)):
        return "USD"
    if len(written) == 1:
        return written.pop()
    return _publisher_dollar(text) if not written else "USD"


def _publisher_dollar(text: str) -> str:
    """A statement from a dollar country that writes a bare "$" means its own dollar: the country
    its headline and opening name first (a Canadian release about Mexico names Canada first)."""
    issuer = _ISSUER_DOLLAR.search(text)
    if issuer:  # "Ottawa, Ontario – Global Affairs Canada": the issuer says whose dollar it is
        return next(code for code, group in zip(_ISSUER_CODES, issuer.groups(), strict=True) if group)
    countries = principal_countries("", text, limit=1)
    return country_dollar(countries[0]) if countries else "USD"


_ISSUER_CODES = ("CAD", "AUD", "NZD")
_ISSUER_DOLLAR = re.compile(r"(Global Affairs Canada|Government of Canada|\.gc\.ca\b)"
                            r"|(Australian Government|dfat\.gov\.au|Department of Foreign Affairs and Trade\b(?! of))"
                            r"|(New Zealand Government|mfat\.govt\.nz)")


def sentence_figures(text: str, dates: tuple[DateSpan, ...] = (), dollar: str = "USD") -> list[FigureMention]:
    numbers = [n for n in find_numbers(text) if not any(d.start < n.end and n.start < d.end for d in dates)]
    quantities = [_local(text, q, dollar) for q in _link(text, [_quantity(text, n) for n in numbers])]
    quoted = [m.span(1) for m in _QUOTED.finditer(text) if len(m.group(1).split()) <= 6]
    return [
        FigureMention(
            value=q.value,
            unit=q.unit,
            text=text[q.text_start : q.text_end],
            subject=_subject(text, q),
            sentence=text,
        )
        for q in quantities
        if _is_figure(text, q, quoted)
    ] + _met_twice(text)


def _met_twice(text: str) -> list[FigureMention]:
    """"have met at summit level twice": how often a series met, like "met three times"."""
    match = _MET_TWICE.search(text) if "twice" in text else None
    if match is None:
        return []
    return [FigureMention(value=2, unit="time", text="twice", subject=match.group(0), sentence=text)]


def _quantity(text: str, number: Number) -> _Quantity:
    start, end = number.start, number.end
    before = currency_before(text, number.start)
    if before:
        symbol = before[1]
        if text.startswith("MM", symbol - 2) and not text[symbol - 3 : symbol - 2].isalpha():
            # "MMUS$ 5,870": Chilean and Spanish usage for millions of US dollars
            return _Quantity(number, symbol - 2, end, number.value * 1e6, "money", before[0], symbol - 2, end)
        return _Quantity(number, symbol, end, number.value, "money", before[0], symbol, end)
    percent = percent_after(text, end)
    if percent:
        return _Quantity(number, start, percent, number.value, "percent", "percent", start, percent)
    after = currency_after(text, end)
    if after:
        return _Quantity(number, start, after[1], number.value, "money", after[0], start, after[1])
    member = _MEMBERS.match(text, end) if number.hyphenated else None
    if member:  # "a 25-member delegation", "a 300-strong team"
        unit = "person" if member.group(1).lower() == "strong" else member.group(1).lower()
        return _Quantity(replace(number, hyphenated=False), start, member.end(), number.value, "count", unit, start,
                         member.end(), unit)
    measured = _MEASURED.match(text, end) if number.hyphenated else None
    if measured and len(measured.group(1)) > 1 and measured.group(1).lower() in MEASURE_UNITS:
        # a length or capacity, stated as an adjective
        unit = singular(measured.group(1))
        return _Quantity(replace(number, hyphenated=False), start, measured.end(), number.value, "count", unit, start,
                         measured.end(), measured.group(1).lower())
    noun = _counted_noun(text, end)
    if noun:
        unit, noun_end = noun
        unit = _unit_named_after(text, unit, noun_end)
        word = text[:noun_end].split()[-1].lower() if unit != _OTHERS else ""
        return _Quantity(number, start, noun_end, number.value, "count", unit, start, noun_end, word)
    return _Quantity(number, start, end, number.value, "bare", "", start, end)


def _unit_named_after(text: str, unit: str, end: int) -> str:
    """A counted noun completed by what follows it: "(TEUs)", "heads of State"."""
    acronym = _UNIT_ACRONYM.match(text, end)
    if acronym:
        return acronym.group(1)
    of_state = _OF_STATE.match(text, end) if unit == "head" else None
    return f"head of {of_state.group(1).lower()}" if of_state else unit


def _local(text: str, q: _Quantity, dollar: str) -> _Quantity:
    """A bare "$" or "dollars" with no owner is the statement's own dollar."""
    if q.kind == "money" and q.unit == "USD" and (text[q.start] == "$" or _BARE_DOLLARS.match(text, q.end - 8, q.end)):
        return replace(q, unit=dollar)
    return q


def _counted_noun(text: str, pos: int) -> tuple[str, int] | None:
    """The noun counted by the number ending at `pos`: "6500 direct investment enterprises"."""
    previous_word = ""
    for modifiers, match in enumerate(_WORD.finditer(text, pos)):
        if match.start() != pos or modifiers > _MAX_MODIFIERS:
            return None
        word = match.group(1).rstrip(".") if len(match.group(1)) > 1 else match.group(1)
        lower, word_end = word.lower(), match.start(1) + len(word)
        pos = match.end()
        if lower in ("others", "more") and modifiers == 0:
            return _OTHERS, word_end
        if lower in _TIME_DEIXIS and _TIME_AFTER.match(text, match.start(1)):
            return None  # "4,800 last year": when it was counted, not what
        if lower in DURATION_NOUNS:
            return singular(word), word_end
        if lower in _DIMENSIONS:
            unit = _WORD.match(text, pos)
            measure = unit.group(1).rstrip(".") if unit else ""
            if unit and measure.lower() in MEASURE_UNITS:  # "2 million cubic metres"
                return f"{lower} {singular(measure)}", unit.start(1) + len(measure)
        if is_plural(word) or lower in MEASURE_UNITS or (modifiers and lower in _NOUN_OR_VERB):
            compound = _compound_head(text, word_end) if lower in _PLURAL_MODIFIERS else None
            counted = singular(word)
            if previous_word in _NOUN_MODIFIERS and lower not in MEASURE_UNITS:
                counted = f"{previous_word} {counted}"  # "120 business leaders", "1,798 tariff lines"
            return _noun_after_name(text, word, word_end) or compound or (counted, word_end)
        previous_word = lower
        if not word[0].isalpha() or lower in NUMBER_WORDS or (lower in FUNCTION_WORDS and lower not in ("and", "or")):
            return None  # another number ("two and three million doses") counts the noun itself
    return None


_YEAR_NOUNS = frozenset({"level", "price", "baseline", "figure", "value", "standard", "rate", "term"})
# "4.6 million twenty-foot equivalent units (TEUs)": the bracketed acronym names the unit
_UNIT_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})s?\)")
_OF_STATE = re.compile(r"\s+of\s+(state|government)\b", re.I)
# plurals also read as verbs ("she calls"), counted after a modifier noun: "4,000 vessel calls", "12 site visits"
_NOUN_OR_VERB = frozenset("calls visits notes accounts marks shows sets runs talks leads stands".split())
_DIMENSIONS = frozenset({"cubic", "square"})
# Nouns that keep their plural form when they modify another: "fisheries officers", "customs posts"
# nouns that make a compound with the counted noun: a "business leader" is not any leader
_NOUN_MODIFIERS = frozenset("business tariff exhibition container block cargo freight passenger border landing "
                            "training processing fishing".split())
_PLURAL_MODIFIERS = frozenset("fisheries customs sports arms goods services operations communications economics "
                              "humanities logistics electronics statistics savings earnings fish".split())
_NEXT_WORDS = re.compile(r"\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")


def _compound_head(text: str, pos: int) -> tuple[str, int] | None:
    """"40 fisheries officers", "two fisheries patrol vessels": a plural that modifies the noun after
    it; the last lowercase plural of the compound is what is counted."""
    following = _NEXT_WORDS.match(text, pos)
    if not following:
        return None
    first, second = following.group(1), following.group(2)
    if first in FUNCTION_WORDS or first in NUMBER_WORDS:
        return None
    if is_plural(first) and not first.endswith(("ed", "ing")):
        return singular(first), following.end(1)
    if second and second not in FUNCTION_WORDS and is_plural(second) and first in _NOUN_MODIFIERS:
        return f"{first} {singular(second)}", following.end(2)  # "12 fish landing sites"
    if second and second not in FUNCTION_WORDS and is_plural(second) and not first.endswith(("ed", "ing", "ly")):
        return singular(second), following.end(2)
    return None


def _noun_after_name(text: str, word: str, pos: int) -> tuple[str, int] | None:
    """"300 Australia Awards scholarships", "5 United Nations agencies": a capitalised plural is part
    of a name that modifies the noun counted after it, when a lowercase plural follows."""
    if not word[0].isupper():
        return None
    noun = _counted_noun(text, pos)
    if noun is None or noun[0] == _OTHERS or not text[:noun[1]].split()[-1].islower():
        return None
    return noun


def _label_noun(text: str, start: int) -> str | None:
    """Fact-sheet lines "Indonesian students in Australia: more than 20,000", "Visas issued: 450":
    the label names what the bare number counts, by its head noun (its last plural before any
    preposition; capitalised only as the label's first word, so that names do not count)."""
    label = _LABEL.fullmatch(text, 0, start) if start <= _LABEL_MAX else None
    if not label:
        return None
    head = _LABEL_PREPOSITION.split(label.group(1), maxsplit=1)[0].split()
    plurals = [w for i, w in enumerate(head) if (i == 0 or w.islower()) and is_plural(w)]
    return singular(plurals[-1]) if plurals else None


def _link(text: str, quantities: list[_Quantity]) -> list[_Quantity]:
    """Give bare numbers the unit of a range partner, of "12 of the 18 chapters", or of "number of"."""
    out = list(quantities)
    for i in range(len(out) - 1, -1, -1):
        q = out[i]
        following = out[i + 1] if i + 1 < len(out) else None
        between = text[q.end : following.start] if following else ""
        if following and _RANGE.fullmatch(between) and (q.kind == "bare") != (following.kind == "bare"):
            out[i], out[i + 1] = _range(q, following)
        elif following and q.kind == "bare" and following.kind == "count" and _PART_OF.fullmatch(between):
            out[i] = replace(q, kind="count", unit=following.unit)
        elif q.kind == "bare":
            unit = _number_of(text, q.start) or _label_noun(text, q.start)
            out[i] = replace(q, kind="count", unit=unit) if unit else q
    for i, q in enumerate(out):
        counted = [p for p in out[:i] if p.kind != "bare"]
        compared = _COMPARED.search(text, max(0, q.start - 30), q.start)
        if q.kind == "bare" and counted and compared and not _looks_like_year(q):
            out[i] = replace(q, kind=counted[-1].kind, unit=counted[-1].unit)  # "1,200 trucks, up from 700"
        elif q.kind == "bare" and counted and counted[-1].kind == "count" and _OF_THEM.match(text, q.end):
            out[i] = replace(q, kind="count", unit=counted[-1].unit)  # "Fourteen companies …; nine of them"
    for i, q in enumerate(out):
        if q.unit == _OTHERS:
            units = [p.unit for p in out[:i] if p.kind == "count" and p.unit != _OTHERS]
            out[i] = replace(q, unit=units[-1]) if units else replace(q, kind="bare", unit="")
    return out


def _range(lower: _Quantity, upper: _Quantity) -> tuple[_Quantity, _Quantity]:
    """"between 3 and 4 million tonnes", "$3-4 million": the bounds share unit and scale."""
    kind, unit = (upper.kind, upper.unit) if lower.kind == "bare" else (lower.kind, lower.unit)
    upper_numeral = upper.value / upper.number.scale
    scale_too = not lower.number.scaled and lower.value <= abs(upper_numeral)
    value = float(Decimal(str(lower.value)) * Decimal(upper.number.scale)) if scale_too else lower.value
    start, end = lower.start, max(upper.end, lower.end)
    return (replace(lower, value=value, kind=kind, unit=unit, text_start=start, text_end=end),
            replace(upper, kind=kind, unit=unit, text_start=start, text_end=end))


def _number_of(text: str, start: int) -> str | None:
    """"increase the number of scholarships ... to 500": the unit comes from "number of"."""
    found = list(_NUMBER_OF.finditer(text, max(0, start - _WINDOW), start))
    if not found or _DIGIT.search(text, found[-1].end(), start):
        return None
    noun = _counted_noun(text, found[-1].end() - 1)
    return noun[0] if noun and noun[0] != _OTHERS else None


def _is_figure(text: str, q: _Quantity, quoted: list[tuple[int, int]]) -> bool:
    number, previous = q.number, _previous_word(text, q.start)
    if q.kind == "bare" or any(s <= number.start < e for s, e in quoted):
        return False
    if number.hyphenated and q.kind not in ("money", "percent"):
        return False
    if _is_phone_number(text, number.start):
        return False  # "343-203-7700", "+254 20 3318888": a telephone number
    if q.kind in ("money", "percent"):
        return not _is_reference(text, q, previous)
    unit_word = q.word
    if _RANKING.match(text, number.end):
        return False  # "one of Mexico's five largest sources": a rank, not a count
    if q.unit in DURATION_NOUNS or _AGE_WORDS.match(text, number.end) or previous == "aged":
        return False
    if _is_year(text, q, previous) or _is_reference(text, q, previous) or previous in ("top", "no", "no."):
        return False
    if number.spelled and ((q.value == 1 and not number.scaled) or _is_capitalised_inside(text, number)):
        return False
    small, determined = q.value <= _RHETORICAL_MAX, previous in _DETERMINERS
    pair = determined and previous != "all" and q.value <= 2
    if small and (q.unit in ABSTRACT_NOUNS or unit_word in ABSTRACT_NOUNS or pair):
        return False  # "the two projects" points back at a pair; "the nine fishermen", "all nine sites" count
    if q.value <= _GROUP_MAX and (q.unit in GROUP_NOUNS or unit_word == "peoples"):
        return False
    if determined and q.unit in _POLITIES:
        return False  # "the 27 member states", "all ten countries": a group named by its size
    return not (q.unit == "time" and _next_word(text, q.end) in _MULTIPLIER_NEXT)


def _is_phone_number(text: str, start: int) -> bool:
    return ("-" in text or "+" in text) and any(s <= start < e for s, e in _phone_spans(text))


@lru_cache(maxsize=64)
def _phone_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _PHONE.finditer(text))


_PHONE = re.compile(r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}|\b\d{2,4}(?:[.-]\d{2,4}){2,3}\b")


def _looks_like_year(q: _Quantity) -> bool:
    """"up from 2021" compares with a year, not with a quantity."""
    number = q.number
    return not (number.spelled or number.scaled) and 1800 <= q.value <= 2100 and q.value == int(q.value)


def _is_year(text: str, q: _Quantity, previous: str) -> bool:
    """"in 2016", "the 1982 United Nations Convention", "2024 Summer Davos Forum"."""
    number = q.number
    if number.spelled or number.scaled or not (1800 <= q.value <= 2100) or q.value != int(q.value):
        return False
    raw = text[number.start : number.end]
    if not raw.isdigit():
        return False
    following = text[number.end :].split(maxsplit=1)
    if q.unit in _YEAR_NOUNS:
        return True  # "compared with 2024 levels", "at 2019 prices"
    return previous in _YEAR_WORDS or q.kind != "count" or (bool(following) and following[0][:1].isupper())


def _is_reference(text: str, q: _Quantity, previous: str) -> bool:
    """"Article 5", "Phase 2", "ACFTA 3.0": a number naming a thing rather than counting."""
    if previous in REFERENCE_WORDS and q.kind == "count":
        written = text[max(0, q.start - _WINDOW) : q.start].rsplit(maxsplit=1)[-1].lstrip("(\"“")
        return previous not in REFERENCE_IF_CAPITALISED or written[:1].isupper()
    if q.kind != "count":
        return False
    listed = _LISTED_REFERENCE.search(text, max(0, q.start - 40), q.start)
    if listed and listed.group(1).lower() in REFERENCE_WORDS:
        return True  # "Article 3, 4 or 5": the list goes on naming articles
    offset = max(0, q.start - _WINDOW)
    match = _NAME_BEFORE.search(text[offset : q.start])
    if not match or offset + match.start() == 0:
        return False
    if q.value >= 1_000_000 or is_country(match.group(1)):
        return False  # "… and Brazil 38.5 billion litres": a country's share, not "Phase 2" or "ACFTA 3.0"
    return not text[offset : offset + match.start()].rstrip().endswith((".", ":", '"', "“"))


def _is_capitalised_inside(text: str, number: Number) -> bool:
    """"Five Homelands", "Two Countries": a capitalised number word that is not sentence-initial."""
    return text[number.start].isupper() and any(c not in " \"“‘'(" for c in text[: number.start])


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - _WINDOW) : start].rsplit(maxsplit=1)
    return words[-1].lower().strip("(\"“") if words else ""


def _next_word(text: str, end: int) -> str:
    words = text[end : end + _WINDOW].split(maxsplit=1)
    return words[0].lower().strip(",.;") if words else ""


def _subject(text: str, q: _Quantity) -> str:
    """A few words saying what the figure measures: the clause before it, else the words after."""
    clause = _CLAUSE_MARKS.split(text[max(0, q.text_start - _WINDOW) : q.text_start])[-1].split()
    while clause and (clause[-1].lower() in FUNCTION_WORDS or clause[-1].lower().endswith("ed")):
        clause.pop()
    words = clause[-8:]
    if q.kind == "count" or not words:
        tail = _PHRASE_MARKS.split(text[q.end : q.end + _WINDOW], maxsplit=1)[0].split()[:6]
        words = [*words[-4:], text[q.start : q.end], *tail] if q.kind == "count" else tail
    return " ".join(words).strip() or text[q.start : q.end]
