"""Figures: table-driven cases from extraction_cases/figures.json."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from monitor.extract import extract_mentions

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "figures.json").read_text(encoding="utf-8"))["cases"]


def _same(found: list[tuple[float, str]], expected: list[list[Any]]) -> bool:
    remaining = list(found)
    for value, unit in expected:
        match = next((f for f in remaining if f[1] == unit and math.isclose(f[0], value, rel_tol=1e-9)), None)
        if match is None:
            return False
        remaining.remove(match)
    return not remaining


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_figures(case: dict[str, Any]) -> None:
    figures = extract_mentions(case["text"]).figures
    found = [(f.value, f.unit) for f in figures]
    assert _same(found, case["expect"]), f"found {found}, expected {case['expect']}"
    for figure in figures:
        assert figure.sentence in case["text"]
        assert figure.text in figure.sentence


def test_same_figure_twice_is_one_item() -> None:
    text = "Some 3 million doses arrived in May. The 3 million doses were distributed in June."
    assert [(f.value, f.unit) for f in extract_mentions(text).figures] == [(3000000, "dose")]


def test_range_bounds_carry_the_whole_range_as_text() -> None:
    figures = extract_mentions("Output will be between 3 and 4 million tonnes.").figures
    assert {f.text for f in figures} == {"3 and 4 million tonnes"}


def test_bare_dollar_follows_the_statement_currency() -> None:
    text = "Australia will provide A$50 million and an additional $12 million to support teachers."
    assert [(f.value, f.unit) for f in extract_mentions(text).figures] == [(50000000, "AUD"), (12000000, "AUD")]


def test_boilerplate_after_the_body_is_ignored() -> None:
    text = ("Officials said exports reached 912,000 tonnes in the first eight months of the year.\n\n"
            "Related news\n\nCity budget of 26.55 billion yuan approved for 241 hospitals")
    assert [(f.value, f.unit) for f in extract_mentions(text).figures] == [(912000, "tonne")]
