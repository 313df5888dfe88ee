"""Is this mention the same thing as that known entity? Pure comparison rules.

Agreements: the same instrument written differently — acronym and full name ("RCEP" /
"Regional Comprehensive Economic Partnership Agreement"), punctuation and order variants,
a short reference ("the MoU on digital economy") to a full title. Two instruments whose
distinctive words differ ("MoU on digital economy" / "MoU on green development") stay apart.

Meetings: the same event — overlapping name or participants, the same place when both say
one, dates within a few days when both give one.

Figures: the same quantity — same unit and the same subject, including its period (trade in
2022 is not trade in the first seven months of 2023). Equal values are the same figure; a
different value for the same subject is a change.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from monitor.extract.agreements import short_reference
from monitor.extract.gazetteer import is_bloc, is_country, is_nationality, is_place, without_state_form

STOP = frozenset(
    "a an the of on in for and to with between at by its their his her our this that these those "
    "new further two both all period".split()
)
# "MoU between the Government of X and the Government of Y on Z": the parties are compared apart
_BETWEEN_PARTIES = re.compile(r"\s+between\s+.+?(?=\s+(?:on|for|concerning|regarding|in the field of)\s|$)",
                              re.IGNORECASE)
# Words that say what kind of instrument it is, not which one.
GENERIC = frozenset(
    "agreement agreements memorandum memoranda understanding mou mous treaty protocol protocols "
    "joint statement declaration plan action work programme program framework document documents "
    "cooperation cooperative initiative accord convention arrangement charter deal pact code "
    "signed sign related relevant".split()
)
MEETING_GENERIC = frozenset(
    "talks talk meeting meetings met meet visit visits summit forum conference ministerial dialogue "
    "consultation consultations phone call press held hold will session round annual leaders "
    "minister ministers foreign president prime format".split()
)
TITLES = MEETING_GENERIC | frozenset(
    "state councilor councillor secretary general ambassador mr ms mrs dr vice premier chancellor king queen "
    "deputy coordinating special envoy his her excellency h e chairman chair director commissioner senior "
    "official spokesperson".split()
)
# Reports write the same country both ways ("Japan-U.S.-Philippines" / "the United States, Japan…").
_COUNTRY_ABBREVIATIONS = (
    (re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b"), " United States "),
    (re.compile(r"\bU\.K\.|\bUK\b"), " United Kingdom "),
    (re.compile(r"\bROK\b"), " Republic of Korea "),
    (re.compile(r"\bPRC\b"), " China "),
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_YEARISH = re.compile(r"^(1[89]\d\d|20\d\d)$")
PERIOD_WORDS = frozenset(
    "first second third fourth half quarter january february march april may june july august "
    "september october november december months month year years annual".split()
)


@lru_cache(maxsize=65536)  # pure, and called for every candidate pair
def words(text: str) -> tuple[str, ...]:
    for short, full in _COUNTRY_ABBREVIATIONS:
        text = short.sub(full, text)
    text = text.lower().replace("\u2019", "'").replace("&", " and ")
    text = re.sub(r"\bmou\b|\bmemorandum of understanding\b", " mou ", text)
    return tuple(w.removesuffix("'s") for w in _WORD.findall(text))


@lru_cache(maxsize=65536)
def content_tokens(text: str, generic: frozenset[str] = GENERIC) -> frozenset[str]:
    return frozenset(_stem(w) for w in words(text) if w not in STOP and w not in generic)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    stripped = text.strip().strip('"“”()')
    return 2 <= len(stripped) <= 10 and stripped.replace("-", "").isalnum() and sum(c.isupper() for c in stripped) >= 2


@lru_cache(maxsize=65536)
def acronym_of(name: str) -> frozenset[str]:
    """Acronyms a full name may go by: initials with and without the little words."""
    all_words = re.findall(r"[A-Za-z]+", name)
    if len(all_words) < 2:
        return frozenset()
    initials = "".join(w[0] for w in all_words).upper()
    significant = "".join(w[0] for w in all_words if w.lower() not in STOP).upper()
    out = {significant, initials}
    # "Regional Comprehensive Economic Partnership Agreement" is "RCEP": the kind word may be dropped.
    for kind_word in ("agreement", "treaty", "protocol", "declaration", "framework"):
        if all_words[-1].lower() == kind_word:
            out.add(significant[:-1])
    return frozenset(a for a in out if len(a) >= 2)


def acronym_matches(acronym: str, name: str) -> bool:
    """'DOC' is 'Declaration on the Conduct of Parties…': initials of leading words, little words optional."""
    letters = acronym.upper().replace("-", "")
    name_words = re.findall(r"[A-Za-z]+", name)
    if letters in acronym_of(name):
        return True
    return _initials_prefix(letters, name_words)


def _initials_prefix(letters: str, name_words: list[str]) -> bool:
    if not letters:
        return True
    if not name_words:
        return False
    head, rest = name_words[0], name_words[1:]
    if head[0].upper() == letters[0] and _initials_prefix(letters[1:], rest):
        return True
    return head.lower() in STOP and _initials_prefix(letters, rest)


# "MoU signed with the African Union Commission": an instrument known by whom it was made with
_MADE_WITH = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:signed|concluded|inked|agreed)\s+(?:with|by)\s+"
                        r"(?:the\s+)?(.+)$")


def made_with(name: str) -> frozenset[str]:
    """The words of the party a described instrument was made with, or nothing."""
    match = _MADE_WITH.match(name)
    return content_tokens(match.group(1), frozenset()) if match else frozenset()


def same_agreement(name: str, aliases: list[str], known_name: str, known_aliases: list[str]) -> bool:
    mine = [name, *aliases]
    theirs = [known_name, *known_aliases]
    if not is_acronym(name) and not is_acronym(known_name):
        # Two full names: a shared kind acronym ("CEPA", "FTA") in the aliases proves nothing.
        mine = [n for n in mine if not is_acronym(n)]
        theirs = [n for n in theirs if not is_acronym(n)]
    for left in mine:
        for right in theirs:
            if _names_match(left, right):
                return True
    return False


_REGIONAL = frozenset({"european", "african", "asian", "arab", "pacific", "latin", "nordic", "european union"})


def country_key(word: str) -> str | None:
    """One key for a country and its adjective: "Germany"/"German" → "germ", "Kenya"/"Kenyan" → "keny"."""
    word = word.lower().removeprefix("the ")
    if word in _REGIONAL or is_bloc(word) or word.startswith(("of ", "the ")):
        return None  # "European Union", "African", "ASEAN": blocs and regions, not a party's country
    if is_country(word) or is_nationality(word):
        return "@" + without_state_form(word).replace(" ", "")[:4]  # "Republic of Korea" is "Korea"
    return None


def _country_neutral(tokens: frozenset[str]) -> frozenset[str]:
    """"German-Kenyan Climate Partnership" and "Kenya-Germany Climate Partnership" have the same words."""
    return frozenset(country_key(t) or t for t in tokens)


@lru_cache(maxsize=65536)
def name_countries(name: str) -> frozenset[str]:
    """The countries a name itself carries: "Canada-Philippines Status of Visiting Forces Agreement"."""
    tokens = words(name)
    found = {country_key(" ".join(tokens[i : i + n])) for n in (3, 2, 1) for i in range(len(tokens) - n + 1)}
    return frozenset(k for k in found if k)


def party_countries(parties: list[str]) -> frozenset[str]:
    return frozenset().union(*(name_countries(p) for p in parties)) if parties else frozenset()


def parties_conflict(left: list[str], right: list[str]) -> bool:
    """Both name their parties and none is shared: two instruments (e.g. two countries' MoUs)."""
    mine = {content_tokens(p, frozenset()) for p in left if p}
    theirs = {content_tokens(p, frozenset()) for p in right if p}
    if not mine or not theirs:
        return False
    return not any(a & b for a in mine for b in theirs)


def _names_match(left: str, right: str) -> bool:
    if is_acronym(left) and is_acronym(right):
        return left.strip().upper() == right.strip().upper()
    if is_acronym(left):
        return acronym_matches(left.strip(), right)
    if is_acronym(right):
        return acronym_matches(right.strip(), left)
    if short_reference(left, right) or short_reference(right, left):
        return True  # "SBEZ MoU", "the Halal MoU" after the full title
    left, right = _BETWEEN_PARTIES.sub(" ", left, count=1), _BETWEEN_PARTIES.sub(" ", right, count=1)
    if is_about(left) != is_about(right) and not _kind_words(left) & _kind_words(right):
        return False  # "cooperation documents on the Belt and Road" is not the Belt and Road Initiative
    a, b = _country_neutral(content_tokens(left)), _country_neutral(content_tokens(right))
    if not a or not b:
        return False
    if a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    # A short reference names the instrument by its distinctive words, all found in the full title.
    if len(small) >= 2:
        # A short reference carries most of the title's distinctive words, not two of eight.
        return small <= large and len(small) * 5 >= len(large) * 2
    return small <= large and (len(large) <= 2 or _leads(left, right) or _leads(right, left))


# lowercase topic words, then kind words: "digital economy MoU", "bilateral critical minerals agreement"
_LOWER_TOPIC = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){1,5}(?:MoUs?|MOUs?|[a-z]+)$")
_TOPIC_MOU = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){1,5}(?:MoUs?|MOUs?)$")
_ABOUT = frozenset("on of for regarding concerning about between to".split())


