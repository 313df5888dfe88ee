"""One sentence's meeting events as occasions: who, where, when, and a short name.

Within a sentence the people before an event are its agents, except those who were the
counterparts of an earlier event ("Wang Yi visited Indonesia, met with X, held talks with Y and
Z separately": Wang Yi each time); "X's visit" and "Y, who is visiting" name the agent outright.
The people after an event's word are its counterparts, one occasion each with "separately" or
"the Prime Ministers of A and B". "X met Y in London for the Dialogue" is the Dialogue itself.
In a transcript turn, "I will visit" and "we held talks" make the speaker the agent. Whoever
only sent greetings or an invitation ("accepted Y's invitation to visit") takes no part.
A place comes from the words after the event ("in", "at", a visit's destination, "travel on to"),
a date from just after "held"/"take place", else from the nearest date around the event; the
words after ", and" or ";" belong to the next event's clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.extract.dates import DateSpan
from monitor.extract.events import Event
from monitor.extract.gazetteer import PLACE_NOUNS, is_bloc, is_country, is_place
from monitor.extract.instruments import find_instruments
from monitor.extract.modality import clause_before, is_cancelled, is_future, is_postponed
from monitor.extract.people import Person
from monitor.extract.places import Place
from monitor.extract.sentences import Sentence

_PLURAL_TITLES = re.compile(r"\s*(?:with\s+)?(?:the\s+)?((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*s)\s+of\s+"
                            r"((?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:(?:,\s*|\s+and\s+)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)+)")
_ANAPHORIC_SUBJECT = re.compile(r"\s*(?:the\s+pair|the\s+two(?:\s+\w+)?|they|both(?:\s+\w+)?)\s*$", re.I)
# "travel on to Doha", "welcomed X to Canberra": where the next event takes place
_DESTINATION = re.compile(r"\b(?:travel\w*|fly|flew|head\w*|proceed\w*|arriv\w*|welcom\w*|go(?:es|ing)?|went)\b"
                          r"[^.;,]*$", re.I)
# "announced new funding during a visit" is the announcer's own visit: only "announced that" reports
_REPORTING = re.compile(r"\b(?:said|says|stated|noted|added|announced(?=\s+that)|explained|stressed|emphasi[sz]ed"
                        r"|told\s+\w+)(?:\s+that)?\b")
_INVITER = re.compile(r"\b(?:invitation of|behalf of|according to|accompanied by)\s+(?:the\s+)?[\w\s,.']*$", re.I)
_INVITES = re.compile(r"['’]s\s+(?:kind\s+|cordial\s+)?invitation\b")  # "accepted Y's invitation to visit": not Y
# "conveyed the greetings of President X", "a message from Y": named, but not there
_ABSENT = re.compile(r"\b(?:greetings|regards|wishes|message|letter|condolences|congratulations)\s+(?:of|from)\s+"
                     r"(?:the\s+)?[\w\s,.'’-]*$", re.I)
_THEY = re.compile(r"(?:^|[,;]\s+|\b(?:On|In|At|Then|There)\s+[^,.;]{0,25}?\s+)they\s+(?:\w+\s+){0,3}$")
_PRONOUN_AND = re.compile(r"\s*(?:He|She)\s+and\s+")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:he|she)\b", re.I)
_HOST_AFTER = re.compile(r",?\s+(?:which|that)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:will\s+|is\s+to\s+)?host"
                         r"|\s+(?:to\s+be\s+)?hosted\s+by\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_SAME_EVENT = re.compile(r"\b(?:for|at|during|to attend)\s+(?:the\s+)?$", re.I)
_HELD = re.compile(r"\b(?:held|take place|takes place|convened?|rescheduled for|postponed (?:to|until)|moved to"
                   r"|scheduled for)\b", re.I)
_SEPARATELY = re.compile(r"\b(?:separately|respectively|individually)\b", re.I)
_DELEGATION = re.compile(r"(?i)\bdelegations?\b|\bmission\b")
_HOST = re.compile(r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s+(?:in hosting|to host|will host|hosts|hosting|hosted)\s+"
                   r"(?:the\s+|an?\s+)?$")
_HOSTING = re.compile(r"(?i)receiv|host|welcom")
_VISIT_MANNER = re.compile(r"\b(?:state|official|working|private|courtesy)\b", re.I)
_VISIT_TOPIC = re.compile(r"\b(?:discuss(?:es|ed|ing)?|prepar(?:e|es|ed|ing|ations?)|outcomes?|results?|ahead\s+of"
                          r"|follow[- ]up|programme|agenda|arrangements?)\b", re.I)
_RETURNING = re.compile(r"\b(?:return(?:s|ed|ing)?|back|home)\s+(?:home\s+)?to\s+(?:the\s+)?$", re.I)
_COUNTERPART = re.compile(r"\s+(?:[\w-]+\s+){0,4}?with\s+((?:his|her|their|its)\s+(?:[\w-]+\s+){0,3}counterparts?)\b")
_THEIR = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,2}$")
_OWN_VISIT = re.compile(r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}$", re.I)  # "the results of his recent visits"
_VISIT_OF = re.compile(r"\s+(?:of|by)\s+(?:(?:the|His|Her|Excellency|Majesty|Royal|Highness)\s+)*"
                       r"(?:[A-Z][\w.-]*\s+){0,4}")
# an office held by someone the text names only by it: "the President of the Republic of Uzbekistan"
_TITLE = (r"(?:[A-Z][\w-]*\s+){0,3}(?:President|Prime Minister|Minister|King|Queen|Emperor|Chancellor|Premier"
          r"|Secretary|Crown Prince|Sultan)")
_OF_COUNTRY = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){0,3})?"
_OF_STATE = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?"  # "of the Philippines", no inner "of"
_HONOURS = r"(?:(?:His|Her|Their|Royal|Highness|Excellency|Majesty)\s+)*"
_TITLE_POSSESSIVE = re.compile(rf"\b({_TITLE})['’]s\s+(?:[\w-]+\s+){{0,2}}$")
# "the state visit of the President of the Philippines to Korea"
_TITLE_OF = re.compile(rf"\s+(?:of|by)\s+(?:the\s+)?({_TITLE}{_OF_STATE})")
# "the President of the Republic of Uzbekistan will pay a state visit to": a visitor known by title, as subject
_TITLE_SUBJECT = re.compile(rf"\b[Tt]he\s+({_TITLE}{_OF_COUNTRY})\s+(?:(?:will|shall|would|is|was|has|had"
                            r"|is\s+due\s+to|is\s+set\s+to|is\s+to)\s+)?(?:(?:pay|paid|pays|paying|make|made|makes"
                            r"|undertake|undertook|undertakes|begin|began|begins|start|started|starts|be\s+on|embark\s+on"
                            r"|embarked\s+on)\s+)?(?:an?\s+|his\s+|her\s+)?$")
# "extended an invitation to His Royal Highness the Crown Prince to visit": the one invited visits
_TITLE_INVITED = re.compile(rf"\binvit\w*\s+(?:to\s+)?{_HONOURS}the\s+({_TITLE}{_OF_COUNTRY})\s+to\s+$")
# "His Royal Highness the Crown Prince and the President held official talks": two offices, no names
_TITLE_PAIR = re.compile(rf"\b(?:[Tt]he\s+)?({_TITLE}{_OF_COUNTRY})\s+and\s+{_HONOURS}(the\s+{_TITLE}{_OF_COUNTRY})"
                         r"\s+(?:(?:will|also|jointly|have|has|had)\s+)*(?:(?:held|hold|had|met|meet|spoke|talked)\s+"
                         r"(?:[\w-]+\s+){0,2})?$")
_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}$")
_VERB_WORDS = frozenset("met meet meets with held hold holds had received hosted called on holding have".split())
_NOT_AGENT_WORDS = frozenset("would will also to again have has had already just recently previously repeatedly"
                             .split())
# "agreed to", "look forward to": the clause before the event is a verb, its subject lies further back
_VERB_PHRASE = re.compile(r"^(?:[a-z]+ed|look|looks|forward|agree|agrees|plan|plans|hope|hopes|expect|expects|want"
                          r"|continue|decided|remain|intend|intends|aim|aims|\s)+$")
_OPENING_SUBJECT = re.compile(r"(?:The|the)\s+((?:two|three|four|both)\s+[a-z]+s)\b")
_NO_SUBJECT = frozenset({"they", "we", "he", "she", "it", "the pair", "the two sides", "both sides"})
_POSSESSIVES = frozenset("their its his her our".split())
_CONVENING_VERBS = frozenset(
    "held hold holds holding conducted conduct conducts had hosted host convened convene".split())
_APPOSITION = re.compile(r"[^,;.]*,\s+(?:the|a|an|its|his|her|their)\s+(?:[\w'’-]+\s+){0,4}")
_LEADERS_OF_MANY = re.compile(r"\b(?:Presidents|Heads of State(?: and(?: of)? Government)?|Leaders|Prime Ministers)"
                              r"\s+of\s+[^.;:]*?,[^.;:]*?\band\b[^.;:]*$")
_BARE_PLURAL = re.compile(r"(?i:(?:tele)?phone calls|calls|video calls)")
_MODAL_PASSIVE = re.compile(r"\b(?:can|may|will|must|could|should)\s+(?:only\s+|also\s+|not\s+)?be\s+$")
_OF_WHICH = re.compile(r"\s+of\s+which\b")  # "the X Dialogue, the fourth meeting of which was held": one event
_SINCE = re.compile(r"\b(?:since|as early as|as long ago as)\s+(?:the\s+)?$", re.I)  # a reference point, no event date
_BODY_OF = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'’-]*){0,6})")
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|its|their)\s+$", re.I)  # "a meeting": a noun, no subject verb
_SENTENCE_STOP = re.compile(r"[;.]\s")
_YEAR_SPAN = re.compile(r"\d{4}/\d{4}")
_FOR_EVENT = re.compile(r"\s+(?:for|to attend)\s+(?:the\s+|a\s+)?")
_HELD_REACH = 90  # "met X ..., to discuss the review, scheduled for July 2026": too far to date the meeting
_NEXT_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|whereas)\b|;)")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We)\b")
_HOW_OFTEN = re.compile(r"(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twice|once|several|many)\s+times?\b"
                        r"|(?i:twice|once)\b")
_NOT_OBJECT = frozenset("in on at today virtually after before during following for to from by of later".split())
_BRIEFING_MODIFIERS = re.compile(r"(?:(?:weekly|regular|daily|monthly|special|joint)\s+)+$", re.I)
_BRIEFING_BY = re.compile(r"\s+by\s+(?:the\s+)?(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,3}")
_CALL_NOUN = re.compile(r"(?:tele)?phone (?:call|conversation|talk)s?|video ?call")
_TOPICAL = frozenset({"consultations", "talks", "negotiations", "discussions", "dialogue"})
_TOPIC = re.compile(r"\s+(?:on|over|about|regarding)\s+(the\s+[\w'’-]+(?:\s+(?!(?:in|at|by|with|next|this|early|later"
                    r"|before|after|during|on|to|and)\b)[\w'’-]+){0,4})")
_TOPIC_ANAPHOR = re.compile(r"the\s+(?:matter|issue|question|subject|proposal|plan|idea|text|draft|document|details)",
                            re.I)
_OBJECT = re.compile(r"\s*(?:with\s+)?((?:the\s+|his\s+|her\s+|their\s+)?[\w'’-]+(?:\s+(?!(?:in|on|at|to|for|and|as"
                     r"|before|after|during|while|when|until|from|last|next|this|earlier|later)\b)[\w'’-]+){0,5})")


@dataclass
class Occasion:
    """A meeting event as far as the statement has described it so far."""

    kind: str
    name: str
    named: bool  # the event has a name of its own ("43rd ASEAN Summit")
    participants: list[str]
    place: str | None
    date: str | None
    sentence: Sentence
    future: bool
    ordinal: str = ""  # "next", "first" for a reference to another occurrence of a named event
    sentences: list[int] = field(default_factory=list)
    own_people: int = 0  # participants named in the occasion's own sentence
    qualified: bool = False  # its word has a qualifier of its own: "the vice-ministerial talks"


@dataclass(frozen=True)
class SentenceContext:
    sentence: Sentence
    people: list[Person]
    places: list[Place]
    dates: tuple[DateSpan, ...]
    events: list[Event]
    speaker: Person | None = None  # who says "I" and "we" in a transcript turn


def sentence_occasions(ctx: SentenceContext, last_agent: list[str]) -> list[tuple[Occasion, str, Event]]:
    """The occasions a sentence mentions, each with its form (named, verb, anaphora, ordinal) and event."""
    text = ctx.sentence.text
    events = [e for k, e in enumerate(ctx.events) if _is_live(text, e) and not _of_which(text, ctx.events, k)]
    out: list[tuple[Occasion, str, Event]] = []
    skip: set[int] = set()
    taken: set[str] = set()
    hosted: list[Person] = []
    for k, event in enumerate(events):
        if k in skip or (k and event.kind == events[k - 1].kind and event.form == "verb"
                         and _APPOSITION.fullmatch(text, events[k - 1].end, event.start)):
            continue  # "a trade mission to X, the Department's first trade mission to the region": one trip
        zone_end = _zone_end(text, events, k)
        zone = (events[k - 1].end if k else 0, zone_end)
        agent = _first_person(ctx, event, zone) or _agent(text, event, ctx.people, taken, last_agent)
        objects = [p for p in ctx.people if event.end <= p.start < zone_end
                   and not _ABSENT.search(text, max(0, p.start - 40), p.start)]
        visitor = _visitor_named(text, event, objects)
        if visitor:
            agent, objects = [], visitor  # "preparations for the State Visit of President X": X alone goes
        if event.kind == "visit" and hosted and not any(zone[0] <= p.start < event.start and p not in hosted
                                                       for p in ctx.people):
            agent = hosted  # "X received Y ..., at the start of a state visit": Y is visiting
        if event.kind == "press_conference":
            agent, objects = list(ctx.people), []
        if event.kind == "visit" and event.form == "verb" and not agent and not objects and not _DELEGATION.search(
                text[zone[0] : event.start]) and not _visitor_title(text, event):
            continue  # "30,000 tourists visited New Zealand": not a visit by anyone named
        if event.form == "verb" and not agent and not objects and _nobodys(text, event):
            continue  # "Telephone calls are listed only when …", "visitors can only be received": nobody's event
        if event.form == "verb" and event.kind in ("meeting", "talks", "phone_call"):
            taken.update(p.name for p in objects)
        hosted = objects if _HOSTING.match(event.noun) else []
        joined = _joined_event(text, event, events[k + 1 :])
        if joined is not None:
            skip.add(events.index(joined))
            joined_zone = (zone[0], _zone_end(text, events, events.index(joined)))
            out.append((_build(ctx, joined, joined_zone, [*agent, *objects], objects), "named", joined))
        elif event.form == "named":
            limit = next((m.start() for m in _NEXT_CLAUSE.finditer(text, event.end)), len(text))
            present = [p for p in ctx.people if p.start < limit] + _first_person(ctx, event, zone)
            out.append((_build(ctx, event, zone, present, objects), "named", event))
        elif event.form == "verb" and objects and (_SEPARATELY.search(text[event.end : zone_end])
                                                  or event.noun.lower().startswith("separate ")
                                                  or (event.noun.endswith("meetings") and len(objects) >= 2)):
            out += [(_build(ctx, event, zone, [*agent, o], [o]), "verb", event) for o in objects]
        elif event.form == "verb" and not objects and _distributed(text[event.end : zone_end]):
            out += [(_build(ctx, event, zone, agent, [], f"the {title} of {country}"), "verb", event)
                    for title, country in _distributed(text[event.end : zone_end])]
        else:
            anaphoric = event.form == "verb" and not agent and not objects and _anaphoric_subject(text, event)
            form = "anaphora" if anaphoric else event.form
            item = _build(ctx, event, zone, [*agent, *objects], objects)
            leaders = _LEADERS_OF_MANY.search(text[zone[0] : event.start]) if event.form == "verb" else None
            if item.kind == "meeting" and leaders:  # "the Presidents of Brazil, Indonesia and the DR Congo met"
                item.kind, item.name = "summit", f"summit of the {leaders.group(0).strip()}"
            out.append((item, form, event))
    return out


def _nobodys(text: str, event: Event) -> bool:
    """"Telephone calls are listed only when …", "visitors can only be received": nobody's event."""
    passive = _MODAL_PASSIVE.search(text, max(0, event.start - 30), event.start)
    return bool(_BARE_PLURAL.fullmatch(event.noun) or passive)


