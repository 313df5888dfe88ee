"""Person names in a statement, with the later short references resolved to the full name.

A name is recognised by its company, never by a list of names: a title before it
("Coordinating Minister Luhut Pandjaitan", "H.E. Mr. Ramon Dela Cruz", "the Ambassador of Peru
to Indonesia, Luis Alvarado,"), a role after it ("Zhang Jie, director of ...") or a speech verb
("Wan Zhe stated"). A first pass over the whole statement collects full names and the title
each was introduced with, so that "Secretary Harper", "Kang" or "the Prime Minister" later
resolve to "Daniel Harper", "Kang Min-jun" and whoever was introduced as Prime Minister.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from monitor.extract.gazetteer import MULTIWORD_STARTS, is_bloc, is_country, is_nationality, is_place
from monitor.extract.lexicon import (
    APPOSITIVE_ROLES,
    HONORIFICS,
    MONTH_AND_DAY_WORDS,
    NON_PERSON_WORDS,
    TITLE_CORE,
    TITLE_QUALIFIERS,
    alternation,
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # full name as written where it was introduced, without titles
    start: int  # start of the mention, title included
    end: int  # end of the name
    title: str  # the title as written, possibly empty


class Token(NamedTuple):
    """A word of a sentence (a tuple: a statement has thousands of them)."""

    text: str  # without a trailing possessive or sentence period
    start: int
    end: int
    possessive: bool


_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*|[&,()]|\d+\w*")
_PARTICLES = frozenset("bin binti ibn van von de da del der di la le al el dos du ter ben".split())
_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())
_AFTER_NAME = frozenset("MP QC KC OBE CBE KBE".split())
_DETERMINERS = frozenset("The A An This These Those Both All Each".split())
_CONNECTORS = frozenset("of for to and &".split())
# \s+ written \s\s*: a pattern that starts with one character class is scanned for it, much faster
_SPEECH = re.compile(
    r"\s\s*(?:said|says|stated|states|noted|notes|added|told|stressed|emphasi[sz]ed|pointed out|expressed"
    r"|highlighted|explained|urged|announced|remarked|underlined|underscored|affirmed|reiterated)\b"
)
# capitalised words without a final period or possessive, to look up among the titles; the capital
# comes first and the look back after it, as a leading character class lets the engine skip ahead
_CAPITALISED = re.compile(r"[A-Z](?<![\w.][A-Z])(?:[\w-]|\.(?=\w)|['’](?=\w)(?!s\b))*")
_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLE_CORE | HONORIFICS)
_ROLE_AFTER_COMMA = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,2}?" + alternation(APPOSITIVE_ROLES) + r"[s'’]*\b",
    re.IGNORECASE,
)
_OWNED_NAME = re.compile(r"[a-z]['’]s [A-Z][a-z]+ [A-Z]")  # "Vietnam's Tran Duc Khiem": see _country_owns
_DEFINITE_TITLE = re.compile(r"\b(?:the|The)\s+(?:two\s+)?((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)(?=['’]s\b|[\s,.;:]|$)")


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of a sentence, a possessive "'s" and a sentence-final period cut off."""
    tokens: list[Token] = []
    append = tokens.append  # the hottest loop of the package: a statement has thousands of words
    new = tuple.__new__  # half the cost of calling Token(...), which goes through NamedTuple's __new__
    find, end = text.find, 0
    # findall builds no match objects; each word is found again from the end of the one before:
    # any character that starts a word starts a match, so its first occurrence there is the match
    for raw in _TOKEN.findall(text):
        start = find(raw, end)
        end = start + len(raw)
        last = raw[-1]
        if last == "s" and len(raw) > 2 and raw[-2] in "'’":
            append(new(Token, (raw[:-2], start, start + len(raw) - 2, True)))
            continue
        if last == "." and not _is_abbreviation(raw):
            raw = raw[:-1]
        append(new(Token, (raw, start, start + len(raw), False)))
    return tuple(tokens)


def _is_abbreviation(raw: str) -> bool:
    return raw in HONORIFICS or raw in _SUFFIXES or raw.count(".") >= 2 or (len(raw) == 2 and raw[0].isupper())


def _is_name_word(token: Token) -> bool:
    return _is_name_text(token.text)


@lru_cache(maxsize=65536)
def _is_name_text(word: str) -> bool:
    if not word[:1].isupper() or word in TITLE_CORE or word in HONORIFICS or word in _AFTER_NAME:
        return False
    lower = word.lower()
    if lower in NON_PERSON_WORDS or word in MONTH_AND_DAY_WORDS or word in TITLE_QUALIFIERS:
        return False
    return not any(is_place(part) or is_bloc(part) or is_nationality(part) for part in word.split("-"))


