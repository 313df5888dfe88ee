"""Words that announce a meeting event in a sentence, and what kind of event each is.

Four forms:

- named: an event with its own name, "the 43rd ASEAN Summit", "G20 summit", "the 7th meeting
  of the China-Brazil ... Committee", "the fifth round of IP-CEPA negotiations";
- verb: "visited Indonesia", "met with President X", "held talks with", "spoke by phone with",
  "received the Ambassador of Peru", "attended a roundtable";
- anaphora: "the visit", "this summit", "during the talks": the event was named before;
- ordinal: "the first Summit", "the next round": another occurrence of an event named before.

Words that only look like events are dropped: "manage differences through dialogue", "meet the
needs", "the Pacific Islands Forum members", "ASEAN-ROK Dialogue Relations", "Related Summits".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor.extract.event_names import (
    NAME_PREFIX,
    ORDINAL,
    WEEKDAY_WORDS,
    after_stop_words,
    is_name_prefix,
    modifier_start,
    name_end,
    name_start,
    strip_article,
)
from monitor.extract.gazetteer import is_bloc, is_place
from monitor.extract.lexicon import FUNCTION_WORDS, PEOPLE_NOUNS, TITLE_CORE
from monitor.extract.modality import is_future, is_negated


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    start: int
    end: int
    form: str  # named | verb | anaphora | ordinal
    noun: str  # what the text calls it: "talks", "phone call", "43rd ASEAN Summit"
    negated: bool = False
    ordinal: str = ""


_HEAD_KINDS = (
    ("video conference", "meeting"), ("videoconference", "meeting"), ("summit meeting", "summit"),
    ("press conference", "press_conference"), ("news conference", "press_conference"),
    ("press briefing", "press_conference"), ("ministerial meeting", "ministerial"),
    ("ministers' meeting", "ministerial"),
    ("ministers meeting", "ministerial"), ("ministerial", "ministerial"), ("summit", "summit"), ("forum", "forum"),
    ("conference", "conference"), ("symposium", "conference"), ("seminar", "conference"), ("workshop", "other"),
    ("training course", "other"),
    ("dialogue", "dialogue"), ("talks", "talks"), ("negotiations", "talks"), ("consultations", "other"),
    ("consultation", "other"), ("expo", "expo"), ("exposition", "expo"),
    ("showcase", "expo"), ("exhibition", "expo"), ("fair", "expo"),
    ("roundtable", "other"), ("round table", "other"), ("retreat", "meeting"),
    ("technical session", "talks"), ("negotiating session", "talks"), ("negotiation session", "talks"),
    ("session", "meeting"),
    ("week", "other"), ("meeting", "meeting"), ("meetings", "meeting"),
)
_NAMED_HEAD = re.compile(
    r"\b(?:Summit\s+Meeting|Ministerial\s+Meeting|Ministers['’]?\s+Meeting|Press\s+Conference|Summit|Forum"
    r"|Conference|Dialogue|Meetings?|Talks|Consultations?|Expo|Exposition|Exhibition|Fair|Retreat|Symposium"
    r"|Roundtable|Exchange\s+Week|Showcase|Workshop|Training\s+Course|(?<=Ministerial )Session)\b"
)
_LOWER_HEAD = re.compile(
    r"\b(?:summit\s+meeting|ministerial\s+meeting|summit|forum|conference|meetings?|talks|expo|exhibition|fair"
    r"|roundtable|round\s+table|symposium|seminar|retreat|consultations|dialogue"
    r"|(?:working|technical|negotiating|negotiation)\s+sessions?)\b"
)
# what the head patterns cannot match without (keep in step with them): the substring tests are several
# times faster than a scan
_NAMED_HEAD_WORDS = ("Summit", "Forum", "Conference", "Dialogue", "Meeting", "Talks", "Consultation", "Expo",
                     "Exhibition", "Fair", "Retreat", "Symposium", "Roundtable", "Exchange", "Showcase", "Workshop",
                     "Training", "Session")
_LOWER_HEAD_WORDS = ("summit", "forum", "conference", "meeting", "talks", "expo", "exhibition", "fair", "roundtable",
                     "round", "symposium", "seminar", "retreat", "consultations", "dialogue", " session")
# "the Ministers' Meeting", "the Leaders' Summit": who met, not which meeting: a reference back
_GENERIC_PARTICIPANTS = frozenset(
    "minister ministers ministerial leader leaders foreign defence defense trade economic finance".split())
_NO_DATE = re.compile(r"\bno\s+(?:date|time|venue)\s+(?:has|have)\s+(?:yet\s+)?been\s+(?:set|fixed|agreed)\s+for\s+"
                      r"(?:the\s+|any\s+|further\s+)?$"
                      # a spokesperson's "I have no information about such a phone call"; "reports that ... held"
                      r"|\bno\s+information\s+(?:about|on|regarding)\s+(?:such\s+|the\s+|any\s+|this\s+)?(?:an?\s+)?$"
                      r"|\b(?:reports?|rumou?rs?)\s+(?:that|of)\b[^.;]{0,60}$", re.I)
_THROUGH_CHANNELS = re.compile(r"[^.;]{0,80}?\bthrough\s+(?:diplomatic|official|existing)\s+channels\b", re.I)
_NEEDS_EVENT_VERB = frozenset({"consultations", "dialogue"})
_CAPITAL_ORDINAL = r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Inaugural)"
_NTH = re.compile(
    rf"\b(?:[Tt]he\s+|[Aa]\s+)?((?:{ORDINAL}|{_CAPITAL_ORDINAL})\s+(?:and\s+final\s+)?(?:[\w-]+\s+)?"
    r"(?i:meeting|round|session|edition|plenary))\s+of\s+(?:the\s+)?"
    r"((?:[^,;.()]|\.(?=\S)){3,120}?)"
    r"(?=\s*(?:,|;|\.(?:\s|$)|\(|$|\s(?:which|was|were|will|has|had|is|held|took|to\s+be|in\s+[A-Z]|on\s+\d"
    r"|referred|mentioned|envisaged|provided\s+for|foreseen)))"
)
# a body's name: "The Ministerial Council of the Cooperation Council for the Arab States of the Gulf"
_BODY = (r"(?:[Tt]he\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and|on))*?\s+"
         r"(?:Council|Committee|Commission|Assembly|Board|Conference|Parliament|Forum|Group|Mechanism|Task\s+Force)"
         r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*|of|the|and|for)(?:\s+(?:[A-Z][\w'’.-]*|of|the|and|for))*?)?")
_OWN_SESSION = re.compile(rf"({_BODY})(?:,?\s+(?:set\s+up|established|created|formed)\s+[^,.;]{{1,60}}?,?)?"
                          r"\s+(?:held|holds|convened|opened|concluded|will\s+hold|is\s+holding)"
                          rf"\s+its\s+({ORDINAL})\s+(?i:(?:(?:regular|ordinary|extraordinary|special|plenary|annual)\s+)?"
                          r"(session|meeting|plenary))\b")
_BARE_SESSION = re.compile(r"\bthe\s+((?i:\d+(?:st|nd|rd|th)|[a-z]+(?:th|st|nd|rd)))\s+"
                           r"(?:(?:regular|ordinary|extraordinary|special)\s+)?"
                           r"(?:session|plenary)\b(?!\s+of\b)")
_ROUND = re.compile(rf"\b(?:the\s+|a\s+)?({ORDINAL}|another)\s+(?:negotiating\s+|technical\s+)?round\b(?!\s+of\b)",
                    re.I)
_PLACED_ROUND = re.compile(r"\bthe\s+(round)\s+(?=(?:in|at)\s+(?:the\s+)?[A-Z])")
_THEME_BEFORE = re.compile(r"\b(?:theme|themed|slogan|motto|tagline)\s*(?:of\s+)?[:,]?\s*[\"“'‘]$", re.I)
# a series of rounds named in the sentence: "consultations at senior official level will be held"
_SERIES = re.compile(r"\b((?:(?!the\b|their\b|its\b|these\b)[a-z]+\s+)?(consultations|talks|negotiations|dialogue)"
                     r"(?:\s+(?:at|on|between)\s+[\w\s-]{3,60}?)?)\s+(?:will|would|shall|are|is|to)\s+(?:be\s+)?"
                     r"(?:held|take\s+place|convene|meet|continue)\b")
_ORGAN = re.compile(r"(?i)\b(?:committee|commission|council|mechanism|group|forum|dialogue|negotiations|talks"
                    r"|consultations|leaders|ministers|board|assembly|cabinet|panel|task force|summit|conference"
                    r"|delegations?)\b")
_INSTRUMENT = re.compile(r"\b(?:Plan|Agreement|Memorandum|MoU|MOU|Treaty|Protocol|Declaration|Statement|Programme"
                         r"|Program|Framework|Charter|Convention|Strategy)\b")
_INSTRUMENT_OF = re.compile(r"\b(?:Plan|Agreement|Memorandum|Protocol|Programme|Program|Minutes|Record)\s+of\s+"
                            r"(?:the\s+)?$")
_INSTRUMENT_ON = re.compile(r"\b(?:Memorandum of Understanding|MoU|MOU|Agreement|Protocol|Treaty|Arrangement)\s+"
                            r"(?:on|for|concerning|regarding)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+(?:(?:of|and|on|for)\s+)?"
                            r"(?:the\s+)?){0,6}$")
_CONSULTATION_MODIFIER = re.compile(r"\b(?:political|further|bilateral|regular|annual|strategic|informal|formal"
                                    r"|high-level|technical|economic|security|consular|trade|defen[cs]e"
                                    r"|inter-?ministerial)\s+$")
_CONVENING = r"\b(?:convene[sd]?|hold|held|holds|host(?:ed|s)?|(?:co-)?chair(?:ed|s)?)\s+"  # "co-chaired the …"
_BODY_MEETS = re.compile(rf"({_BODY})\s+(?:will\s+(?:next\s+|again\s+|now\s+|also\s+|then\s+|first\s+)?meet|met|meets"
                         r"|(?:is|was)\s+(?:due|scheduled|expected|set|supposed|planned)\s+to\s+meet)\b")
_BARE_BODY_MEETS = re.compile(r"\b[Tt]he\s+(Committee|Commission|Council|Working Group|Board|Task Force)\s+"
                               r"(?:will\s+(?:\w+\s+)?meet|is\s+(?:due|scheduled|expected|set)\s+to\s+meet)\b")
_BODY_SESSION = re.compile(
    rf"((?:(?i:{ORDINAL})\s+|\d+(?:st|nd|rd|th)\s+)?(?:Ordinary|Extraordinary|Special|Regular|Plenary|Annual)\s+Session"
    r"\s+of\s+the\s+[A-Z][\w'’-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w'’-]*){0,8})")
_MINISTERS_BODY = re.compile(r"Executive Council|Council of (?:Foreign )?Ministers|Ministerial", re.IGNORECASE)
_KIND_OF_ROUND = re.compile(r"\b(?:[Aa]|[Tt]he)\s+((?:technical|negotiating|formal|informal)\s+round)\b(?!\s+of\b)")
_WILL_BE_IN = re.compile(r"\bwill\s+be\s+in\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})")
_ITS_NTH = re.compile(rf"({_BODY})\b[^.;]{{0,120}}?\b(its\s+((?i:{ORDINAL})|\d+(?:st|nd|rd|th))\s+(meeting|session))\b")
_FACILITY_AFTER = re.compile(r"\s+(?:Press|Media)\s+Cent(?:re|er)\b"
                             r"|\s+(?:Secretariat|Website|Organi[sz]ing Committee)\b")
_LEADERS_BEFORE = re.compile(r"\b(?:leaders|heads of state(?: and government)?)['’]\s+$", re.I)
_ROUND_OF_WHICH = re.compile(r"\bnegotiations\s+on\s+(?:an?\s+|the\s+)?([^,;.]{3,160}?),\s+"
                             rf"the\s+((?i:{ORDINAL})\s+round)\s+of\s+which\b")
_COP = re.compile(r"\bCOP\s?\d{1,2}\b((?:\s+(?:UN\s+)?[Cc]limate)?\s+(?:[Cc]onference|[Ss]ummit|[Tt]alks))?")
_RECEIVING_PARTY = re.compile(r"(?i:receiving|sending|host)\s+(?:State|States|country|countries|Party|Parties"
                               r"|nation|side|end)\b")
_TIME_LABEL = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+")
_DATE_LABEL = re.compile(r"\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s+[A-Z][a-z]+\.?\s+[—–-]\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_NEGOTIATORS_MEET = re.compile(r"\b(negotiat(?:ors|ing\s+teams?))\s+(?:[\w-]+\s+){0,3}?(?:meet|met|meets)\b")
_ORGAN_EVENT = re.compile(rf"{_CONVENING}(?:the\s+|a\s+)?"
                          rf"((?i:{ORDINAL})\s+(?:(?:[A-Z][\w'’.–-]*|and|of|on)\s+){{1,9}}(?:Committee|Commission"
                          r"|Council|Working Group|Mechanism|Consultations?)(?:\s+\([A-Z][\w-]{1,10}\))?)")
# "hold the thirteenth JETCO": an ordinal before a body's acronym is one of its meetings
_NTH_ACRONYM = re.compile(rf"{_CONVENING}the\s+((?i:{ORDINAL})\s+(?:[A-Z][\w–-]*\s+)?[A-Z]{{2,}}[A-Za-z]*)\b")
_TWO_PLUS_TWO = re.compile(rf"(?:(?:[A-Z][\w'’.–-]*\s+){{1,5}}|(?<=the\s)(?:(?i:{ORDINAL})\s+)?)[\"“]?2\+2[\"”]?"
                           r"(?:\s+(?:[A-Z][\w-]*|[a-z]+\s+)?(?:[Mm]eeting|[Dd]ialogue|[Tt]alks|[Cc]onsultations?|format))?")
_CONVENE = re.compile(r"\b(?:convene[sd]?|convening)\s+(?:the\s+|a\s+)?((?:[A-Z][\w'’.-]*\s+){1,8}(?:[Jj]oint\s+)?"
                      r"(?:[Cc]ommittee|[Cc]ommission|[Cc]ouncil|[Ww]orking [Gg]roup|[Mm]echanism|[Tt]ask [Ff]orce)"
                      r"(?:\s+on\s+(?:[\w-]+\s+){0,3}?[\w-]+(?=\s+(?:before|by|in|on|at|next|this|later)\b|[,.;]))?)")
_ATTRIBUTIVE = frozenset("""
members member countries states secretariat leaders chair chairman secretary website officials process
mechanism partners nations economies participants relations partnership partner relation fund charter
secretary-general framework declaration statement vision agreement sidelines margins
""".split())
_EVENT_VERBS = re.compile(r"\b(?:held|hold|holds|holding|convene[sd]?|convening|co-chair(?:ed|s)?|chair(?:ed|s)?"
                          r"|attend(?:ed|s|ing)?|host(?:ed|s|ing)?|organi[sz]e[sd]?|open(?:ed|s)?|address(?:ed)?"
                          r"|join(?:ed|s)?|participat\w+|launch(?:ed)?|resume[sd]?|continue[sd]?)\b", re.I)
_ANAPHOR_DETERMINERS = re.compile(r"\b(?:the|this|that|these|those|his|her|their|its|our|my|your"
                                  r"|during|after|before|at)\s+(?:[\w-]+\s+)?$", re.I)
# (kind, keywords one of which the lowercased sentence must contain, pattern)
_VERBS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    (kind, keys, re.compile(p, re.I))
    for kind, keys, p in (
        ("meeting", ("video", "virtual"),
         r"\bvideo\s*conferenc\w*|\bvirtual\s+(?:meeting|summit)\b|\bvideo\s+link\b"),
        ("phone_call", ("phone", "video", "call"),
         r"\b(?:tele)?phone\s+(?:call|conversation|talk)s?\b|\bvideo\s*call\b|\bcall(?:ed)?\s+with\b"
         r"|\b(?:spoke|talked|talk|speak|spoken|conversed|discussed)\b"
         r"(?=[^.;]{0,40}\b(?:by|on|over|via)\s+(?:the\s+)?(?:tele)?phone\b)"),
        ("press_conference", ("conference", "briefing"),
         r"\b(?:regular\s+)?(?:press|news)\s+(?:conference|briefing)s?\b|\bmedia\s+briefing\b"
         r"|\bbriefing(?=\s+by\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}[Ss]pokes(?:person|man|woman)\b)"),
        ("visit", ("visit", "trip", "mission", "travel"),
         r"\b(?:state\s+|official\s+|working\s+|courtesy\s+)?visit(?:s|ed|ing)?\b|\btrip\s+to\b"
         r"|\btravel(?:s|led|ed|ling|ing)?\s+to\b(?=\s+(?:the\s+)?[A-Z])"
         r"|\b(?:trade|business|investment|economic|official|ministerial)\s+mission\s+to\b"),
        ("talks", ("talks",),
         r"\b(?:held|hold|holds|holding|had|have)\s+(?:[\w-]+\s+){0,2}talks\b|\btalks\s+(?:with|between)\b"),
        ("meeting", ("met", "meet", "receiv", "call", "courtesy", "hosted"),
         r"\b(?:met|meet|meets)\b(?:\s+with)?|\bmeeting\s+with\b|\breceiv(?:e|es|ed|ing)\b"
         # "called on the President" is a courtesy call; "called on all States to sign" urges them
         r"|\bcall(?:s|ed|ing)?\s+on\b(?!\s+(?:all|member|the\s+international|countries|states|parties|governments|everyone"
         r"|others)\b)(?![^.;]{0,80}?\bto\s+(?:sign|ratify|join|respect|refrain|ensure|implement|support|take|uphold"
         r"|release|stop|end|comply|cease|accede|adopt|engage|exercise|work|contribute|provide|redouble|step)\b)"
         r"|\bcourtesy\s+call\b|\b(?<=forward to )meeting\b"
         r"|\bhosted\b"),
    )
]
_FIGURATIVE_OBJECT = re.compile(r"\s*(?:the\s+|their\s+|its\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:needs?|demands?|targets?"
                                r"|goals?|standards?|requirements?|expectations?|challenges?|criteria|deadlines?"
                                r"|conditions?|obligations?|costs?|aspirations?|interests?)\b", re.I)
# a sentence without any of these announces no event: skip it in one pass
_EVENT_WORDS = (
    "summit", "forum", "conferen", "dialogue", "meet", "met ", "talks", "consultation", "expo", "exhibition", "fair",
    "showcase",
    "retreat", "symposium", "round", "seminar", "workshop", "visit", "trip", "receiv", "called", "courtesy", "hosted",
    "phone", "call", "spoke", "talk", "speak", "video", "virtual", "briefing", "session", "plenary", "edition",
    "committee", "commission", "council", "mechanism", "week", "negotiations", "mission", "working group", "2+2",
    "travel", "training", "course", "will be in",
)
_CONVENING_WORDS = ("hold", "held", "host", "chair", "conven")
def find_events(text: str) -> list[Event]:
    """Event mentions of a sentence, in order, without overlaps (named ones win)."""
    lower = text.lower()
    if not any(map(lower.__contains__, _EVENT_WORDS)) and "COP" not in text:
        # "agreed to hold the thirteenth JETCO": a body's acronym after an ordinal, nothing else
        return _acronym_editions(text) if any(map(lower.__contains__, _CONVENING_WORDS)) else []
    named = [*_named_events(text)]
    if "round" in lower or "meeting" in lower or "session" in lower or "edition" in lower or "plenary" in lower:
        named += _nth_events(text)
        if "round" in lower:  # its ordinal alternation is slow to scan: only where a round is named
            named += _round_references(text)
        if "session" in lower or "plenary" in lower or " its " in lower:  # "held its first meeting"
            named += _sessions(text)
    if any(map(lower.__contains__, ("committee", "commission", "council", "mechanism", "working group", "consult"))):
        named += _organ_events(text)
    elif any(map(lower.__contains__, _CONVENING_WORDS)):
        named += _acronym_editions(text)
    if "2+2" in text:
        named += _two_plus_two(text)
    if " of which" in text:  # "negotiations on X, the first round of which was held in Manila": that round
        named += [Event("talks", m.start(2), m.end(), "named", f"{m.group(2).lower()} of negotiations on {m.group(1)}",
                        _negated(text, m.start())) for m in _ROUND_OF_WHICH.finditer(text)]
    if "COP" in text:  # "at COP31 in Antalya": the UN climate conference of that year
        named += [Event(kind_of(m.group(0)) if m.group(1) else "conference", m.start(), m.end(), "named", m.group(0),
                        _negated(text, m.start())) for m in _COP.finditer(text)]
    if "Session of" in text:
        named += _body_sessions(text)
    if " its " in text:
        named += _its_nth_meetings(text)
    if " round " in text:
        named += [Event("talks", m.start(1), m.end(1), "named", m.group(1).lower(), _negated(text, m.start()))
                  for m in _KIND_OF_ROUND.finditer(text)]  # "A technical round is scheduled in Abidjan"
    if "will be in " in text:
        named += [Event("visit", m.start(), m.start(1), "verb", "visit", _negated(text, m.start()))
                  for m in _WILL_BE_IN.finditer(text) if is_place(m.group(1).strip())]
    if "negotiat" in lower and " me" in lower:
        named += _negotiators_meet(text)
    if "training" in lower or "course" in lower:
        named += _training_courses(text)
    if "meeting of the " in text or "session of the " in text:
        named += _body_meetings(text)
    if ": " in text:
        named += _labelled_sessions(text)
    if " level" in lower:
        named += _level_meetings(text)
    chosen: list[Event] = []
    for event in sorted(named, key=lambda e: e.start - e.end):
        if event.form == "named" and _FACILITY_AFTER.match(text, event.end):
            continue  # "Summit Press Centre", "Forum Secretariat": a place or an office, not the event
        if not _overlaps(event, chosen):
            chosen.append(event)
    for event in [*_lower_events(text), *_verb_events(text)]:
        if not _overlaps(event, chosen):
            chosen.append(event)
    return _join_double_names(text, _without_manner(text, sorted(map(_without_date_label, chosen),
                                                                  key=lambda e: e.start)))


def _without_date_label(event: Event) -> Event:
    """"24 March — Brazil–Indonesia Business Forum", "10:20 Summit meeting with …": a calendar entry's date
    label or an agenda's time slot is no part of the name."""
    label = (_DATE_LABEL.match(event.noun) or _TIME_LABEL.match(event.noun)) if event.noun[:1].isdigit() else None
    if label is None:
        return event
    return replace(event, start=event.start + label.end(), noun=event.noun[label.end() :])


