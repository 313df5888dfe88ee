"""Cross-statement memory: resolve each mention to a known entity, or remember a new one.

`Memory` is loaded once per check from the `entities` table, indexed in memory so that a
mention is compared only with entities that share a word, an acronym or a value, and
written back through the same session (the check's one transaction).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.matching import (
    MEETING_GENERIC,
    acronym_of,
    content_tokens,
    figure_context,
    is_about,
    is_acronym,
    made_with,
    name_countries,
    parties_conflict,
    party_countries,
    related_figure_subject,
    same_agreement,
    same_figure_context,
    same_figure_sentence,
    same_figure_subject,
    same_meeting,
    same_value,
    words,
)
from monitor.models import Entity

# How far an agreement has come; a mention that moves it forward is a change worth telling.
STATUS_RANK = {"mentioned": 0, "planned": 1, "negotiating": 2, "agreed": 3, "signed": 4, "adopted": 4,
               "implementing": 5, "extended": 6}


@dataclass(frozen=True, kw_only=True)
class Resolution:
    entity_id: int
    is_new: bool
    first_seen: dict[str, Any] | None  # where a known entity was first seen
    change: dict[str, Any] | None  # what changed in a known entity


@dataclass(frozen=True, kw_only=True)
class Origin:
    """Where a mention comes from, remembered as the entity's first sighting."""

    statement_id: int
    url: str
    published: date | None
    now: datetime


