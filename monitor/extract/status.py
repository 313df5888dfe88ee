"""The status of an agreement mention, read from the verbs around it.

Mapping (the gold statuses):

- signed: "signed", "the signing of", "signature", "inked", "ratified", "awaits ratification", "not
  yet ratified", and an entry into force still to come ("work for the early entry into force of X");
- adopted: "adopted", "the adoption of", "issued", "endorsed", "approved";
- agreed: "concluded negotiations on", "substantial conclusion of negotiations on", "substantially
  concluded", "reached agreement on", "finalised", "the text of which was agreed";
- negotiating: "negotiations on", "consultations on", "efforts to conclude", "early conclusion
  of", "the importance of concluding", "round of talks", "under negotiation", "being negotiated",
  "upgrading", "not yet signed", a signing that was postponed;
- planned: any of the above in the future or as an intention ("will sign", "expected to adopt",
  "plans to sign", "agreed to explore", "looked forward to its signing", "authorising the signature
  of", "expect X to be signed", "at an early date", "proposed"), a bare "sign", and a future launch
  of negotiations ("expected to announce the launch of negotiations on X");
- implementing: "implementation of", "entered into force", "came into effect", "in force",
  "upholding", "under the" / "under IA-CEPA", "commitment to", "making full use of", "X remains our
  main reference";
- extended: "extended", "renewed";
- mentioned: none of these.

A negated cue ("did not sign", "did not enter into force") counts for nothing. Cues in a relative
clause right after the mention ("X, which was signed in 2018", "X signed by the Leaders in March",
"X, now under negotiation", "X, signed in 2012, entered into force in 2016") win over cues before
it, and among them the most advanced stage wins; only a stage named outright before the mention
("the implementation of X, adopted in 2023") goes further. Relations in such a clause ("X, which is
in line with UNCLOS") and another instrument's own participle ("the MoU signed in March and Y")
are no cue; otherwise the nearest cue before the mention decides.

Conventions where the evaluation sets differ, chosen for what a reader would take from the text
(the shared corpus gold has no such case):
- "not yet signed", "did not sign X but agreed to finalise it" and a postponed signing mean the
  text is still open: negotiating (not planned: no signing is announced);
- "substantially concluded, signing expected" is agreed: the stage reached, not the one ahead;
- "reaffirmed (its) commitment to X" stays implementing, as in the held-out corpus gold, though
  one blind set reads a treaty that is only reaffirmed as mentioned;
- an instrument cited only as an example of a relation's object ("in accordance with international
  law, including UNCLOS") is mentioned.
"""

from __future__ import annotations

import re

from monitor.extract.lexicon import HEADLINE_VERBS, gate_lower
from monitor.extract.modality import is_future

_STAGE = {"planned": 1, "negotiating": 2, "agreed": 3, "signed": 4, "adopted": 4, "extended": 5, "implementing": 6}

