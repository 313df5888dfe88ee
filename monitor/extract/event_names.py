"""Where an event's name starts and ends in a sentence.

"the 43rd ASEAN Summit", "COP28 climate conference", "Canada-Mexico leaders' meeting": capitalised
words, numbers and a few linking words before the head word belong to the name; "The", weekdays,
months and verbs ("Orlov held talks") do not.
"""

from __future__ import annotations

import re

from monitor.extract.lexicon import FUNCTION_WORDS

ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
           r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|next|inaugural|last|previous|latest|annual|new|upcoming|this\s+week's|this\s+year's)")
_NAME_NUMBER = re.compile(ORDINAL + r"|(?:19|20)\d\d|[\w+]*\d[\w+]*")  # "43rd", "2024", "G20", "2+2"
_MAX_NAME_WORDS = 12
_NOT_NAME = (r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
# "Forum for Asia", "Summit of the Forum on China-Africa Cooperation", "Summit 2024", "Trade Expo Indonesia"
# (not "Conference on March 14")
_NAME_TAIL = re.compile(
    rf"(?:\s+(?:for|on|of)\s+(?:the\s+)?{_NOT_NAME}"
    rf"[A-Z][\w'’-]*(?:\s+(?:(?:and|on|for|of)\s+(?:the\s+)?)?{_NOT_NAME}[A-Z][\w'’-]*){{0,5}}"
    r"|\s+(?:19|20)\d\d\b|\s+[A-Z][a-z]+(?=[\s,.;]|$)(?<!\bThe))?"
)
CAP_STOP = frozenset("""
The A An This That These Those In On At During After Before Since Under With For By From Both Its Their His Her
We They He She It Our As Following While When Today Yesterday Also And But Meanwhile However
""".split())
WEEKDAY_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_MONTH_WORDS = frozenset(
    "January February March April May June July August September October November December".split()
)
_HOLD_VERBS = frozenset("hold holds held had has have having met attend attends join joins host hosts open opens"
                        .split())
_EVENT_VERBS = frozenset("continue continues resume resumes begin begins start starts launch launches conduct hold "
                         "holds convene convenes attend attends join joins".split())
# "G20 ", "COP28 climate ", "4th U.S.-Philippines Trade and Investment Framework Agreement (TIFA) Council "
NAME_PREFIX = re.compile(r"((?:(?:[A-Z][\w'’.\-+]*|\([A-Z][\w.\-]*\)|\d+(?:st|nd|rd|th))\s+(?:(?:and|of|for|&)\s+)?)+"
                         r"(?:[a-z][\w-]*['’]?\s+)?)$")


def name_start(text: str, head_start: int) -> int:
    """Where the capitalised words and numbers before a head word begin: "the [43rd ASEAN ]Summit"."""
    start = head_start
    tokens = list(re.finditer(r"[\w'’.\-+]+|[\"“”]", text[:head_start]))
    for token in reversed(tokens[-_MAX_NAME_WORDS:]):
        word = token.group(0)
        if (word[:1].isupper() and word not in CAP_STOP) or _NAME_NUMBER.fullmatch(word.lower()):
            start = token.start()
        elif word.lower() in ("of", "and", "for", "on", "&") and start != head_start:
            continue
        else:
            break
    return start if text[start:head_start].strip() or start == head_start else head_start


# "(16-17 June 2025)" after an event's name says when, not another name ("(IATF 2025)", "(2+2)" are names)
_DATED = re.compile(r"^\d{1,2}\s*[-–/.]\s*\d{1,2}\b|\b(?:January|February|March|April|May|June|July|August"
                    r"|September|October|November|December)\b")


def name_end(text: str, end: int) -> int:
    """Where a name goes on after its head word: "Forum [for Asia]", "Summit[ 2024]", "[ (JTC)]"."""
    tail = _NAME_TAIL.match(text, end)
    end = tail.end() if tail else end
    acronym = re.match(r"\s*\(([^()]{1,16})\)", text[end:])
    if acronym and _DATED.search(acronym.group(1)):
        return end  # "(16-17 June 2025)": when it takes place, not another name
    return end + acronym.end() if acronym else end


def strip_article(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)


def after_stop_words(text: str, start: int, end: int) -> int:
    """"The 6th JTC meeting": the name starts after a capitalised "The", "During", ..."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group(0) not in CAP_STOP:
            return start + word.start()
    return end


def is_name_prefix(prefix: str) -> bool:
    """"G20 summit", "COP28 climate conference"; not "Wednesday for talks"."""
    words = prefix.split()
    if words[0] in CAP_STOP or any(w in WEEKDAY_WORDS or w in _MONTH_WORDS for w in words):
        return False
    last = words[-1]
    return not (last[:1].islower() and (last in FUNCTION_WORDS or last in _HOLD_VERBS or last.endswith("ed")))


_PHASE_WORDS = frozenset("closing opening concluding inaugural preparatory".split())


def modifier_start(text: str, start: int) -> int:
    """Include "bilateral", "vice-ministerial", "video" in the noun."""
    offset = max(0, start - 40)
    begin = start
    for match in reversed(list(re.finditer(r"[A-Za-z][\w-]*", text[offset:start]))[-2:]):
        word = match.group(0)
        if not word[0].islower() or word in FUNCTION_WORDS or word in _EVENT_VERBS or (
                word.endswith(("ed", "ing")) and word not in _PHASE_WORDS):
            break  # "the closing press conference", "an opening session": which one, not what was done
        if text[offset + match.end() : begin].strip() or _after_apostrophe(text, offset + match.start()):
            break  # "Orlov's talks": the "s" is no modifier
        begin = offset + match.start()
    return begin


def _after_apostrophe(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "'’"