_BY_LINK = re.compile(r"\b(?:by|via|through|over)\s+(?:a\s+)?$", re.I)


def _without_manner(text: str, events: list[Event]) -> list[Event]:
    """"held its first meeting by video conference": how the meeting met, not a second event."""
    return [e for k, e in enumerate(events)
            if not (k and e.form == "verb" and e.noun.startswith("video") and _BY_LINK.search(text, 0, e.start))]


def _join_double_names(text: str, events: list[Event]) -> list[Event]:
    """"the Critical Minerals Conference and Expo 2025": one event with a double name."""
    out: list[Event] = []
    for event in events:
        last = out[-1] if out else None
        if (last is not None and last.form == event.form == "named" and text[last.end : event.start] == " and "
                and _NAMED_HEAD.match(event.noun)):
            out[-1] = Event(last.kind, last.start, event.end, "named", text[last.start : event.end], last.negated)
            continue
        if (last is not None and last.noun == "Summit" and event.noun.startswith("meeting")
                and text[last.end : event.start] == " "):  # "10:20 Summit meeting with Prime Minister X"
            out[-1] = Event("summit", last.start, event.end, "verb", text[last.start : event.end].lower(), last.negated)
            continue
        out.append(event)
    return out


# a bloc's leaders or its assembly of heads of state meet at summit level (a bilateral "Annual
# Leaders' Meeting" stays a meeting)
_SUMMIT_BODY = re.compile(r"\b(?:forum|apec|asean|g20|g7|economic|islands|eas|community|union)\s+leaders'?\s+meeting$"
                          r"|\bassembly of (?:the )?(?:african )?union\b|\bassembly of heads of state")


