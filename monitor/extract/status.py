"""The status of an agreement mention, read from the verbs around it.

Mapping (the gold statuses):

- signed: "signed", "the signing of", "inked", "ratified", "awaits ratification", and an entry
  into force still to come ("work for the early entry into force of X");
- adopted: "adopted", "the adoption of", "issued", "endorsed", "approved";
- agreed: "concluded negotiations on", "reached agreement on", "finalised";
- negotiating: "negotiations on", "consultations on", "efforts to conclude", "early conclusion
  of", "round of talks", "under negotiation", "upgrading";
- planned: any of the above in the future or as an intention ("will sign", "expected to adopt",
  "plans to sign", "agreed to explore", "at an early date", "proposed"), a bare "sign", and a
  future launch of negotiations ("expected to announce the launch of negotiations on X");
- implementing: "implementation of", "entered into force", "came into effect", "in force",
  "upholding", "under the";
- extended: "extended", "renewed";
- mentioned: none of these.

A negated cue ("did not sign", "did not enter into force") counts for nothing; "not yet signed"
means planned. Cues in a relative clause right after the mention ("X, which was signed in
2018", "X, signed in 2012, entered into force in 2016") win over cues before it, and among them
the most advanced stage wins; otherwise the nearest cue before the mention decides.
"""

from __future__ import annotations

import re

from monitor.extract.modality import is_future

_STAGE = {"planned": 1, "negotiating": 2, "agreed": 3, "signed": 4, "adopted": 4, "extended": 5, "implementing": 6}

_CUES: list[tuple[str, re.Pattern[str]]] = [
    (status, re.compile(pattern, re.IGNORECASE))
    for status, pattern in (
        ("entry", r"\b(?:entry into force|enter(?:s)? into force)\b"),
        ("implementing", r"\b(?:implement\w*|entered into force|came into (?:force|effect)|took effect|in force"
                         r"|launched|commitment to"
                         r"|in effect|upholding|uphold|adhere\w* to|abid\w* by|compl(?:y|ied|ies|iance) with|amended"
                         r"|in accordance with|in line with|pursuant to|under the|operational"
                         r"|effective since|in place)\b"),
        ("negotiating", r"\bearly conclusion\b"),
        ("agreed", r"\b(?:(?:substantively )?concluded (?:the )?negotiations|conclusion of (?:the )?negotiations"
                   r"|reached (?:an? )?agreement"
                   r"|finali[sz]ed|agreed (?:on|upon))\b"),
        ("negotiating", r"\b(?:negotiat\w*|consultations? (?:on|for|over)|talks (?:on|over|for|will|continue)"
                        r"|talks\b(?= will)|under negotiation|round of (?:negotiations|talks)|efforts to conclude"
                        r"|conclusion of|upgrad(?:e|ing)|drafting|working (?:on|towards?)|review of"
                        r"|(?:speed up|accelerate|intensify|step up|expedite) (?:the )?(?:work|efforts|talks) on"
                        r"|(?:further|continued|continue|more) (?:consultations|negotiations|talks)"
                        r"|(?:aim|agreed|strive|work)s? to conclude|to conclude (?:the |a |an )?negotiations)\b"),
        ("signed", r"\b(?:signed|signs|signing|inked|ratif\w+|exchanged|witnessed the exchange)\b"),
        # Communiqués state decisions in the present tense: "The Assembly ADOPTS the Protocol".
        ("adopted", r"\b(?:adopted|adopts|adoption|issued|endorsed|endorses|approved|approves|unveiled)\b"),
        ("extended", r"\b(?:extended|extending|extension|renewed|renewal|prolonged)\b"),
        ("planned", r"\b(?:sign|adopt|ink|conclude|finali[sz]e|explore|exchange|witness|to be signed"
                    r"|proposed|planned|prospective|at an early date|not yet signed|yet to be signed)\b"),
    )
]
_NEGATION = re.compile(r"\b(?:not|never|no|n't|failed to|refused to|declined to|without)\b[\w\s]{0,12}$", re.IGNORECASE)
_AS_PLANNED = re.compile(r"\bas (?:originally |previously )?planned\b", re.IGNORECASE)
_PENDING_ENTRY = re.compile(r"\b(?:early|for the|towards?|pending|awaits?|awaiting|so that|can|to|until)\s+"
                            r"(?:\w+\s+){0,2}$", re.IGNORECASE)
_LAUNCH = re.compile(r"\b(?:launch|start|begin|commence|open|opening)\w*\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
# "X, which was signed", "X (XYZ) entered into force", "X between A and B, signed in 2012, ..."
_RELATIVE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:(?:between|from|in|of|with|for)\s[^,;]{1,80})?"
                       r"(?:,\s*(?:which|that|signed|adopted|concluded|ratified|the\s+\w+\s+(?:on|of)\s+which)\b|\s*(?:which|that|was|were|is|are|has|have|had|will|would|did|entered|came|took)\b)",
                       re.IGNORECASE)
