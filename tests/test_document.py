"""`monitor extract SOURCE`: a text file, an HTML file, a URL, or standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.localserver import LocalServer
from tests.synthetic import NAV, statement_page

TEXT = ("Ministers Sign Maritime Pact\n\nJAKARTA, 12 May 2024 — The foreign ministers of Indonesia and Malaysia "
        "signed a Memorandum of Understanding on Maritime Cooperation in Jakarta on 12 May 2024. Bilateral trade "
        "reached US$1.5 billion last year, up 12 percent.\n")


def extract(*args: str, input: str | None = None) -> dict[str, object]:
    result = run_cli("extract", *args, "--json", input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = extract(str(path))
    assert result["title"] == "Ministers Sign Maritime Pact"
    assert result["published"] == "2024-05-12"
    figures = {(f["value"], f["unit"]) for f in result["figures"]}  # type: ignore[union-attr]
    assert {(1500000000, "USD"), (12, "percent")} <= figures
    agreements = result["agreements"]
    assert isinstance(agreements, list)
    mou = next(a for a in agreements if "Maritime Cooperation" in a["name"])
    assert mou["status"] == "signed"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("PHNOM PENH/HANOI, April 22 (Mekong Wire) - Talks went on.\n\n(c) 2026 Mekong Wire. All rights reserved.",
         "2026-04-22"),  # a wire's dateline has no year: its copyright line gives it
        ("Embassy news | Posted on Friday, 6 February 2026\n\nThe Ambassador visited Ca Mau.", "2026-02-06"),
        ("Press release | Hanoi, 8 April 2026 | HAN/PR/2026/09\n\nThe EU signed an agreement.", "2026-04-08"),
        ("PHNOM PENH, April 22 (Mekong Wire) - Talks went on.", None),  # no year anywhere: no guess
    ],
)
def test_plain_text_date_lines(tmp_path: Path, lines: str, expected: str | None) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(f"Mekong neighbours step up talks\n\n{lines}\n", encoding="utf-8")
    assert extract(str(path))["published"] == expected


def test_html_file_gets_main_text_extraction(tmp_path: Path) -> None:
    title, html = statement_page(7, __import__("datetime").date(2024, 5, 2), NAV)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = extract(str(path))
    assert result["title"] == title
    assert result["published"] == "2024-05-02"
    assert "About the Ministry" not in str(result["text"])
    assert result["agreements"]


def test_url_and_standard_input(local_server: LocalServer) -> None:
    local_server.add("/statement.html", statement_page(8, __import__("datetime").date(2024, 6, 1), NAV)[1])
    from_url = extract(local_server.url("/statement.html"))
    assert from_url["published"] == "2024-06-01"
    from_stdin = extract("-", input=TEXT)
    assert from_stdin["title"] == "Ministers Sign Maritime Pact"


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe\x81" * 1000, b"Die Minister trafen sich in Berlin."],
                         ids=["empty", "binary", "german"])
def test_bad_input_gives_a_clean_result(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    result = extract(str(path))
    assert set(result) >= {"title", "published", "text", "agreements", "meetings", "figures"}


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nope.txt"), "--json")
    assert result.exit_code == 1
    assert "no such file" in result.stderr
