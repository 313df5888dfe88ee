"""`python -m monitor.extract FILE_OR_- [--json]`: extract mentions from a plain-text statement."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from monitor.extract import extract_mentions
from monitor.extract.boilerplate import main_lines
from monitor.extract.dateline import find_published


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.extract", description=__doc__)
    parser.add_argument("file", help="a plain-text statement, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    text = raw.decode("utf-8", errors="replace")
    report = describe(text)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_summary(report))
    return 0


def describe(text: str) -> dict[str, Any]:
    """The `--json` object: title (first non-empty line), published, text and the mentions."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    published = find_published(text, main_lines(text))
    extraction = extract_mentions(text, published=published)
    return {
        "title": title,
        "published": published.isoformat() if published else None,
        "text": text,
        **extraction.to_json(),
    }


def _summary(report: dict[str, Any]) -> str:
    lines = [f"{report['title']} ({report['published'] or 'undated'})"]
    for item in report["agreements"]:
        lines.append(f"  agreement  {item['name']} [{item['kind']}, {item['status']}]")
    for item in report["meetings"]:
        lines.append(f"  meeting    {item['name']} [{item['kind']}] {item['date'] or ''} {item['place'] or ''}")
    for item in report["figures"]:
        lines.append(f"  figure     {item['text']} = {item['value']} {item['unit']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