_WITH_WHOM = re.compile(r"\s+(?:with|between)\s+.*$")


def kind_of(noun: str) -> str:
    lower = " ".join(noun.lower().replace("’", "'").split())
    lower = _WITH_WHOM.sub("", lower)  # "consultations with Vice Minister X" are consultations
    if lower.endswith("meeting") and re.search(r"\bminist(?:ers'?|erial)\b|2\+2", lower):
        return "ministerial"  # a "2+2" meeting joins two ministers from each side
    if _SUMMIT_BODY.search(lower):
        return "summit"  # "the APEC Economic Leaders' Meeting", "the Assembly of the African Union": heads of state
    for head, kind in _HEAD_KINDS:
        if lower.endswith(head) or (f"{head} " in f"{lower} " and head in ("talks", "negotiations", "dialogue")):
            return kind
    return "meeting"


def _overlaps(event: Event, chosen: list[Event]) -> bool:
    return any(c.start < event.end and event.start < c.end for c in chosen)


def _negated(text: str, start: int) -> bool:
    # "no date has been set for talks": nothing is planned yet
    return is_negated(text[:start]) or bool(_NO_DATE.search(text, max(0, start - 80), start))


def _nth_events(text: str) -> list[Event]:
    out = []
    for match in _NTH.finditer(text):
        organ = match.group(2).strip()
        if not _ORGAN.search(organ) and not re.search(r"[A-Z]", organ):
            continue
        noun = re.sub(r"^(?:the|a)\s+", "", text[match.start() : match.end(2)].strip(), flags=re.I)
        if re.fullmatch(r"(?:the\s+)?[A-Z][a-z]+", organ) and _NAMED_HEAD.fullmatch(organ.split()[-1]):
            # "the second edition of the Forum": another edition of the forum named before
            ordinal = match.group(1).split()[0].lower()
            out.append(Event(kind_of(organ), match.start(), match.end(), "ordinal", noun, _negated(text, match.start()),
                             ordinal))
            continue
        kind = "talks" if "round" in match.group(1) and "consultation" not in organ.lower() else kind_of(organ)
        if kind == "talks" and re.search(r"(?i)\bdialogue\b", organ):
            kind = "dialogue"
        if kind in ("meeting", "other") and re.search(r"(?i)\bminist", organ):
            kind = "ministerial" if "round" not in match.group(1) else kind
        out.append(Event(kind, match.start(), match.end(), "named", noun, _negated(text, match.start())))
    return out