def _of_which(text: str, events: list[Event], k: int) -> bool:
    """"the X Dialogue, the fourth meeting of which was held in Tokyo": that meeting is the Dialogue."""
    return bool(k and _OF_WHICH.match(text, events[k].end) and _APPOSITION.fullmatch(text, events[k - 1].end,
                                                                                     events[k].start))


def _zone_end(text: str, events: list[Event], k: int) -> int:
    """Where the words about event k stop; "X and the Y in Jakarta" share "in Jakarta", and
    "..., and in Colombo I plan to meet" starts the next event's clause."""
    while k + 1 < len(events):
        between = text[events[k].end : events[k + 1].start]
        if not re.fullmatch(r"\s*,?\s*(?:and|or)\s+(?:the\s+)?", between):
            breaks = list(_NEXT_CLAUSE.finditer(between))
            return events[k].end + breaks[-1].start() if breaks else events[k + 1].start
        k += 1
    return len(text)


def _first_person(ctx: SentenceContext, event: Event, zone: tuple[int, int]) -> list[Person]:
    """"I will visit", "we held talks": in a transcript turn, the speaker."""
    if ctx.speaker is None or event.kind == "press_conference":
        return []
    clause = clause_before(ctx.sentence.text[: event.start], event.start, 120)
    return [ctx.speaker] if _FIRST_PERSON.search(clause) else []


