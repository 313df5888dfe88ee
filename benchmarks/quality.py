"""Extraction and novelty quality on every annotated set, printed (run by hand).

Sets: ../shared/corpus (the shared examples), tests/corpus (held-out statements written with the
extractor), tests/blind … tests/blind13 (written and annotated without sight of the system: the
honest measure of statements never seen, until the system is tuned on their errors). Extraction is
scored with ../shared/eval/score.py over `monitor extract --json`; novelty runs each set through
the real pipeline, one statement per check in `order`, and scores the `new` flags.

Usage: python benchmarks/quality.py [set …]   (sets: shared held-out blind blind2 … blind13)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import SHARED, render_config  # noqa: E402
from tests.localserver import running_server  # noqa: E402
from tests.test_novelty_corpus import load_scorer, novelty_scores, run_sequence  # noqa: E402

SETS = {"shared": SHARED / "corpus", "held-out": ROOT / "tests" / "corpus", "blind": ROOT / "tests" / "blind",
        "blind2": ROOT / "tests" / "blind2", "blind3": ROOT / "tests" / "blind3",
        "blind4": ROOT / "tests" / "blind4", "blind5": ROOT / "tests" / "blind5",
        "blind6": ROOT / "tests" / "blind6", "blind7": ROOT / "tests" / "blind7",
        "blind8": ROOT / "tests" / "blind8", "blind9": ROOT / "tests" / "blind9",
        "blind10": ROOT / "tests" / "blind10", "blind11": ROOT / "tests" / "blind11",
        "blind12": ROOT / "tests" / "blind12", "blind13": ROOT / "tests" / "blind13"}


def extraction(corpus: Path) -> str:
    command = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(corpus / "gold"),
               "--corpus", str(corpus), "--run", "monitor extract --json {file}"]
    return subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout


def novelty(corpus: Path) -> dict[str, float]:
    scorer = load_scorer()
    with running_server() as server, tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)

        def write_config(sites: list[dict[str, object]], **tables: dict[str, object]) -> Path:
            tables.setdefault("database", {"url": f"sqlite:///{tmp / 'monitor.db'}"})
            tables.setdefault("http", {"min_delay": 0.0})
            path = tmp / "config.toml"
            path.write_text(render_config(tables, sites), encoding="utf-8")  # type: ignore[arg-type]
            return path

        predictions = run_sequence(server, write_config, corpus, corpus / "gold", tmp)
        return novelty_scores(scorer, corpus / "gold", predictions)


def main() -> None:
    chosen = sys.argv[1:] or list(SETS)
    for name, corpus in ((n, SETS[n]) for n in chosen):
        documents = len(list((corpus / "gold").glob("*.json")))
        print(f"== {name}: {documents} statements ({corpus})")
        print(extraction(corpus).rstrip())
        scores = novelty(corpus)
        print("novelty F1: " + " ".join(f"{kind}={f1:.3f}" for kind, f1 in scores.items()))


if __name__ == "__main__":
    main()
