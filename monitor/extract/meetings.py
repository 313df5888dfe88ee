"""Meetings: one item per distinct event (talks, visit, summit, call...) a statement mentions.

The occasions of each sentence (see `occasions`) are merged across the statement. "The visit",
"this summit", "the pair met" add to the latest event of that kind ("the Summit", capitalised,
to the named summit); a qualified reference with its own place or date ("the vice-ministerial
talks in Washington last week") is a new event. Later mentions merge with earlier ones with the
same name, or of the same kind with the same people and a compatible date; the fullest
mention gives the item its name and sentence. A headline event merges into the body's first
event of its kind.

Dates and places the sentence does not give come from the event the sentence refers back to
("during the visit", "on the margins of the Summit"), else from earlier events of the same
paragraph or the same month (a phone call takes no place); a past event with no date at all
is dated to the month of publication, a future one to the trip it belongs to. A negated event ("did not meet") is
dropped unless the sentence says it was postponed or rescheduled; a cancelled one is dropped.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from monitor.extract.dates import DateSpan
from monitor.extract.events import Event, find_events, kind_of
from monitor.extract.gazetteer import is_place
from monitor.extract.occasions import Occasion, SentenceContext, sentence_occasions
from monitor.extract.people import Person
from monitor.extract.places import find_places
from monitor.extract.statement import Statement
from monitor.extract.tables import TableRow, row_date_cell, row_place
from monitor.records import MeetingMention

_ANAPHOR_KINDS = {
    "meeting": {"meeting", "talks", "summit", "ministerial", "dialogue", "other"},
    "talks": {"talks"},
}
# "Ahead of the visit, the Foreign Minister will travel to …": the sentence's people do something else
_ASIDE = re.compile(r"\b(?:ahead of|before|in preparation for|in the run-up to|on the eve of|to prepare(?: for)?)"
                    r"\s+(?:the|this|that)\s+(?:[\w-]+\s+)?$", re.I)
_MARGINS = re.compile(r"\b(?:on|at)\s+the\s+(?:sidelines|margins?)\s+of\s+(?:the\s+)?$", re.I)
_DELEGATION = re.compile(r"\bdelegations?\b[^.;]{0,40}\bled by\b|\bled (?:the|a|an)\s+[\w\s]{0,30}delegation"
                         r"|\b(?:was|were)\s+(?:represented|led|headed|chaired|co-chaired|signed|co-signed)\s+by\b",
                         re.I)
_GENERIC_WORDS = frozenset("the of and on in for a an to with between s week year month".split())
_NUMBERING = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth inaugural".split())
_NUMBERED = re.compile(r"\d+(?:st|nd|rd|th)$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_LOWER_WORD = re.compile(r"[a-z0-9]+")
_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth next inaugural "
                           "last previous latest new upcoming this".split())


def extract_meetings(statement: Statement) -> list[MeetingMention]:
    items: list[Occasion] = []
    headline: list[Occasion] = []
    last_agent: list[str] = []
    for sentence, dates in zip(statement.sentences, statement.dates, strict=True):
        row = statement.tables.get(sentence.index)
        events = _row_events(sentence.text, row) if row else find_events(sentence.text)
        if events and _QUESTION.match(sentence.text) and sentence.text.rstrip().endswith("?"):
            events = [e for e in events if e.form != "verb"]  # "When will the two sides meet again?" asks
        if not events:  # most sentences name no event; some say who led a delegation to the last one
            if (" by" in sentence.text or "elegation" in sentence.text) and _DELEGATION.search(sentence.text):
                _add_delegation_heads(items, statement.people_in(sentence))
            continue
        people = statement.people_in(sentence)
        places = find_places(sentence.text, frozenset(p.name for p in people))
        speaker = statement.speaker_of(sentence)
        context = SentenceContext(sentence, people, places, dates, events, speaker)
        host: Occasion | None = None
        placed: list[Occasion] = []
        occasions = sentence_occasions(context, last_agent)
        if row:
            _row_fields(occasions, sentence.text, row, dates)
        _inherit_from_margins(sentence.text, occasions)
        if _AGENDA_TIME.match(sentence.text):
            # "10:00-12:30 Council meeting (closed)": a slot of an event named before; a slot naming its own
            # people ("15:30 Meeting between Foreign Ministers X and Y") is an appointment of its own
            slots = [o for o in occasions if not o[0].participants and not _PROPER_NAME.search(o[0].name)]
            for item, _, _ in slots:
                antecedent = _antecedent(items, item.kind)
                if antecedent is not None:
                    antecedent.sentences.append(sentence.index)
            occasions = [o for o in occasions if o not in slots]
        for item, form, event in occasions:
            _name_the_pair(item, [*headline, *items])
            target = headline if statement.is_preamble(sentence) else items
            aside = form == "anaphora" and bool(_ASIDE.search(sentence.text, max(0, event.start - 40), event.start))
            placed_after = bool(item.place and item.date and len(item.date) == len("2025-01-01")
                                and _PLACE_AFTER.match(sentence.text, event.end)
                                and not _RESCHEDULED.search(sentence.text))  # "will now meet in Bergen": moved
            landed = _place_item(target, items, item, form, context, statement.published, aside, placed_after)
            refers_back = form == "anaphora" or _MARGINS.search(sentence.text, max(0, event.start - 60), event.start)
            if landed is not None and landed is not item and item.kind == "visit" and _within(item.date, landed.date):
                host = host or item  # "on 5 March he will travel to Surabaya, where he will open ...": that stop
            elif landed is not None and landed is not item and refers_back:
                host = host or landed  # "during the visit", "on the margins of the Summit"
            elif landed is item:
                placed.append(item)
            if item.participants:
                last_agent[:] = item.participants  # the first for "he", all for "they"
        if host is not None:
            for item in placed:
                item.place, item.date = item.place or host.place, item.date or host.date
    for item in headline:
        _fold_headline(items, item)
    _advisory_fields(items, statement)
    _fill_gaps(items, statement)
    _series_kinds(items)
    return [_record(item) for item in items]


def _row_events(text: str, row: TableRow) -> list[Event]:
    """A table row's events; in a table of events, the first cell names one even without an event word
    ("9th Joint Steering Committee on …")."""
    events = find_events(text)
    start, end = row.cells[0]
    if row.lists_events and not any(e.start < end for e in events) and _CAPITALISED.match(text, start):
        events.insert(0, Event(kind_of(text[start:end]), start, end, "named", text[start:end]))
    return events


def _row_fields(occasions: list[tuple[Occasion, str, Event]], text: str, row: TableRow,
                dates: tuple[DateSpan, ...]) -> None:
    """The event a row's first cell names is where its place column and when its date column say."""
    place = row_place(text, row)
    date_cell = row_date_cell(row)
    for item, _, event in occasions:
        if row.cell_at(event.start) != 0:
            continue
        item.place = place or item.place
        if date_cell is not None:
            day = next((d.value for d in dates if d.value and date_cell[0] <= d.start < date_cell[1]), None)
            item.date = day or item.date


