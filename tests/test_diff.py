"""Paragraph diff between versions."""

from __future__ import annotations

from monitor.diff import diff_paragraphs

BEFORE = "China and Indonesia signed an MoU.\n\nTrade reached 100 billion dollars.\n\nThe ministers met in Bali."


def test_added_paragraph() -> None:
    changes = diff_paragraphs(BEFORE, BEFORE + "\n\nThe two sides will hold a summit in June.")
    assert changes["added"] == ["The two sides will hold a summit in June."]
    assert changes["removed"] == []
    assert not changes["typo_only"]


def test_removed_and_changed_paragraphs() -> None:
    after = "China and Indonesia signed two MoUs on digital economy and green development.\n\nThe ministers met in Bali."
    changes = diff_paragraphs(BEFORE, after)
    assert changes["removed"] == ["Trade reached 100 billion dollars."]
    assert changes["changed"][0]["before"] == "China and Indonesia signed an MoU."
    assert not changes["typo_only"]


def test_typo_fix_is_recognised() -> None:
    changes = diff_paragraphs(BEFORE, BEFORE.replace("ministers met", "ministers met "))
    assert changes["added"] == changes["removed"] == []
    assert diff_paragraphs(BEFORE, BEFORE.replace("Trade reached", "Trade reaced"))["typo_only"]


def test_whitespace_only_changes_nothing() -> None:
    changes = diff_paragraphs(BEFORE, BEFORE.replace("\n\n", "\n \n"))
    assert changes == {"added": [], "removed": [], "changed": [], "typo_only": True}
