"""Tense, negation and postponement cues read from the words around a mention.

A statement says "will sign", "did not meet", "talks were postponed": the same trigger word
means a planned, a denied or a delayed event. These helpers look at a short stretch of text
before (or after) the trigger; they never parse the whole sentence.
"""

from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|shall|would|should|must|'ll|to be (?:held|convened|signed|adopted|launched|hosted|organi[sz]ed)"
    r"|is to|are to|expects?|expected|expecting|scheduled|slated|plans? to|planned|planning to|set to|going to"
    r"|upcoming|forthcoming|next|look(?:s|ing)? forward|prepar(?:e|es|ing|ations?) for|intends?"
    r"|aims? to|ready to|willing to|invitation to|invited to|later this|agreed to|decided to|to hold"
    r"|to convene|to host|to attend|to visit|to meet|to sign|to adopt|proposed|propose|hopes? to"
    r"|rescheduled|postponed to|moved to|deferred to|tomorrow|coming"
    r"|register|registrations?|sign up|save the date|join us|invites?|inviting)\b"
)  # searched in lowercased text
_NEGATION = re.compile(
    r"\b(?:not|never|no|n't|neither|nor|failed to|fail to|refused to|declined to|without|yet to"
    r"|instead of|rather than|called off|cancell?ed|scrapped|rejected)\b|n't\b",
    re.IGNORECASE,
)
_POSTPONED = re.compile(
    r"\b(?:postponed|rescheduled|deferred|delayed|pushed back|moved to|put off)\b", re.IGNORECASE
)
_CANCELLED = re.compile(r"\b(?:cancell?ed|called off|scrapped|abandoned)\b", re.IGNORECASE)
# ";", ":", ", but", ". " after a word (not "U.S. Summit"); one leading character class, as in
# sentences._BOUNDARY, lets the engine skip to the next punctuation mark
_CLAUSE_BREAK = re.compile(r"[;:,.](?:(?<=[;:])|(?<=,)\s+(?:but|while|whereas|and)\b|(?<=[a-z]{2}\.)\s)")


def clause_before(text: str, position: int, limit: int = 120) -> str:
    """The text of the clause that ends at `position`, at most `limit` characters long."""
    start = max(0, position - limit)
    window = text[start:position]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def is_future(before: str) -> bool:
    return bool(_FUTURE.search(before.lower()))


def is_negated(before: str) -> bool:
    """A negation among the last few words before a trigger ("did not meet", "no talks")."""
    words = before[-60:].split()
    if len(words) <= 4:  # the window may have cut into the fourth word from the end: read it all
        words = before.split()
    return bool(_NEGATION.search(" ".join(words[-4:])))


def is_postponed(text: str) -> bool:
    return bool(_POSTPONED.search(text))


def is_cancelled(text: str) -> bool:
    return bool(_CANCELLED.search(text))