_TRAINING = re.compile(
    r"\b(?:(?:first|second|third|next|joint|specialised|specialized|short|intensive|advanced|basic|regional"
    r"|[a-z]+-(?:day|week|month))\s+){0,3}"
    r"(?:training\s+(?:course|programme|program|workshop)s?|(?<=[Aa] )course|(?<=[Tt]he )course)\b"
    r"(?:\s+on\s+(?:[\w-]+\s+){1,5}?(?=for\s))?"
    r"(?P<trainees>\s*for\s+(?:(?:some|about|over|more\s+than|up\s+to)\s+)?(?:\d[\d,]*\s+|[a-z]+\s+)?"
    r"(?:[\w-]+\s+){0,5}?(?:officials|officers|diplomats|personnel|staff|experts|professionals|journalists"
    r"|trainees|instructors|inspectors|guards|police|prosecutors|judges|technicians|engineers|teachers"
    r"|students|farmers|managers)\b)?", re.I)
_TRAINEES_BEFORE = re.compile(r"\b(?:officials|officers|diplomats|personnel|staff|experts|professionals|engineers"
                              r"|technicians|inspectors|teachers|students)\b", re.I)
_NEXT_COURSE = re.compile(r"\b(?:a|the)\s+(second|third|fourth|next|further)\s+course\b", re.I)
_COUNT_OR_SPAN = re.compile(r"\b(?:(?:some|about|over|more\s+than|up\s+to)\s+)?\d[\d,]*\s+"
                            r"|\b[a-z]+-(?:day|week|month)\s+", re.I)


