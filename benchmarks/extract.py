"""Throughput of `extract_mentions` alone: statements of about 1,000 words per second.

Statements are built deterministically from the paragraphs of the corpora (../shared/corpus when
present, and tests/corpus): paragraph i of statement k is paragraph (k * 7 + i) mod n, until the
statement reaches 1,000 words. Run: python benchmarks/extract.py [--statements N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.extract import extract_mentions  # noqa: E402

CORPORA = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "corpus")
WORDS_PER_STATEMENT = 1000


def paragraphs() -> list[str]:
    """Body paragraphs (eight words or more) of every corpus statement, in a fixed order."""
    found: list[str] = []
    for corpus in CORPORA:
        for path in sorted(corpus.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            found += [p.strip() for p in text.split("\n") if len(p.split()) >= 8]
    return found


def build_statements(count: int) -> list[str]:
    pool = paragraphs()
    statements = []
    for k in range(count):
        body: list[str] = []
        words, i = 0, 0
        while words < WORDS_PER_STATEMENT:
            paragraph = pool[(k * 7 + i) % len(pool)]
            body.append(paragraph)
            words += len(paragraph.split())
            i += 1
        statements.append(f"Statement {k} on cooperation\n\n14 June 2024\n\n" + "\n\n".join(body))
    return statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5, help="timed passes over all statements")
    args = parser.parse_args()
    statements = build_statements(args.statements)
    extract_mentions(statements[0])  # warm the regular-expression cache
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        items = sum(len(e.agreements) + len(e.meetings) + len(e.figures) for e in map(extract_mentions, statements))
        rates.append(len(statements) / (time.perf_counter() - start))
    words = sum(len(s.split()) for s in statements) / len(statements)
    # A shared virtual machine slows some passes down; the median is the typical pass, the best
    # one what the code does when nothing else competes for the core.
    print(f"{len(statements)} statements of ~{words:.0f} words, {items} items, {args.repeats} passes: "
          f"median {statistics.median(rates):.1f} statements/s ({1000 / statistics.median(rates):.1f} ms each), "
          f"best {max(rates):.1f}, worst {min(rates):.1f}")


if __name__ == "__main__":
    main()