_LINKED = re.compile(r"\s*(?:(?:and|or)\s+(?:of|the|a|an|its|their|to|in|on|for)\b|including|such as|as well as|namely"
                     r"|in particular|notably|especially)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|has been|have been|will be|are to be|is to be)\s+"
                      r"(signed|adopted|concluded|ratified|inked|exchanged|issued)\b", re.IGNORECASE)
_PASSIVE_STATUS = {"signed": "signed", "inked": "signed", "exchanged": "signed", "ratified": "signed",
                   "adopted": "adopted", "issued": "adopted", "concluded": "agreed"}
_TALKS = re.compile(r"\b(?:negotiations|talks|consultations)\b", re.IGNORECASE)
_NAME_CUES = re.compile(r"\b(?:draft|proposed|planned|prospective|future)\b", re.IGNORECASE)
_HEADLINE_PAST = {"planned": "signed"}
_JOINERS = frozenset({"", "and", "or", "and the", "or the", "as well as", "as well as the", "and a", "and an", "or a",
                      "or an", "as well as a", "as well as an"})
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
    text = _blank(sentence, others)
    relative = ""
    if _RELATIVE.match(text[end:]):
        statuses = [s for s, _ in _cues(text, end, len(text))]
        relative = max(statuses, key=lambda s: _STAGE[s]) if statuses else ""
        if relative and relative != "planned":
            return relative
    clause, linked = _clause_start(text, start)
    if not linked:
        clause = max([clause, *(e for s, e in others if e <= start and text[e:start].strip(" ,") not in _JOINERS)])
    cues = _cues(text, clause, start)
    if cues:
        status = cues[-1][0]
        return _HEADLINE_PAST.get(status, status) if headline and not is_future(text[:start]) else status
    negated = _NEGATED_CUE.search(text[clause:start])
    if negated:
        later = _cues(text, end, len(text))
        if later:
            return later[0][0]
        if _NOT_CONCLUDED.search(negated.group(0)):
            return "negotiating"  # "did not reach agreement on", "failed to agree on": talks go on
    passive = _PASSIVE.search(text, end)
    if passive:  # "The agreements, which include X, Y and Z, were signed by ..."
        return "planned" if re.search(r"\b(?:will|to) be\b", passive.group(0)) else _PASSIVE_STATUS[passive.group(1)]
    own = _NAME_CUES.search(sentence[start:end])
    if own:
        return "negotiating" if own.group(0).lower() == "draft" else "planned"
    return relative or "mentioned"


def _clause_start(text: str, start: int) -> tuple[int, bool]:
    """Start of the clause governing a mention, and whether its own clause only continues a list.

    "..., and of a Memorandum", "..., including a protocol" reach back to the clause before.
    """
    bounds = [0, *(m.end() for m in re.finditer(r"[;,]", text[:start]))]
    i = len(bounds) - 1
    linked = bool(_LINKED.match(text[bounds[i] : start]))
    while i > 0 and (_LINKED.match(text[bounds[i] : start]) or len(text[bounds[i] : start].split()) < 3):
        if text[bounds[i] - 1] == ";":
            break
        i -= 1
    return bounds[i], linked


def _blank(sentence: str, spans: list[tuple[int, int]]) -> str:
    text = _AS_PLANNED.sub(lambda m: " " * len(m.group(0)), sentence)
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _cues(window: str, start: int, end: int) -> list[tuple[str, int]]:
    """(status, position) of the non-negated cues in window[start:end], in order."""
    window = window[:end]
    found: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _CUES:
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
    word = re.match(r"[A-Za-z]+", text[start:])
    if word and len(word.group(0)) > 3 and word.group(0).isupper():
        return False
    return text[start].isupper() and bool(text[:start].strip(" \"“(")) and text[start - 2 : start] != ". "


def _resolve(kind: str, text: str, match: re.Match[str]) -> str | None:
    before = text[: match.start()]
    if _NEGATION.search(before[-24:]):
        return "planned" if re.search(r"\byet\b", text[match.start() - 16 : match.end() + 4]) else None
    if kind == "implementing" and match.group(0).lower() == "launched" and _TALKS.search(before[-40:]):
        return "negotiating"  # "negotiations on which were launched last year" are still under way
    if kind == "entry":
        pending = _PENDING_ENTRY.search(before[-30:]) or match.group(0).lower().startswith("enter")
        return "signed" if pending else "implementing"
    if kind == "negotiating" and _LAUNCH.search(before[-30:]) and is_future(before[-80:]):
        return "planned"
    if kind in ("signed", "adopted", "agreed", "extended", "planned") and _is_intended(before):
        return "planned"
    return "implementing" if kind == "implementing" else kind


def _is_intended(before: str) -> bool:
    """"will sign", "expected to adopt", "plans to sign": the act still lies ahead."""
    clause = re.split(r"[;,]|\band\b(?! (?:to|will))", before[-60:])[-1]
    return is_future(clause) and not re.search(r"\b(?:welcomed|noted|since|after)\b", clause)
