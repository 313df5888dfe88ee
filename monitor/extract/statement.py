"""A statement read once for all extractors: body sentences, publication date, people, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from monitor.extract.boilerplate import main_lines
from monitor.extract.dateline import dateline_place, find_published
from monitor.extract.dates import DateSpan, find_dates
from monitor.extract.gazetteer import WEEKDAYS, is_place
from monitor.extract.people import PeopleIndex, Person, Token, explicit_people, may_introduce, tokenize
from monitor.extract.sentences import Sentence, split_sentences
from monitor.extract.tables import TableRow, read_tables

_HEADER_WORD = re.compile(r"[A-Za-z@#][\w@#.-]*")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_SECTION_TITLE = re.compile(r"[A-Z][A-Z&/ ,'-]{3,60}")  # "BACKGROUND", "NOTES TO EDITORS"
_HEADER_PLACE = re.compile(r"[—–-]\s*([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})\s*$")
_WEEKDAY_STARTS = frozenset(day[:3] for day in WEEKDAYS)  # "Mon", "Thu" in a post's header
_OPENING = 30  # a date this near a sentence's start opens it: "In Manila on June 9, ..."


@dataclass(frozen=True)
class Statement:
    text: str
    sentences: tuple[Sentence, ...]
    published: date | None
    dates: tuple[tuple[DateSpan, ...], ...]  # per sentence
    first_body: int  # index of the first sentence of running text, after headline and date lines
    names: PeopleIndex
    introduced: tuple[tuple[Person, ...], ...]  # per sentence: people named with a title, role or speech verb
    tables: dict[int, TableRow] = field(default_factory=dict)  # the sentences that are rows of a table
    days_of: dict[int, date] = field(default_factory=dict)  # sentences under a day's header ("Monday 18 May")
    places_of: dict[int, str] = field(default_factory=dict)  # and the city of that header, if it names one
    _tokens: dict[int, tuple[Token, ...]] = field(default_factory=dict)  # per sentence, as needed
    _speakers: dict[str, Person | None] = field(default_factory=dict)  # per transcript label

    @property
    def dateline_place(self) -> str | None:
        """Where the statement was issued: "Riyadh, May 28, 2025, SPA --", a line "Parliament Buildings,
        Wellington" under the headline."""
        return dateline_place(self.text)

    def is_preamble(self, sentence: Sentence) -> bool:
        """A headline or heading line before the first sentence of running text."""
        return sentence.heading and sentence.index < self.first_body

    def people_in(self, sentence: Sentence) -> list[Person]:
        """Everyone a sentence mentions, by full name (computed on demand: few sentences need it)."""
        i = sentence.index
        if i not in self._tokens:
            self._tokens[i] = tokenize(sentence.text)
        return self.names.people_in(sentence.text, self._tokens[i], self.introduced[i], i)


    def speaker_of(self, sentence: Sentence) -> Person | None:
        """In a transcript, the person behind a turn's label ("Foreign Minister Sato" -> "Sato Kenji")."""
        label = sentence.speaker
        if not label:
            return None
        if label not in self._speakers:
            self._speakers[label] = self._resolve_speaker(label)
        return self._speakers[label]

    def _resolve_speaker(self, label: str) -> Person | None:
        tokens = tokenize(label)
        titled = [p for p in explicit_people(label, tokens) if p.name]
        name = titled[0].name if titled else tokens[-1].text if tokens else ""
        full = self.names.resolve(name)
        if full == name and full not in self.names.names:
            return None  # "Reporter", "Quick facts": nobody the statement names
        return Person(full, 0, 0, titled[0].title if titled else "")


def _sentence_dates(sentences: tuple[Sentence, ...], published: date | None, title_year: int | None = None
                    ) -> tuple[tuple[tuple[DateSpan, ...], ...], dict[int, date], dict[int, str]]:
    """Each sentence's dates, in order. "Earlier in the day" is the day of the statement's first
    dated event, or of a later sentence that opens with its day ("On April 16, ...")."""
    out: list[tuple[DateSpan, ...]] = []
    days_of: dict[int, date] = {}  # the sentences under a day's header line, and that day
    places_of: dict[int, str] = {}  # and the city that header names ("Monday, 23 March — Jakarta")
    place: str | None = None
    anchor: date | None = None
    today = published  # a post's or an agenda day's own date, under its header line, else the statement's
    for sentence in sentences:
        # a header's own date is read against the statement's date, not the previous header's
        found = tuple(find_dates(sentence.text, published if sentence.heading else today, anchor, title_year))
        header_day = _day_of_header(sentence.text, found) if sentence.heading and published is not None else None
        if header_day:
            today = days_of[sentence.index] = header_day
            place = _place_of_header(sentence.text)
        elif sentence.heading and _SECTION_TITLE.fullmatch(sentence.text):
            today, place = published, None  # "BACKGROUND": the day's programme is over
        elif today != published and today is not None:  # the lines under it, headings ("15:30 Meeting …") too
            days_of[sentence.index] = today
            if place:
                places_of[sentence.index] = place
        days = [d for d in found if d.value and len(d.value.split("/")[0]) == len("2025-01-01")]
        if days and not sentence.heading and (anchor is None or days[0].start <= _OPENING):
            anchor = date.fromisoformat((days[0].value or "").split("/")[0])
        out.append(found)
    return tuple(out), days_of, places_of


def _place_of_header(text: str) -> str | None:
    """"Monday, 23 March — Jakarta": the city of that day's programme (not "Bogor and Jakarta")."""
    match = _HEADER_PLACE.search(text)
    return match.group(1) if match and is_place(match.group(1)) else None


def _day_of_header(text: str, found: tuple[DateSpan, ...]) -> date | None:
    """The day a header line is all about: "@NLinVietnam - Mon 2 Feb", "Monday 18 May"."""
    days = [d for d in found if d.value and len(d.value) == len("2025-01-01")]
    if len(days) != 1 or len(text) > 60:
        return None
    rest = text[: days[0].start] + text[days[0].end :]
    words = [w for w in _HEADER_WORD.findall(rest) if w.rstrip(".,").lower()[:3] not in _WEEKDAY_STARTS]
    return date.fromisoformat(days[0].value or "") if len(words) <= 3 else None


def read_statement(text: str, published: date | None = None) -> Statement:
    lines = main_lines(text)
    sentences = tuple(split_sentences(text, lines))
    if published is None:
        published = find_published(text, lines)
    tokens = {s.index: tokenize(s.text) for s in sentences if may_introduce(s.text)}
    introduced = tuple(explicit_people(s.text, tokens[s.index]) if s.index in tokens else () for s in sentences)
    names = PeopleIndex()
    for index, found in enumerate(introduced):
        names.learn(found, index)
    years = _YEAR.findall(text[: text.find("\n")]) if "\n" in text else []
    dates, days_of, places_of = _sentence_dates(sentences, published, int(years[0]) if len(years) == 1 else None)
    first_body = next((s.index for s in sentences if not s.heading), len(sentences))
    return Statement(text, sentences, published, dates, first_body, names, introduced, read_tables(sentences),
                     days_of, places_of, tokens)
