"""Paragraph diff between two versions of a statement (pure)."""

from __future__ import annotations

import difflib
import re
from typing import Any

_SPACE = re.compile(r"\s+")


def paragraphs(text: str) -> list[str]:
    return [_SPACE.sub(" ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def diff_paragraphs(before: str, after: str) -> dict[str, Any]:
    """Which paragraphs were added, removed or changed; `typo_only` when nothing but small edits."""
    old, new = paragraphs(before), paragraphs(after)
    added: list[str] = []
    removed: list[str] = []
    changed: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            removed += old[i1:i2]
        if op in ("insert", "replace"):
            added += new[j1:j2]
    for before_paragraph in list(removed):
        partner = _closest(before_paragraph, added)
        if partner is not None:
            removed.remove(before_paragraph)
            added.remove(partner)
            changed.append({"before": before_paragraph, "after": partner})
    small = all(difflib.SequenceMatcher(a=c["before"], b=c["after"]).ratio() > 0.97 for c in changed)
    return {"added": added, "removed": removed, "changed": changed,
            "typo_only": not added and not removed and small}


def _closest(paragraph: str, candidates: list[str]) -> str | None:
    best, best_ratio = None, 0.6
    for candidate in candidates:
        ratio = max(difflib.SequenceMatcher(a=paragraph, b=candidate).ratio(), _containment(paragraph, candidate))
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _containment(left: str, right: str) -> float:
    """Share of the shorter paragraph's words found in the other (an edit that adds a clause)."""
    a, b = set(left.lower().split()), set(right.lower().split())
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