@lru_cache(maxsize=65536)
def is_about(name: str) -> bool:
    """An instrument named by what it is about: kind words, then 'on …' ("MoU on digital economy")."""
    if _LOWER_TOPIC.match(name) or _TOPIC_MOU.match(name):
        return True  # "the digital economy MoU", "the Fisheries MoU": the "MoU on …"
    name_words = words(name)
    for index, word in enumerate(name_words):
        if word in _ABOUT:
            head = [w for w in name_words[:index] if w not in STOP]
            return bool(head) and all(w in GENERIC for w in head)
        if word not in GENERIC and word not in STOP:
            return False
    return False


_NOT_KIND = frozenset("cooperation cooperative document documents related relevant signed sign joint".split())


def _kind_words(name: str) -> frozenset[str]:
    """"framework agreement for an X Corridor" and "X Corridor Framework" are both frameworks."""
    return frozenset(w for w in words(name) if w in GENERIC and w not in _NOT_KIND)


def _leads(short: str, full: str) -> bool:
    """'the Paris Agreement' leads 'Paris Agreement on climate change' and 'the Defence Cooperation
    Agreement' leads 'the Australia–Indonesia Defence Cooperation Agreement'."""
    head = [w for w in words(short) if w not in STOP]
    body = [w for w in words(full) if w not in STOP]
    while body and body[0] not in head[:1] and is_place(body[0]):
        body = body[1:]
    return bool(head) and body[: len(head)] == head