def _advisory_fields(items: list[Occasion], statement: Statement) -> None:
    """A media advisory's "WHEN:" and "WHERE:" lines date and place the events of the "WHAT:" line
    before them; an advisory may announce several such blocks."""
    blocks: list[tuple[set[int], list[str | None]]] = []  # (WHAT sentences, [when, where])
    for sentence, dates in zip(statement.sentences, statement.dates, strict=True):
        label = sentence.speaker.upper()
        if label == "WHAT":
            if not blocks or blocks[-1][1] != [None, None]:
                blocks.append((set(), [None, None]))
            blocks[-1][0].add(sentence.index)
        elif label in _WHEN_LABELS and blocks and blocks[-1][1][0] is None:
            days = [d.value for d in dates if d.value]
            blocks[-1][1][0] = f"{days[0]}/{days[-1]}" if len(days) > 1 and days[0] != days[-1] else (
                days[0] if days else None)
        elif label in _WHERE_LABELS and blocks and blocks[-1][1][1] is None:
            parts = [p.strip(" .") for p in sentence.text.split(",")]
            towns = [p for p in parts if p and not _ADDRESS.search(p)]
            blocks[-1][1][1] = towns[-1] if towns else None  # "Congress Hall, 1 Shaykhontohur Street, Tashkent"
    for announced, (when, where) in blocks:
        for item in items:
            if item.sentence.index in announced:
                item.date = when or item.date
                item.place = where or item.place


_ADDRESS = re.compile(r"\d|\b(?:Street|Avenue|Road|Boulevard|Lane|Square|Floor|Building|Avenida|Calle|Rue|Str)\b")
_WHEN_LABELS = frozenset({"WHEN", "DATE", "DATE AND TIME", "TIME AND DATE"})
_WHERE_LABELS = frozenset({"WHERE", "VENUE", "LOCATION", "PLACE"})
_AGENDA_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+[A-Z]")


