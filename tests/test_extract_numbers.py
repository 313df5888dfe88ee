"""Number reading: table-driven cases from extraction_cases/numbers.json."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from monitor.extract.numbers import find_numbers

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "numbers.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_numbers(case: dict[str, Any]) -> None:
    text = case["text"]
    found = [(text[n.start : n.end], n.value) for n in find_numbers(text)]
    assert len(found) == len(case["expect"]), found
    for (span, value), (want_span, want_value) in zip(found, case["expect"], strict=True):
        assert span == want_span
        assert math.isclose(value, want_value)


def test_hyphen_compound_is_marked() -> None:
    (number,) = find_numbers("a two-day visit")
    assert number.hyphenated
    assert number.spelled
