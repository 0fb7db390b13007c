"""Reading a CSV or XLSX file into rows of text, safely.

Spreadsheets for an import come from users and from form tools, so every limit is
checked before the expensive work: the input size, and for XLSX the zip directory
(entry count and declared uncompressed size) before any part is unpacked. The
sheet is read in one streaming pass (:mod:`kloof.formats.xlsxread`), which
refuses any XML with a document type declaration (entity expansion, "billion
laughs", external entities). Every problem becomes an :class:`InputError`;
nothing else escapes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from kloof.formats.errors import N_, InputError

__all__ = [
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_XLSX_ENTRIES",
    "MAX_XLSX_UNCOMPRESSED",
    "Row",
    "Table",
    "read_table",
]

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000  # data rows, the header not counted
MAX_CELL_CHARS = 1024 * 1024
MAX_COLUMNS = 1_000
MAX_XLSX_ENTRIES = 1_000
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024

_DELIMITERS = ",;\t"
_SNIFF_CHARS = 16 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its number as the spreadsheet shows it (the header is row 1)."""

    number: int
    cells: tuple[str, ...]
    #: The columns (0-based) whose cell holds a formula without a stored result
    #: (XLSX only): their text is empty, but they are not empty cells.
    formulas: frozenset[int] = frozenset()

    def cell(self, index: int) -> str:
        """The trimmed text of column ``index`` (0-based); empty past the row's end."""
        return self.cells[index].strip() if index < len(self.cells) else ""

    def unset_formula(self, index: int) -> bool:
        """Whether column ``index`` holds a formula whose result the file does not store."""
        return index in self.formulas


@dataclass(frozen=True)
class Table:
    """A header and the data rows under it, all text. Empty rows are left out."""

    source: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(data: bytes, source: str) -> Table:
    """Read CSV or XLSX ``data``; ``source`` names the file in messages and decides
    the kind by its extension (a zip signature also means XLSX)."""
    if len(data) > MAX_BYTES:
        raise InputError.worded(
            N_("the file is %(size)s MB, more than the %(limit)s MB kloof imports"),
            N_("split the file, or leave out columns the import does not need"),
            source=source,
            size=Decimal(f"{len(data) / 1024 / 1024:.1f}"),
            limit=MAX_BYTES // 1024 // 1024,
        )
    lowered = source.lower()
    if lowered.endswith(".xls") or data.startswith(_OLE_MAGIC):
        raise InputError.worded(
            N_("this is an old Excel file (.xls), which kloof does not read"),
            N_("save it as .xlsx or as CSV and import that"),
            source=source,
        )
    if lowered.endswith((".xlsx", ".xlsm")) or data.startswith(_ZIP_MAGIC):
        rows = _xlsx_rows(data, source)
    else:
        rows = _csv_rows(data, source)
    return _table(rows, source)


# --- building the table -------------------------------------------------------------


def _table(rows: Iterable[tuple[int, tuple[str, ...], frozenset[int]]], source: str) -> Table:
    header: tuple[str, ...] | None = None
    body: list[Row] = []
    for number, cells, formulas in rows:
        _check_row(number, cells, source)
        if number > MAX_ROWS + 1:  # counts empty rows too: they cost time as well
            raise _too_many_rows(source)
        if not formulas and not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            continue
        if len(body) >= MAX_ROWS:
            raise _too_many_rows(source)
        body.append(Row(number, cells, formulas))
    if header is None:
        raise InputError.worded(
            N_("the file is empty: no header row"),
            N_("export the responses with the column names in the first row"),
            source=source,
        )
    return Table(source, header, tuple(body))


def _too_many_rows(source: str) -> InputError:
    return InputError.worded(
        N_("the file has more than %(limit)s rows under the header"),
        N_("split it into several files and import them one after another"),
        source=source,
        limit=MAX_ROWS,
    )


def _too_wide(number: int, width: int, source: str) -> InputError:
    return InputError.worded(
        N_("row %(row)s has %(count)s columns, more than the %(limit)s kloof reads"),
        N_("leave out the columns the import does not need"),
        source=source,
        row=str(number),
        count=width,
        limit=MAX_COLUMNS,
    )


def _check_row(number: int, cells: tuple[str, ...], source: str) -> None:
    if len(cells) > MAX_COLUMNS:
        raise _too_wide(number, len(cells), source)
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            raise InputError.worded(
                N_(
                    "row %(row)s, column %(column)s: the cell holds %(count)s characters, "
                    "more than the 1 MB kloof reads in one cell"
                ),
                N_("shorten the text in that cell"),
                source=source,
                row=str(number),
                column=column_letter(index),
                count=len(cell),
            )


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- CSV -----------------------------------------------------------------------------


