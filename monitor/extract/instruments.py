"""Mentions of formal instruments in a sentence: MoUs, agreements, treaties, joint statements...

A mention is built around a head noun ("memorandum of understanding", "Agreement", "protocols",
"Joint Statement"). Its name extends left over the capitalised words of a proper name ("Regional
Comprehensive Economic Partnership (RCEP) Agreement") or over the modifiers of a common noun
("bilateral critical minerals agreement", "more than 10 cooperation documents"), and right
over a complement ("on cyber security", "to renew the Compacts of Free Association"). Acronyms
of well-known instruments ("RCEP", "DOC", "COC") and of free-trade agreements ("IA-CEPA") are
mentions too. Unilateral things are not: strategies, visions, unilateral initiatives, health
"protocols", "the agreement" referring back, "any agreement".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.gazetteer import is_bloc, is_place
from monitor.extract.lexicon import FUNCTION_WORDS, HEADLINE_VERBS, MONTH_AND_DAY_WORDS


@dataclass(frozen=True, slots=True)
class Instrument:
    name: str
    kind: str
    start: int
    end: int
    aliases: tuple[str, ...]
    anaphoric: bool  # "the agreement", "this MoU": refers back, names nothing new


KNOWN_ACRONYMS = {
    "RCEP": "agreement", "CPTPP": "agreement", "TPP": "agreement", "DOC": "declaration", "COC": "other",
    "UNCLOS": "treaty", "NPT": "treaty", "TAC": "treaty", "JCPOA": "plan", "IPEF": "framework",
    "AFTA": "agreement", "ATIGA": "agreement", "DEFA": "agreement", "DEPA": "agreement", "USMCA": "agreement",
    "NAFTA": "agreement", "CETA": "agreement", "GATT": "agreement", "TRIPS": "agreement", "ECFA": "agreement",
    "AJCEP": "agreement", "AANZFTA": "agreement", "AITIGA": "agreement", "AIFTA": "agreement",
    "MoU": "mou", "MOU": "mou", "MoUs": "mou", "MOUs": "mou",
}
_HEAD_WORDS = r"Agreement|Treaty|Accord|Pact|Protocol|Convention|Declaration|Memorandum"
_HEAD_WORD = re.compile(rf"\b(?:{_HEAD_WORDS}|MoU)\b")
# "(IOGSC Framework)"; not "(the digital economy MoU)", a reference rather than another name
_SHORT_NAME_HEAD = re.compile(rf"\b(?:{_HEAD_WORDS}|MoU|MOU|Framework|Charter|Plan|Arrangement|Initiative|Partnership"
                              r"|Roadmap|Strategy|Programme|Program)\b")
_FTA_BODIES = frozenset({"EFTA"})  # organisations whose acronyms end like a free-trade agreement's
_FTA_KEYS = ("FTA", "CEPA", "EPA", "PTA", "DTA", "DEA", "BIT")
_FTA_ACRONYM = re.compile(r"\b(?:[A-Z]{1,6}-)?[A-Z]{0,6}(?:FTA|CEPA|EPA|PTA|DTA|DEA|BIT)s?(?:\s+\d\.\d)?\b")
# \b(?:[A-Z]{2,8}|M[oO]Us?)\b, written to start with a character class (and look back for the word
# boundary), which lets the engine skip ahead to the next capital: twice as fast on a sentence
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])(?:[A-Z]{1,7}|(?<=M)[oO]Us?)\b")

# (keywords that must occur in the lowercased sentence, pattern, kind)
_HEADS: list[tuple[tuple[str, ...], re.Pattern[str], str]] = [
    (keys, re.compile(p, flags), kind)
    for keys, p, kind, flags in (
        (("memorand",), r"\bmemorand(?:um|a)\s+of\s+(?:understanding|cooperation|agreement)\b", "mou", re.I),
        # "a memorandum on agriculture and fertilisers", "a second memorandum, on cooperation in ...": a bare
        # memorandum with its subject (alone, "the Memorandum" refers back and is no mention)
        (("memorand",), r"\bmemorand(?:um|a)\b(?!\s+of\b)(?=,?\s+(?:on|concerning|regarding|between)\s)", "mou",
         re.I),
        # "the Uzbek-Saudi connectivity memorandum": a memorandum its modifiers describe
        (("memorand",), r"(?<=[a-z] )memorand(?:um|a)\b(?!\s+of\b)(?!,?\s+(?:on|concerning|regarding|between)\s)",
         "mou", re.I),
        (("intent",), r"\bletters?\s+of\s+intent\b", "other", re.I),
        (("letter",), r"\bletters?\s+of\s+(?:agreement|understanding)\b", "other", re.I),
        (("exchange",), r"\bexchanges?\s+of\s+(?:notes|letters)\b", "other", re.I),
        (("joint",), r"\bjoint\s+(?:press\s+|media\s+|leaders'?\s+)?(?:statement|communiqu[ée])s?\b", "joint_statement",
         re.I),
        (("joint",), r"\bjoint\s+declarations?\b", "declaration", re.I),
        (("communiqu",), r"\bcommuniqu[ée]s?\b", "joint_statement", re.I),
        (("conduct",), r"\bcodes?\s+of\s+conduct\b", "other", re.I),
        (("trade",), r"\bfree[\s-]trade\s+(?:agreements?|areas?)\b", "agreement", re.I),
        (("plan",), r"\bplans?\s+of\s+action\b|\b(?:action|work|implementation|master|joint)\s+plans?\b", "plan", re.I),
        (("programme", "program"),
         r"\b(?:work|action|joint)\s+program(?:me)?s?\b|\bprogram(?:me)?s?\s+of\s+(?:action|cooperation)\b", "plan",
         re.I),
        # "the Cultural Exchange Programme 2025-2028" is a signed document; "exchange programs" are for people
        (("programme", "program"), r"\b(?:Exchange|Cooperation|Co-operation)\s+Program(?:me)?s?\b", "plan", 0),
        # "the Five-Point Consensus": a named consensus is a text the parties agreed on
        (("consensus",), r"(?<=[A-Za-z0-9]\s)Consensus\b", "other", 0),
        (("document",), r"\b(?:cooperation|cooperative|outcome)\s+documents?\b|\bdocuments?\s+on\s+cooperation\b",
         "other", re.I),
        (("mou",), r"\bMoUs?\b|\bMOUs?\b", "mou", 0),
        (("declaration",), r"\bdeclarations?\b", "declaration", re.I),
        (("agreement",), r"\bagreements?\b", "agreement", re.I),
        (("accord", "pact", "deal"), r"\b(?:accords?|pacts?|compacts?|deals?)\b", "agreement", re.I),
        (("treat", "convention", "charter"), r"\btreat(?:y|ies)\b|\bconventions?\b|\bcharters?\b", "treaty", re.I),
        (("protocol",), r"\bprotocols?\b", "protocol", re.I),
        (("plan", "map", "blueprint"), r"\bPlans?\b|\bRoadmaps?\b|\bBlueprints?\b|\broad\s?maps?\b", "plan", 0),
        (("framework",), r"\bframeworks?\b", "framework", re.I),
        (("initiative",), r"\binitiatives?\b", "initiative", re.I),
        (("arrangement",), r"\barrangements?\b", "other", re.I),
        (("partnership",), r"\bPartnerships?\b", "other", 0),
    )
]
_HEAD_KEYS = frozenset(key for keys, _, _ in _HEADS for key in keys)
_TOKEN = re.compile(r"[\"“][^\"“”]{1,80}[\"”]|[\w$€£][\w'’.\-+&/$]*|[(),;:]")
# headline verbs end a name too: "Kenya and Germany Sign Joint Declaration of Intent"
_CAP_FUNCTION = frozenset(w.title() for w in FUNCTION_WORDS) | {"Under", "After", "Since", "During"} | HEADLINE_VERBS
_STATUS_WORDS = frozenset("""
signed signing inked adopted adopting issued concluded reached ratified implemented implementing launched
endorsed approved agreed welcomed noted renew renewed extended discussed sign adopt conclude ink implement
launch explore exchange witness extend ratify negotiate negotiated finalise finalize finalised finalized
promote promoted support supported uphold upheld reaffirm reaffirmed review reviewed discuss said stated
""".split())
_STOP_FORWARD = frozenset("""
between by with at during before after within since until as which that who while whereas but so because
worth signed was were is are has have had will would can could should may might must in from among under
be been continues continue remains remain provides provide serves serve when where once if
""".split())
_VERBISH_AFTER_AND = re.compile(r"^(?:\w+ed|\w+ly|also|further|will|to|build|promote|deepen|strengthen|enhance"
                                r"|uphold|maintain|accelerate|support|open|jointly|the\s+two"
                                # irregular past tenses: "the MoU on X and went through the text"
                                r"|went|made|held|met|took|gave|saw|began|brought|led|found|spoke|sought|came|kept"
                                r"|told|said|became|paid|ran|won|drew|laid|shook|stood|wrote|chose)$", re.I)
_TIME_AHEAD = re.compile(r"(?:this|next|last|later this|early next)\s+(?:year|month|week|spring|summer|autumn|fall"
                         r"|winter)\b|(?:today|tomorrow|yesterday)\b", re.I)
_ALIAS = re.compile(r"\s*\(([^()]{1,30})\)")
_QUOTED_ALIAS = re.compile(r"^(?:the\s+)?[\"“]|[\"”]$")  # (the "Connectivity MoU")
_YEARS = re.compile(r"\s*\(?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\)?")
_WORTH = re.compile(r"\s+worth\s+(?:a\s+combined\s+|about\s+|some\s+|over\s+|more than\s+)?\S*\d[\d.,]*"
                    r"(?:\s+(?:million|billion|trillion))?")
# "between A and B on X"; a verb in between ("between Chile and India will build on") ends the parties
_BETWEEN = re.compile(r"\s+between\s+(?:(?!\b(?:will|would|shall|has|have|is|are|was|were|can|could)\b)[^,;:()]){3,90}?"
                      r"\s+(?=(?:on|for|concerning|regarding)\s)")
_COMPLEMENT = re.compile(r"\s*(on|for|concerning|regarding|of|to|in(?=\s+the\s+[A-Z])|establishing|creating|amending"
                         r"|implementing(?=\s+the\s+[A-Z])"  # "a new Protocol implementing the X Agreement"
                         r"|relating to|(?-i:Amending|Establishing|Concerning|Regarding|Relating to)"
                         r"|ON|FOR|OF|CONCERNING|REGARDING)\s+")  # a headline in capitals
_SET_OFF_COMPLEMENT = re.compile(r",\s+(on|concerning|regarding)\s+(?!the\s+(?:margins|sidelines|occasion)\b"
                                 r"|behalf\b|\d)")
# ", fertilisers and food security": one more subject, then the list's last after "and"
# "on agriculture, fertilisers and food security", "on Monitoring, Control and Surveillance": a list of subjects
_LIST_GOES_ON = re.compile(r"\s+(?:[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+and\s+(?!the\b|a\b|an\b|to\b)[a-z]"
                           r"|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+and\s+[A-Z][\w-]*\b(?!\s+(?:of|on|for)\s+(?:the\s+)?[A-Z]))")
_SET_OFF_IN_NAME = re.compile(r",\s+(on|concerning|regarding)\s+")
_SECOND_COMPLEMENT = re.compile(r"\s+(?:on|for|concerning|regarding)\s+")
_THE_NAME = re.compile(r"\s+the\s+[A-Z]")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z][a-z]")  # "on Cooperation in Traditional Medicine"
# Nouns whose "in" names a field, not where the signing took place: "MoU on Cooperation in Antarctica"
_PERIOD_AHEAD = re.compile(r"\s+(?:the\s+)?(?:next|coming|past|last|first|second|period|years?|months?|\d)", re.I)
_FIELD_NOUNS = frozenset("cooperation co-operation collaboration partnership research investment exchanges "
                         "capacity-building training".split())
_NAME_LINKS = frozenset("of and the on for in to & between beyond against".split())
# "reached agreement on", "in agreement with": agreement as consensus, not a document
_FRAMEWORK_FIRST = re.compile(r"(?i)framework\s+agreements?\b")
_GUIDE_WORDS = frozenset({"framework", "roadmap", "road map", "blueprint", "basis"})
_SERVES_AS = re.compile(r"\b(?:establish(?:es|ed|ing)?|creat(?:es|ed|ing)|sets?\s+out|serv(?:es|ed|ing)\s+as|as"
                        # "gives our researchers and companies a framework": a receiver between verb and object
                        r"|(?:provid(?:es|ed|ing)|giv(?:es|en|ing)|gave|offer(?:s|ed|ing)?)(?:\s+[\w,]+){0,6}?)"
                        r"\s+(?:an?\s+|the\s+)?$", re.I)
_CONSENSUS = re.compile(r"\b(?:reach(?:ed|es|ing)?|in|broad|general|full|mutual|common)\s+(?:an?\s+)?$", re.IGNORECASE)
_QUANTIFIED = re.compile(r"\d|\b(?:several|numerous|multiple|two|three|four|five|six|seven|eight|nine|ten|dozen)\b",
                         re.I)
# "the Kenyatta International Convention Centre" is a venue; "a declaration of its kind" a description
_NOT_A_DOCUMENT = re.compile(r"\s+(?:Centre|Center|Hall|Complex|Building|Secretariat|of\s+its\s+kind)\b")
_RELEASE_NUMBER = re.compile(r"\s+No\.?\s*\d")  # "Communiqué No. 187": the release's own number
_ARRANGEMENTS_FOR = re.compile(r"\barrangements?\s+(?:made\s+)?for\s+(?:the|this|our|their)\s+(?:[\w-]+\s+)?"
                               r"(?:meeting|visit|summit|conference|event|ceremony|talks|session|forum|stay|delegation)",
                               re.I)
_OF_AFTER = re.compile(r"\s+of\b")
_WITHIN_THE = re.compile(r"\b(?:within|under|in)\s+the\s+$", re.I)
# "a legal framework for ...": what a text says an instrument provides, not its name
# "-ing" words that name a field ("a joint monitoring memorandum", "a data-sharing agreement")
_ING_NOUNS = frozenset("""monitoring training processing shipping fishing mining banking housing funding financing
lending planning engineering manufacturing fishing peacekeeping policing licensing sharing data-sharing building
capacity-building information-sharing cost-sharing burden-sharing trading marketing accounting""".split())
_EXISTENCE_QUESTION = re.compile(r"\s*(?:Is|Are|Was|Were)\s+there\b")
_LOOSE_MODIFIER = re.compile(r"\b(?:legal|institutional|regulatory|policy)\s+$", re.I)
_PORTFOLIO = re.compile(r"(?<![\d.,])(?:[1-9]\d|\d{3,})\s+(?:[a-z-]+\s+){0,2}$")
# "24 commercial agreements worth $4.3 billion were signed": instruments after all
_OWN = re.compile(r"\bown\s+$")
_SIGNED_AFTER = re.compile(r"(?:[^.;,]|\.(?=\d)){0,40}?\b(?:signed|concluded|inked|exchanged)\b")
_SIGNING_BEFORE = re.compile(r"\b(?:sign|ink|conclud|adopt|exchang|finali[sz])", re.I)  # "to sign more than 10 ..."
_RANKING = frozenset("first only most biggest largest main major key".split())
_DEFINITE = frozenset("the this that these those such its their today's".split())
_UNILATERAL = re.compile(r"\b(?:five-year|strategy|national|domestic)\b", re.I)
# "The United States and Viet Nam launched a ... Initiative": launched by two parties together
_TWO_PARTIES = re.compile(r"^(?:The\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+and\s+"
                          r"(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+(?:\w+\s+)?"
                          r"(?:launched|established|set up|unveiled|announced|adopted)\b")
_DATED = re.compile(r"\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b")
_NEGOTIATED = re.compile(r"\b(?:negotiat\w*|sign\w*|adopt\w*|conclu\w*|draft\w*|under)\s+(?:on\s+|of\s+)?"
                         r"(?:the\s+|a\s+|an\s+)?(?:new\s+)?(?:[A-Z][\w-]*\s+(?:and\s+|&\s+)?){1,6}$")
_JOINT = re.compile(r"\b(?:joint(?:ly)?|co-(?:sponsored|launched|issued)|together)\b", re.I)
_BRACKETED = re.compile(r"\s*\((?:the\s+)?[\"“]?[A-Z][^()]{0,29}\)\s*")
_FINAL_STOP = re.compile(r"(?:^|\s)[^\s.]{2,}\.$")
_TITLE_SUBJECT = re.compile(r"\s+(?:on|of|for|between|concerning|regarding)\s+(?:the\s+)?[A-Z]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}|US\$|[A-Z]{0,2}\$|€|£|¥|Rp|Rs")
_COUNT = re.compile(r"\d+|several|numerous|multiple", re.I)
_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Za-z0-9.+\-]{1,11}(?:\s\d\.\d)?")
_LOWER_SUBJECT = re.compile(r"(?:(?:the|a|an)\s+)?[a-z]")
_PLACE_AFTER = re.compile(r"\s+(?:the\s+)?([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})")
_PREFIX_WORD = re.compile(r"[\w'’.\-]+")
_MAX_MODIFIERS = 4
_MAX_COMPLEMENT = 14


def find_instruments(text: str) -> list[Instrument]:
    """Instrument mentions of a sentence, in order, without overlaps."""
    lower = text.lower()
    present = set(filter(lower.__contains__, _HEAD_KEYS))
    heads = [(pattern, kind) for keys, pattern, kind in _HEADS if not present.isdisjoint(keys)] if present else []
    candidates = [
        (m, match.start()) for pattern, kind in heads for match in pattern.finditer(text)
        if (m := _mention(text, match, kind))
    ]
    found: list[Instrument] = []
    for mention, head in sorted(candidates, key=lambda pair: pair[0].start - pair[0].end):
        # "Protocol to Upgrade the ASEAN-China Free Trade Area": the area is the protocol's subject
        governed = any(h < head and m.start <= head < m.end for m, h in candidates)
        if not governed and not any(m.start < mention.end and mention.start < m.end for m in found):
            found.append(mention)
    found += _acronyms(text, found)
    return sorted(found, key=lambda m: m.start)


def _mention(text: str, head: re.Match[str], kind: str) -> Instrument | None:
    head_text = head.group(0)
    named = _is_named_head(text, head)
    start, aliases, modifiers = _extend_left(text, head.start(), named)
    named = named or _has_capitalised_name(text, start, head.start())
    end, more_aliases, complement = _extend_right(text, head.end(), named)
    words_before = text[:start].split()
    determiner = words_before[-1].lower() if words_before else ""
    if head_text.lower().startswith("agreement") and not named and _CONSENSUS.search(text[: head.start()]):
        return None
    if _NOT_A_DOCUMENT.match(text, head.end()) or (not named and _LOOSE_MODIFIER.search(text[start : head.start()])):
        return None
    if head_text.lower().startswith("communiq") and _RELEASE_NUMBER.match(text, head.end()):
        return None
    if head_text.lower() == "framework" and _WITHIN_THE.search(text, max(0, start - 25), start) and (
            not named or _OF_AFTER.match(text, head.end())):
        return None  # "within the framework of the X Policy": an idiom, not a document
    if not named and _is_description(text[start : head.start()], determiner):
        return None
    if not named and head_text.lower() in _GUIDE_WORDS and _SERVES_AS.search(text, max(0, start - 80), start):
        return None  # "establishes a framework for cooperation", "adopted X as a roadmap for …": what X is
    if determiner in ("any", "no", "each", "every"):
        return None
    if not named and determiner in ("a", "an") and _EXISTENCE_QUESTION.match(text):
        return None  # "Is there a fisheries agreement with X in the pipeline?": asks whether one exists
    if (not named and head_text.lower().endswith("s") and _PORTFOLIO.search(text, max(0, start - 12), head.start())
            and not _SIGNING_BEFORE.search(text, max(0, start - 60), start)
            and not _SIGNED_AFTER.match(text, head.end())):
        return None  # "Chile has 33 trade agreements with 65 economies": a count (a figure), not instruments
    if not _is_instrument(text, kind, head_text, named, modifiers, complement):
        return None
    if head_text.lower() in ("memorandum", "memoranda") and not (named or complement) and (
            not modifiers or _OWN.search(text, max(0, head.start() - 5), head.start())):
        return None  # "signed a memorandum": which one, the text does not say here
    name = _clean_name(text[start:end])
    bare = not named and not modifiers and not complement
    generic_plural = not named and not complement and head_text.lower().endswith("s") and not _QUANTIFIED.search(
        text[start : head.start()])
    # "the Framework", "the Agreement will be signed": the instrument named before, by its kind word alone
    lone = not modifiers and not complement and determiner in _DEFINITE and " " not in name and not aliases
    anaphoric = ((bare or lone) and determiner in _DEFINITE) or generic_plural
    kind = _refine_kind(kind, head_text)
    if kind == "agreement" and _FRAMEWORK_FIRST.match(name):
        kind = "framework"  # "a Framework Agreement on X" is a framework; "the ASEAN DEFA Framework Agreement" is not
    return Instrument(name, kind, start, end, tuple(aliases + more_aliases), anaphoric)


def _clean_name(span: str) -> str:
    """The name as written, without bracketed acronyms and a leading article."""
    name = " ".join(_BRACKETED.sub(" ", span).split())
    name = _SET_OFF_IN_NAME.sub(r" \1 ", name, count=1)  # "memorandum, on cooperation": its subject, set off
    if _FINAL_STOP.search(name):
        name = name[:-1]  # the sentence's full stop, not an abbreviation's ("U.S.")
    return name.split(" ", 1)[1] if name.lower().startswith(("the ", "a ", "an ")) and " " in name else name


def _is_description(modifiers: str, determiner: str) -> bool:
    """"the world's largest free trade area": a description of an instrument, not its name."""
    words = modifiers.lower().split()
    return determiner.endswith(("'s", "’s")) or any(w.endswith("est") or w in _RANKING for w in words)


def _is_named_head(text: str, head: re.Match[str]) -> bool:
    word = head.group(0)
    if word.startswith(("MoU", "MOU")):
        return False
    if word[0].isupper() and not text[: head.start()].strip(" \"“("):
        # a list item opening with the title: "Memorandum of Understanding on Cooperation in ..."
        return bool(_TITLE_SUBJECT.match(text, head.end()))
    return word[0].isupper() or word.isupper()


def _is_instrument(text: str, kind: str, head: str, named: bool, modifiers: int, complement: bool) -> bool:
    """Whether a head noun with this company names a formal instrument."""
    lower = head.lower()
    if kind == "initiative":
        return (named or complement) and (bool(_JOINT.search(text)) or bool(_TWO_PARTIES.search(text)))
    if kind == "plan" and _UNILATERAL.search(text[max(0, text.find(head) - 40) : text.find(head) + len(head)]):
        return False
    if lower.startswith("arrangement") and _ARRANGEMENTS_FOR.search(text):
        return False  # "the excellent arrangements for the meeting": the organisation of an event
    if lower.startswith(("convention", "charter", "compact", "arrangement", "consensus")):
        return named or complement or (lower.startswith("arrangement") and '"' in text)
    if kind in ("protocol", "framework", "declaration"):
        return named or complement or "joint" in lower
    if lower.startswith("deal"):
        return named or modifiers > 0
    if lower.startswith("partnership"):
        return named and _is_partnership_document(text, head)
    return True


def _is_partnership_document(text: str, head: str) -> bool:
    """"the UK-Kenya Strategic Partnership 2024-2029", "negotiations on a new Migration and Mobility
    Partnership" are documents; "a Comprehensive Strategic Partnership" between two countries is
    the state of their relations."""
    at = text.find(head)
    return bool(_DATED.match(text, at + len(head)) or _NEGOTIATED.search(text, max(0, at - 80), at))


def _refine_kind(kind: str, head: str) -> str:
    lower = head.lower()
    if "free" in lower and "trade" in lower:
        return "agreement"
    return kind


def _has_capitalised_name(text: str, start: int, end: int) -> bool:
    """Capitalised words before the head, not counting the sentence's first word."""
    words = text[start:end].split()
    if start == 0 or not text[:start].strip(" \"“("):
        words = words[1:]
    return any(w[:1].isupper() for w in words)


