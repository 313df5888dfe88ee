"""Meetings: table-driven cases from extraction_cases/meetings.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.extract import extract_mentions
from monitor.records import MeetingMention

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "meetings.json").read_text(encoding="utf-8"))["cases"]


def _fits(item: MeetingMention, expected: dict[str, Any]) -> bool:
    if item.kind != expected["kind"]:
        return False
    if "name" in expected and expected["name"].lower() not in item.name.lower():
        return False
    if "name_lacks" in expected and expected["name_lacks"].lower() in item.name.lower():
        return False
    said = " ".join(item.participants).lower()
    if any(p.lower() not in said for p in expected.get("participants", [])):
        return False
    if expected.get("no_one_else") and len(item.participants) != len(expected["participants"]):
        return False
    if "place" in expected and expected["place"].lower() not in (item.place or "").lower():
        return False
    return "date" not in expected or item.date == expected["date"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_meetings(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if "published" in case else None
    items = list(extract_mentions(case["text"], published=published).meetings)
    shown = [(m.kind, m.name, m.participants, m.place, m.date) for m in items]
    unmatched = list(items)
    for expected in case["expect"]:
        match = next((m for m in unmatched if _fits(m, expected)), None)
        assert match is not None, f"nothing fits {expected} in {shown}"
        unmatched.remove(match)
    if "count" in case:
        assert len(items) == case["count"], shown
    for item in items:
        assert item.sentence in case["text"]
