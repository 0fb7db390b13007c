"""Tables to CSV and XLSX bytes, with every text cell made safe for spreadsheets.

A spreadsheet runs a cell as a formula when its text starts with ``=`` (and, in
Excel and LibreOffice, ``+``, ``-``, ``@``, or a tab or line break in front of
those). Party names, notes and titles are user text, so an exported file could
carry a formula (``=HYPERLINK(...)``, DDE) to whoever opens it. Following the
OWASP CSV-injection advice, such text gets a leading single quote: the program
then shows it as text. Numbers are written as numbers and are never touched
(``-1.5`` stays a number, not text).

Pure functions: they return bytes; the caller writes them (atomically).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: One cell: text, a number, a yes/no, or empty.
Value = str | int | float | bool | None

#: Characters that make a spreadsheet read the rest as a formula, also when
#: leading whitespace comes first; the full-width forms are normalised to the
#: ASCII ones by some spreadsheet programs (NFKC), so they count too.
FORMULA_STARTS = frozenset("=+-@＝＋－＠")
#: Characters that are dangerous as the very first character of a cell.
CONTROL_STARTS = frozenset("\t\r\n")
#: Excel refuses a workbook with a longer text in one cell.
XLSX_MAX_TEXT = 32767
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet could run it as a formula."""
    if text[:1] in CONTROL_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_number(value: float) -> str:
    """A number for a machine format: decimal point, no exponent, at most 6 decimals."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Value]]) -> bytes:
    """A CSV file: UTF-8 with BOM (Excel then reads é and € right), commas, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before the numbers: bool is an int
        return "true" if value else "false"
    if isinstance(value, int | float):
        return csv_number(value)
    return neutralise(value)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a name, a header row and the data rows."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per ``Sheet``: bold frozen header, fitting widths."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # start without the default sheet
    for sheet in sheets:
        _add_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(_sheet_title(sheet.name))
    bold = Font(bold=True)
    for column, name in enumerate(sheet.header, start=1):
        cell = worksheet.cell(row=1, column=column)
        _set_value(cell, name)
        cell.font = bold
    for row_number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            _set_value(worksheet.cell(row=row_number, column=column), value)
    worksheet.freeze_panes = "A2"
    for column, width in enumerate(_widths(sheet), start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = width


def _set_value(cell: Cell, value: Value) -> None:
    """Text always as a string cell: openpyxl would store ``=...`` as a formula."""
    if isinstance(value, str):
        cell.value = _xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def _xlsx_text(text: str) -> str:
    # XML cannot hold most control characters: openpyxl would refuse the whole
    # workbook, so they become U+FFFD (visible, and nothing else is lost).
    cleaned = str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(text)))
    return cleaned[:XLSX_MAX_TEXT]


def _sheet_title(name: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\ in a sheet name.
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")
    return cleaned[:31] or "Sheet"


def _widths(sheet: Sheet) -> list[float]:
    """Width per column from its longest line, between 8 and 60 characters."""
    widths = [len(str(name)) for name in sheet.header]
    for row in sheet.rows:
        for index, value in enumerate(row[: len(widths)]):
            if value is None:
                continue
            text = _csv_cell(value)
            longest = max((len(line) for line in text.splitlines()), default=0)
            widths[index] = max(widths[index], longest)
    return [min(max(width + 2, 8), 60) for width in widths]