def _csv_rows(data: bytes, source: str) -> Iterator[tuple[int, tuple[str, ...], frozenset[int]]]:
    text = _decode(data, source)
    if "\x00" in text:
        raise InputError.worded(
            N_("the file holds binary data (NUL characters), not CSV text"),
            N_("export the responses as CSV or XLSX"),
            source=source,
        )
    delimiter = _delimiter(text)
    # The csv module refuses fields over 128 KB by default; our own limit is 1 MB
    # per cell and is checked per row. The setting is process-wide, so only raise it.
    if csv.field_size_limit() < MAX_CELL_CHARS + 1:
        csv.field_size_limit(MAX_CELL_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        no_formulas: frozenset[int] = frozenset()  # a CSV cell is text, whatever it says
        for number, record in enumerate(reader, start=1):
            yield number, tuple(record), no_formulas
    except csv.Error as error:
        raise InputError.worded(
            N_("row %(row)s: the CSV cannot be read (%(error)s)"),
            N_("check the quotes in that row, or export the file again"),
            source=source,
            row=str(reader.line_num),
            error=str(error),
        ) from None


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without a byte order mark) when the bytes are valid UTF-8,
    else Windows-1252, what Excel writes on a Dutch or English Windows."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError.worded(
            N_("the file is neither UTF-8 nor Windows-1252 text"),
            N_("save it as 'CSV UTF-8' or as XLSX and import that"),
            source=source,
        ) from None


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: what csv.Sniffer finds in the first lines, checked
    against the header; else the one the header line holds most of."""
    sample = text[:_SNIFF_CHARS]
    first_line = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first_line:
        return found
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


# --- XLSX ----------------------------------------------------------------------------


def _xlsx_rows(data: bytes, source: str) -> Iterator[tuple[int, tuple[str, ...], frozenset[int]]]:
    _check_zip(data, source)
    from kloof.formats.xlsxread import TooWideError, UnsafeXmlError, XlsxError, xlsx_rows

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield from xlsx_rows(archive, _cell_text, MAX_COLUMNS)
    except TooWideError as wide:
        raise _too_wide(wide.row, wide.width, source) from None
    except UnsafeXmlError:
        raise InputError.worded(
            N_("the XLSX file contains unsafe XML (entity declarations), which kloof refuses"),
            N_("save the sheet as a new .xlsx file from a spreadsheet program, or export CSV"),
            source=source,
        ) from None
    except XlsxError as trouble:
        if str(trouble) == "the workbook has no sheet":
            raise InputError.worded(N_("the workbook has no sheet"), source=source) from None
        raise InputError.worded(
            N_("the XLSX file cannot be read (%(error)s)"),
            N_("save the sheet again as .xlsx from a spreadsheet program, or export it as CSV"),
            source=source,
            error=str(trouble),
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        # A part that does not unpack (a wrong checksum, a size other than declared).
        raise InputError.worded(
            N_("the XLSX file cannot be read (%(error)s)"),
            N_("save the sheet again as .xlsx from a spreadsheet program, or export it as CSV"),
            source=source,
            error=type(error).__name__,
        ) from None


def _check_zip(data: bytes, source: str) -> None:
    """Refuse a zip that is not one, or that would unpack too large, from its
    directory alone. zipfile stops reading an entry at its declared size (and then
    fails its checksum), so the declared sizes bound what is unpacked."""
    if not data.startswith(_ZIP_MAGIC):
        raise InputError.worded(
            N_("this is not an XLSX file (an XLSX file is a zip archive)"),
            N_("save the sheet as .xlsx from the spreadsheet, or export it as CSV"),
            source=source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputError.worded(
            N_("the XLSX file is damaged: its zip directory cannot be read"),
            N_("save the sheet again as .xlsx, or export it as CSV"),
            source=source,
        ) from None
    if len(entries) > MAX_XLSX_ENTRIES:
        raise InputError.worded(
            N_("the XLSX file holds %(count)s parts, more than the %(limit)s a spreadsheet needs"),
            N_("save the sheet as a new .xlsx file, or export it as CSV"),
            source=source,
            count=len(entries),
            limit=MAX_XLSX_ENTRIES,
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        raise InputError.worded(
            N_(
                "the XLSX file would unpack to %(size)s MB, more than the %(limit)s MB kloof allows"
            ),
            N_("split the responses over several files, or export them as CSV"),
            source=source,
            size=Decimal(f"{unpacked / 1024 / 1024:.0f}"),
            limit=MAX_XLSX_UNCOMPRESSED // 1024 // 1024,
        )


def _cell_text(value: object) -> str:
    """A cell as text; numbers always with a decimal point, whole numbers without."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