def _place_length(tokens: Sequence[Token], i: int) -> int:
    """How many tokens from i name a country, city, bloc or nationality ("Viet Nam")."""
    if i >= len(tokens) or not tokens[i].text[:1].isupper():
        return 0
    if tokens[i].text.lower() not in MULTIWORD_STARTS:
        return 1 if _names_place(tokens[i].text) else 0
    for n in range(min(4, len(tokens) - i), 0, -1):
        if _names_place(" ".join([t.text for t in tokens[i : i + n]])):
            return n
    return 0


@lru_cache(maxsize=65536)
def _names_place(words: str) -> bool:
    """A country, city, bloc or nationality (cached: names recur through a statement)."""
    return is_place(words) or is_bloc(words) or is_nationality(words)


@lru_cache(maxsize=65536)
def _lower_words(name: str) -> tuple[str, ...]:
    """The lowercased words of a name (cached: `resolve` compares every known name on each call)."""
    return tuple(name.lower().split())


def _read_name(tokens: Sequence[Token], i: int) -> int:
    """How many tokens from i form a person's name (0 if none)."""
    return _without_place(tokens, i, _name_words(tokens, i))


def _name_words(tokens: Sequence[Token], i: int) -> int:
    """How many tokens from i look like the words of a name, places among them or not."""
    n = 0
    while i + n < len(tokens) and n < 5:
        token = tokens[i + n]
        particle = token.text in _PARTICLES and i + n + 1 < len(tokens) and _is_name_word(tokens[i + n + 1])
        if _is_name_word(token) or (n and (token.text in _SUFFIXES or particle)):
            n += 1
        else:
            break
        if token.possessive:
            break
    return n


def _without_place(tokens: Sequence[Token], i: int, n: int) -> int:
    """The name words up to the first that starts a place of two words or more ("Viet Nam")."""
    for k in range(n):
        if _place_length(tokens, i + k) >= 2:
            return k
    return n