def _series_kinds(items: list[Occasion]) -> None:
    """"their Fifth Quadrilateral Meeting" is of the kind the statement gave the Fourth: one series."""
    for item in items:
        if item.kind != "meeting" or not item.named or not _ordinals(item.name):
            continue
        series = _name_words(item.name.split(" of ")[0])
        kinds = {o.kind for o in items if o is not item and o.named and _ordinals(o.name) - _ordinals(item.name)
                 and series and _name_words(o.name.split(" of ")[0]) == series}
        if len(kinds) == 1:
            item.kind = kinds.pop()


# what may precede the place in an event's name: "the 2025 Dublin Conference", "3rd Doha Forum"
_RESCHEDULED = re.compile(r"\b(?:now|instead|rescheduled|postponed|moved|new date)\b")
_PROPER_NAME = re.compile(r"\b[A-Z][\w'’–-]*\s+(?:[a-z]+\s+){0,2}[A-Z]")  # "Brazil–Indonesia Business Forum"
_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z]")
# "When will the two sides meet again?" asks about a meeting nobody has set; "Will the Crown Prince visit X?"
# is asked about a visit in view, and counts as its mention
_QUESTION = re.compile(r"\s*(?:When|Where|Why|How|What)\b")
_CAPITALISED = re.compile(r"\s*(?:\d+(?:st|nd|rd|th)\s+)?[A-Z]")  # "9th Joint Steering Committee", "Delta Tech Expo"
_LEADING_WORDS = re.compile(r"^(?:(?:the|an?|\d+(?:st|nd|rd|th)?|first|second|third|inaugural|annual)\s+)+", re.I)
_MARGINS_AFTER = re.compile(r"^[^.;]{0,120}?" + _MARGINS.pattern, re.I)  # "… X and Y on the sidelines of the …"


_THE_PAIR = re.compile(r"^(\w[\w\s-]*?) of (?:the )?(?:two|both) [a-z]+s((?: on the (?:margins|sidelines) of .*)?)$")


def _name_the_pair(item: Occasion, items: list[Occasion]) -> None:
    """"The two officials agreed to meet again": the two people of the statement's last meeting."""
    match = _THE_PAIR.match(item.name)
    if item.participants or not match:
        return
    pair = next((i.participants[:2] for i in reversed(items) if len(i.participants) == 2), None)
    if pair:
        item.participants = list(pair)
        item.name = f"{match.group(1)} between {pair[0]} and {pair[1]}{match.group(2)}"


def _inherit_from_margins(text: str, occasions: list[tuple[Occasion, str, Event]]) -> None:
    """"the bilateral meeting between X and Y on the sidelines of the G20 Summit in Rio in
    November 2024": the meeting took place where and when the summit did."""
    for (item, _, event), (later, _, host) in pairwise(occasions):
        margins = _MARGINS_AFTER.match(text[event.end : host.start])
        if margins:
            item.place, item.date = item.place or later.place, item.date or later.date
            if item.kind != later.kind and " margins of " not in item.name and " sidelines of " not in item.name:
                item.name = f"{item.name} on the margins of the {later.name}"  # which occasion it was


def _place_item(target: list[Occasion], items: list[Occasion], item: Occasion, form: str,
                ctx: SentenceContext, published: date | None, aside: bool = False,
                placed_after: bool = False) -> Occasion | None:
    """Add a sentence's event to the statement's items; return the item it became part of. A reference
    with its own place and day after it ("the round in The Hague on April 14") may be another event."""
    if form == "anaphora":
        antecedent = _antecedent(items, item.kind, proper=item.name[:1].isupper(), published=published)
        if antecedent is not None and not ((item.qualified or placed_after) and _conflicts(antecedent, item)):
            if aside:
                antecedent.sentences.append(ctx.sentence.index)  # named in passing: it gains no one
            else:
                _absorb(antecedent, item, ctx, restates=False)
            return antecedent
        if not (item.place or item.participants or (item.date and item.kind != "visit")):
            return None  # "to prepare the visit" with no visit before it: only the sentence's date to go on
    if form == "ordinal":
        antecedent = _antecedent(items, item.kind)
        if antecedent is not None:
            item.name = _ordinal_name(item, antecedent)
            item.named = True
            item.kind = antecedent.kind  # "the 164th session" of the Ministerial Council is ministerial too
    for existing in target:
        if _mergeable(existing, item):
            _absorb(existing, item, ctx)
            return existing
    target.append(item)
    return item


def _long_before(day: str | None, published: date | None) -> bool:
    """Whether an event's date lies months before the statement was published."""
    if not day or not published or len(day) < 7 or not day[:4].isdigit() or not day[5:7].isdigit():
        return False
    months = (published.year - int(day[:4])) * 12 + published.month - int(day[5:7])
    return months > 2


