"""Split the body of a statement into sentences that are exact substrings of the input.

Offsets always point into the original text, so `text[s.start:s.end] == s.text`. Besides
". ", "! " and "? " a sentence also ends at "; " before a capital letter (translated
statements chain sentences that way) and at every line break, except where a line is
visibly hard-wrapped. List markers ("1.", "(2)", "ii.", "-"), speaker labels in transcripts
("Lin Qiao: ", "Reporter (NHK): ") and datelines ("JAKARTA, 9 March 2023 - ") are left out of
the sentence; a speaker label is kept as the `speaker` of its turn's sentences, so that "I"
and "we" can be resolved to a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.dateline import DATELINE_PREFIX

Span = tuple[int, int]
MAX_SENTENCE = 1500


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int  # position among the document's sentences
    paragraph: int  # position of its paragraph
    heading: bool  # a line without final punctuation: headline, section title, date line
    listed: bool = False  # its paragraph is an item of a bulleted or numbered list
    speaker: str = ""  # in a transcript, the label of who is speaking ("Foreign Minister Sato")


# ". ", "!” ", "; " before a capital. Both kinds start with the one character class (the second
# alternative checks what it was by a look back): a pattern that starts with a class lets the
# regular-expression engine skip ahead to its next character, several times faster.
_BOUNDARY = re.compile(r"[.!?…;](?:(?<=[.!?…])[.!?…]*[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=;)\s+(?=[A-Z]))")
_MARKER = re.compile(
    r"(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?(?:[ivx]{1,4}|[IVX]{1,4})[.)]|[-•*▪●◦‣–—]|\d{1,3}\s?\.)\s+(?=\S)"
)
_BULLET = re.compile(r"\s*(?:[-•*▪●◦‣–—]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
# "Press Secretary ONODERA:", "QUESTION (VnExpress):", "Asahi, MORI:" (a journalist's outlet, then name)
_SPEAKER = re.compile(r"([A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}(?:, [A-Z]{2,}[\w'’.&-]*)?)(?: \([^()\n]{1,40}\))?:\s+"
                      r"(?=[A-Z\"“])")
# what a fact sheet's line names before its colon, unlike a speaker: an event, a body or an instrument
_TOPIC_HEADS = frozenset("""
conference forum summit meeting meetings council committee commission group dialogue expo exhibition fair
agreement agreements memorandum mou treaty protocol declaration plan programme program initiative roadmap
framework corridor hub link project projects fund loan partnership strategy
""".split())
_FINAL = re.compile(r"[.!?…:;\"”’)]\s*$")
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")
_WRAP_END = re.compile(r"\b(?:the|of|and|with|to|a|an|for|on|by|at|from|in|or|as)$|[,\-]$")
# Abbreviations never followed by a sentence break ("Mr. Wang", "H.E. Mr. Cruz").
_PREFIX_ABBREV = frozenset("""
mr mrs ms dr prof st h.e hon rt gen lt col capt maj sgt adm gov sen rep amb pres fr rev messrs no nos
art para sec fig vol p pp vs approx e.g i.e cf viz ca mt ft dept est rp rs smt shri sri kum tk ref jl jln
""".split())
# Abbreviations that may end a sentence, but usually do not.
_OTHER_ABBREV = frozenset("""
u.s u.k u.n e.u d.c p.m a.m jr sr inc ltd co corp etc jan feb mar apr jun jul aug sep sept oct nov dec
plc s.a govt bhd tbk pte n.v
""".split())
_SENTENCE_STARTERS = frozenset("""
The This These That Those It He She They We I In On At During After Before Since However Meanwhile
Both Its His Her Their A An As According Today Yesterday There Such Following Under While With For
Our Your Mr Ms Mrs Dr
""".split())


def is_table_row(line: str) -> bool:
    """A line of a table given as text, its cells separated by " | " (the only such lines the body keeps)."""
    return line.count(" | ") >= 2


def split_sentences(text: str, lines: list[Span]) -> list[Sentence]:
    """Sentences of the given body lines of `text`, in order."""
    sentences: list[Sentence] = []
    speaker = ""
    for paragraph, (start, end) in enumerate(_paragraphs(text, lines)):
        listed = bool(_BULLET.match(text, start, end))
        start, label = _skip_prefixes(text, start, end)
        body = text[start:end].rstrip()
        heading = not _FINAL.search(_TRAILING_BRACKET.sub("", body) if body.endswith(")") else body)
        speaker = label or ("" if heading else speaker)  # a turn lasts until the next label or heading
        # a table row ("Instrument | Parties | Date | Status") is one sentence, whatever its cells say
        spans = [(start, end)] if is_table_row(body) else _split_paragraph(text, start, end)
        for s, e in spans:
            sentences.append(Sentence(text[s:e], s, e, len(sentences), paragraph, heading, listed, speaker))
    return sentences


def _paragraphs(text: str, lines: list[Span]) -> list[Span]:
    """Join hard-wrapped lines; every other line is a paragraph of its own."""
    out: list[Span] = []
    for start, end in lines:
        if out and _continues(text[out[-1][0] : out[-1][1]], text[start:end]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(previous: str, line: str) -> bool:
    previous, line = previous.rstrip(), line.lstrip()
    if not previous or not line or _FINAL.search(previous) or _MARKER.match(line):
        return False
    if is_table_row(line) or is_table_row(previous):
        return False
    return line[0].islower() or (len(previous) >= 60 and bool(_WRAP_END.search(previous)))


def _skip_prefixes(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the sentence text starts after a list marker, speaker label and dateline; the label."""
    while start < end and text[start].isspace():
        start += 1
    label = ""
    for pattern in (_MARKER, _SPEAKER, DATELINE_PREFIX):
        match = pattern.match(text, start, end)
        if match and pattern is _SPEAKER and match.group(1).rsplit(" ", 1)[-1].lower() in _TOPIC_HEADS:
            continue  # "Middle Corridor Ministerial Conference: Tashkent, 16-17 June": a fact sheet's topic
        if match and pattern is DATELINE_PREFIX and len(text[match.end() : end].split()) <= 3:
            continue  # "Monday, 23 March — Jakarta": a programme's day header, not a paragraph's dateline
        if match and match.end() < end:
            start = match.end()
            label = match.group(1) if pattern is _SPEAKER else label
    return start, label


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if not _is_break(text, cursor, match):
            continue
        spans.append((cursor, _rstrip(text, cursor, match.end())))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, _rstrip(text, cursor, end)))
    return [piece for s, e in spans if e > s for piece in _cap_length(text, s, e)]


def _cap_length(text: str, start: int, end: int) -> list[Span]:
    """Cut a run-on "sentence" (a table, a list without punctuation) at spaces, so that no rule
    ever reads more than MAX_SENTENCE characters at once."""
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, _rstrip(text, start, cut)))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def _is_break(text: str, cursor: int, match: re.Match[str]) -> bool:
    if text[match.start()] == ";":
        return True
    token = _last_token(text, cursor, match.start() + 1).lower().strip("\"“”'(").rstrip(".")
    if token in _PREFIX_ABBREV or (len(token) == 1 and "a" <= token <= "z"):
        return False
    if token in _OTHER_ABBREV:
        following = text[match.end() : match.end() + 20].split(" ", 1)[0].strip("\"“")
        return following in _SENTENCE_STARTERS
    return True


def _last_token(text: str, start: int, end: int) -> str:
    """The last run of non-space characters of text[start:end], which ends in one; a walk back over
    it is far cheaper than searching the whole sentence for a pattern anchored at its end."""
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