def _extend_left(text: str, start: int, named: bool) -> tuple[int, list[str], int]:
    """Where the name starts left of its head, the acronyms met on the way, how many modifiers."""
    tokens = list(_TOKEN.finditer(text, 0, start))
    aliases: list[str] = []
    cursor, modifiers, capitals = start, 0, 0
    i = len(tokens) - 1
    while i >= 0:
        token = tokens[i].group(0)
        if token == ")" and i >= 2 and tokens[i - 2].group(0) == "(" and _is_acronym(tokens[i - 1].group(0)):
            aliases.append(tokens[i - 1].group(0))
            i -= 3
            continue
        if _is_name_word(token):
            cursor, capitals = tokens[i].start(), capitals + 1
        elif capitals and token.lower() in ("of", "and", "on", "for", "the", "&", "in", ",") and i > 0 \
                and _is_name_word(tokens[i - 1].group(0)):
            pass
        elif not named and capitals == 0 and _is_modifier(token) and modifiers < _MAX_MODIFIERS:
            cursor, modifiers = tokens[i].start(), modifiers + 1
        elif (not named and capitals == 0 and token in ("and", "&") and modifiers and i > 0
              and _is_modifier(tokens[i - 1].group(0)) and not tokens[i - 1].group(0).endswith("ed")):
            pass  # "a sale and purchase agreement", "a trade and investment framework": paired modifiers
        elif _YEAR.fullmatch(token):
            cursor = tokens[i].start()
        elif _COUNT.fullmatch(token):
            cursor, modifiers = tokens[i].start(), modifiers + 1
            if i >= 2 and " ".join(t.group(0) for t in tokens[i - 2 : i]).lower() in ("more than", "at least"):
                cursor = tokens[i - 2].start()
            elif i >= 1 and _CURRENCY_CODE.fullmatch(tokens[i - 1].group(0)):
                cursor = tokens[i - 1].start()  # "a USD 375 Million Loan Agreement"
            break
        else:
            break
        i -= 1
    return cursor, aliases, modifiers


