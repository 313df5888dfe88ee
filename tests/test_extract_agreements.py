"""Agreements: table-driven cases from extraction_cases/agreements.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.extract import extract_mentions
from monitor.records import AgreementMention

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "agreements.json").read_text(encoding="utf-8"))["cases"]


def _describe(items: tuple[AgreementMention, ...]) -> list[tuple[str, str, str]]:
    return [(a.name, a.kind, a.status) for a in items]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_agreements(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if "published" in case else None
    items = extract_mentions(case["text"], published=published).agreements
    for expected in case["expect"]:
        matches = [a for a in items if expected["name"].lower() in " ".join([a.name, *a.aliases]).lower()]
        assert matches, f"no agreement named like {expected['name']!r} in {_describe(items)}"
        assert matches[0].kind == expected["kind"], _describe(items)
        if "status" in expected:
            assert matches[0].status == expected["status"], _describe(items)
        if "alias" in expected:
            assert expected["alias"] in matches[0].aliases, matches[0].aliases
    for absent in case.get("absent", []):
        assert not any(absent.lower() in a.name.lower() for a in items), _describe(items)
    if case.get("only"):
        assert len(items) == len(case["expect"]), _describe(items)
    for item in items:
        assert item.sentence in case["text"]


def test_parties_are_states_behind_their_governments_and_blocs_behind_their_organs() -> None:
    text = ("Addis Ababa, Ethiopia, 20 February 2025 – The African Union Commission (AUC) and the Government of the "
            "Republic of Singapore have signed a Memorandum of Understanding on Technical Cooperation.")
    [agreement] = extract_mentions(text).agreements
    assert agreement.parties == ("African Union Commission", "Singapore")  # not Ethiopia, the dateline's country
