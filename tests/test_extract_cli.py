"""`python -m monitor.extract FILE_OR_- [--json]`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATEMENT = (
    "\n  Ministers Meet in Jakarta  \n\nJakarta, 14 June 2024 - Foreign Minister Sari Wulandari met her counterpart "
    "Foreign Minister Paulo Ribeiro in Jakarta today. The two sides signed a memorandum of understanding on "
    "fisheries. Trade reached $2.5 billion in 2023.\n"
)


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.extract", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=True)


def test_json_for_a_file(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    report = json.loads(_run(str(path), "--json").stdout)
    assert report["title"] == "Ministers Meet in Jakarta"
    assert report["published"] == "2024-06-14"
    assert report["text"] == STATEMENT
    assert [a["kind"] for a in report["agreements"]] == ["mou"]
    assert report["meetings"][0]["date"] == "2024-06-14"
    assert report["meetings"][0]["participants"] == ["Sari Wulandari", "Paulo Ribeiro"]
    assert [(f["value"], f["unit"]) for f in report["figures"]] == [(2500000000, "USD")]


def test_stdin_and_summary() -> None:
    out = _run("-", stdin=STATEMENT).stdout
    assert "memorandum of understanding on fisheries" in out
    assert "2500000000 USD" in out


def test_undecodable_bytes_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"\xff\xfe Trade grew 15% \xc3\x28 in 2023.")
    report = json.loads(_run(str(path), "--json").stdout)
    assert [(f["value"], f["unit"]) for f in report["figures"]] == [(15, "percent")]