def _is_name_word(token: str) -> bool:
    if not token[:1].isupper() or token in _CAP_FUNCTION or token.endswith(("'s", "’s")):
        return False
    if token.isupper() and token.title() in _CAP_FUNCTION:
        return False  # a headline in capitals: "GHANA AND THAILAND SIGN MOU ON ..."
    return not token.startswith(("\"", "“"))


def _is_modifier(token: str) -> bool:
    lower = token.lower()
    if not token[:1].isalpha() and not token.startswith(("\"", "“")):
        return False
    if token.endswith(("'s", "’s")):
        return False
    return lower not in FUNCTION_WORDS and lower not in _STATUS_WORDS and (not lower.endswith("ing")
                                                                         or lower in _ING_NOUNS)


def _is_short_name(text: str) -> bool:
    """"(123 Agreement)", "(Paris Agreement)": another name of the same instrument, in brackets."""
    words = text.split()
    return 1 < len(words) <= 4 and words[-1][:1].isupper() and bool(_SHORT_NAME_HEAD.search(text))


def _is_acronym(token: str) -> bool:
    shaped = _ACRONYM_SHAPE.fullmatch(token)
    return bool(shaped) and sum(c.isupper() for c in token) >= 2


def _extend_right(text: str, end: int, named: bool) -> tuple[int, list[str], bool]:
    """Where the name ends right of its head, the acronyms in brackets, whether it has a complement."""
    aliases: list[str] = []
    alias = _ALIAS.match(text, end)
    if alias and (_is_acronym(alias.group(1)) or _is_short_name(alias.group(1))):
        aliases.append(alias.group(1))
        end = alias.end()
    years = _YEARS.match(text, end)
    if years:
        end = years.end()
    worth = _WORTH.match(text, end)
    if worth and not named:
        return worth.end(), aliases, True
    parties = _BETWEEN.match(text, end)
    if parties:
        end = parties.end() - 1
    preposition = _COMPLEMENT.match(text, end) or _SET_OFF_COMPLEMENT.match(text, end)
    if not preposition:
        return end, aliases, bool(parties)
    word, after = preposition.group(1), preposition.end()
    following = text[after : after + 60].split(" ", 1)[0]
    if word == "to" and ((named and not following[:1].isupper()) or (not named and not following.isalpha())):
        return end, aliases, False
    if named and _LOWER_SUBJECT.match(text[after : after + 30]):
        named = False  # "an Agreement on economic cooperation": a capitalised head, a described subject
    stop = _complement_end(text, after, named and not parties)
    if stop <= after or (preposition.re is _SET_OFF_COMPLEMENT and not text.startswith(",", stop)):
        return end, aliases, False  # a set-off subject closes with its comma: "a memorandum, on X, will be"
    second = _SECOND_COMPLEMENT.match(text, stop) if word == "of" else None
    if second:  # "Declaration of Intent on maritime security": the subject after the kind
        stop = max(stop, _complement_end(text, second.end(), bool(_CAPITAL_NEXT.match(text, second.end() - 1))))
    tail = _ALIAS.match(text, stop)
    short = _QUOTED_ALIAS.sub("", tail.group(1)) if tail else ""
    if tail and ((_is_acronym(short) and len(short) <= 16) or _is_short_name(short)):
        aliases.append(short)
        stop = tail.end()
    return stop, aliases, True


