"""Tables given as text lines ("Instrument | Parties | Date | Status"), as fact sheets print them.

The body keeps a table when a header row of short column headings is followed by rows with as
many cells (see `boilerplate`); each row is one sentence (see `sentences`). A row states its
facts by column rather than by verb: the first cell names the instrument or event, a "Status"
cell says how far it got ("Under implementation", "Signed in Bangkok"), "Place" and "Date"
cells say where and when. This module reads those columns for the extractors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.sentences import Sentence, is_table_row

_SEPARATOR = re.compile(r"\s*\|\s*")
# what a status cell says, in the order tried: "Signed; grant raised to …" is signed
_CELL_STATUS = (
    (re.compile(r"\b(?:under|in|being|for)\s+negotiation|\bnegotiat(?:ing|ions?)\b|\bdraft", re.I), "negotiating"),
    (re.compile(r"\b(?:under|in|being|subject to)\s+implementation|\bimplement(?:ing|ed|ation)\b"
                r"|\bin force\b|\bdisbursed\b|\bunder way\b|\bongoing\b|\bin progress\b", re.I), "implementing"),
    (re.compile(r"\b(?:extended|renewed|prolonged)\b", re.I), "extended"),
    (re.compile(r"\b(?:signed|concluded|ratified|initialled|initialed)\b", re.I), "signed"),
    (re.compile(r"\b(?:adopted|issued|endorsed|approved)\b", re.I), "adopted"),
    (re.compile(r"\b(?:agreed|finali[sz]ed)\b", re.I), "agreed"),
    (re.compile(r"\b(?:planned|scheduled|envisaged|expected|proposed|to be (?:signed|adopted|concluded)|pending)\b",
                re.I), "planned"),
)
_STATUS_HEADS = ("status", "stage", "state", "progress", "note", "notes", "remarks", "outcome")
_PLACE_HEADS = ("place", "venue", "location", "city", "where", "host")
_DATE_HEADS = ("date", "dates", "when", "signed on", "held on", "period")
_EVENT_HEADS = ("event", "events", "meeting", "meetings", "occasion", "activity", "activities")


@dataclass(frozen=True, slots=True)
class TableRow:
    header: tuple[str, ...]  # the column headings, lowercased
    cells: tuple[tuple[int, int], ...]  # each cell's (start, end) in the row's sentence

    def cell(self, text: str, index: int) -> str:
        start, end = self.cells[index]
        return text[start:end]

    def column_span(self, heads: tuple[str, ...]) -> tuple[int, int] | None:
        """Where the cell under the first heading that is one of `heads` sits in the sentence, or None."""
        for index, heading in enumerate(self.header):
            if index < len(self.cells) and (heading in heads or heading.split(" ")[0] in heads):
                return self.cells[index]
        return None

    def column(self, text: str, heads: tuple[str, ...]) -> str | None:
        """The cell under the first heading that is one of `heads`, or None."""
        span = self.column_span(heads)
        return text[span[0] : span[1]] if span else None

    def cell_at(self, offset: int) -> int:
        """The index of the cell holding `offset`."""
        return next((i for i, (_, end) in enumerate(self.cells) if offset < end), len(self.cells) - 1)

    @property
    def lists_events(self) -> bool:
        return bool(self.header) and self.header[0] in _EVENT_HEADS


def read_tables(sentences: tuple[Sentence, ...]) -> dict[int, TableRow]:
    """The table rows among the sentences, by sentence index (header rows are not rows)."""
    rows: dict[int, TableRow] = {}
    header: tuple[str, ...] = ()  # the heading row of the table being read; any other sentence ends it
    for sentence in sentences:
        if not is_table_row(sentence.text):
            header = ()
            continue
        cells = _cells(sentence.text)
        if header and len(cells) == len(header):
            rows[sentence.index] = TableRow(header, cells)
        else:
            header = tuple(sentence.text[s:e].strip().lower() for s, e in cells)
    return rows


def _cells(text: str) -> tuple[tuple[int, int], ...]:
    cells: list[tuple[int, int]] = []
    start = 0
    for separator in _SEPARATOR.finditer(text):
        cells.append((start, separator.start()))
        start = separator.end()
    cells.append((start, len(text.rstrip())))
    return tuple(cells)


def row_status(text: str, row: TableRow) -> str | None:
    """How far the row's instrument got, from its status column, else from its other cells."""
    stated = row.column(text, _STATUS_HEADS)
    candidates = [stated] if stated else [row.cell(text, i) for i in range(1, len(row.cells))]
    for cell in candidates:
        for pattern, status in _CELL_STATUS:
            if pattern.search(cell):
                return status
    return None


def row_place(text: str, row: TableRow) -> str | None:
    cell = row.column(text, _PLACE_HEADS)
    return cell.strip() if cell and cell.strip() not in ("-", "–", "—", "") else None


def row_date_cell(row: TableRow) -> tuple[int, int] | None:
    """Where the row's date cell sits in the sentence, if the table has one."""
    return row.column_span(_DATE_HEADS)