# (status, words, pattern): the pattern cannot match where none of the (lowercase) words occurs;
# testing for them first is far cheaper than a case-insensitive scan, and most windows hold few cues
_CUES: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    (status, words, re.compile(pattern, re.IGNORECASE))
    for status, words, pattern in (
        ("entry", ("into force",), r"\b(?:entry into force|enter(?:s)? into force)\b"),
        ("implementing", ("implement", "into force", "came into", "took effect", "in force", "launched",
                          "commitment to", "in effect", "uphold", "adhere", "abid", "compl", "amended",
                          "in accordance with", "in line with", "pursuant to", "under", "operational",
                          "effective since", "in place", "use of", "utili", "reference", "basis", "guide", "foundation",
                          "cornerstone", "backbone", "bedrock", "part", "continue", "oversee", "put to work",
                          "put into", "provisional", "applied"),
         r"\b(?:implement\w*|entered into force|came into (?:force|effect)|took effect|in force"
                         r"|launched|commitment to"
                         r"|in effect|upholding|uphold|adhere\w* to|abid\w* by|compl(?:y|ied|ies|iance) with|amended"
                         r"|in accordance with|in line with|pursuant to|under the|operational"
                         r"|effective since|in place|(?:full|better|greater|effective|good) use of|utili[sz]\w+"
                         r"|(?:states? )?part(?:y|ies) to"  # "both parties to the CPTPP": bound by it
                         # "X remains our main reference": parties still act by it
                         r"|(?:main|key|primary|principal|basic|essential|central) (?:reference|basis|guide)"
                         # "X remains the foundation / cornerstone / basis of ...": in force and relied on
                         r"|remains?\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:foundation|cornerstone|backbone|bedrock|basis)"
                         # "X continues to provide a sound legal basis", "a Council to oversee X"
                         r"|continues?\s+to\s+(?:provide|serve|guide|govern|underpin|apply)|oversee"
                         # "is being put to work", "applied provisionally": in force in practice
                         r"|put to work|put into (?:practice|effect|operation)|provisional(?:ly)? appli\w+"
                         r"|applied provisionally|provisional application)\b"
                         # "cooperation under IA-CEPA": a name right after "under"
                         # (the window ends where the mention starts)
                         r"|\bunder(?=\s+(?:its\s+|their\s+)?(?:(?-i:[A-Z])|$))"),
        ("negotiating", ("early conclusion",), r"\bearly conclusion\b"),
        # "conclusion of negotiations on the upgrade of X": the upgrade is the object, not a stage
        ("agreed", ("conclu", "reached", "finali", "agreed", "initial"),
         r"\b(?:(?:substantively |substantially )?concluded (?:the )?negotiations"
                   r"|(?:substantial |substantive )?conclusion of (?:the )?negotiations(?: on (?:the )?upgrad\w+ of)?"
                   # "the conclusion in Montevideo, in December 2024, of the negotiations of X"
                   r"|conclusion,?\s[^.;]{1,50}?\bof (?:the )?negotiations"
                   r"|substantially concluded"
                   r"|reached (?:an? )?agreement"
                   r"|finali[sz]ed|agreed (?:on|upon)|agreed (?:on |upon )?the (?:final )?text of"
                   r"|agreed (?:on |upon )?(?:its|their) (?:final )?text"  # "did not sign X, but agreed its final text"
                   r"|initial(?:l?ed|l?ing)"  # "the initialling of the Air Services Agreement": text agreed
                   r"|reached\b[^.;]{0,60}?\bon\s+the\s+text\s+of)\b"),
        ("negotiating", ("negotiat", "consultation", "talks", "conclu", "upgrad", "drafting", "work", "review of",
                         "effort", "discussion", "round"),
         r"\b(?:negotiat\w*|consultations? (?:on|for|over)|talks (?:on|over|for|will|continue)"
                        r"|talks between [^.;,]{1,60}? on"
                        r"|talks\b(?= will)|under negotiation|round of (?:negotiations|talks)|efforts to conclude"
                        r"|conclusion of|drafting|working (?:on|towards?)|review of"
                        # "the upgrade of X"; not "upgrading the ports"
                        r"|upgrad(?:e|ing)(?!\s+(?:of\s+)?(?:the\s+)?(?:ports?|facilit|infrastructure|roads?|rail|airports?))"
                        r"|(?:speed up|accelerate|intensify|step up|expedite) (?:the )?(?:work|efforts|talks) on"
                        r"|(?:further|continued|continue|more) (?:consultations|negotiations|talks)"
                        r"|(?:consultations|negotiations|talks|discussions) (?:continue|are continuing|are under ?way)"
                        r"|(?:aim|agreed|strive|work)s? to conclude|to conclude (?:the |a |an )?negotiations"
                        # "the importance of concluding X", "with a view to concluding it": not concluded yet
                        r"|(?<!after )(?<!since )(?<!upon )concluding|being negotiated|under discussion"
                        r"|discussions? (?:on|over|about)|directed to conclude"
                        # "held a technical round in Abidjan on a joint monitoring memorandum"
                        r"|(?:technical|negotiating|formal|informal|first|second|third|fourth|fifth|final|new|next)"
                        r" round)\b"),
        ("signed", ("sign", "inked", "ratif", "exchange", "acce"),
         r"\b(?:signed|signs|signing|signature|inked|ratif\w+|exchanged|witnessed the exchange"
                    r"|acced(?:e|ed|es|ing)\s+to|accession\s+to)\b"),
        # Communiqués state decisions in the present tense: "The Assembly ADOPTS the Protocol".
        ("adopted", ("adopt", "issued", "endorse", "approve", "unveiled"),
         r"\b(?:adopted|adopts|adoption|issued|endorsed|endorses|approved|approves|unveiled)\b"),
        ("extended", ("extend", "extension", "renew", "prolong"),
         r"\b(?:extend|extended|extending|extension|renew|renewed|renewal|prolong|prolonged)\b"),
        ("planned", ("sign", "adopt", "ink", "conclude", "finali", "explore", "exchange", "witness", "proposed",
                     "planned", "prospective", "early date", "develop", "draft", "prepar", "elaborat", "consideration"),
         r"\b(?:sign|adopt|ink|conclude|finali[sz]e|finali[sz]ation|explore|exchange|witness|to be signed"
                    # "agreed to develop a Joint Work Plan": the plan is yet to be written
                    r"|(?<=to )(?:develop|draft|prepare|elaborate)|preparing"
                    r"|proposed|planned|prospective|at an early date"
                    r"|under consideration|under preparation|being prepared|in preparation)\b"),
    )
]
_NEGATION = re.compile(r"\b(?:not|never|no|n't|failed to|refused to|declined to|without)\b[\w\s]{0,12}$", re.IGNORECASE)
# Cues that name a stage outright; relational ones ("cooperate under the X, signed in 2018") leave the relative clause
# to tell the stage.
_STATED_STAGE = re.compile(r"implement|entered into|came into|took effect|in force|extend|renew", re.IGNORECASE)
_NOT_YET = re.compile(r"\b(?:not|never)\s+(?:\w+\s+)?yet\b[\w\s]{0,12}$|\byet to\s+(?:be\s+)?$", re.IGNORECASE)
_AS_PLANNED = re.compile(r"\bas (?:originally |previously )?planned\b", re.IGNORECASE)
_PENDING_ENTRY = re.compile(r"\b(?:early|for the|towards?|pending|awaits?|awaiting|so that|can|to|until)\s+"
                            r"(?:\w+\s+){0,2}$", re.IGNORECASE)