def _continues_name(token: str) -> bool:
    """A proper name's complement goes on with capitals, numbers and linking words."""
    lower = token.lower()
    return token[:1].isupper() or token[:1].isdigit() or token[:1] in "\"“$€£" or lower in _NAME_LINKS or lower in (
        "million", "billion", "trillion")


def _complement_end(text: str, pos: int, named: bool) -> int:
    end, previous = pos, ""
    for count, match in enumerate(_TOKEN.finditer(text, pos)):
        token = match.group(0)
        lower = token.lower()
        if token == "," and _LIST_GOES_ON.match(text, match.end()):
            continue  # "on agriculture, fertilisers and food security": a list of subjects
        if named and (not _continues_name(token) or token in MONTH_AND_DAY_WORDS):
            break  # "the Agreement on December 31": a date, not the subject of the agreement
        stop = count >= _MAX_COMPLEMENT or token in (",", ";", ":", "(", ")") or lower in _STOP_FORWARD
        field = lower == "in" and count > 0 and _is_field_in(text, previous, match.end())
        if lower == "in" and not field and _names_a_place(text, match.end()):
            break  # "the Agreement on Health in Jakarta": where it was signed, not its subject
        previous = lower
        in_name = lower == "in" and (field or _THE_NAME.match(text, match.end())
                                     or (named and _CAPITAL_NEXT.match(text, match.end())))
        if stop and not in_name:
            break
        if _TIME_AHEAD.match(text, match.start()):
            break  # "the arrangement in the Arafura Sea this year": the time is no part of the name
        if lower == "and" and _second_instrument(text, match.end()):
            break  # "MoU on Political Consultations and SAR 375 Million Loan Agreement": a second instrument
        if lower == "and":
            rest = text[match.end() :].split()
            if not rest or _VERBISH_AFTER_AND.match(rest[0]) or rest[0].lower() in ("a", "an"):
                break  # "a protocol on X and an agreement on Y": two instruments
            if " ".join(rest[:2]).lower() == "the two":
                break
        if lower not in _NAME_LINKS:
            end = match.end()
    return end


