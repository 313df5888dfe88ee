"""Find the numbers of a sentence and their values, whatever way they are written.

Handles digits with separators ("6,500", "Rp 1.500.000"), decimals, a leading minus
("(-14.6%)"), scale words ("1.5 billion", "$3bn", "Rp 2.5 triliun", "Rs 2 lakh crore"), and
numbers in words ("twelve", "twenty-five", "three million", "a dozen", "two and a half million",
"half a million"). Numbers glued to letters ("COVID-19", "G20", "5G", "43rd") are not quantities
and are not returned; those glued to a following word by a hyphen ("two-day", "11-point") are
returned marked `hyphenated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from monitor.extract.lexicon import alternation


@dataclass(frozen=True, slots=True)
class Number:
    start: int  # includes a leading minus sign
    end: int  # includes the scale word, if any
    value: float
    spelled: bool  # written in words
    scaled: bool  # carries a scale word
    hyphenated: bool  # glued to a following word: "two-day", "30-year"
    scale: float = 1.0  # the multiplier of its scale word


SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "juta": 1e6, "lakh": 1e5, "crore": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9, "miliar": 1e9,
    "milyar": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "triliun": 1e12,
}
_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# every number word contains one of these: a cheap test before the costly word pattern
_WORD_STEMS = (
    "one", "two", "thre", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twel", "teen", "twent",
    "thirt", "fort", "fift", "hundred", "thousand", "million", "billion", "trillion", "dozen", "zero",
)
NUMBER_WORDS = frozenset([*_ONES, *_WORD_SCALES, "dozen"])
_NUMBER_WORD = alternation([*_ONES, *_WORD_SCALES, "dozen"])

# The first digit is factored out of the alternatives: a pattern that starts with one character
# class lets the regular-expression engine skip ahead to the next digit (about five times faster).
_DIGITS = re.compile(
    r"\d(?:\d{0,2}(?:\.\d{3}){2,}(?!\d)"  # 1.500.000
    r"|\d*,\d{1,2}(?=\s?(?:triliun|miliar|milyar|juta)\b)"  # 2,5 triliun
    r"|\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
)
_SCALE = re.compile(
    r"\s?(thousand|million|billion|trillion|hundred|mln|bn|mn|tn|trn|lakh|crore|juta|miliar|milyar"
    r"|triliun)\b|(bn|mn|m|k|b|tn)(?![A-Za-z])",
    re.IGNORECASE,
)
# "a" stands for one before a scale ("a million"); "half" only counts inside "half a million"
# and "two and a half", never alone ("about half of them" is a share, not a number)
_WORD = re.compile(
    rf"\b(?:(?:half\s+)?a\s+(?:dozen|hundred|thousand|million|billion|trillion)"
    rf"|{_NUMBER_WORD}(?:-{_NUMBER_WORD})*(?:[\s-]+and[\s-]+a[\s-]+half)?)\b",
    re.IGNORECASE,
)
_LOWER_WORD = re.compile(_WORD.pattern)
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_JOIN = re.compile(r"\s+|\s+and\s+")
_WORD_SPLIT = re.compile(r"[\s-]+")
_MONEY_BEFORE = re.compile(r"[$€£¥₹]|[A-Z]{2,3}\s?$|Rp\s?$|RM\s?$")
# Letters a currency code or symbol may leave right before a number: "Rp240", "USD5", "RM6".
_CURRENCY_LETTERS = re.compile(
    r"(?<![A-Za-z])(?:US|USD|EUR|GBP|JPY|CNY|RMB|SGD|IDR|MYR|Rp|RM|Rs|KSh|S|A|HK|NZ|NT|C|R|P)$")


def find_numbers(text: str) -> list[Number]:
    """All quantities-to-be in `text`, ordered by position."""
    found = [n for m in _DIGITS.finditer(text) if (n := _digit_number(text, m))]
    lower = text.lower()
    if not any(map(lower.__contains__, _WORD_STEMS)):
        return sorted(found, key=lambda n: n.start)
    for start, end in _word_runs(text):
        number = _word_number(text, start, end)
        if number and not any(d.start < number.end and number.start < d.end for d in found):
            found.append(number)
    return sorted(found, key=lambda n: n.start)


def _word_runs(text: str) -> list[tuple[int, int]]:
    """Spans of spelled numbers: words joined by spaces, or by "and" after a scale ("one hundred and two")."""
    runs: list[tuple[int, int]] = []
    lower = text.lower()
    # the case-sensitive pattern on lowercased text is much faster, where lowercasing keeps the offsets
    words = _LOWER_WORD.finditer(lower) if len(lower) == len(text) else _WORD.finditer(text)
    for match in words:
        if runs:
            gap = text[runs[-1][1] : match.start()]
            last = text[runs[-1][0] : runs[-1][1]].split()[-1].lower()
            # "one hundred and two" is one number; "a thousand and a million" are two
            new = match.group(0).lower().startswith(("a ", "half "))
            joins = bool(_JOIN.fullmatch(gap)) and "and" in gap and last in _WORD_SCALES and not new
            if gap.isspace() or joins:
                runs[-1] = (runs[-1][0], match.end())
                continue
        runs.append(match.span())
    return runs


def _digit_number(text: str, match: re.Match[str]) -> Number | None:
    start, end = match.span()
    if _glued_before(text, start) or _glued_after(text, end):
        return None
    raw = match.group(0)
    # "1.500.000" groups thousands with dots; otherwise commas group and a dot is decimal
    if raw.count(".") >= 2:
        numeral = raw.replace(".", "")
    elif "," in raw and _DECIMAL_COMMA.fullmatch(raw):  # "Rp 2,5 triliun": an Indonesian decimal comma
        numeral = raw.replace(",", ".")
    else:
        numeral = raw.replace(",", "")
    negative = start > 0 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in " \t\n([")
    scale = _SCALE.match(text, end)
    scaled = scale is not None and (scale.group(1) is not None or _scale_may_attach(text, start))
    multiplier = 1.0
    if scale and scaled:
        multiplier = SCALES[(scale.group(1) or scale.group(2)).lower()]
        end = scale.end()
        stacked = _SCALE.match(text, end)  # "2 lakh crore", "50 thousand crore": scales multiply
        if stacked and stacked.group(1) and SCALES[stacked.group(1).lower()] > multiplier:
            multiplier *= SCALES[stacked.group(1).lower()]
            end = stacked.end()
    # decimal arithmetic keeps "8.3 billion" at 8300000000, where floats give 8300000000.000001
    value = float(Decimal(numeral) * Decimal(multiplier)) if multiplier != 1 else float(numeral)
    hyphenated = end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha()
    return Number(start - negative, end, -value if negative else value, False, scaled, hyphenated, multiplier)


def _scale_may_attach(text: str, start: int) -> bool:
    """A bare "m", "k" or "bn" only scales a sum of money ("$3m", "€2bn")."""
    before = text[max(0, start - 4) : start]
    return bool(_MONEY_BEFORE.search(before))


def _glued_before(text: str, start: int) -> bool:
    if start == 0:
        return False
    previous = text[start - 1]
    if previous in ".+/:":
        return True
    if previous in "-–" and start >= 2 and text[start - 2].isalpha():
        return True
    if previous.isalpha():
        return not _CURRENCY_LETTERS.search(text[max(0, start - 4) : start])
    return previous.isdigit()


def _glued_after(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    following = text[end]
    if following in "+/:" and end + 1 < len(text) and text[end + 1].isdigit():
        return True
    if following == "+":
        return True
    if following.isalpha():
        return not _SCALE.match(text, end)
    return False


def _word_number(text: str, start: int, end: int) -> Number | None:
    tokens = [t for t in _WORD_SPLIT.split(text[start:end].lower()) if t != "and"]
    if tokens[0] == "a":
        tokens[0] = "one"
    if tokens[0] in _WORD_SCALES:
        return None  # "million" alone, or the scale of a number written in digits
    value = _words_value(tokens)
    if value is None or _glued_before(text, start):
        return None
    hyphenated = end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha()
    scaled = any(t in ("thousand", "million", "billion", "trillion") for t in tokens)
    # the scale a range's lower bound may borrow: "two to three million" ends in "million"
    scale = float(_WORD_SCALES[tokens[-1]]) if scaled and tokens[-1] in _WORD_SCALES else 1.0
    return Number(start, end, value, True, scaled, hyphenated, scale)


def _words_value(tokens: list[str]) -> float | None:
    total = current = 0.0
    for token in tokens:
        if token in _ONES:
            current += _ONES[token]
        elif token == "half":  # "two and a half", "half a million"
            current += 0.5
        elif token == "a":
            continue
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _WORD_SCALES:
            total += (current or 1) * _WORD_SCALES[token]
            current = 0
        else:
            return None
    return total + current