def _agent(text: str, event: Event, people: list[Person], taken: set[str], last_agent: list[str]) -> list[Person]:
    """Who does the event: "X's visit", "Y, who is visiting", else the people before it who are not
    the counterparts of an earlier event ("X met Y and held talks with Z": X)."""
    if event.form == "named":
        return []
    before = [p for p in people if p.end <= event.start and not _INVITES.match(text, p.end)]
    if before and event.kind == "visit" and _VISIT_TOPIC.search(text, before[-1].end, event.start) \
            and not _OWN_VISIT.search(text, 0, event.start):
        return []  # "X and Y discuss the State Visit", "preparations for the visit": talked of, not made
    if before and _POSSESSIVE.match(text[before[-1].end : event.start]):
        return [before[-1]]
    if before and re.search(r"\bwho\b", text[before[-1].end : event.start]):
        return [before[-1]]
    if event.kind != "visit" and len(before) >= 2 and _THEIR.search(text, 0, event.start):
        return before  # "as agreed during their telephone conversation": both of them
    if event.kind == "visit" and event.form == "anaphora" and not _OWN_VISIT.search(text, 0, event.start):
        return []  # "the Ministers agreed to sign it during the State Visit": the visitor was named before
    reported = list(_REPORTING.finditer(text, 0, event.start))
    if reported:  # "Minister Bennett said that 30,000 Koreans visited ...": the speaker is not the agent
        before = [p for p in before if p.start >= reported[-1].end()]
    subject = [p for p in before if p.name not in taken and not _INVITER.search(text[max(0, p.start - 25) : p.start])]
    if subject and last_agent and _PRONOUN_AND.match(text) and last_agent[0] not in [p.name for p in subject]:
        return [Person(last_agent[0], 0, 0, ""), *subject]  # "He and Vietnam's Tran Duc Khiem discussed …"
    if subject:
        return subject
    if _PRONOUN_SUBJECT.match(text) and last_agent:
        return [Person(last_agent[0], 0, 0, "")]
    if len(last_agent) > 1 and _THEY.search(text, max(0, event.start - 40), event.start):
        return [Person(name, 0, 0, "") for name in last_agent]  # "On 17 March they will hold talks with X"
    return []