def _training_courses(text: str) -> list[Event]:
    """"a two-week training course for 30 port officials at the Maritime University": a course
    held for officials is an event of its own (kind other); "ITEC training slots" are not."""
    out = []
    for m in _TRAINING.finditer(text):
        if not m.group("trainees") and not _TRAINEES_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            continue
        name = " ".join(_COUNT_OR_SPAN.sub("", m.group(0)).split())
        out.append(Event("other", m.start(), m.end(), "named", name, _negated(text, m.start())))
    if out:  # "… completed their first training course, and a second course is planned": another one
        out += [Event("other", m.start(), m.end(), "ordinal", m.group(0), _negated(text, m.start()), m.group(1).lower())
                for m in _NEXT_COURSE.finditer(text, out[0].end)]
    return out


# "at the meeting of the Administrative Commission of the Treaty on Mining Integration": that body's meeting
_BODY_MEETING = re.compile(
    r"\bthe\s+(meeting|session)\s+of\s+the\s+((?:[A-Z][\w'’.–-]*\s+){0,5}(?:Commission|Committee|Council|Working Group"
    r"|Task Force|Board|Mechanism)(?:\s+(?:of|on|for)\s+the\s+[A-Z][\w'’.–-]*(?:\s+(?:[A-Z][\w'’.–-]*|of|and|on|for"
    r"|the)){0,8})?)")


def _body_meetings(text: str) -> list[Event]:
    out = []
    for m in _BODY_MEETING.finditer(text):
        body = re.sub(r"(?:\s+(?:of|and|on|for|the))+$", "", m.group(2).rstrip("."))
        name = f"{m.group(1)} of the {body}"
        end = m.start(2) + len(body)
        out.append(Event("meeting", m.start(1), end, "named", name, _negated(text, m.start())))
    return out


def _labelled_sessions(text: str) -> list[Event]:
    """A fact sheet's "Saudi-Uzbek Coordination Council: first meeting in Tashkent, April 2026"."""
    match = _LABELLED_SESSION.match(text)
    if not match:
        return []
    body = _LEADING_THE.sub("", match.group(1))
    name = f"{match.group(2)} of the {body}"
    return [Event("meeting", match.start(), match.end(), "named", name, _negated(text, match.start(2)))]


def _level_meetings(text: str) -> list[Event]:
    """"the leaders have met at summit level twice": summits, not a meeting beside a summit."""
    return [Event("summit" if m.group(1).lower() == "summit" else "ministerial", m.start(), m.end(), "verb",
                  f"{m.group(1).lower()} meetings", _negated(text, m.start())) for m in _AT_LEVEL.finditer(text)]


_AT_LEVEL = re.compile(r"\b(?:met|meet|meets|meeting)\s+at\s+(summit|ministerial)\s+level\b", re.I)
_LABELLED_SESSION = re.compile(rf"({_BODY}):\s+({ORDINAL}\s+(?i:meeting|session|round))\b")
_LEADING_THE = re.compile(r"^[Tt]he\s+")


def _two_plus_two(text: str) -> list[Event]:
    """"the Japan-US Economic "2+2"": a joint meeting of two ministers from each side; a bare
    "the 2+2" refers back to one, "the tenth 2+2" is another of them."""
    out = []
    for m in _TWO_PLUS_TWO.finditer(text):
        name = m.group(0).strip("\"“”")
        if name.endswith(" format"):  # "ministers will meet in the 2+2 format": who meets names it
            verb = re.search(r"\bmeet\s+in\s+the\s+$", text[max(0, m.start() - 20) : m.start()])
            start = max(0, m.start() - 20) + verb.start() if verb else m.start()
            out.append(Event("ministerial", start, m.end(), "verb", "2+2 meeting", _negated(text, start)))
            continue
        form = "named" if name[:1].isupper() or re.match(ORDINAL, name, re.I) else "anaphora"
        out.append(Event("ministerial", m.start(), m.end(), form, name, _negated(text, m.start())))
    return out


