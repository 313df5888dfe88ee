"""Sentence splitting and main-text lines: table-driven cases from extraction_cases/sentences.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from monitor.extract.boilerplate import main_lines
from monitor.extract.sentences import MAX_SENTENCE, split_sentences

CASES = json.loads((Path(__file__).parent / "extraction_cases" / "sentences.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sentences(case: dict[str, Any]) -> None:
    text = case["text"]
    sentences = split_sentences(text, main_lines(text))
    assert [s.text for s in sentences] == case["expect"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_run_on_text_is_cut_into_bounded_pieces() -> None:
    text = "word " * 5000
    sentences = split_sentences(text, main_lines(text))
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