def _visitor_named(text: str, event: Event, objects: list[Person]) -> list[Person]:
    """"the visit of President X", "a visit by Minister Y": the person after "of" is the visitor."""
    if event.kind != "visit" or not objects:
        return []
    first = objects[0]
    between = text[event.end : first.start]
    return [first] if _VISIT_OF.fullmatch(between) else []


def _visitor_title(text: str, event: Event) -> str:
    """"the Russian President's state visit": a visitor known by title only."""
    before = max(0, event.start - 120)
    match = (_TITLE_POSSESSIVE.search(text, max(0, event.start - 80), event.start) or _TITLE_OF.match(text, event.end)
             or _TITLE_SUBJECT.search(text, before, event.start) or _TITLE_INVITED.search(text, before, event.start))
    return match.group(1) if match else ""


def _distributed(text: str) -> list[tuple[str, str]]:
    """"with the Prime Ministers of Fiji and Papua New Guinea": one counterpart per country."""
    match = _PLURAL_TITLES.match(text)
    if not match:
        return []
    countries = [c.strip() for c in re.split(r",\s*|\s+and\s+", match.group(2)) if c.strip()]
    title = match.group(1)[:-1] if match.group(1).endswith("s") else match.group(1)
    return [(title, c) for c in countries if is_country(c)] if len(countries) >= 2 else []