def _its_nth_meetings(text: str) -> list[Event]:
    """"the Joint Steering Committee … adopted a plan at its first meeting": that body's meeting (unless
    the body "held its first meeting", which `_sessions` reads)."""
    found = list(_ITS_NTH.finditer(text))
    if not found or _OWN_SESSION.search(text):
        return []
    return [Event("meeting", m.start(2), m.end(), "named",
                  f"{m.group(3).lower()} {m.group(4).lower()} of the {_LEADING_ARTICLE.sub('', m.group(1))}",
                  _negated(text, m.start(2))) for m in found]


def _body_sessions(text: str) -> list[Event]:
    """"the Ordinary Session of the Executive Council of the African Union": a session of that body;
    a council of ministers meets at ministerial level."""
    out = []
    for m in _BODY_SESSION.finditer(text):
        name = m.group(1)
        kind = "ministerial" if _MINISTERS_BODY.search(name) else kind_of(name.replace("Session", "Meeting"))
        out.append(Event(kind, m.start(1), m.end(1), "named", name, _negated(text, m.start())))
    return out


def _organ_events(text: str) -> list[Event]:
    """"convene the next UAE-Indonesia Joint Economic Committee", "convene the Canada-Mexico
    Partnership working group on critical minerals", "the Joint Steering Committee will meet in
    Rotterdam": a meeting of that body."""
    found = [
        Event("meeting", m.start(1), m.end(1), "named", m.group(1), _negated(text, m.start()))
        for pattern in (_ORGAN_EVENT, _CONVENE) for m in pattern.finditer(text)
    ]
    if " meet" in text or " met " in text:
        for m in _BODY_MEETS.finditer(text):
            body = _LEADING_ARTICLE.sub("", m.group(1))
            if " " not in body:
                continue  # "The Committee will meet": the body named before (below)
            negated = _negated(text, m.start())
            found.append(Event("meeting", m.start(1), m.end(), "named", f"meeting of {body}", negated))
        for m in _BARE_BODY_MEETS.finditer(text):  # "The Committee will now meet in Bergen": the body named before
            found.append(Event("meeting", m.start(), m.end(), "anaphora", f"meeting of the {m.group(1)}",
                               _negated(text, m.start())))
    return found + _acronym_editions(text)


def _negotiators_meet(text: str) -> list[Event]:
    """"Our negotiators will meet again in The Hague": a round of talks."""
    return [Event("talks", m.start(), m.end(), "named", f"meeting of the {m.group(1)}", _negated(text, m.start()))
            for m in _NEGOTIATORS_MEET.finditer(text)]


def _acronym_editions(text: str) -> list[Event]:
    return [Event("meeting", m.start(1), m.end(1), "named", m.group(1), _negated(text, m.start()))
            for m in _NTH_ACRONYM.finditer(text)]


def _sessions(text: str) -> list[Event]:
    """"The Ministerial Council ... held its 163rd session": a session of the body that holds it;
    "looked forward to the 164th session": another session of the body named before."""
    out = []
    for m in _OWN_SESSION.finditer(text):
        organ = _LEADING_THE.sub("", m.group(1))
        name = f"{m.group(2)} {m.group(3).lower()} of the {organ}"
        kind = "ministerial" if "Minist" in organ else kind_of(organ)  # "the Ministerial Council held its 163rd …"
        out.append(Event(kind, m.start(2), m.end(3), "named", name, _negated(text, m.start())))
    for m in _BARE_SESSION.finditer(text):
        if not any(e.start <= m.start(1) < e.end for e in out):
            out.append(Event("meeting", m.start(), m.end(), "ordinal", m.group(0), _negated(text, m.start()),
                             m.group(1).lower()))
    return out


def _round_references(text: str) -> list[Event]:
    """"hold the next round in Beijing": another round of talks named before; "consultations at senior
    official level will be held …, with the first round in Rabat": a round of the series just named."""
    out = []
    for m in _ROUND.finditer(text):
        series = max(_SERIES.finditer(text, 0, m.start()), key=lambda found: found.start(), default=None)
        if series and series.group(1) != series.group(2):  # a bare "the talks" is named before: an ordinal
            name = f"{m.group(1).lower()} round of {series.group(1)}"
            out.append(Event(kind_of(series.group(2)), m.start(), m.end(), "named", name, _negated(text, m.start())))
            continue
        out.append(Event("talks", m.start(), m.end(), "ordinal", m.group(0), _negated(text, m.start()),
                         m.group(1).lower()))
    # "at the round in The Hague on April 14": a round of the talks spoken of, placed by what follows
    out += [Event("talks", m.start(1), m.end(1), "anaphora", "round of negotiations")
            for m in _PLACED_ROUND.finditer(text)]
    return out


def _named_events(text: str) -> list[Event]:
    out: list[Event] = []
    if not any(map(text.__contains__, _NAMED_HEAD_WORDS)):
        return out
    for match in _NAMED_HEAD.finditer(text):
        start = name_start(text, match.start())
        end = name_end(text, match.end())
        name = text[start:end].strip()
        if _is_attributive(text, match.end()) or is_bloc(re.sub(r"^the\s+", "", name)) or _INSTRUMENT.search(name):
            continue
        if _INSTRUMENT_OF.search(text[: match.start()]) or _INSTRUMENT_ON.search(text, max(0, start - 120), start):
            continue  # "a Plan of Consultations", "MoU on the Establishment of Political Consultations": documents
        if _THEME_BEFORE.search(text, max(0, start - 40), start):
            continue  # "under the theme "Healthy Soils, Fair Markets"": a motto, not an event
        if _VENUE_AFTER.match(text, match.end()):
            continue  # "at the Tashkent International Exhibition Centre": a building, not an event
        words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in ("the", "this", "that")]
        generic = _names_only_participants(text, start, words)
        plain = len(words) == 2 and words[0].lower() in _PLAIN_MODIFIERS  # "Main Conference": the one named before
        if len(words) <= 1 or name.lower().startswith(("this ", "that ")) or generic or plain:
            form = "anaphora"
        elif len(words) == 2 and re.fullmatch(ORDINAL, words[0].lower()):
            form = "ordinal"
        else:
            form = "named"
        kind = kind_of(match.group(0))
        head = " ".join(text[start : match.end()].lower().replace("’", "'").split())
        if kind == "meeting" and _SUMMIT_BODY.search(head):
            kind = "summit"
        if kind == "meeting" and (re.search(r"(?i)\bminist(?:ers['’]?|erial)(?:\s|$)", name) or "2+2" in name):
            kind = "ministerial"
        out.append(Event(kind, start, end, form, strip_article(name), _negated(text, start),
                         words[0].lower() if form == "ordinal" else ""))
    return out