def _second_instrument(text: str, pos: int) -> bool:
    """Whether the words after an "and" lead to another instrument's head: not past a bracket or comma
    ("and Energy Interconnection (the "Connectivity MoU")"), nor past another "and" ("on Trade and
    Investment and the Protocol on …": the second "and" is where the names part)."""
    window = _CLAUSE_BREAK.split(text[pos : pos + 50], maxsplit=1)[0]
    head = _HEAD_WORD.search(window)
    return head is not None and " and " not in window[: head.start()]


_CLAUSE_BREAK = re.compile(r"[(,;]")


def _is_field_in(text: str, previous: str, pos: int) -> bool:
    """"Cooperation in Mining", "cooperation in agriculture": "in" names the field of the cooperation,
    unless a place or a time follows ("cooperation in Jakarta this week": where and when)."""
    return (previous in _FIELD_NOUNS and not _TIME_AHEAD.match(text, pos + 1) and not _PERIOD_AHEAD.match(text, pos)
            and not _names_a_place(text, pos))


def _names_a_place(text: str, pos: int) -> bool:
    words = _PLACE_AFTER.match(text, pos)
    if not words:
        return False
    run = words.group(1).split()
    return any(is_place(" ".join(run[:n]).rstrip(".,")) for n in range(len(run), 0, -1))