class Memory:
    """Known entities of every site, indexed for resolution."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.entities: dict[int, Entity] = {}
        self.index: dict[str, set[int]] = defaultdict(set)
        for entity in session.scalars(select(Entity)):
            self._remember(entity)

    def resolve(self, kind: str, mention: dict[str, Any], origin: Origin) -> Resolution:
        known = self._find(kind, mention)
        if known is None:
            return self._create(kind, mention, origin)
        entity, change = known
        first_seen = _first_seen(entity)
        self._update(entity, kind, mention, change, origin)
        is_new = kind == "figure" and change is not None  # a new value is news; a new status is a change
        return Resolution(entity_id=entity.id, is_new=is_new, first_seen=first_seen, change=change)

    def recall(self, entity_id: int, origin: Origin) -> Resolution:
        """A mention the previous version of the same statement already made: known, unchanged."""
        entity = self.entities[entity_id]
        entity.last_seen_at = origin.now
        return Resolution(entity_id=entity_id, is_new=False, first_seen=_first_seen(entity), change=None)

    def _find(self, kind: str, mention: dict[str, Any]) -> tuple[Entity, dict[str, Any] | None] | None:
        candidates = [self.entities[i] for i in sorted(self._candidates(kind, mention))]
        if kind == "agreement":
            return _find_agreement(mention, candidates)
        if kind == "meeting":
            return _find_meeting(mention, candidates)
        return _find_figure(mention, candidates)

    def _candidates(self, kind: str, mention: dict[str, Any]) -> set[int]:
        found: set[int] = set()
        for key in _index_keys(kind, mention, probing=True):
            found |= self.index.get(key, set())
        return found

    def _create(self, kind: str, mention: dict[str, Any], origin: Origin) -> Resolution:
        data = _entity_data(kind, mention)
        entity = Entity(kind=kind, key=_entity_key(kind, mention)[:500], name=_entity_name(kind, mention),
                        data=data, first_statement_id=origin.statement_id, first_url=origin.url,
                        first_published=origin.published, first_seen_at=origin.now, last_seen_at=origin.now,
                        mention_count=1)
        self.session.add(entity)
        self.session.flush()
        self._remember(entity)
        return Resolution(entity_id=entity.id, is_new=True, first_seen=None, change=None)

    def _update(self, entity: Entity, kind: str, mention: dict[str, Any], change: dict[str, Any] | None,
                origin: Origin) -> None:
        data = dict(entity.data)
        if kind == "agreement":
            names = {n for n in [*data.get("aliases", []), mention["name"], *mention.get("aliases", [])]
                     if n and n != data["name"]}
            data["aliases"] = sorted(names)
        for field, values in (change or {}).items():
            if field in data and isinstance(values, dict) and "to" in values:
                data[field] = values["to"]
        if kind == "figure" and change:
            data["history"] = [*(data.get("history") or [entity.data["value"]]), mention["value"]]
        entity.data = data
        entity.last_seen_at = origin.now
        entity.mention_count += 1
        self._remember(entity)

    def _remember(self, entity: Entity) -> None:
        self.entities[entity.id] = entity
        for key in _index_keys(entity.kind, entity.data, probing=False):
            self.index[key].add(entity.id)


def _first_seen(entity: Entity) -> dict[str, Any]:
    return {"url": entity.first_url,
            "published": entity.first_published.isoformat() if entity.first_published else None}


def _find_agreement(mention: dict[str, Any], candidates: list[Entity]) -> tuple[Entity, dict[str, Any] | None] | None:
    partner = made_with(str(mention["name"]))
    if partner:  # "the MoU signed with the AUC": the latest such instrument made with that party
        made = [e for e in candidates if e.data.get("kind") == mention.get("kind") and partner <= content_tokens(
            " ".join(map(str, e.data.get("parties") or [])), frozenset())]
        if made:
            return made[-1], _status_change(made[-1].data, mention)
    own = _named_countries(mention)
    for entity in candidates:
        data = entity.data
        if _other_pair(own, _named_countries(data), party_countries(list(data.get("parties") or []))):
            continue
        described = is_about(str(mention["name"])) or is_about(str(data["name"]))
        # parties tell apart instruments described by topic ("an MoU on fisheries"); a proper name
        # ("the Five-Point Consensus") is one instrument whoever the sentence mentions beside it
        if described and parties_conflict(list(mention.get("parties") or []), list(data.get("parties") or [])):
            continue
        if _distinct_kinds(str(mention.get("kind")), str(data.get("kind"))):
            continue
        if same_agreement(mention["name"], list(mention.get("aliases", [])), data["name"], data.get("aliases", [])):
            return entity, _status_change(data, mention)
    return None


def _status_change(known: dict[str, Any], mention: dict[str, Any]) -> dict[str, Any] | None:
    old, new = known.get("status", "mentioned"), mention.get("status", "mentioned")
    moved = STATUS_RANK.get(new, 0) > STATUS_RANK.get(old, 0) and new != "mentioned"
    return {"status": {"from": old, "to": new}} if moved else None


def _named_countries(data: dict[str, Any]) -> frozenset[str]:
    return frozenset().union(*(name_countries(str(n)) for n in [data.get("name", ""), *data.get("aliases", [])]))


def _other_pair(mine: frozenset[str], theirs: frozenset[str], their_parties: frozenset[str]) -> bool:
    """"the Canada-Philippines SOVFA" is not the Philippines-New Zealand one: names that carry
    countries must carry the same; a name with two of them needs both among the other's parties."""
    if mine and theirs:
        return mine != theirs
    if len(mine) >= 2 and their_parties:
        return not mine <= their_parties
    return False


# A memorandum is never the treaty, agreement or protocol on the same subject.
_BINDING = frozenset({"agreement", "treaty", "protocol"})


def _distinct_kinds(left: str, right: str) -> bool:
    return "mou" in (left, right) and bool({left, right} & _BINDING)


def _find_meeting(mention: dict[str, Any], candidates: list[Entity]) -> tuple[Entity, dict[str, Any] | None] | None:
    for entity in candidates:
        if same_meeting(mention, entity.data):
            change = {}
            for field in ("date", "place"):
                old, new = entity.data.get(field), mention.get(field)
                if old and new and old != new and not str(old).startswith(str(new)):
                    change[field] = {"from": old, "to": new}
                elif new and not old:
                    entity.data = {**entity.data, field: new}
            return entity, (change or None)
    return None


