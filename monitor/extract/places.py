"""Places named in a sentence: "in Jakarta", "at the White House", "visited Indonesia".

A place is a capitalised phrase after "in", "at", "to" or a visiting verb that the gazetteer
knows, that ends in a place noun ("Yunnan Province", "Government Office"), or, after "in" or
"at", any short capitalised phrase that is not a month, a nationality, an organisation, a
document or an event. "southwest China's Yunnan Province" yields "Yunnan Province".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.gazetteer import (
    PLACE_NOUNS,
    is_bloc,
    is_country,
    is_nationality,
    is_place,
    without_state_form,
)
from monitor.extract.lexicon import MONTH_AND_DAY_WORDS, NON_PERSON_WORDS


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    start: int
    end: int
    preposition: str  # in | at | to | visit


_CAP = r"(?:[A-Z][\w'’.-]*|D\.C\.|d['’][A-Z][\w'’.-]*)"  # "Côte d'Ivoire"
_PHRASE = (rf"{_CAP}(?:\s+(?:of\s+(?:the\s+)?|and\s+|for\s+|(?:de|do|dos|da|das|del|des|du|di)\s+)?{_CAP}){{0,6}}"
           rf"(?:,\s+{_CAP}(?:\s+(?:of\s+(?:the\s+)?)?{_CAP}){{0,3}})?")
_PLACE = re.compile(
    rf"\b((?i:in|at|to|visit|visits|visited|visiting|toward|towards))\s+(?:the\s+)?"
    rf"(?:(?:north|south|east|west|central|south-?west|south-?east|north-?west|north-?east)(?:ern)?\s+)?"
    rf"({_PHRASE})"
)
# "the situation in Myanmar": a topic, not where anyone met
_TOPICAL = re.compile(r"\b(?:situation|crisis|conflict|developments?|war|peace|stability|tensions?|elections?|unrest"
                      r"|violence|fighting)\s+$", re.IGNORECASE)
# "Cooperation in Green Hydrogen": the preposition sits inside a title ("the Summit in X" is a place)
_INSIDE_NAME = re.compile(r"\b(?:Cooperation|Co-operation|Partnership|Investment|Trade|Development|Research|Excellence"
                          r"|Collaboration|Progress|Advances|Studies|Exchange|Exchanges|Stewardship|Management"
                          r"|Governance|Innovation|Leadership|Resilience|Safety|Sustainability)\s+$")
_PARTS = re.compile(r",\s+|\s+and\s+(?:the\s+)?")
_NOT_PLACE_WORDS = NON_PERSON_WORDS - PLACE_NOUNS
_MAX_UNKNOWN_WORDS = 3


def find_places(text: str, people: frozenset[str] = frozenset()) -> list[Place]:
    """Places in `text`, in order; `people` are names that must not be read as places."""
    places: list[Place] = []
    for match in _PLACE.finditer(text):
        if _TOPICAL.search(text, max(0, match.start() - 30), match.start()):
            continue
        if _INSIDE_NAME.search(text, max(0, match.start() - 30), match.start()) and not is_place(
                _trim(match.group(2))):
            continue  # "Cooperation in Green Hydrogen": part of a title, not a place
        preposition = "visit" if match.group(1).startswith("visit") else match.group(1).lower()
        start, phrase = _after_possessive(match.start(2), match.group(2))
        phrase = _trim(phrase)
        if phrase and not _is_place(phrase, preposition, people) and "," in phrase:
            phrase = phrase.split(",")[0]  # "in Hanoi, Minister of Agriculture X received": the clause goes on
        if phrase and _is_place(phrase, preposition, people):
            places.append(Place(phrase, start, start + len(phrase), preposition))
    return places


def _after_possessive(start: int, phrase: str) -> tuple[int, str]:
    """"China's Yunnan Province" -> "Yunnan Province"; "the Ministry's" (headquarters) -> nothing."""
    cut = max(phrase.rfind("'s "), phrase.rfind("’s "))
    if cut < 0 and phrase.endswith(("'s", "’s")):
        return start, ""
    return (start + cut + 3, phrase[cut + 3 :]) if cut >= 0 else (start, phrase)


def _trim(phrase: str) -> str:
    """Drop a trailing month, weekday or dangling connector from a captured phrase."""
    words = phrase.split()
    while words and (words[-1].strip(",.") in MONTH_AND_DAY_WORDS or words[-1] in ("of", "and", "for", "the", "I")):
        words.pop()  # "in Colombo I plan to": the pronoun starts the next clause
    text = " ".join(words).rstrip(",")
    return text[:-1] if text.endswith(".") and not text.endswith("D.C.") else text


def _is_place(phrase: str, preposition: str, people: frozenset[str]) -> bool:
    words = phrase.replace(",", " ").split()
    if not words or words[0] in MONTH_AND_DAY_WORDS or phrase in people or any(c.isdigit() for c in phrase):
        return False
    if is_place(phrase) or all(is_place(without_state_form(part)) for part in _PARTS.split(phrase)):
        return True  # "Accra, Republic of Ghana", "the Republic of India and Sri Lanka"
    if is_bloc(phrase) or is_nationality(phrase):
        return False
    if any(part.split()[-1].lower() in PLACE_NOUNS for part in phrase.split(", ") if part.split()):
        return True  # "Yunnan Province", "National Harbor, Maryland"
    if any(w.lower() in _NOT_PLACE_WORDS for w in words) or any(w in phrase for w in people):
        return False
    capitalised = [w for w in words if w[:1].isupper()]  # "São José dos Campos": the particle does not count
    return preposition in ("in", "at", "visit") and len(capitalised) <= _MAX_UNKNOWN_WORDS


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.]*(?:[\s-]+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.]*){0,4}")


def principal_countries(title: str, text: str, limit: int = 4, adjectives: bool = False) -> list[str]:
    """The countries a statement is about: those its headline and opening name, in order.

    Used to tell apart instruments a sentence describes without naming its parties ("the two
    sides signed an MoU on fisheries"): that MoU is between the statement's countries. With
    `adjectives`, "the Philippine Secretary" names the Philippines too.
    """
    found: list[str] = []
    for run in _CAPITALISED_RUN.finditer(f"{title}\n{text[:700]}"):
        words = re.split(r"[\s-]+", run.group(0))
        i = 0
        while i < len(words):
            size = next((n for n in range(min(4, len(words) - i), 0, -1) if is_country(" ".join(words[i : i + n]))
                         or (adjectives and n == 1 and is_nationality(words[i]))), 0)  # "Philippine Secretary"
            if size:
                name = " ".join(words[i : i + size])
                if name not in found:
                    found.append(name)
                i += size
            else:
                i += 1
    return found[:limit]
