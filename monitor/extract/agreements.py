"""Agreements: one item per distinct instrument a statement mentions, however often.

Mentions of the same instrument are merged when one name's words contain the other's
("the Code of Conduct" / "Code of Conduct in the South China Sea"), when one is an acronym the
other defined or abbreviates ("RCEP"), or when a headline mention meets its body mention.
The item takes its name from the fullest mention, its status from the first mention that has
one (see `status`), and its sentence from the first mention in the body. A statement whose
headline is itself a joint statement or declaration counts that instrument as adopted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from monitor.extract.gazetteer import is_bloc, is_country, without_state_form
from monitor.extract.instruments import Instrument, find_instruments
from monitor.extract.statement import Statement
from monitor.extract.status import KNOWN_AS, agreement_status
from monitor.extract.tables import TableRow, row_status
from monitor.records import AgreementMention

# "Memoranda of Understanding and Agreements signed", "List of outcomes: documents exchanged": a
# heading that says what happened to the items listed under it
_LIST_HEADING = re.compile(r"^[^.!?]{0,80}\b(?:signed|exchanged|adopted|concluded|renewed|announced)\s*$", re.I)
_LIST_HEADING_MAX = 80 + len("exchanged")
_SESSION_COMMUNIQUE = re.compile(r"^(?:final\s+|joint\s+)?communiqu[ée]\s+of\s+(?:the\s+)?\S+\s+(?:\w+\s+)?"
                                 r"(?:session|meeting|summit)\b", re.I)
_APPOSITION = re.compile(r",\s*(?:the\s+)?")
_VERB_AFTER = re.compile(r",?\s*(?:is|are|was|were|has|have|had|will|would|which)\b")
# "adopted in Rabat", "signed with the AUC", "signed last March": the participle and its first adjunct
_DESCRIBED_BY = re.compile(r"\s+(?:signed|adopted|concluded|inked|agreed)\s+(?:(?:in|with|at|by|during)\s+(?:the\s+)?"
                           r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|(?:last|in)\s+(?:year|[A-Z][a-z]+)(?:\s+\d{4})?)")
_PLURAL_NAME = re.compile(r"(?:Memoranda|s)\b", re.I)
_STOP = frozenset("the of and on in for a an to between with its their by".split())
# '"the Belt and Road" initiative': a quoted name qualified by at most two words
_QUOTED_NAME = re.compile(r'^["“]([^"“”]+)["”](?:\s+[\w-]+){1,2}$')
_WORD = re.compile(r"[A-Za-z][\w']*")
_LOWER_WORD = re.compile(r"[a-z0-9]+")
_DASH = re.compile(r"[-–]")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_THE = re.compile(r"^[Tt]he\s+")
_ORGANS = frozenset({"Commission", "Secretariat", "Council", "Parliament"})
# the body says the release itself was adopted or issued by the parties
_SELF_REFERENCE = re.compile(r"\b(?:[Tt]his|[Tt]he\s+present)\s+(?:[Jj]oint\s+)?(?:[Ss]tatement|[Cc]ommuniqu[eé]"
                             r"|[Dd]eclaration)\b|\b(?:adopted|issued|signed|released)\s+(?:the|a)\s+[Jj]oint\s+"
                             r"(?:[Ss]tatement|[Cc]ommuniqu[eé]|[Dd]eclaration)\b")
_PARTY = re.compile(r"[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*){0,4}(?!\$)")


_ITS_IMPLEMENTATION = re.compile(r"\b(?:its|their)\s+(?:full\s+|effective\s+|swift\s+)?implementation\b"
                                 r"|\bimplementing\s+it\b", re.IGNORECASE)
_OVERSIGHT = re.compile(r"\b(?:review|monitor|oversee|assess|evaluate|follow up on|track|report on)\s+$", re.IGNORECASE)
_ENDED_WITH = re.compile(r"\b(?:concluded|ended|closed|wrapped up)\s+with\s+(?:a|an|the)\s+$", re.IGNORECASE)

@dataclass
class _Item:
    names: list[str]
    kind: str
    statuses: list[str]
    sentence: str
    preamble: bool
    parties: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        spelled = [n for n in self.names if not n.isupper()] or self.names
        proper = [n for n in spelled if n[:1].isupper()] or spelled  # "the Nice Ocean Declaration", not its description
        return max(proper, key=len)

    @property
    def status(self) -> str:
        return next((s for s in self.statuses if s != "mentioned"), "mentioned")


def extract_agreements(statement: Statement) -> list[AgreementMention]:
    items: list[_Item] = []
    forms: dict[str, _Form] = {}  # each name's comparable forms, computed once
    parties: dict[str, list[str]] = {}  # each sentence's parties, computed once
    intro = ""
    for sentence in statement.sentences:
        preamble = statement.is_preamble(sentence)
        row = statement.tables.get(sentence.index)
        mentions = _row_instruments(sentence.text, row) if row else find_instruments(sentence.text)
        heading = _is_list_heading(sentence.text)
        item = sentence.listed or bool(intro and mentions and mentions[0].start <= 3 and len(sentence.text) < 300)
        for previous, mention in zip([None, *mentions], mentions, strict=False):
            if mention.anaphoric and not any(i.kind == mention.kind for i in items):
                mention = _described(sentence.text, mention) or mention
            if mention.anaphoric and not mention.name.endswith("s"):
                _restate(items, mention, sentence.text, mentions)  # "negotiations on the protocol": its stage
                continue
            if mention.anaphoric or (heading and _PLURAL_NAME.search(mention.name)):
                continue  # "Memoranda of Understanding and Agreements signed" heads a list, names nothing
            renamed = previous is not None and _renames(sentence.text, previous, mention)
            if preamble and _SESSION_COMMUNIQUE.match(mention.name):
                continue  # the headline "Final communique of the 163rd session of the Council" is the release itself
            others = [(m.start, m.end) for m in mentions if m.start != mention.start]
            status = agreement_status(sentence.text, mention.start, mention.end, others, headline=preamble)
            later = _ITS_IMPLEMENTATION.search(sentence.text, mention.end)
            if later and _OVERSIGHT.search(sentence.text, max(0, later.start() - 25), later.start()):
                later = None  # "a Committee will meet to review its implementation": oversight to come
            if later and status in ("signed", "adopted", "extended", "mentioned") and not any(
                    mention.end <= m.start < later.start() for m in mentions):
                status = "implementing"  # "welcomed the signing of X and discussed next steps in its implementation"
            day = statement.days_of.get(sentence.index)
            if day and statement.published and day > statement.published and status in ("signed", "adopted"):
                status = "planned"  # "11:15 Signing of X" in a programme of days still to come
            if row and row.cell_at(mention.start) == 0:
                status = row_status(sentence.text, row) or status  # the row's status column speaks of it
            if status == "mentioned" and mention.kind in ("joint_statement", "declaration") and _ENDED_WITH.search(
                    sentence.text, max(0, mention.start - 40), mention.start):
                status = "adopted"  # "The meeting concluded with a Joint Statement of the Co-Chairs"
            if status == "mentioned" and item and intro:
                status = agreement_status(intro, len(intro), len(intro), [])
            if status == "mentioned" and preamble and mention.kind in ("joint_statement", "declaration"):
                if not _SELF_REFERENCE.search(statement.text):
                    continue  # a headline alone does not say the release was adopted or issued jointly
                status = "adopted"  # "This Joint Statement was adopted in …": the statement itself
            if _is_bare(mention) and status == "mentioned":
                continue
            if renamed and previous is not None:  # "X, known as the Y": one instrument
                mention = replace(previous, aliases=(*previous.aliases, mention.name))
            _add(items, mention, status, sentence.text, preamble, forms, parties)
        if not item:
            intro = sentence.text if sentence.text.rstrip().endswith(":") or heading else ""
    return [_record(item) for item in _fold_preamble(items)]


def _restate(items: list[_Item], mention: Instrument, text: str, mentions: list[Instrument]) -> None:
    """"The President asked that negotiations on the protocol be speeded up": a reference back that
    states a stage gives it to the latest instrument of that kind, when nothing else did."""
    latest = next((i for i in reversed(items) if i.kind == mention.kind), None)
    if latest is None or latest.status != "mentioned":
        return
    others = [(m.start, m.end) for m in mentions if m.start != mention.start]
    status = agreement_status(text, mention.start, mention.end, others)
    if status != "mentioned":
        latest.statuses.append(status)


def _row_instruments(text: str, row: TableRow) -> list[Instrument]:
    """A table row's instruments, each within its cell: no name runs on into the next column."""
    found: list[Instrument] = []
    for start, end in row.cells:
        found += [replace(m, start=m.start + start, end=m.end + start) for m in find_instruments(text[start:end])]
    return found