def _is_live(text: str, event: Event) -> bool:
    stop = _SENTENCE_STOP.search(text, event.start)
    clause = text[event.start : stop.start() if stop else len(text)]
    if is_cancelled(clause):
        return False
    return not event.negated or is_postponed(text)


def _anaphoric_subject(text: str, event: Event) -> bool:
    clause = clause_before(text, event.start, 60)
    words = re.sub(r"\b(?:also|then|later|again|have|has|had|will)\b", " ", clause)
    return bool(_ANAPHORIC_SUBJECT.match(words))


def _joined_event(text: str, event: Event, later: list[Event]) -> Event | None:
    """"met in London ... for the inaugural Dialogue": the meeting is the named event."""
    if event.form != "verb" or event.kind not in ("meeting", "talks"):
        return None
    for other in later:
        between = text[event.end : other.start]
        # "received X, who came to attend the Joint Commission": a call of its own besides it
        if other.form == "named" and ";" not in between and _SAME_EVENT.search(between) \
                and not re.search(r",\s+who\b", between):
            return other
    return None


def _build(ctx: SentenceContext, event: Event, zone: tuple[int, int], people: list[Person], objects: list[Person],
           counterpart: str = "") -> Occasion:
    text = ctx.sentence.text
    participants = list(dict.fromkeys(p.name for p in people))
    place = _place_for(ctx, event, zone)
    if event.form in ("named", "ordinal"):
        name = event.noun
    else:
        name = _describe(ctx, event, people, objects, place, counterpart)
    future = is_future(clause_before(text, event.start, 100) + text[event.start : event.end + 30])
    noun = _VISIT_MANNER.sub("", event.noun) if event.kind == "visit" else event.noun  # "the State Visit": no qualifier
    qualified = event.form == "anaphora" and len(re.findall(r"[\w-]+", noun)) > 1 and not re.search(
        r"(?i)\b(?:this|that|the|her|his|their|its)\b|-day\b", noun)
    date = _date_for(ctx, event, zone)
    return Occasion(event.kind, name, event.form == "named", participants, place, date, ctx.sentence, future,
                    event.ordinal, [ctx.sentence.index], len(participants), qualified)


