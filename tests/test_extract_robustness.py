"""Any input gives a clean Extraction quickly: empty, junk, foreign, huge, or built to trip regexes."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from monitor.extract import MAX_CHARS, extract_mentions
from monitor.records import Extraction

CORPUS = Path(__file__).parent / "corpus"
# generous: CI machines are shared; the point is to catch runaway (quadratic, backtracking) cases
SECONDS = 20.0


def _check(text: str) -> Extraction:
    start = time.perf_counter()
    extraction = extract_mentions(text)
    assert time.perf_counter() - start < SECONDS
    for item in (*extraction.agreements, *extraction.meetings, *extraction.figures):
        assert item.sentence in text
    json.dumps(extraction.to_json())
    return extraction


def _junk(seed: int, size: int) -> str:
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(size)).decode("latin-1")


def _body_text() -> str:
    paragraphs = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 8]
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t\r\n", "."], ids=["empty", "space", "blank-lines", "dot"])
def test_nothing_in_nothing(text: str) -> None:
    assert _check(text) == Extraction()


def test_not_a_string() -> None:
    assert extract_mentions(b"bytes are not text") == Extraction()  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_junk(seed: int) -> None:
    _check(_junk(seed, 30000))
    _check(_junk(seed, 30000).encode("latin-1").decode("utf-8", errors="replace"))


@pytest.mark.parametrize(
    "text",
    [
        "中国和印度尼西亚签署了谅解备忘录。两国外长举行会谈，双边贸易额达到1500亿美元。",
        "Министр иностранных дел провёл переговоры в Москве 13 августа.",
        "وقع البلدان مذكرة تفاهم للتعاون في مجال الطاقة.",
        "Kedua negara menandatangani nota kesepahaman tentang kerja sama maritim pada 14 Juni 2023.",
    ],
    ids=["chinese", "russian", "arabic", "indonesian"],
)
def test_other_languages(text: str) -> None:
    extraction = _check(text * 50)
    assert not extraction.agreements
    assert not extraction.meetings


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["Minister"] * 20000) + ".",
        " ".join(random.Random(4).choice(["President", "Agreement", "Summit", "Of", "The", "Ms", "Dr."]) for _ in range(30000)),
        " ".join(f"{i}{random.Random(i).choice([',', ' million', '%', '-', ' to', ' and'])}" for i in range(20000)),
        "a" * 300000,
        "(" * 50000 + "MoU" + ")" * 50000,
        '"' * 50000 + "agreement on " * 5000,
        "-".join(["Indonesia"] * 30000),
        "between " * 30000 + "and 5 million tonnes",
        "the 5th meeting of the " + "of the " * 30000,
        "met with " * 30000,
        "\x00\x01\x02" * 30000,
    ],
    ids=["titles", "capitalised-words", "numbers", "one-long-word", "brackets", "quotes", "hyphens", "between",
         "of-the", "met-with", "control-characters"],
)
def test_adversarial_inputs_finish(text: str) -> None:
    _check(text)


def test_huge_text_is_read_up_to_the_limit() -> None:
    body = _body_text()
    huge = (body + "\n\n") * (5_000_000 // len(body) + 1)
    assert len(huge) > MAX_CHARS
    extraction = _check(huge)
    assert extraction.figures
    assert extraction.meetings
    assert extraction.agreements


def test_deterministic() -> None:
    text = (CORPUS / "held-001.txt").read_text(encoding="utf-8")
    assert extract_mentions(text).to_json() == extract_mentions(text).to_json()