def _described(text: str, mention: Instrument) -> Instrument | None:
    """"The roadmap adopted in Rabat sets …", "the MoU signed with the AUC": with nothing named before to
    refer back to, a definite mention that says where, with whom or when it was made names the instrument."""
    if mention.name.endswith("s") or not text[: mention.start].rstrip().lower().endswith("the"):
        return None
    described = _DESCRIBED_BY.match(text, mention.end)
    if not described:
        return None
    return replace(mention, name=f"{mention.name}{described.group(0)}", anaphoric=False)


def _renames(text: str, previous: Instrument, mention: Instrument) -> bool:
    """"X, known as the Y", "the political declaration of the Conference, the Nice Ocean Declaration, is
    being negotiated": the second name is the first one's (an apposition, not a list: a verb follows)."""
    if KNOWN_AS.fullmatch(text, previous.end, mention.start):
        return True
    return bool(_APPOSITION.fullmatch(text, previous.end, mention.start) and _VERB_AFTER.match(text, mention.end))


def _is_list_heading(text: str) -> bool:
    # the pattern reads at most 80 characters and a verb: a longer line is no such heading, and
    # the length test spares the backtracking scan of every sentence
    return len(text.rstrip()) <= _LIST_HEADING_MAX and _LIST_HEADING.match(text) is not None