def _describe(ctx: SentenceContext, event: Event, people: list[Person], objects: list[Person], place: str | None,
              counterpart: str) -> str:
    """A short name: "Wang Yi's visit to Indonesia", "talks between Wang Yi and Retno Marsudi"."""
    text = ctx.sentence.text
    # one title per person ("President X … the Chilean President's visit"): the first mention's title, in the
    # order of each person's last mention
    named = list(dict.fromkeys(_titled(p) for p in {p.name: p for p in reversed(people)}.values()))[::-1]
    if event.kind == "visit":
        visitor = [p for p in people if p not in objects] or people
        title = _visitor_title(text, event)
        if title and not visitor and _TITLE_OF.match(text, event.end):
            return f"visit of the {title}" + (f" to {place}" if place else "")
        manner = _VISIT_MANNER.search(event.noun)  # "a state visit", "a working visit": which kind of visit
        noun = f"{manner.group(0).lower()} visit" if manner else "visit"
        if title and (not visitor or _TITLE_POSSESSIVE.search(text, max(0, event.start - 80), event.start)):
            # "during the Chilean President's State Visit", "the President of X will pay a state visit to":
            # the text calls the visitor by title
            return f"{noun} of the {title}" + (f" to {place}" if place else "")
        who = f"{visitor[-1].name}'s " if visitor else f"{title}'s " if title else ""
        return f"{who}{noun} to {place}" if place else f"{who}{noun}"
    noun = _call_noun(event.noun) if event.kind == "phone_call" else _plain_noun(event.noun, event.kind)
    if noun.endswith("meetings") and len(objects) == 1:
        noun = noun[:-1]  # "held bilateral meetings with X and with Y": one meeting with each
    if len(named) >= 2:
        return f"{noun} between {' and '.join(named)}"
    counterpart = counterpart or (_object_phrase(text, event.end) if not objects else "")
    if named and counterpart:
        return f"{noun} between {named[0]} and {counterpart}"
    if named:
        return f"{noun} of {named[0]}"
    pair = _BETWEEN_NAMES.match(text, event.end)
    if pair and not named:  # "the talks between the President and the Crown Prince": known by title only
        return f"{noun} between {pair.group(1)}"
    offices = _TITLE_PAIR.search(text, max(0, event.start - 160), event.start) if not named else None
    if offices:
        return f"{noun} between the {offices.group(1)} and {offices.group(2)}"
    body = _BODY_OF.match(text, event.end)
    if body:  # "a meeting of Senior Officials"
        return f"{noun} of {body.group(1)}"
    partners = re.match(r"\s+with\s+", text[event.end :])
    if partners and counterpart:  # "a follow-up meeting with mission participants"
        return f"{noun} with {counterpart}"
    if event.kind == "press_conference":
        return _briefing_name(text, event)
    topic = _topic(text, event) if noun in _TOPICAL else ""
    if topic:
        return f"{noun} on {topic}"
    determined = _DETERMINED.search(text, max(0, event.start - 8), event.start)
    subject = "" if determined else _subject_phrase(text, event.start)
    partner = _COUNTERPART.match(text, event.end)
    if subject and partner:  # "Brazil's president spoke by telephone with his South Korean counterpart"
        return f"{noun} between {subject} and {partner.group(1)}"
    if subject:
        return f"{noun} of {subject}"
    countries = _countries(text)
    return f"{noun} between {' and '.join(countries)}" if len(countries) >= 2 else noun


_BETWEEN_NAMES = re.compile(r"\s+between\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,4}"
                            r"\s+and\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,4})")


def _briefing_name(text: str, event: Event) -> str:
    """"this weekly media briefing", "Weekly Media Briefing by the Official Spokesperson": as written."""
    modifiers = _BRIEFING_MODIFIERS.search(text, 0, event.start)
    start = modifiers.start() if modifiers else event.start
    by = _BRIEFING_BY.match(text, event.end)
    return " ".join(text[start : by.end() if by else event.end].split())


