"""Extract agreements, meetings and figures from the text of an official statement.

`extract_mentions` is pure: it reads only its arguments. Input of any kind gives a clean,
possibly empty, `Extraction`; text past `MAX_CHARS` is not read (statements are far shorter).
"""

from __future__ import annotations

from datetime import date

from monitor.extract.agreements import extract_agreements
from monitor.extract.figures import extract_figures
from monitor.extract.meetings import extract_meetings
from monitor.extract.statement import read_statement
from monitor.records import Extraction

__all__ = ["MAX_CHARS", "extract_mentions", "extract_statement"]

MAX_CHARS = 1_000_000


def extract_mentions(text: str, *, published: date | None = None) -> Extraction:
    """The agreements, meetings and figures a statement mentions, one item each."""
    if not isinstance(text, str) or not text.strip():
        return Extraction()
    statement = read_statement(text[:MAX_CHARS], published)
    return Extraction(
        agreements=tuple(extract_agreements(statement)),
        meetings=tuple(extract_meetings(statement)),
        figures=tuple(extract_figures(statement)),
    )


def extract_statement(title: str, text: str, *, published: date | None = None) -> Extraction:
    """The mentions of a statement page: its headline counts too.

    The main text of an HTML page leaves the headline out, yet a headline such as "Joint
    Statement of the 26th ASEAN-ROK Summit" or "Press Conference by Foreign Minister X" names
    an item. A headline the text does not already open with is read as the text's first line.
    """
    title = " ".join(title.split())
    opening = " ".join(text[: len(title) + 200].split())
    if title and title not in opening:
        text = f"{title}\n\n{text}"
    return extract_mentions(text, published=published)