_LAUNCH = re.compile(r"\b(?:launch|start|begin|commence|open|opening)\w*\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
# "X, which was signed", "X (XYZ) entered into force", "X between A and B, signed in 2012, ...", and the
# reduced forms "X signed by the Leaders", "X, now under negotiation", "X remains our main reference"
_RELATIVE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:(?:between|from|in|of|with|for)\s[^,;]{1,80})?"
                       r"(?:,\s*(?:which|that|signed|adopted|concluded|ratified|now|currently|still|already|being|in\s+force"
                       r"|is|are|was|were|has|have|will|would|should|shall|must"  # "the Nice Declaration, is …"
                       r"|the\s+\w+\s+(?:on|of)\s+which)\b"
                       r"|\s*(?:which|that|was|were|is|are|has|have|had|will|would|should|must|did|entered|came|took"
                       r"|to be"
                       r"|remains?|continues|serves|being|now|currently|still|under negotiation)\b"
                       r"|\s*(?:signed|adopted|concluded|ratified|inked|renewed|extended)\s+(?:by|in|on|at|during|last|this|alongside"
                       r"|together|along"
                       r"|with|between|earlier|yesterday|today)\b"
                       # a fact sheet's "Joint Action Plan 2026-2028 adopted, with 46 actions"
                       r"|\s*(?:signed|adopted|concluded|ratified|inked|renewed|extended)(?=\s*(?:[,;.:]|$)))",
                       re.IGNORECASE)
# Relations stated inside a relative clause ("X, which is in line with UNCLOS") concern its object, not X.
_PREPOSITIONAL = re.compile(r"in accordance|in line|pursuant|under(?! negotiation| consideration| preparation)"
                            r"|commitment|adhere|abid|compl|uphold",
                            re.IGNORECASE)