_VENUE_AFTER = re.compile(r"\s+(?:Centre|Center|Hall|Halls|Grounds|Complex|Park|Building|Palace|Venue)\b")
_PLAIN_MODIFIERS = frozenset("main opening closing final whole full entire same".split())


def _names_only_participants(text: str, start: int, words: list[str]) -> bool:
    """"the Ministers' meeting", "the Leaders' Summit": who met, not which meeting."""
    if not re.search(r"\bthe\s+$", text[max(0, start - 5) : start], re.I) and words[0].lower() != "the":
        return False
    words = [w for w in words if w.lower() != "the"]
    return len(words) >= 2 and all(w.lower().rstrip("'’").removesuffix("s") in _GENERIC_PARTICIPANTS
                                   or w.lower().rstrip("'’") in _GENERIC_PARTICIPANTS for w in words[:-1])


def _is_attributive(text: str, end: int) -> bool:
    following = text[end:].split(maxsplit=1)
    return bool(following) and following[0].strip(",.;:'’").lower() in _ATTRIBUTIVE


def _lower_events(text: str) -> list[Event]:
    """"the G20 summit", "COP28 climate conference", "a roundtable with UK businesses", "the talks"."""
    out: list[Event] = []
    if not any(map(text.__contains__, _LOWER_HEAD_WORDS)):
        return out
    for match in _LOWER_HEAD.finditer(text):
        before = text[: match.start()]
        noun = match.group(0)
        if noun in _NEEDS_EVENT_VERB:
            if _THROUGH_CHANNELS.match(text, match.end()):
                continue  # "continue consultations on X through diplomatic channels": contact, no meeting
            if _EVENT_VERBS.search(before[-40:]) and not _negated(text, match.start()):
                modifier = _CONSULTATION_MODIFIER.search(text, max(0, match.start() - 30), match.start())
                start = modifier.start() if modifier else match.start()  # "political consultations"
                out.append(Event(kind_of(noun), start, match.end(), "verb", text[start : match.end()]))
            elif _TAKES_PLACE.match(text, match.end()) or _SET_BACK.match(text, match.end()):
                start = name_start(text, _described_start(text, match.start()))  # "The Japan-China ... dialogue"
                out.append(Event(kind_of(noun), start, match.end(), "named", text[start : match.end()]))
            continue
        offset = max(0, match.start() - 80)
        prefix = NAME_PREFIX.search(text, offset, match.start())
        start = after_stop_words(text, prefix.start(), match.start()) if prefix else match.start()
        if prefix and start < match.start() and text[:start].strip() and is_name_prefix(text[start : match.start()]):
            name = text[start : match.end()]
            if _names_only_participants(text, start, name.split()):
                out.append(Event(kind_of(name), start, match.end(), "anaphora", name, _negated(text, start)))
                continue
            out.append(Event(kind_of(match.group(0)), start, match.end(), "named", name, _negated(text, start)))
            continue
        if re.search(r"\b(?:held|hold|holds|holding|had|have|has|having)\s+(?:[\w-]+\s+){0,3}$", before[-60:]):
            form = "verb"
        elif noun == "talks" or _ANAPHOR_DETERMINERS.search(before[-40:]):
            # "the talks" refer back, unless they are talks yet to come on a subject of their own
            topical = (_TOPIC_AHEAD.match(text, match.end()) and is_future(before[-80:])
                       and _GOING_ON.search(before[-30:]))
            form = "anaphora" if not (_has_complement(text, match.end()) or topical) else "verb"
        elif _EVENT_VERBS.search(before[-60:]) or _has_complement(text, match.end()) or _TAKES_PLACE.match(
                text, match.end()) or _OCCASION_BEFORE.search(before[-50:]):
            form = "verb"
        elif _LEADERS_BEFORE.search(before[-30:]) and noun.startswith("summit"):
            # "ahead of a leaders' summit that Brazil has offered to host": who meets says it is one
            leaders = _LEADERS_BEFORE.search(before[-30:])
            start = len(before) - 30 + leaders.start() if len(before) > 30 else leaders.start()  # type: ignore[union-attr]
            out.append(Event("summit", start, match.end(), "verb", text[start : match.end()], _negated(text, start)))
            continue
        else:
            continue
        start = modifier_start(text, match.start())
        phrase = text[start : match.end()]
        out.append(Event(kind_of(phrase), start, match.end(), form, phrase, _negated(text, start)))
    return out


def _described_start(text: str, start: int) -> int:
    """"India-EU trade and technology dialogue": lowercase modifiers, "and" between them."""
    words = list(re.finditer(r"[\w'’-]+", text[max(0, start - 60) : start]))
    begin = start
    for word in reversed(words[-5:]):
        token = word.group(0)
        if not token[0].islower() or (token in FUNCTION_WORDS and token != "and") or token.endswith(("ed", "ing")):
            break
        begin = max(0, start - 60) + word.start()
    return begin if not text[begin:start].startswith("and") else start


def _has_complement(text: str, end: int) -> bool:
    return bool(re.match(r"\s+(?:with|between|of|on)\s+(?:the\s+)?(?:[A-Z]|[\w-]+\s+(?:of|with))", text[end:]))