def _is_bare(mention: Instrument) -> bool:
    return len(_words(mention.name)) <= 1 and not mention.aliases and not mention.name.isupper()


def _add(items: list[_Item], mention: Instrument, status: str, sentence: str, preamble: bool,
         forms: dict[str, _Form], parties: dict[str, list[str]]) -> None:
    names = [mention.name, *mention.aliases]
    theirs = [_form(n, forms) for n in names]
    for item in items:
        if item.preamble == preamble and _same(item, theirs, forms):
            item.names += [n for n in names if n not in item.names]
            item.statuses.append(status)
            if item.preamble and not preamble:
                item.sentence, item.preamble = sentence, False
            return
    if sentence not in parties:
        parties[sentence] = _parties(sentence)
    items.append(_Item(names, mention.kind, [status], sentence, preamble, parties[sentence]))


def _same(item: _Item, theirs: list[_Form], forms: dict[str, _Form]) -> bool:
    for mine in (_form(n, forms) for n in item.names):
        for other in theirs:
            if mine.lower == other.lower:
                return True
            if short_reference(mine.name, other.name) or short_reference(other.name, mine.name):
                return True
            if (mine.acronym and _abbreviates(mine, other)) or (other.acronym and _abbreviates(other, mine)):
                return True
            a, b = mine.words, other.words
            if min(len(a), len(b)) >= 2 and (a <= b or b <= a):
                return True
            if mine.quoted is not None and mine.quoted == other.quoted:
                return True
    return False


# "the Halal MoU", "SBEZ MoU": a topic word or an acronym before a kind word
_SHORT_FORM = re.compile(r"^(?:the\s+)?((?:[\w-]+\s+){1,2}?)(MoU|MOU|Memorandum|Agreement|Framework|Plan"
                         r"|Treaty|Protocol|Declaration|FTA)$")
_KIND_WORDS = {"mou": ("memorandum", "mou"), "memorandum": ("memorandum", "mou"), "fta": ("free trade", "fta")}