def _conflicts(antecedent: Occasion, item: Occasion) -> bool:
    """"the vice-ministerial talks in Washington last week" is not the meeting in Manila."""
    if item.place and antecedent.place and not (set(item.place.split(", ")) & set(antecedent.place.split(", "))):
        return True
    return not _dates_agree(antecedent.date, item.date)


def _antecedent(items: list[Occasion], kind: str, proper: bool = False,
                published: date | None = None) -> Occasion | None:
    """What "the visit", "this meeting" refer to: the latest such event of the statement's own
    time (a summit recalled from two years before is not "the summit" of today's statement);
    "the Summit": the named one."""
    if proper:
        named = [i for i in items if i.kind == kind and i.named and not i.ordinal]
        if named:
            return named[0]
    current = [i for i in items if not _long_before(i.date, published)]  # not "the first Summit in 2023"
    same = next((i for i in reversed(current or items) if i.kind == kind), None)
    if same is not None:
        return same
    kinds = _ANAPHOR_KINDS.get(kind, {kind})
    return next((i for i in reversed(items) if i.kind in kinds), None)


def _ordinal_name(item: Occasion, antecedent: Occasion) -> str:
    base = " ".join(w for w in antecedent.name.split() if w.lower() not in _ORDINAL_WORDS and not _NUMBERED.match(w))
    if "round" in item.name.lower():
        return f"{item.ordinal} round of {base}"
    return f"{item.ordinal} {base}"


def _mergeable(existing: Occasion, item: Occasion) -> bool:
    """Whether a later mention is an event already listed."""
    if item.sentence.index in existing.sentences or existing.kind != item.kind:
        return False
    if item.kind == "visit" and set(existing.participants) & set(item.participants):
        if _within(item.date, existing.date):
            return True  # "on 5 March he will travel to Surabaya" during the 3-6 March visit: one trip
        return not (existing.place and item.place and not _same_place(existing.place, item.place))
    if not _dates_agree(existing.date, item.date):
        return False
    if existing.named and item.named:
        return _same_named(existing.name, item.name)
    if existing.named or item.named:
        return False
    mine, theirs = set(existing.participants), set(item.participants)
    if not mine or not theirs:
        return existing.date == item.date is not None
    if min(len(mine), len(theirs)) >= 2:
        return mine <= theirs or theirs <= mine
    return mine == theirs and _name_words(existing.name) == _name_words(item.name)


def _same_named(a: str, b: str) -> bool:
    """"Summer Davos Forum" is "the 2024 Summer Davos Forum"; "27th X Summit" is not "X Commemorative Summit"."""
    words = {a: _name_words(a), b: _name_words(b)}
    small, large = sorted((a, b), key=lambda n: len(words[n]))
    if not words[small] or not words[small] <= words[large]:
        return False
    numbering = _ordinals(small), _ordinals(large)
    if all(numbering):
        return numbering[0] == numbering[1]
    # "the first Indian Ocean Green Shipping Conference" is "the … Conference (IOGSC 2026)": a series' first edition
    if numbering[0] and numbering[0] <= {"first", "inaugural"} and not numbering[1]:
        return _name_words(_PARENTHESES.sub("", small)) == _name_words(_PARENTHESES.sub("", large))
    return not numbering[0] or words[small] == words[large]


def _within(day: str | None, span: str | None) -> bool:
    """Whether a day falls inside a range of days ("2025-03-05" in "2025-03-03/2025-03-06")."""
    if not day or not span or "/" not in span or len(day) != len("2025-01-01"):
        return False
    first, last = span.split("/", 1)
    return first <= day <= last


def _same_place(a: str, b: str) -> bool:
    return bool(set(a.lower().replace(",", " ").split()) & set(b.lower().replace(",", " ").split()))


def _ordinals(name: str) -> set[str]:
    """The numbering of a recurring event: "26th", "second", "inaugural"."""
    return {w for w in name.lower().split() if w in _NUMBERING or _NUMBERED.match(w)}


def _same_month(a: str | None, b: str | None) -> bool:
    return bool(a and b and len(a) >= 7 and len(b) >= 7 and a[:7] == b[:7])


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b[:7]) or b.startswith(a[:7])


def _name_words(name: str) -> set[str]:
    words = set(_LOWER_WORD.findall(name.lower().replace("'s", "")))
    return {w for w in words if w not in _GENERIC_WORDS and w not in _ORDINAL_WORDS and not w[0].isdigit()}


