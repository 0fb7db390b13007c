"""Export the spotting journal as CSV or XLSX bytes.

As the case export (:mod:`kloof.formats.export`): CSV for machines (stable
English column names, factor and severity keys), XLSX for people (headers, a
sheet name and the factor's name in the reader's language, through a
:class:`~kloof.formats.export.Wording`'s ``label``). Every text cell is
neutralised against formulas (:mod:`kloof.formats.cells`): a journal holds
text typed by hand, ``=HYPERLINK(...)`` included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kloof.formats.cells import Sheet, Value, csv_bytes, xlsx_bytes
from kloof.formats.export import N_, Wording

COLUMNS = (
    ("date", N_("Date")),
    ("factor_key", N_("Factor key")),
    ("factor_name", N_("Factor")),
    ("severity", N_("Nuance or blocking")),
    ("situation", N_("Situation")),
    ("parties", N_("Parties")),
    ("next", N_("What happened next")),
    ("shared_with", N_("Shared with")),
)
SHEET = N_("Journal")


@dataclass(frozen=True)
class JournalRow:
    date: dt.date
    factor: str
    severity: str
    situation: str
    parties: str
    next: str
    shared_with: str


def _rows(
    rows: Sequence[JournalRow], factor_name: Callable[[str], str], severity: Callable[[str], str]
) -> list[list[Value]]:
    return [
        [
            row.date.isoformat(),
            row.factor,
            factor_name(row.factor),
            severity(row.severity),
            row.situation,
            row.parties,
            row.next,
            row.shared_with,
        ]
        for row in rows
    ]


def journal_csv(rows: Sequence[JournalRow], factor_name: Callable[[str], str]) -> bytes:
    """One row per entry; severities as keys (``blocking``)."""
    return csv_bytes([key for key, _ in COLUMNS], _rows(rows, factor_name, str))


def journal_xlsx(
    rows: Sequence[JournalRow],
    factor_name: Callable[[str], str],
    severity: Callable[[str], str],
    wording: Wording | None = None,
) -> bytes:
    """A workbook with one sheet, worded by ``wording`` and ``severity``."""
    words = wording or Wording()
    sheet = Sheet(
        name=words.label(SHEET),
        header=[words.label(label) for _, label in COLUMNS],
        rows=_rows(rows, factor_name, severity),
    )
    return xlsx_bytes([sheet])