def _verb_events(text: str) -> list[Event]:
    out = []
    lower = text.lower()
    for kind, keys, pattern in _VERBS:
        if not any(map(lower.__contains__, keys)):
            continue
        for match in pattern.finditer(text):
            if kind == "meeting" and _PERSONAL.match(match.group(0)) and not _meets_people(text, match):
                continue
            if kind == "meeting" and _RECEIVING_PARTY.match(text, match.start()):
                continue  # "the receiving State", "the receiving country": a party of an agreement
            if kind == "visit" and _is_capitalised_inside(text, match) and match.group(0).endswith(" to"):
                out.append(_named_trip(text, match))  # "a Team Canada Trade Mission to Mexico"
                continue
            if kind == "visit" and (_is_visitor_word(text, match) or _is_capitalised_inside(text, match)):
                continue
            if _AS_TOPIC.search(text, max(0, match.start() - 30), match.start()):
                continue  # "nothing to announce regarding visits by individual leaders": a topic, not an event
            if match.group(0).lower() == "hosted" and re.match(r"\s+by\b", text[match.end() :]):
                continue
            form = "anaphora" if kind == "visit" and _refers_back(text, match) else "verb"
            start = match.start()
            if kind == "press_conference":
                start = modifier_start(text, start)  # "the closing press conference", "a joint press conference"
            out.append(Event(kind, start, match.end(), form, text[start : match.end()].lower(),
                             _negated(text, match.start())))
    return out


def _meets_people(text: str, match: re.Match[str]) -> bool:
    """"met with President X", "received the Ambassador", "the pair met Friday"; not "meet the needs"."""
    after = re.split(r"[;.]\s", text[match.end() : match.end() + 120], maxsplit=1)[0]
    if _FIGURATIVE_OBJECT.match(after):
        return False
    words = after.split()[:5]
    if words and words[0].lower() in ("nobody", "no", "none"):
        return False
    head = match.group(0).lower()
    if head == "meet" and _PURPOSE_MEET.search(text, max(0, match.start() - 60), match.start()):
        return False  # "encouraged to use the Expo to meet project owners": what the Expo is for
    if head.startswith("receiv") and after.lstrip().startswith("with "):
        return False  # "will be received with an official welcome ceremony": a manner, not a visitor
    if head == "hosted" and _HOSTED_GATHERING.match(after):
        return False  # "Brazil, which hosted the G20 in 2024": the gathering itself, not a meeting with anyone
    if head.startswith(("receiv", "hosted", "call")):
        return any(w[:1].isupper() or w.lower().strip(",.") in PEOPLE_NOUNS for w in words[:4]) and not (
            _RECEIVED_THING.match(after))
    if head.startswith(("met", "meet")) and _MEETS_WHEN.match(after):
        return True  # "will meet for the first time in Mombasa", "met virtually", "the pair met Friday"
    if head.startswith("met") and (not words or words[0].lower() in _MET_WHERE or words[0] in WEEKDAY_WORDS):
        return True
    return any(w[:1].isupper() or w.lower().strip(",.") in PEOPLE_NOUNS or w in TITLE_CORE for w in words[:4])


def _refers_back(text: str, match: re.Match[str]) -> bool:
    """"the visit", "during her two-day visit", "this visit" with no destination of its own."""
    if not _ANAPHOR_DETERMINERS.search(text[max(0, match.start() - 40) : match.start()]):
        return False
    return not re.match(r"\s+(?:to|of|in)\s", text[match.end() :])


def _named_trip(text: str, match: re.Match[str]) -> Event:
    start = name_start(text, match.start())
    destination = re.match(r"\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,4}",
                           text[match.end() :])
    end = match.end() + (destination.end() if destination else 0)
    return Event("visit", start, end, "named", text[start:end], _negated(text, start))


def _is_capitalised_inside(text: str, match: re.Match[str]) -> bool:
    """"a Visiting Forces Agreement": part of a name, not a visit ("paid a State Visit to" is one)."""
    following = text[match.end() :].split(maxsplit=1)
    inside = match.group(0)[0].isupper() and bool(text[: match.start()].strip(" \"“"))
    return inside and bool(following) and following[0][:1].isupper()


def _is_visitor_word(text: str, match: re.Match[str]) -> bool:
    """"visiting scholars", "visit the website": not a visit by officials."""
    after = text[match.end() :].split(maxsplit=2)
    return bool(after) and after[0].lower() in ("website", "scholars", "professor", "hours", "our", "www")


_PURPOSE_MEET = re.compile(r"\b(?:use|using|opportunit(?:y|ies)|chance|occasion|platform|place|venue)\b[^.;]{0,40}?"
                           r"\bto\s+$", re.I)
_AS_TOPIC = re.compile(r"\b(?:regarding|concerning|about|on the subject of)\s+(?:any\s+|possible\s+|future\s+)?$",
                       re.I)
_PERSONAL = re.compile(r"(?i)met|meet|receiv|host|call|courtesy")
_HOSTED_GATHERING = re.compile(r"\s*(?:the\s+)?(?:G\d+|COP\s?\d+|BRICS|APEC"
                               r"|(?:[A-Z][\w'’-]*\s+){1,6}(?:Summit|Games|Olympics|Expo|Meeting|Conference|Forum"
                               r"|Dialogue|Session|Roundtable|Round|Consultations|Workshop|Seminar|Symposium)\b)")
# "received support", "Receives Phone Call from": a thing received, not a visitor
_RECEIVED_THING = re.compile(r"\s*(?:a|an|the)?\s*(?:[\w-]+\s+)?(?:visit|support|assistance|approval|doses?|funding"
                             r"|call|message|letter|invitation|payment|fund|grant|benefit|loan|result)s?\b",
                             re.IGNORECASE)
_MEETS_WHEN = re.compile(r"\s+(?:again|regularly|annually|twice|once|every|each|for the first time|virtually"
                         r"|(?:\w+\s+)?times\b"
                         r"|in person)\b", re.IGNORECASE)
_MET_WHERE = frozenset("in on at virtually today yesterday".split())
_TAKES_PLACE = re.compile(r"\s+(?:will|would|is|was|are|were|to)\s+(?:\w+\s+){0,3}?(?:take\s+place|be\s+held|held"
                          r"|convene|open)\b", re.I)
# "following a bilateral meeting", "ahead of a summit": an event the sentence places in time
_OCCASION_BEFORE = re.compile(r"\b(?:following|after|before|ahead of|at|for|during)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}$",
                              re.I)
_GOING_ON = re.compile(r"\b(?:continue|resume|hold|pursue)\s+(?:the\s+|their\s+)?$")  # not "start talks on X"
_TOPIC_AHEAD = re.compile(r"\s+(?:on|about|over|regarding)\s+(?:the|a|an|this|its|their)\s+\w")
_SET_BACK = re.compile(r"\s+(?:has|have|had|was|were)\s+(?:been\s+)?(?:postponed|rescheduled|delayed|cancelled)\b",
                       re.I)
