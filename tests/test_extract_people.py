"""People: table-driven cases from extraction_cases/people.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from monitor.extract.statement import read_statement

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "people.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_people(case: dict[str, Any]) -> None:
    statement = read_statement(case["text"])
    for index, names in case["expect"].items():
        sentence = statement.sentences[int(index)]
        assert sorted(p.name for p in statement.people_in(sentence)) == sorted(names)