def _find_figure(mention: dict[str, Any], candidates: list[Entity]) -> tuple[Entity, dict[str, Any] | None] | None:
    value, unit, subject = float(mention["value"]), str(mention["unit"]), str(mention.get("subject", ""))
    context = figure_context(str(mention.get("sentence") or ""), str(mention.get("text") or ""))
    same_quantity = [e for e in candidates if e.data["unit"].lower() == unit.lower()]
    for entity in same_quantity:
        # Any value this quantity ever had: a figure quoted again after an update is not news.
        values = [float(v) for v in entity.data.get("history") or [entity.data["value"]]]
        if any(same_value(value, v) for v in values) and (
                related_figure_subject(subject, entity.data["subject"], unit)
                or same_figure_context(context, figure_context(str(entity.data.get("sentence") or ""),
                                                               str(entity.data.get("text") or "")), value)
                or same_figure_sentence(str(mention.get("sentence") or ""), str(entity.data.get("sentence") or ""))):
            return entity, None
    for entity in same_quantity:
        if same_figure_subject(subject, unit, entity.data["subject"], entity.data["unit"]):
            return entity, {"value": {"from": entity.data["value"], "to": mention["value"]}}
    return None


def _index_keys(kind: str, data: dict[str, Any], *, probing: bool) -> set[str]:
    if kind == "agreement":
        return _agreement_keys(data, probing=probing)
    if kind == "meeting":
        names = " ".join(map(str, data.get("participants") or []))
        tokens = content_tokens(f"{data.get('name', '')} {names}", MEETING_GENERIC)
        # a meeting with a generic name ("the Annual Leaders' Meeting") is found by where it was held
        places = content_tokens(str(data.get("place") or ""), frozenset())
        return {f"m:{t}" for t in tokens} | {f"mp:{t}" for t in places}
    unit = str(data.get("unit", "")).lower()
    return {f"f:{unit}:{t}" for t in content_tokens(str(data.get("subject", "")), frozenset())} | {
        f"f:{unit}:value:{float(data.get('value', 0)):.6g}"}


def _agreement_keys(data: dict[str, Any], *, probing: bool) -> set[str]:
    """Index keys: content words and acronyms; by first initial only to let an acronym find a full name."""
    keys: set[str] = set()
    for name in [data.get("name", ""), *data.get("aliases", [])]:
        if not name:
            continue
        if is_acronym(name):
            keys.add(f"acr:{name.strip().upper()}")
            keys.add(f"init:{name.strip()[0].upper()}")
            continue
        keys |= {f"a:{t}" for t in content_tokens(name)}
        # by party, for "the MoU signed with the AUC"
        keys |= {f"p:{t}" for t in made_with(name)} if probing else {
            f"p:{t}" for t in content_tokens(" ".join(map(str, data.get("parties") or [])), frozenset())}
        keys |= {f"acr:{a}" for a in acronym_of(name)}
        first = next((w for w in words(name) if w not in ("the", "a", "an") and not w.isdigit()), "")  # not "1982"
        if first and not probing:
            keys.add(f"init:{first[0].upper()}")
    return keys


def _entity_data(kind: str, mention: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "agreement": ("name", "aliases", "kind", "status", "parties"),
        "meeting": ("name", "kind", "participants", "place", "date", "countries"),
        "figure": ("value", "unit", "subject", "text", "sentence"),
    }[kind]
    return {f: mention.get(f) for f in fields}


def _entity_name(kind: str, mention: dict[str, Any]) -> str:
    if kind == "figure":
        return f"{mention.get('text', '')} ({mention.get('subject', '')})"
    return str(mention.get("name", ""))


def _entity_key(kind: str, mention: dict[str, Any]) -> str:
    if kind == "figure":
        return f"{mention.get('unit')}:{float(mention.get('value', 0)):.6g}"
    return " ".join(sorted(content_tokens(str(mention.get("name", ""))))) or str(mention.get("name", "")).lower()