def _acronyms(text: str, found: list[Instrument]) -> list[Instrument]:
    out: list[Instrument] = []
    fta = _FTA_ACRONYM.finditer(text) if any(map(text.__contains__, _FTA_KEYS)) else iter(())
    for match in [*fta, *_ACRONYM.finditer(text)]:
        token = match.group(0)
        kind = KNOWN_ACRONYMS.get(token) or ("agreement" if _FTA_ACRONYM.fullmatch(token) else None)
        if token in _FTA_BODIES or is_bloc(token):
            continue  # "the EFTA States": the European Free Trade Association, an organisation
        if not kind or any(m.start <= match.start() < m.end for m in [*found, *out]):
            continue
        start = _country_prefix(text, match.start())
        end, aliases, _ = _extend_right(text, match.end(), True)
        bare = start == match.start() and kind == "mou"
        out.append(Instrument(text[start:end].strip(), kind, start, end, tuple(aliases), bare))
    return out


def _country_prefix(text: str, start: int) -> int:
    """"Indonesia-Chile CEPA": the countries before an acronym belong to the name."""
    words = list(_PREFIX_WORD.finditer(text, 0, start))
    while words and all(is_place(part) or is_bloc(part) for part in words[-1].group(0).split("-")):
        start = words.pop().start()
    return start