_RELATIONAL = re.compile(_PREPOSITIONAL.pattern + r"|implement(?:s|ing)?\b"
                         r"|launched|use of|utili", re.IGNORECASE)
KNOWN_AS = re.compile(r"(?:\s*\([^)]*\))?,?\s*(?:also |commonly |better )?(?:known as|referred to as|called)"
                       r"\s+(?:the\s+)?", re.IGNORECASE)
_EXAMPLE = re.compile(r",\s*(?:including|such as|notably|in particular|especially|namely)\b", re.IGNORECASE)
# Another instrument's own participle ("the MoU signed in March and the cooperation under Y") is no cue for Y.
_OWN_PARTICIPLE = re.compile(r"(?:\s*\([^)]*\))?,?\s*(signed|adopted|concluded|ratified|inked|issued|agreed|extended"
                             r"|renewed)\b", re.IGNORECASE)
# "the implementation of X ... and of Y": Y shares the word that governs X.
_SHARED = re.compile(r"\b(?:and|or|as well as)\s+(?:of|to|on|for|with|under)\s+(?:the\s+)?$", re.IGNORECASE)
# A signing that is put off leaves the instrument under negotiation (a convention: see the module docstring).
_POSTPONED = re.compile(r"\b(?:postponed|deferred|delayed|put off|pushed back|called off)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:look(?:ed|s|ing)? forward to|authori[sz]\w*|decisions? on|with a view to"
                    r"|paving the way for|in time for|ready for|open(?:ed)? for)\b", re.IGNORECASE)
_LINKED = re.compile(r"\s*(?:(?:and|or)\s+(?:of|the|a|an|its|their|to|in|on|for)\b|including|such as|as well as|namely"
                     r"|together with|along with|alongside"
                     r"|in particular|notably|especially)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|has been|have been|will be|should be|shall be|would be|must be|are to be"
                      r"|is to be|to be|may be|might be|could be|can be|is|are)"
                      r"\s+(?:\w+\s+(?:and|or)\s+)?"  # "should be finalised and signed"
                      r"(signed|adopted|concluded|ratified|inked|exchanged|issued|agreed)\b", re.IGNORECASE)
_PASSIVE_STATUS = {"signed": "signed", "inked": "signed", "exchanged": "signed", "ratified": "signed",
                   "adopted": "adopted", "issued": "adopted", "concluded": "agreed", "agreed": "agreed"}
_PARTICIPLE_STATUS = {**_PASSIVE_STATUS, "issued": "adopted", "extended": "extended", "renewed": "extended"}
# An instrument set first as the topic of what follows: "On the Protocol, the two sides noted …", "X: …"
_TOPIC_FIRST = re.compile(r"^\s*(?:(?:On|Regarding|Concerning|As for|As regards|With regard to|With respect to)"
                          r"\s+)?(?:[Tt]he\s+)?$")
_ITS = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_TOPIC_END = re.compile(r"\s*(?:\([^)]*\)\s*)?[,:]")
_IMPLEMENTED_HERE = re.compile(r"implement(?:s|ing)?\s*(?:[.,;]|$)", re.IGNORECASE)
_NOT_DONE_AFTER = re.compile(r"[^;]{0,200}?\b(?:was|were|has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?"
                             r"(?:signed|concluded|finali[sz]ed|agreed)\b", re.IGNORECASE)
_DECIDED_LAUNCH = re.compile(r"\bdecided\s+to\s+(?:launch|start|begin|open|commence)\b", re.IGNORECASE)
_TALKS = re.compile(r"\b(?:negotiations|talks|consultations)\b", re.IGNORECASE)
_DRAFT_BEFORE = re.compile(r"\bdraft\s+$", re.IGNORECASE)
_NAME_CUES = re.compile(r"\b(?:draft|proposed|planned|prospective|future)\b", re.IGNORECASE)
_HEADLINE_PAST = {"planned": "signed"}
_HEADLINE_VERB = re.compile(r"\b(?:" + "|".join(sorted(HEADLINE_VERBS)) + r")\b")
_JOINERS = frozenset({"", "the", "a", "an", "and", "or",
                      "and the", "or the", "as well as", "as well as the", "and a", "and an", "or a",
                      "or an", "as well as a", "as well as an"})