def _subject_phrase(text: str, start: int) -> str:
    """"the two negotiating teams would meet": who meets, when no person is named."""
    window = text[max(0, start - 120) : start]
    relative = re.search(r"([\w'’-]+(?:\s+[\w'’-]+){0,5}),\s+which\s+(?:\w+\s+){0,2}$", window)
    if relative:  # "a joint business council, which will meet": the council meets
        return re.sub(r"^(?:.*\b(?:a|an|the)\s+)", "", relative.group(1))
    clause = re.split(r"[,;:]|\b(?:that|and|but|while|whereas|as|after|before|when)\b", text[:start])[-1]
    words = [w for w in clause.split() if w.lower() not in _NOT_AGENT_WORDS]
    verb = next((i for i, w in enumerate(words) if i and w.lower() in _CONVENING_VERBS), None)
    if verb is not None:  # "They held political consultations": who held them, not the verb and its modifiers
        words = words[:verb]
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _POSSESSIVES or re.fullmatch(r"[a-z]+ed", w)),
                  default=0)
        words = words[cut:] or words  # "directed their technical teams to hold": the teams hold them
    phrase = " ".join(words[-10:])
    if phrase and _VERB_PHRASE.match(phrase):
        opening = _OPENING_SUBJECT.match(text)  # "The two delegations ... agreed to meet again"
        phrase = opening.group(1) if opening else ""
    if not phrase or phrase.lower() in _NO_SUBJECT:
        return ""
    return re.sub(r"^(?:The|the|An?|an?)\s+", "", phrase)


def _topic(text: str, event: Event) -> str:
    """"consultations on the matter": talks are told apart by what they are about.

    "the matter", "the issue" point back to the instrument the sentence named before the talks.
    """
    match = _TOPIC.match(text, event.end)
    if not match:
        return ""
    topic = match.group(1)
    if not _TOPIC_ANAPHOR.fullmatch(topic):
        return topic
    earlier = [i for i in find_instruments(text[: event.start]) if not i.anaphoric]
    if not earlier:
        return ""
    return "the " + re.sub(r"^(?:the|a|an|proposed|planned|draft)\s+", "", earlier[-1].name, flags=re.I)


def _call_noun(noun: str) -> str:
    """"telephone conversation", "video call" as written; "spoke by phone" is a phone call."""
    return noun if _CALL_NOUN.fullmatch(noun) else "phone call"


def _plain_noun(noun: str, kind: str) -> str:
    words = [w for w in noun.split() if w not in _VERB_WORDS]
    return " ".join(words) or ("talks" if kind == "talks" else "meeting")


def _titled(person: Person) -> str:
    title = person.title.split(",")[-1].strip()
    short = " ".join(w for w in title.split() if w[:1].isupper())[-40:].strip()
    return f"{short} {person.name}".strip() if short and len(short.split()) <= 4 else person.name


def _object_phrase(text: str, end: int) -> str:
    match = _OBJECT.match(text, end)
    phrase = match.group(1) if match else ""
    if not phrase or phrase.split()[0].lower() in _NOT_OBJECT or _HOW_OFTEN.match(phrase):
        return ""  # "met three times this year": how often, not whom
    return phrase


def _countries(text: str) -> list[str]:
    found: list[str] = []
    for match in re.finditer(r"(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}", text):
        name = re.sub(r"^the\s+", "", match.group(0))
        if (is_country(name) or is_bloc(name)) and name not in found:
            found.append(name)
    return found


_CAPITALS = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_TRAILING_VENUE = re.compile(rf",\s+(?:({_CAPITALS}),\s+)?({_CAPITALS})\.?\s*$")
_AND_PLACE = re.compile(r",?\s+and\s+(?:in\s+)?[A-Z]")
# a fact sheet's line: the event, a colon, then where and when
_LABEL_VENUE = re.compile(r"[^:.;]{0,80}:\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}),\s+(?=\d|[A-Z][a-z]+\s+\d)")


