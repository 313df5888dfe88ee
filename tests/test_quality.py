"""The code-quality gates run as part of the suite: ruff and mypy must be clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tool", [["ruff", "check", "--no-cache", "."], ["mypy"]], ids=["ruff", "mypy"])
def test_static_checks_pass(tool: list[str]) -> None:
    if shutil.which(tool[0]) is None and tool[0] != "mypy":
        pytest.skip(f"{tool[0]} is not installed (pip install -e '.[dev]')")
    command = [sys.executable, "-m", *tool] if tool[0] == "mypy" else tool
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