def same_meeting(
    mention: dict[str, object], known: dict[str, object], *, max_days: int = 4
) -> bool:
    name1 = _meeting_name(str(mention.get("name", "")))
    name2 = _meeting_name(str(known.get("name", "")))
    if name1 == name2 and _is_numbered(name1):
        # "the 28th ASEAN-China Summit" names one event, wherever a report places it and
        # whenever it was moved to: a postponed "second meeting" held later is still the second
        return True
    if _same_edition(name1, name2) and _shared_countries(mention, known):
        return True  # "the fifth Joint Commission Meeting" in a Philippines-New Zealand statement
    d1, d2 = _parse_day(mention.get("date")), _parse_day(known.get("date"))
    if d1 and d2 and abs((d1 - d2).days) > max_days:
        return False
    if _months_apart(mention.get("date"), known.get("date")):
        return False
    if _same_numbering(name1, name2) and _same_pair(str(mention.get("name", "")), str(known.get("name", ""))):
        return True  # "the third session of the Morocco-Kazakhstan Joint Commission" = "the third meeting of
        # the Kazakh-Moroccan Intergovernmental Commission": the same numbering of the same two countries' body
    if name1 == name2 and len(name1) >= 2 and d1 and d2:
        return True  # "the Dublin Conference on Fertiliser Access" on the same days, wherever a report places it
    place1, place2 = _place(mention), _place(known)
    # different cities or countries; a city may lie in the country another report names, when both
    # reports date the event (to the same month: checked above)
    dated = bool(mention.get("date")) and bool(known.get("date"))
    if place1 and place2 and not (place1 & place2) and not (_is_venue(place1) or _is_venue(place2)) \
            and not (dated and _is_country_place(mention) != _is_country_place(known)):
        return False
    people1, people2 = _people(mention), _people(known)
    if people1 and people2:
        if not _same_people(people1, people2):
            # each report of a conference names its own delegates: the name and the days decide
            return str(mention.get("kind")) in _GATHERINGS and str(known.get("kind")) in _GATHERINGS and bool(
                d1 and d2) and _overlap(name1, name2) >= 0.75
        return (bool(d1 and d2) or _overlap(name1, name2) >= 0.5) and str(mention.get("kind")) == str(known.get("kind"))
    if not name1 or not name2:
        # "the Annual Leaders' Meeting held in Jakarta in March": a generic name, placed and dated
        return bool(place1 & place2) and _same_month(mention.get("date"), known.get("date")) and str(
            mention.get("kind")) == str(known.get("kind"))
    if _overlap(name1, name2) < 0.75:
        return False
    when1, when2 = str(mention.get("date") or ""), str(known.get("date") or "")
    # the same date, or a year ("in 2025") that holds the other's day: "the 2+2 in Canberra"
    same_when = bool(when1 and when2) and (when1 == when2 or (min(len(when1), len(when2)) == 4
                                                            and when1[:4] == when2[:4]))
    return name1 == name2 or bool(d1 and d2) or _same_month(mention.get("date"), known.get("date")) or (
        same_when and bool(place1 & place2))  # "the 2+2 in Canberra in 2025", however each report names it