def _place_for(ctx: SentenceContext, event: Event, zone: tuple[int, int]) -> str | None:
    """The place written after the event (before the next one), else before it in its zone."""
    label = _LABEL_VENUE.match(ctx.sentence.text, event.end)
    if label and (is_place(label.group(1)) or label.group(1).rsplit(" ", 1)[-1].lower() in PLACE_NOUNS):
        return label.group(1)  # "Ministerial Meeting on Soil Health: Farmleigh House, 15 June 2025"
    inside = [p for p in ctx.places if event.start <= p.start < event.end and p.preposition == "to"]
    if event.kind == "visit" and inside:
        return inside[-1].name  # "a Team Canada Trade Mission to Mexico"
    places = [p for p in ctx.places if not (event.start <= p.start < event.end)]
    host = _HOST.search(ctx.sentence.text, max(0, event.start - 60), event.start)
    venue = [p for p in places if event.end <= p.start <= event.end + 30 and p.preposition in ("in", "at")]
    if host and is_place(host.group(1)) and not venue:
        return host.group(1)  # "supports Laos in hosting the Foreign Ministers' Meeting"
    host_after = _HOST_AFTER.match(ctx.sentence.text, event.end)
    hosting = host_after and (host_after.group(1) or host_after.group(2))
    if hosting and is_place(hosting) and not venue:
        return hosting  # "the 4th Türkiye-Africa Summit, which Türkiye will host in 2026", "hosted by Peru"
    if event.kind == "visit":
        after = [p for p in places if event.end <= p.start <= event.end + 60 and p.preposition in ("visit", "to", "in")]
        if after:
            return after[0].name
        # "the visit of Thai Minister of Agriculture and Cooperatives Somchai Phanuwat to Hanoi": past the visitor
        visitors = [p for p in ctx.people if event.end <= p.start <= event.end + 80]
        beyond = [p for p in places if visitors and 0 <= p.start - visitors[0].end <= 5 and p.preposition == "to"]
        if beyond:
            return beyond[0].name
    trailing = _trailing_venue(ctx.sentence.text, event, ctx.places)
    if trailing:
        return trailing
    located = [p for p in places if zone[0] <= p.start < zone[1] and _is_venue(ctx.sentence.text, p)]
    after = [p for p in located if p.start >= event.end]
    # "met in Tashkent, Davos and Munich, and will prepare the Conference": a list of places is the series'
    before = [p for p in located if p.start < event.start
              and not (zone[0] and ("," in p.name or _AND_PLACE.match(ctx.sentence.text, p.end)))]
    chosen = after[0] if after else before[-1] if before else None
    if chosen is None:
        return None
    follow = [p for p in located if p.start > chosen.end and p.start - chosen.end <= 5 and p.preposition == "in"]
    return f"{chosen.name}, {follow[0].name}" if chosen.preposition == "at" and follow else chosen.name


def _trailing_venue(text: str, event: Event, places: list[Place]) -> str | None:
    """An agenda entry or caption ends with its venue: "Breakfast meeting with X, The Hague.",
    "Joint press conference with Y, World Port Center, Rotterdam." (not "held in Hanoi, Viet Nam.")"""
    match = _TRAILING_VENUE.search(text, event.end)
    if not match:
        return None
    venue, city = match.group(1), match.group(2).rstrip(".")
    if is_country(city) and any(p.start <= match.start() <= p.end for p in places):
        return None
    if not venue and city.rsplit(" ", 1)[-1].lower() in PLACE_NOUNS:
        return city  # "Joint press conference of the two Presidents, Bogor Presidential Palace"
    if is_place(city):
        return f"{venue}, {city}" if venue and venue.rsplit(" ", 1)[-1].lower() in PLACE_NOUNS else city
    return None


def _is_venue(text: str, place: Place) -> bool:
    if _RETURNING.search(text, max(0, place.start - 30), place.start):
        return False  # "to meet business leaders before returning to Seoul": where the trip ends
    if place.preposition in ("in", "at", "visit"):
        return True
    if place.preposition == "to" and _FOR_EVENT.match(text, place.end):
        return True  # "invited X to London for the fourth Strategic Dialogue"
    return place.preposition == "to" and bool(_DESTINATION.search(text[max(0, place.start - 120) : place.start]))


def _date_for(ctx: SentenceContext, event: Event, zone: tuple[int, int]) -> str | None:
    """The date after "held"/"take place", else the nearest date in the event's zone of the sentence."""
    text = ctx.sentence.text
    dated = [d for d in ctx.dates if d.value and zone[0] <= d.start < zone[1] and not _SINCE.search(text, 0, d.start)
             and not _YEAR_SPAN.fullmatch(d.value)]  # "the Partnership 2024-2029": a plan's term, no event date
    if not dated:
        return None
    held = list(_HELD.finditer(text, event.start, min(zone[1], event.end + _HELD_REACH)))
    if held:
        verb = held[-1] if is_postponed(text) else held[0]
        later = [d for d in dated if d.end > verb.end()]
        if later:
            return later[0].value
    after = [d for d in dated if d.start >= event.end]
    if zone[0] and after:
        return after[0].value  # "a conference in Kinshasa for May, ahead of a summit in Belém in June": May is not its
    return min(dated, key=lambda d: d.start - event.end if d.start >= event.end else event.start - d.end + 20).value