def short_reference(short: str, full: str) -> bool:
    """"Halal MoU" for "Memorandum of Understanding on Halal Industry Cooperation", "SBEZ MoU" for the
    "MoU on the ... Special Border Economic Zone": the kind of the full name, with each word before the
    kind word in the full name or standing for a run of its capitalised words."""
    match = _SHORT_FORM.match(short)
    if not match or len(full) <= len(short):
        return False
    kind = match.group(2).lower()
    full_lower = full.lower()
    if not any(k in full_lower for k in _KIND_WORDS.get(kind, (kind,))):
        return False
    full_words = set(_LOWER_WORD.findall(full_lower))
    capitals = "".join(w[0] for w in _WORD.findall(full) if w[0].isupper())
    for word in match.group(1).split():
        if word.isupper() and len(word) >= 2:
            if word.replace("-", "") not in capitals:
                return False
        elif word.lower() in _STOP or word.lower() not in full_words:
            return False
    return True


class _Form(NamedTuple):
    """A name with the forms it is compared by, computed once per name of a statement."""

    name: str
    lower: str
    words: frozenset[str]
    quoted: str | None
    initials: str  # of its capitalised words: "RCEP" for "Regional Comprehensive Economic Partnership"
    acronym: bool  # written as one word in capitals: "RCEP", "IA-CEPA"


def _form(name: str, forms: dict[str, _Form]) -> _Form:
    if name not in forms:
        initials = "".join(w[0] for w in _WORD.findall(name) if w[0].isupper())
        acronym = name.isupper() and " " not in name and len(name) >= 2
        forms[name] = _Form(name, name.lower(), frozenset(_words(name)), _quoted(name), initials, acronym)
    return forms[name]


def _quoted(name: str) -> str | None:
    match = _QUOTED_NAME.match(name)
    return match.group(1) if match else None


def _abbreviates(short: _Form, full: _Form) -> bool:
    """"RCEP" for "Regional Comprehensive Economic Partnership Agreement", "CEPA" for "IP-CEPA"."""
    acronym, name = short.name, full.name
    if not short.acronym:
        return False
    if name.endswith(acronym) and name != acronym and name[-len(acronym) - 1] in " -":
        return True
    initials = full.initials
    # "FTA" also stands for the "Korea-Philippines Free Trade Agreement" once named in full
    return acronym in (initials, initials[:-1]) or (len(acronym) >= 3 and initials.endswith(acronym))


def _words(name: str) -> set[str]:
    return {w for w in _LOWER_WORD.findall(name.lower()) if w not in _STOP}


def _fold_preamble(items: list[_Item]) -> list[_Item]:
    """A headline mention that shares words with a body item is that item."""
    body = [i for i in items if not i.preamble]
    out = list(body)
    for item in items:
        if not item.preamble:
            continue
        overlap = [(len(_words(item.name) & _words(b.name)), b) for b in body if b.kind == item.kind]
        best = max(overlap, key=lambda pair: pair[0], default=(0, None))
        if best[1] is not None and best[0] >= 1 and item.status != "adopted":
            best[1].names += [n for n in item.names if n not in best[1].names]
            best[1].statuses += item.statuses
        else:
            out.insert(0, item)
    return out


def _parties(sentence: str) -> list[str]:
    """The countries and blocs a sentence names: the parties of the instruments it mentions."""
    parties: list[str] = []
    for match in _PARTY.finditer(sentence):
        words = match.group(0)
        for candidate in (words, *_DASH.split(words), *_of_tails(words)):
            # countries and blocs sign instruments; a city in the sentence is where, not who
            party = _THE.sub("", candidate)
            if (is_country(candidate) or is_bloc(candidate) or _is_organ(candidate)) and party not in parties:
                parties.append(party)
    return parties[:6]


def _is_organ(name: str) -> bool:
    """"the African Union Commission", "the ASEAN Secretariat": a bloc's organ signs for it."""
    head, _, organ = _THE.sub("", name).rpartition(" ")
    return organ in _ORGANS and is_bloc(head)


def _of_tails(words: str) -> list[str]:
    """"Government of the Republic of Singapore": Singapore signs through its government."""
    parts = _OF.split(words)
    return [without_state_form(" of ".join(parts[i:])) for i in range(1, len(parts))]


def _record(item: _Item) -> AgreementMention:
    name = item.name
    aliases = tuple(dict.fromkeys(n for n in item.names if n != name))
    return AgreementMention(
        name=name, kind=item.kind, status=item.status, parties=tuple(item.parties), aliases=aliases,
        sentence=item.sentence,
    )