_DECIDED = re.compile(r"\b(?:agreed|decided|approved)\s+to\s+$")
_CONCLUDED_BY = re.compile(r"\s*,?\s*concluded\s+(?:by|between|among|in|on|at|last|earlier)\b", re.IGNORECASE)
_LIST_WORDS = frozenset({"", "the", "a", "an", "and", "or"})
_FUTURE_PASSIVE = re.compile(r"\b(?:will|to|should|shall|would|must|may|might|could|can) be\b")
_COMMA = re.compile(r"[;,]")
_OF = re.compile(r"\s*of\b")
_LETTERS = re.compile(r"[A-Za-z]+")
_INTENT_CLAUSE = re.compile(r"[;,]|\band\b(?! (?:to|will))")
_TO_BE = re.compile(r"\b(?:to|will) be\s+$")
_DONE = re.compile(r"\b(?:welcomed|noted|since|after)\b")
_NOT_SIGNED = re.compile(r"\bsign", re.IGNORECASE)
_NOT_CONCLUDED = re.compile(r"\b(?:agree|reach|conclude|finali[sz]e)", re.IGNORECASE)
_NEGATED_CUE = re.compile(r"\b(?:not|never|failed to|refused to)\s+(?:\w+\s+)?(?:sign|conclude|adopt|agree|ratify"
                         r"|proceed|reach|go ahead|finali[sz]e)",
                         re.IGNORECASE)


def agreement_status(sentence: str, start: int, end: int, others: list[tuple[int, int]], headline: bool = False) -> str:
    """The status of the instrument mentioned at sentence[start:end].

    `others` are the spans of the other instruments in the sentence, whose own words
    ("Exchange of Notes", "Free Trade Area upgrade") are no cue for this one. In a headline a
    bare verb is the historic present: "X and Y sign MoU" reports a signing.
    """
    if headline:  # "Kenya and Germany Sign Joint Declaration": the title-case verb is the cue
        sentence = _HEADLINE_VERB.sub(lambda m: m.group(0).lower(), sentence)
    named = next(((s, e) for s, e in others if e <= start and KNOWN_AS.fullmatch(sentence, e, start)), None)
    if named:  # "X, known as the 123 Agreement": the second name shares the first one's stage
        rest = [span for span in others if span != named] + [(start, end)]
        return agreement_status(sentence, named[0], named[1], rest, headline)
    text = _blank(sentence, others)
    clause, linked = _clause_start(text, start)
    relative = _relative(text, end)
    if not linked:
        clause = max([clause, *(e for s, e in others if e <= start and not _continues(text[e:start]))])
    cues = _cues(text, clause, start)
    if cues and linked and _PREPOSITIONAL.match(text, cues[-1][1]) and _EXAMPLE.search(text, cues[-1][1], start):
        cues = []  # "in accordance with international law, including UNCLOS": UNCLOS only illustrates the object
    if cues and cues[-1][0] == "implementing" and _ITS.search(text, max(0, cues[-1][1] - 8), cues[-1][1]):
        cues = cues[:-1]  # "contribute to its implementation, including through X": the implementation of another
    if not cues and _TOPIC_FIRST.match(text[:start]) and _TOPIC_END.match(text, end):
        # "On X, the sides noted that negotiations …", "X (BIT): negotiators …"
        cues = _cues(text[:start] + " " * (end - start) + text[end:], end, len(text))[:1]
    before = cues[-1][0] if cues else ""
    if before in ("adopted", "agreed") and _DRAFT_BEFORE.search(sentence, max(0, start - 7), start):
        before = "planned"  # "approved the draft Joint Action Plan": its text, not yet the instrument
    if before and headline and not is_future(text[:start]):
        before = _HEADLINE_PAST.get(before, before)
    if relative == "planned" and before and _RELATIONAL.match(text, cues[-1][1]):
        return "planned"  # "commitment to X, which they look forward to signing": not in force yet
    if relative and not before and _NOT_DONE_AFTER.match(text, end):
        return "negotiating"  # "the loan agreement … was not signed during the visit": still open
    if relative and relative != "planned":
        if before and _STAGE[before] > _STAGE[relative] and _STATED_STAGE.match(text, cues[-1][1]):
            relative = before  # "the implementation of X, signed in 2023": the stage reached since
        return _put_off(text, clause, relative)
    if before:
        return _put_off(text, clause, before)
    negated = _NEGATED_CUE.search(text[clause:start])
    if negated:
        later = _cues(text, end, len(text))
        if _NOT_SIGNED.search(negated.group(0)):
            later = [cue for cue in later if cue[0] != "signed"]  # "whose signing had been envisaged": no signing
        if later and later[0][0] == "planned" and _NOT_CONCLUDED.match(text, later[0][1]):
            return "negotiating"  # "did not sign X, but agreed to finalise it": its text is still open
        if later:
            return later[0][0]
        if _NOT_CONCLUDED.search(negated.group(0)) or _NOT_SIGNED.search(negated.group(0)):
            return "negotiating"  # "did not reach agreement on", "did not sign": the text is still open
    if _NOT_DONE_AFTER.match(text, end):
        return "negotiating"  # "X, for up to US$ 500 million, was not signed during the visit": still open
    passive = _PASSIVE.search(text, end)
    if passive:  # "The agreements, which include X, Y and Z, were signed by ..."
        return "planned" if _FUTURE_PASSIVE.search(passive.group(0)) else _PASSIVE_STATUS[passive.group(1)]
    own = _NAME_CUES.search(sentence[start:end])
    if own:
        return "negotiating" if own.group(0).lower() == "draft" else "planned"
    return relative or "mentioned"


