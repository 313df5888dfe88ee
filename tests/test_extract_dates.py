"""Dates: table-driven cases from extraction_cases/dates.json, and the publication date of a text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from monitor.extract.boilerplate import main_lines
from monitor.extract.dateline import find_published
from monitor.extract.dates import find_dates

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "dates.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dates(case: dict[str, Any]) -> None:
    published = date.fromisoformat(case["published"]) if "published" in case else None
    text = case["text"]
    found = [[text[d.start : d.end], d.value] for d in find_dates(text, published)]
    assert found == case["expect"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Headline\n\nNovember 14, 2023\n\nBody text that is long enough to count.", "2023-11-14", id="date-line"),
        pytest.param("Headline\nRelease time:Apr 16, 2024 18:05 PM\nBody.", "2024-04-16", id="labelled"),
        pytest.param("Headline\n\nJAKARTA, 9 March 2023 - Indonesia and Peru met.", "2023-03-09", id="dateline-prefix"),
        pytest.param("VISIT, 8 - 10 AUGUST 2023\n\nThe minister will visit Seoul for talks.\n\nKUALA LUMPUR\n2 August 2023",
                     "2023-08-02", id="date-at-the-bottom"),
        pytest.param("Headline\n\nThe minister met his counterpart on 6 September 2023 in Jakarta.", None, id="date-in-body-only"),
        pytest.param("Headline\n\nNews release\nFebruary 23, 2025 - Ottawa, Ontario - Global Affairs Canada\n\nBody.",
                     "2025-02-23", id="date-then-place-and-agency"),
        pytest.param("Press Conference\n\nTuesday, June 10, 2025, 4:05 p.m., Press Room\n\nBody.", "2025-06-10",
                     id="weekday-date-and-time"),
        pytest.param("COMMUNIQUE\n\nAccra, 18 - 20 March 2025\n\nBody.\n\nDone at Accra, this 20th day of March 2025.",
                     "2025-03-20", id="done-at-formula"),
        pytest.param("COMMUNIQUE\n\nAccra, 18 - 20 March 2025\n\nThe session was held in Accra.", "2025-03-20",
                     id="range-line-last-resort"),
    ],
)
def test_published(text: str, expected: str | None) -> None:
    found = find_published(text, main_lines(text))
    assert (found.isoformat() if found else None) == expected