_GATHERINGS = frozenset({"conference", "summit", "forum", "expo"})
_ORDINALS = {w: f"{n}th" for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
_ORDINALS |= {"first": "1st", "second": "2nd", "third": "3rd"}


def _meeting_name(name: str) -> frozenset[str]:
    """The distinctive words of a meeting's name, its numbering written one way ("Tenth" = "10th")."""
    tokens = content_tokens(name, MEETING_GENERIC)
    return frozenset(_ORDINALS.get(t, t) for t in tokens)


def _months_apart(left: object, right: object) -> bool:
    """Both dates name a month and the months differ ("2025-03" and "2025-09-02")."""
    if not isinstance(left, str) or not isinstance(right, str) or len(left) < 7 or len(right) < 7:
        return False
    if "/" in left or "/" in right:
        return False  # a range may span months
    return left[:7] != right[:7]


def _is_country_place(mention: dict[str, object]) -> bool:
    place = str(mention.get("place") or "")
    return is_place(place) and any(is_country(part.strip()) for part in place.split(","))


def _same_edition(name1: frozenset[str], name2: frozenset[str]) -> bool:
    """The same numbering, and one name's words within the other's ("fifth Joint Commission")."""
    return _same_numbering(name1, name2) and (name1 <= name2 or name2 <= name1)


def _same_numbering(name1: frozenset[str], name2: frozenset[str]) -> bool:
    def numbering(name: frozenset[str]) -> frozenset[str]:
        return frozenset(t for t in name if any(c.isdigit() for c in t))
    return _is_numbered(name1) and _is_numbered(name2) and numbering(name1) == numbering(name2)


def _same_pair(left: str, right: str) -> bool:
    """Both names carry the same two countries and share a word besides them and the numbering
    ("Commission"): the "9th Leaders' Meeting" is not the pair's "ninth 2+2 meeting"."""
    countries = name_countries(left)
    if len(countries) < 2 or countries != name_countries(right):
        return False
    def rest(name: str) -> frozenset[str]:
        return frozenset(t for t in _meeting_name(name) if not country_key(t) and not any(c.isdigit() for c in t))
    return bool(rest(left) & rest(right))


def _shared_countries(mention: dict[str, object], known: dict[str, object]) -> bool:
    """Both statements are about the same pair of countries (the countries their openings name)."""
    def countries(data: dict[str, object]) -> frozenset[str]:
        names = data.get("countries") or []
        return party_countries([str(n) for n in names]) if isinstance(names, list | tuple) else frozenset()
    return len(countries(mention) & countries(known)) >= 2


def _is_numbered(name: frozenset[str]) -> bool:
    return len(name) >= 2 and any(any(c.isdigit() for c in token) for token in name)


def _same_month(left: object, right: object) -> bool:
    """Dates as precise as each report gives them agree: '2025-10' and '2025-10-28'."""
    if not isinstance(left, str) or not isinstance(right, str) or len(left) < 7 or len(right) < 7:
        return False
    return left[:7] == right[:7]


VENUE_WORDS = frozenset(
    "building hall palace house centre center hotel office ministry room residence compound headquarters "
    "secretariat parliament embassy consulate auditorium stadium campus university castle villa museum pavilion "
    "institute academy".split()
)


def _is_venue(place: frozenset[str]) -> bool:
    return bool(place & VENUE_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _people(mention: dict[str, object]) -> list[frozenset[str]]:
    """Each participant as the words of their name, titles dropped ("Foreign Minister Wang Yi" → wang, yi)."""
    names = mention.get("participants") or []
    assert isinstance(names, list | tuple)
    people = [frozenset(w for w in words(str(n)) if len(w) > 1 and w not in TITLES) for n in names]
    return [p for p in people if p]


def _same_people(left: list[frozenset[str]], right: list[frozenset[str]]) -> bool:
    """Everyone in the shorter list is in the longer one (reports name more or fewer people)."""
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    return all(any(person & other for other in large) for person in small)


def _place(mention: dict[str, object]) -> frozenset[str]:
    return content_tokens(str(mention.get("place") or ""), frozenset())


def _parse_day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def figure_subject_key(subject: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the words of the subject, the period words and years that must agree exactly)."""
    tokens = content_tokens(subject, frozenset())
    period = frozenset(t for t in tokens if _YEARISH.match(t) or t in PERIOD_WORDS)
    return tokens - period, period


def same_figure_subject(subject: str, unit: str, known_subject: str, known_unit: str) -> bool:
    if unit.lower() != known_unit.lower():
        return False
    words1, period1 = figure_subject_key(subject)
    words2, period2 = figure_subject_key(known_subject)
    if period1 != period2:
        return False
    if not words1 or not words2:
        return words1 == words2
    shared = len(words1 & words2)
    return shared / len(words1 | words2) >= 0.5 or (shared >= 2 and shared / min(len(words1), len(words2)) >= 0.8)


def related_figure_subject(subject: str, known_subject: str, unit: str = "") -> bool:
    """Loose test for figures of equal value and unit: periods agree and the subjects share a word
    that says what is measured (not the counted noun itself, nor "trade" or "investment" alone)."""
    words1, period1 = figure_subject_key(subject)
    words2, period2 = figure_subject_key(known_subject)
    if period1 and period2 and period1 != period2:
        return False
    if not words1 or not words2:
        return True
    shared = words1 & words2
    telling = shared - _GENERIC_CONTEXT - {_stem(unit.lower())}
    return bool(telling) or (bool(shared) and len(shared) >= 2)


# Words around a figure that say nothing about what it measures.
_CONTEXT_NOISE = frozenset(
    "million billion trillion thousand hundred percent per cent us usd a rp rs worth about over more than some "
    "nearly around almost total totalling its their will would be is are was were has have had from united state "
    "states".split()
)
# Words that many different figures share: "trade reached", "investment", "per year".
_GENERIC_CONTEXT = frozenset(
    "year annual annually per trade bilateral total reached reach increase increased up previous last which country "
    "countrie agreement investment value growth grew grown rose amounted amount".split()
)
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s")


def figure_context(sentence: str, text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the words of the clause that holds a figure, the places it names).

    A reference that quotes a figure again rarely repeats its subject in the same words, but
    the clause around it shares a word with the first report ("a joint research programme worth
    A$12 million" / "its A$12 million joint research programme") or its year.
    """
    at = sentence.find(text)
    if at < 0:
        return frozenset(), frozenset()
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, at)]
    ends = [m.start() for m in _CLAUSE.finditer(sentence, at + len(text))]
    clause = sentence[(starts[-1] if starts else 0) : (ends[0] if ends else len(sentence))].replace(text, " ")
    return _context_words(clause)