def _absorb(existing: Occasion, item: Occasion, ctx: SentenceContext, restates: bool = True) -> None:
    """Merge a later mention into an item; a fuller restatement also gives it name and sentence."""
    part_of_trip = item.kind == "visit" and _within(item.date, existing.date)  # a stop names no trip
    existing.participants += [p for p in item.participants if p not in existing.participants]
    existing.participants += [p.name for p in ctx.people if p.name not in existing.participants]
    existing.place = existing.place or item.place
    if item.date and not part_of_trip and (not existing.date or len(item.date) > len(existing.date)):
        existing.date = item.date
    if restates and not part_of_trip and _specificity(item) > _specificity(existing):
        existing.name, existing.named = item.name, item.named
        existing.sentence, existing.own_people = item.sentence, item.own_people
    existing.sentences.append(item.sentence.index)


def _specificity(item: Occasion) -> int:
    """How fully a mention states its event: named, with its numbering, with the people in it."""
    return 10 * item.own_people + 5 * bool(_ordinals(item.name)) + 3 * item.named + len(_name_words(item.name))


def _add_delegation_heads(items: list[Occasion], people: list[Person]) -> None:
    """"The delegation was led by X", "The EU was represented by Y": they took part in the latest event."""
    latest = max(items, key=lambda i: max(i.sentences), default=None)
    if latest is not None:
        latest.participants += [p.name for p in people if p.name not in latest.participants]


def _fold_headline(items: list[Occasion], item: Occasion) -> None:
    same_kind = [i for i in items if i.kind == item.kind]
    if same_kind:
        target = same_kind[0]
        if target.kind == "press_conference" and not target.named and len(item.name) > len(target.name):
            target.name = item.name  # "Weekly Media Briefing by the Official Spokesperson" for "this weekly briefing"
        target.participants += [p for p in item.participants if p not in target.participants]
        target.date = target.date or item.date
        target.place = target.place or item.place
    else:
        items.insert(0, item)


def _fill_gaps(items: list[Occasion], statement: Statement) -> None:
    """Dates and places the sentence itself does not give."""
    for i, item in enumerate(items):
        earlier = [o for o in items[:i] if o.sentence.paragraph == item.sentence.paragraph]
        section_day = statement.days_of.get(item.sentence.index)
        if item.date is None and section_day is not None:
            item.date = section_day.isoformat()  # an agenda entry or a post under its day's header
        if item.date is None:
            dated = [o.date for o in earlier if o.date]
            trips = [o.date for o in items[:i] if o.kind == "visit" and o.future and o.date]
            if dated:
                item.date = dated[-1]
            elif item.future and trips:
                item.date = trips[-1]
            elif statement.published and not item.future:
                item.date = statement.published.isoformat()[:7]
        if item.place is None:
            item.place = statement.places_of.get(item.sentence.index)  # under "Monday, 23 March — Jakarta"
        if item.place is None and item.named:
            item.place = _place_in_name(item.name)  # "the Dublin Conference on …", "the Doha Forum"
        if item.place is None and item.kind != "phone_call":  # a call has no venue to inherit
            same_day = [o.place for o in items if o.place and o is not item and o.kind != "visit"
                        and item.date is not None and len(item.date) == 10 and o.date == item.date]
            venues = [o.place for o in earlier if o.place and o.kind != "visit"]
            same_time = [o.place for o in items[:i]
                         if o.place and o.kind != "visit" and _same_month(o.date, item.date)]
            visits = [o.place for o in items if o.place and o.kind == "visit" and o is not item
                      and min(o.sentences) <= min(item.sentences)]
            found = same_day[:1] or venues or same_time or [o.place for o in earlier if o.place] or visits
            item.place = found[-1] if found else _issued_at(item, statement)


def _place_in_name(name: str) -> str | None:
    """The city or country a named event is called after, when its name starts with it."""
    words = _LEADING_WORDS.sub("", name).split()
    for n in (3, 2, 1):
        if len(words) > n and all(w[:1].isupper() for w in words[:n]) and is_place(" ".join(words[:n])):
            return " ".join(words[:n])
    return None


def _issued_at(item: Occasion, statement: Statement) -> str | None:
    """An event of the day the statement reports, placed nowhere else, took place where the
    statement was issued: "Riyadh, May 28 -- ... received ...", "host you for the Joint Commission"."""
    published = statement.published
    if item.future or published is None or (item.date and item.date[:7] != published.isoformat()[:7]):
        return None
    return statement.dateline_place


def _record(item: Occasion) -> MeetingMention:
    return MeetingMention(
        name=item.name, kind=item.kind, participants=tuple(item.participants), place=item.place, date=item.date,
        sentence=item.sentence.text,
    )