def _relative(text: str, end: int) -> str:
    """The most advanced stage a relative clause right after the mention states, or ""."""
    if not _RELATIVE.match(text[end:]):
        return ""
    if _CONCLUDED_BY.match(text, end):
        return "agreed"  # "the Framework concluded by Malaysia, Singapore and Thailand"
    # "X, which implements Y": a relation to Y; "X, which the ministries signed and are now implementing": X's stage
    statuses = [s for s, at in _cues(text, end, len(text))
                if not _RELATIONAL.match(text, at) or _IMPLEMENTED_HERE.match(text, at)]
    participle = _OWN_PARTICIPLE.match(text, end)
    if participle:  # "the roadmap adopted in Rabat", "the MoU, signed in 2019,"
        statuses.append(_PARTICIPLE_STATUS[participle.group(1).lower()])
    passive = _PASSIVE.match(text, end) or _PASSIVE.search(text[: end + 60], end)
    if passive and _FUTURE_PASSIVE.search(passive.group(0)):
        return "planned"  # "X should be finalised and signed during the visit": the signing is to come
    if passive:  # "the text of which was agreed in May"
        statuses.append(_PASSIVE_STATUS[passive.group(1).lower()])
    return max(statuses, key=lambda s: _STAGE[s]) if statuses else ""


def _continues(between: str) -> bool:
    """Whether a mention only continues the phrase of the instrument before it ("X and the Y", "of X and of Y")."""
    return between.strip(" ,") in _JOINERS or bool(_SHARED.search(between))


def _put_off(text: str, clause: int, status: str) -> str:
    """"The signing of X has been postponed": a signing that did not happen leaves X under negotiation."""
    if status not in ("signed", "adopted", "planned"):
        return status
    rest = text[clause:].split(";")[0]
    return "negotiating" if _POSTPONED.search(rest) else status