def same_figure_context(left: tuple[frozenset[str], frozenset[str]],
                        right: tuple[frozenset[str], frozenset[str]], value: float) -> bool:
    """Equal figures quoted in clauses that share a word and do not name different places."""
    (words1, places1), (words2, places2) = left, right
    if places1 and places2 and not places1 & places2:
        return False  # "trade with Japan" is not "trade with Korea"
    years1, years2 = {w for w in words1 if _YEARISH.match(w)}, {w for w in words2 if _YEARISH.match(w)}
    if years1 and years2 and years1 != years2:
        return False  # the budget for 2024–25 is not the budget for 2025–26
    shared = (words1 & words2) - _GENERIC_CONTEXT - years1
    if len(shared) >= 2:
        return True  # "joint research programme" in both
    # the same year and a value too precise to recur by chance ("US$12.7 billion in 2024")
    return bool(years1 & years2) and (bool(shared) or _is_precise(value))


def same_figure_sentence(sentence: str, known_sentence: str) -> bool:
    """Equal figures whose sentences share three telling words and no conflicting place or year: "the
    S$15 million pledged by Singapore" for "Singapore will contribute S$15 million to a technical
    assistance facility" in a sentence about that facility."""
    (words1, places1), (words2, places2) = _context_words(sentence), _context_words(known_sentence)
    if (places1 and places2 and not places1 & places2) or not (places1 or places2):
        return False
    years1, years2 = {w for w in words1 if _YEARISH.match(w)}, {w for w in words2 if _YEARISH.match(w)}
    if years1 != years2 and years1 and years2:
        return False
    return len((words1 & words2) - _GENERIC_CONTEXT - years1) >= 3


def _context_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the telling words of a stretch of text around a figure, the places it names)."""
    tokens = {t for t in content_tokens(text, _CONTEXT_NOISE)
              if not t.replace(".", "").isdigit() or _YEARISH.match(t)}  # a year says which figure; amounts do not
    places = frozenset(t for t in tokens if is_place(t))
    return frozenset(tokens - places), places


def _is_precise(value: float) -> bool:
    digits = f"{abs(value):.6g}".replace(".", "").strip("0")
    return len(digits) >= 3


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= max(abs(b) * 0.005, 1e-9)