@dataclass
class PeopleIndex:
    """Full names of a statement, by the tokens and titles that refer to them."""

    names: list[str] = field(default_factory=list)
    # title -> (sentence, name, whether the title is exactly that), latest last
    by_title: dict[str, list[tuple[int, str, bool]]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # every word of every full name, lowercased
    # the first two people a sentence names together: whom "the two Ministers" means when the
    # titles alone do not tell (a Cabinet Secretary and a Minister, "the two leaders")
    lead: tuple[str, ...] = ()

    def learn(self, explicit: Sequence[Person], at: int = 0) -> None:
        """Remember the full names and titles of the people sentence `at` introduces."""
        if not self.lead and len(explicit) >= 2:
            named = list(dict.fromkeys(p.name for p in explicit))
            self.lead = tuple(named) if len(named) == 2 else ()
        for person in explicit:
            full = self.resolve(person.name)
            if len(full.split()) >= 2 and full not in self.names:
                self.names.append(full)
                self.words.update(full.lower().split())
                self._complete_titles(full)
            keys = _title_keys(person.title)
            for key in keys:
                holders = self.by_title.setdefault(key, [])
                first = min([h[0] for h in holders if h[1] == full], default=at)  # when first introduced
                holders[:] = [h for h in holders if h[1] != full] + [(first, full, key == keys[0])]

    def _complete_titles(self, full: str) -> None:
        """A title holder first known by surname ("Minister Raghavan") is the person now named in full."""
        for holders in self.by_title.values():
            renamed = [(index, full if name != full and name in full and self.resolve(name) == full else name, exact)
                       for index, name, exact in holders]
            holders[:] = [h for k, h in enumerate(renamed) if all(h[1] != other[1] for other in renamed[:k])]

    def resolve(self, name: str) -> str:
        """The full name a partial name ("Harper", "Dela Cruz", "KISHIMOTO") belongs to."""
        words = _lower_words(name)
        for full in self.names:
            full_words = _lower_words(full)
            if any(full_words[k : k + len(words)] == words for k in range(len(full_words))):
                return full
        return name

    def people_in(self, text: str, tokens: Sequence[Token], explicit: Sequence[Person], at: int = 0) -> list[Person]:
        """Everyone mentioned in sentence `at`, by full name, in order of mention."""
        found = [Person(self.resolve(p.name), p.start, p.end, p.title) for p in explicit]
        found += self._title_references(text, found, at)
        if self.names:
            found += self._known_names(tokens, found)
        return sorted(_unique(found), key=lambda p: p.start)

    def _title_references(self, text: str, found: list[Person], at: int) -> list[Person]:
        """"the Prime Minister", "the Indonesian President", "the two Prime Ministers": the holders
        named before sentence `at` (a later "Prime Minister X" is someone else), else the first after."""
        out = []
        for match in _DEFINITE_TITLE.finditer(text):
            if any(p.start <= match.start(1) < p.end for p in found):
                continue
            words = [w for w in match.group(1).split() if not is_nationality(w)]
            if not words:
                continue
            plural = " two " in f" {match.group(0).lower()} " or words[-1][:-1] in TITLE_CORE
            if plural:
                words[-1] = words[-1].removesuffix("s")
            key = " ".join(words).lower()
            known = self.by_title.get(key, [])
            # "the Minister" is the Minister for X rather than a Foreign Minister named since
            known = [h for h in known if h[2]] or known
            earlier = [name for index, name, _ in known if index < at]
            earlier += [p.name for p in found if p.start < match.start() and key in _title_keys(p.title)]
            holders = earlier or [name for _, name, _ in sorted(known)]
            chosen = holders[-2:] if plural else holders[-1:] if earlier else holders[:1]
            if plural and self.lead and " two " in f" {match.group(0).lower()} ":
                lead = [self.resolve(name) for name in self.lead]
                if len(earlier) < 2 or set(lead) & set(earlier):
                    chosen = lead
            out += [Person(name, match.start(), match.end(1), match.group(1)) for name in chosen]
        return out

    def _known_names(self, tokens: Sequence[Token], found: list[Person]) -> list[Person]:
        """Bare surnames of people already introduced ("Luhut said", "Wang pointed out")."""
        out = []
        for i, token in enumerate(tokens):
            if token.text.lower() not in self.words or not _is_name_word(token):
                continue
            if any(p.start <= token.start < p.end for p in found):
                continue
            n = _read_name(tokens, i)
            if n and (i == 0 or not _is_name_word(tokens[i - 1])):
                name = " ".join(t.text for t in tokens[i : i + n])
                full = self.resolve(name)
                if full != name or name in self.names:
                    out.append(Person(full, token.start, tokens[i + n - 1].end, ""))
        return out


def _unique(people: list[Person]) -> list[Person]:
    """One person per span, except where one phrase names several ("the two Prime Ministers")."""
    out: list[Person] = []
    for person in sorted(people, key=lambda p: (p.start, -p.end)):
        clash = [o for o in out if o.start <= person.start < o.end]
        if not clash or all(o.start == person.start and o.end == person.end and o.name != person.name for o in clash):
            out.append(person)
    return out


def _title_keys(title: str) -> list[str]:
    words = [w for w in title.split() if w not in HONORIFICS and w.lower() != "the" and not is_nationality(w)]
    head: list[str] = []
    for word in words:
        if word.lower() in _CONNECTORS or word == ",":
            break
        head.append(word.lower())
    if not head or not any(w.title() in TITLE_CORE or w in TITLE_CORE for w in head):
        return []
    return [" ".join(head), head[-1]] if len(head) > 1 else head


def may_introduce(text: str) -> bool:
    """A cheap test: without a title, a speech verb or a ", role" a sentence introduces nobody."""
    if not _TITLE_WORDS.isdisjoint(_CAPITALISED.findall(text)):
        return True
    return bool(_SPEECH.search(text) or _ROLE_AFTER_COMMA.search(text) or _OWNED_NAME.search(text))


def explicit_people(text: str, tokens: Sequence[Token]) -> tuple[Person, ...]:
    """Names introduced by a title, a role or a speech verb, not yet resolved to full names."""
    people: list[Person] = []
    resume = 0
    for i in [k for k, token in enumerate(tokens) if token.text[:1].isupper()]:  # names start with a capital
        if i < resume:
            continue
        person, resume = _titled_person(text, tokens, i) or _plain_person(text, tokens, i) or (None, i + 1)
        if person:
            people.append(person)
    if any(map(text.__contains__, _PLURAL_TITLE_WORDS)):
        people += [p for p in _listed_people(text, tokens) if not any(o.start <= p.start < o.end for o in people)]
        people.sort(key=lambda p: p.start)
    return tuple(people)


_PLURAL_TITLE_WORDS = ("Ministers", "Presidents", "Secretaries", "Leaders", "Ambassadors", "Chancellors", "Premiers",
                       "Envoys", "Co-", "counterpart,", "colleague,", "host,", "successor,", "predecessor,")
# "her Korean counterpart, Han Seung-woo,": a name set beside a role that is no title
_ROLE_BESIDE = re.compile(r"\b(?:[A-Z][\w-]*\s+)?(?:counterpart|colleague|host|successor|predecessor),\s+")


# "Foreign Ministers Han Seung-woo and Valentina Riquelme Soto", "The Foreign Ministers of the two
# countries, X and Y, …": one plural title before two names
_PLURAL_TITLE = re.compile(r"\b(?:[A-Z][\w-]*\s+){0,2}(?:Ministers|Presidents|Secretaries|Leaders|Ambassadors"
                           r"|Chancellors|Premiers|Envoys|Co-[Cc]hairs)(?:\s+of\s+the\s+(?:two|both)\s+[a-z]+)?,?\s+")


def _listed_people(text: str, tokens: Sequence[Token]) -> list[Person]:
    """People whose title is not right before their name: after a plural title, beside a role."""
    out: list[Person] = []
    starts = {t.start: k for k, t in enumerate(tokens)}
    for match in _PLURAL_TITLE.finditer(text):
        i = starts.get(match.end())
        if i is None:
            continue
        first = _read_name(tokens, i)
        j = _after_brackets(tokens, i + first)  # "Ministers X (Infrastructure) and Y (Trade)"
        if first < 2 or j + 1 >= len(tokens) or tokens[j].text != "and":
            continue
        second = _read_name(tokens, j + 1)
        if second >= 2 and _closes_appositive(tokens, _after_brackets(tokens, j + 1 + second)):
            title = re.sub(r"^[Tt]he\s+", "", match.group(0).strip(" ,"))
            out += [Person(" ".join(t.text for t in tokens[k : k + n]), tokens[k].start, tokens[k + n - 1].end, title)
                    for k, n in ((i, first), (j + 1, second))]
    for match in _ROLE_BESIDE.finditer(text):
        i = starts.get(match.end())
        n = _read_name(tokens, i) if i is not None else 0
        if i is not None and n >= 2 and _closes_appositive(tokens, i + n):
            name = " ".join(t.text for t in tokens[i : i + n])
            out.append(Person(name, tokens[i].start, tokens[i + n - 1].end, match.group(0).strip(" ,")))
    return out


def _after_brackets(tokens: Sequence[Token], k: int) -> int:
    """The token after a bracketed aside that opens at k ("(Infrastructure and Water Management)"), else k."""
    if k < len(tokens) and tokens[k].text == "(":
        close = next((m for m in range(k + 1, min(len(tokens), k + 12)) if tokens[m].text == ")"), None)
        return close + 1 if close is not None else k
    return k


def _titled_person(text: str, tokens: Sequence[Token], i: int) -> tuple[Person | None, int] | None:
    """A name after a title chain: "Indonesian Foreign Minister Sari Wulandari"."""
    if tokens[i].text not in TITLE_CORE and tokens[i].text not in HONORIFICS:
        return None
    if _place_length(tokens, i) > 1:
        return None, i + _place_length(tokens, i)  # "Sri Lanka" is no "Sri Lanka"-titled person
    j, after_of, definite = i + 1, False, False
    while j < len(tokens):
        word = tokens[j].text
        if tokens[j - 1].possessive:
            break
        if word in HONORIFICS:
            j, after_of, definite = j + 1, False, False
        elif word in TITLE_CORE or word in TITLE_QUALIFIERS:
            j += 1
        elif _place_length(tokens, j):
            j += _place_length(tokens, j)
        elif word == "and" and j + 1 < len(tokens) and tokens[j + 1].text in HONORIFICS:
            return None, j  # "the Foreign Secretary and Mr Kiptoo": two people, the second titled anew
        elif word in _CONNECTORS and _capital_follows(tokens, j + 1):
            j, after_of = j + 1, word != "and"
        elif word.lower() == "the" and after_of:
            j, definite = j + 1, True
        elif word == ",":
            n = _read_name(tokens, j + 1)
            if n and _closes_appositive(tokens, j + 1 + n):
                return _person(text, tokens, i, j + 1, n), j + 1 + n
            k = j + 2 if j + 2 < len(tokens) and tokens[j + 1].text.lower() == "the" else j + 1
            if k < len(tokens) and tokens[k].text in HONORIFICS | TITLE_QUALIFIERS:
                j, after_of, definite = k, False, False
                continue
            return None, j
        elif word[:1].isupper() and (definite or (after_of and _is_domain_word(tokens[j]))):
            n = _read_name(tokens, j) if definite and tokens[j - 1].text != "the" else 0
            if n >= 2 and not _capital_follows(tokens, j + n) and not _names_institution(tokens, j + n - 1):
                # "Minister for the Indo-Pacific Rebecca Thornton": the domain ended, a name follows;
                # in a longer run ("the Middle East and North Africa Hamish Falconer") the last two words
                start = j + n - 2 if n >= 4 else j
                return _person(text, tokens, i, start, j + n - start), j + n
            j += 1
        else:
            n = _read_name(tokens, j)
            if n and _names_institution(tokens, j + n):
                return None, j + n
            if n and _continues_portfolio(tokens, j, n):
                j, after_of = j + n, False
                continue
            return (_person(text, tokens, i, j, n), j + n) if n else (None, j)
    return None, j


def _continues_portfolio(tokens: Sequence[Token], j: int, n: int) -> bool:
    """"Minister of Foreign Affairs, African Cooperation and Moroccan Expatriates of the Kingdom": inside a
    portfolio list, capitals followed by "of"/"and" + capital are one more portfolio, not the name."""
    if tokens[j - 1].text in TITLE_CORE or tokens[j - 1].text in HONORIFICS:
        return False  # "Foreign Minister Smith of Kenya"
    k = j + n  # a lone word: a person's name after a title has two words at least ("Trade Ayşe Karaca and …")
    if n != 1 or k + 1 >= len(tokens):
        return False
    if tokens[k].text == ",":  # "Minister of Water Resources and Meteorology, Sok Vannara,": the name follows
        return _read_name(tokens, k + 1) >= 2
    return tokens[k].text in _CONNECTORS and _capital_follows(tokens, k + 1)


def _names_institution(tokens: Sequence[Token], k: int) -> bool:
    """"Sheikh Zayed Grand Mosque", "King Abdulaziz University": the name is part of a place's name."""
    return k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text.lower() in NON_PERSON_WORDS


def _capital_follows(tokens: Sequence[Token], k: int) -> bool:
    if k < len(tokens) and tokens[k].text == "the":
        k += 1
    return k < len(tokens) and tokens[k].text[:1].isupper()


def _is_domain_word(token: Token) -> bool:
    return not _is_name_word(token) or is_place(token.text)


def _is_title_modifier(token: Token) -> bool:
    word = token.text
    return word in TITLE_QUALIFIERS or word in HONORIFICS or (word[:1].isupper() and is_nationality(word))


def _closes_appositive(tokens: Sequence[Token], k: int) -> bool:
    if k >= len(tokens):
        return True
    word = tokens[k].text
    return word in (",", ")") or word in _AFTER_NAME or word[:1].islower()


def _plain_person(text: str, tokens: Sequence[Token], i: int) -> tuple[Person | None, int] | None:
    """An untitled name followed by a role ("Zhang Jie, director of") or a speech verb."""
    if i > 0 and (_is_name_word(tokens[i - 1]) or tokens[i - 1].text in TITLE_CORE):
        return None
    if tokens[i].text in _DETERMINERS:
        return None  # "The Sides noted", "Both Parties stressed": no one's name
    n = _name_words(tokens, i)
    if n < 2 or (n := _without_place(tokens, i, n)) < 2:  # the place test only for runs it may shorten
        return None
    end = tokens[i + n - 1]
    if _SPEECH.match(text, end.end) or (_role_follows(tokens, i + n)) or _country_owns(tokens, i):
        return _person(text, tokens, i, i, n), i + n
    return None


def _country_owns(tokens: Sequence[Token], i: int) -> bool:
    """"Vietnam's Tran Duc Khiem", "China's Wang Yi": a name a country's possessive introduces."""
    return i > 0 and tokens[i - 1].possessive and is_country(tokens[i - 1].text)


def _role_follows(tokens: Sequence[Token], k: int) -> bool:
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return False
    for token in tokens[k + 1 : k + 4]:
        word = token.text.lower().rstrip("'’s")
        if word in APPOSITIVE_ROLES or token.text in TITLE_CORE:
            return True
        if not (word in ("a", "an", "the") or is_nationality(token.text) or is_place(token.text)):
            return False
    return False


def _person(text: str, tokens: Sequence[Token], title_i: int, name_i: int, n: int) -> Person:
    if name_i > title_i:
        while title_i > 0 and _is_title_modifier(tokens[title_i - 1]):
            title_i -= 1
    name = " ".join(t.text for t in tokens[name_i : name_i + n])
    title = text[tokens[title_i].start : tokens[name_i - 1].end] if name_i > title_i else ""
    return Person(name, tokens[title_i].start, tokens[name_i + n - 1].end, title.strip(" ,"))