def _clause_start(text: str, start: int) -> tuple[int, bool]:
    """Start of the clause governing a mention, and whether its own clause only continues a list.

    "..., and of a Memorandum", "..., including a protocol" reach back to the clause before.
    """
    bounds = [0, *(m.end() for m in _COMMA.finditer(text, 0, start))]
    i = len(bounds) - 1
    if i >= 2 and _OF.match(text, bounds[i], start):
        i -= 2  # "the signing, in the presence of the Leaders, of X": the aside splits the noun from its object
    linked = bool(_LINKED.match(text[bounds[i] : start]))
    while i > 0 and (_LINKED.match(text[bounds[i] : start]) or _few_words(text[bounds[i] : start])):
        if text[bounds[i] - 1] == ";":
            break
        i -= 1
    return bounds[i], linked


def _few_words(segment: str) -> bool:
    """A stretch of under three words once list joiners and blanked instruments are set aside."""
    return sum(w.strip(",") not in _LIST_WORDS for w in segment.split()) < 3


def _blank(sentence: str, spans: list[tuple[int, int]]) -> str:
    text = _AS_PLANNED.sub(lambda m: " " * len(m.group(0)), sentence)
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
        own = _OWN_PARTICIPLE.match(text, e)
        if own:  # "the MoU signed in March": that signing is the other instrument's
            text = text[: own.start(1)] + " " * len(own.group(1)) + text[own.end(1) :]
    return text


def _cues(window: str, start: int, end: int) -> list[tuple[str, int]]:
    """(status, position) of the non-negated cues in window[start:end], in order."""
    window = window[:end]
    lower = gate_lower(window[start:])
    found: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, words, pattern in _CUES:
        if lower is not None and not any(map(lower.__contains__, words)):
            continue
        for match in pattern.finditer(window, start):
            if any(s <= match.start() < e for s, e in taken) or _is_proper_word(window, match.start()):
                continue
            taken.append(match.span())
            status = _resolve(kind, window, match)
            if status:
                found.append((status, match.start()))
    return sorted(found, key=lambda item: item[1])


def _is_proper_word(text: str, start: int) -> bool:
    """"North-South Commuter Railway Extension Project": a capitalised word inside a name is no cue.

    A word in capitals ("The Assembly ADOPTS") is the operative verb of a communiqué, not a name.
    """
    word = _LETTERS.match(text, start)
    if word and len(word.group(0)) > 3 and word.group(0).isupper():
        return False
    return text[start].isupper() and bool(text[:start].strip(" \"“(")) and text[start - 2 : start] != ". "


def _resolve(kind: str, text: str, match: re.Match[str]) -> str | None:
    before = text[: match.start()]
    if _NOT_YET.search(before[-24:]):  # a stage "not yet" reached: the one before it is
        return "signed" if kind == "entry" or match.group(0).lower().startswith("ratif") else "negotiating"
    if _NEGATION.search(before[-24:]):
        return None
    if kind == "implementing" and match.group(0).lower() == "launched" and _TALKS.search(before[-40:]):
        return "negotiating"  # "negotiations on which were launched last year" are still under way
    if kind == "entry":
        pending = _PENDING_ENTRY.search(before[-30:]) or match.group(0).lower().startswith("enter")
        return "signed" if pending else "implementing"
    if kind == "negotiating" and _LAUNCH.search(before[-30:]) and is_future(before[-80:]):
        # "decided to launch negotiations": the decision opens them; "agreed to launch", "will launch": ahead
        return "negotiating" if _DECIDED_LAUNCH.search(before[-40:]) else "planned"
    if kind == "extended" and _DECIDED.search(before[-30:]):
        return "extended"  # "agreed to extend the MoU for a further five years": the decision extends it
    if kind in ("signed", "adopted", "agreed", "extended", "planned") and _is_intended(before):
        return "planned"
    return "implementing" if kind == "implementing" else kind


def _is_intended(before: str) -> bool:
    """"will sign", "expected to adopt", "plans to sign": the act still lies ahead."""
    clause = _INTENT_CLAUSE.split(before[-60:])[-1]
    if _AHEAD.search(clause) or _TO_BE.search(clause):  # "looked forward to its signing"
        return True
    return is_future(clause) and not _DONE.search(clause)
