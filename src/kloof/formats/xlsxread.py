"""The first sheet of an XLSX file as rows of text, read in one streaming pass.

Why not openpyxl's reader: it took 20–40 s for a sheet of 100,000 rows × 10
columns here (a Python object per cell and per XML element), long enough to
tie up a web worker; this pass reads the same sheet in a few seconds with the
standard library's expat parser, without building elements. It also keeps what
openpyxl's values-only reading loses: whether a formula cell has a stored result.

Safety: the caller has checked the zip directory (entry count, declared sizes;
:mod:`kloof.formats.tabular`), and :mod:`zipfile` stops at an entry's declared
size. No part of an XLSX file has a document type declaration, so any DTD is
refused before it can declare an entity (no "billion laughs", no external
entities); expat fetches nothing by itself.

Cells as openpyxl would give them with ``data_only=True``: the stored result of
a formula, shared and inline strings (rich text joined, phonetic runs left out),
numbers as numbers, numbers in a date format as dates (the 1900 or 1904 epoch).
"""

from __future__ import annotations

import posixpath
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

__all__ = ["TooWideError", "UnsafeXmlError", "XlsxError", "XlsxRow", "xlsx_rows"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_DOC_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_SEP = "}"
_CHUNK = 64 * 1024

#: (row number, cell texts, columns holding a formula without a stored result).
XlsxRow = tuple[int, tuple[str, ...], frozenset[int]]


class XlsxError(Exception):
    """The file is not a readable workbook; the message says why (English, short)."""


class UnsafeXmlError(XlsxError):
    """A part declares a document type (and so possibly entities)."""


class TooWideError(XlsxError):
    """A row reaches past the column limit: (row number, its width)."""

    def __init__(self, row: int, width: int) -> None:
        super().__init__(f"row {row} has {width} columns")
        self.row, self.width = row, width


def _local(name: str) -> str:
    return name.rpartition(_SEP)[2]


class _Tags(dict[str, str | None]):
    """Element names as written (``c``, ``x:c``) → the local name, for the names
    a large part is read for; None for any other. The sheet and the shared
    strings are parsed without namespace processing (it doubled the time);
    their elements are told apart by local name, whatever the prefix."""

    def __init__(self, wanted: Iterable[str]) -> None:
        self.wanted = frozenset(wanted)
        super().__init__((name, name) for name in self.wanted)

    def __missing__(self, name: str) -> str | None:
        local = name.rpartition(":")[2]
        tag = local if local in self.wanted else None
        self[name] = tag
        return tag


def _parser(
    start: Callable[..., None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
    *,
    namespaces: bool = True,
) -> xml.parsers.expat.XMLParserType:
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP if namespaces else None)
    parser.buffer_text = True
    parser.buffer_size = _CHUNK

    def refuse(*_args: object) -> None:
        raise UnsafeXmlError("a part of the file declares a document type")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def _feed(parser: xml.parsers.expat.XMLParserType, stream: IO[bytes]) -> None:
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise XlsxError(f"broken XML ({error})") from None


def _elements(
    archive: zipfile.ZipFile, part: str, wanted: set[str]
) -> list[tuple[str, dict[str, str]]]:
    """The ``wanted`` elements (by local name) of a small part, with their attributes."""
    found: list[tuple[str, dict[str, str]]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local in wanted:
            found.append((local, {_local(key): value for key, value in attrs.items()}))

    with _open(archive, part) as stream:
        _feed(_parser(start), stream)
    return found


def _open(archive: zipfile.ZipFile, part: str) -> IO[bytes]:
    try:
        return archive.open(part.lstrip("/"))
    except KeyError:
        raise XlsxError(f"the part {part} is missing") from None


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type's last word, target part) of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return {}
    out = {}
    for _tag, attrs in _elements(archive, rels, {"Relationship"}):
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[attrs.get("Id", "")] = (
            attrs.get("Type", "").rpartition("/")[2],
            posixpath.normpath(path),
        )
    return out


class _Workbook:
    """Where the first worksheet, the shared strings and the styles are."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        office = [
            path for kind, path in _relations(archive, "").values() if kind == "officeDocument"
        ]
        if not office:
            raise XlsxError("no workbook in the file")
        self.part = office[0]
        relations = _relations(archive, self.part)
        elements = _elements(archive, self.part, {"sheet", "workbookPr"})
        self.date1904 = any(
            attrs.get("date1904", "").lower() in ("1", "true")
            for tag, attrs in elements
            if tag == "workbookPr"
        )
        sheets = [
            relations[attrs.get("id", "")][1]
            for tag, attrs in elements
            if tag == "sheet" and relations.get(attrs.get("id", ""), ("",))[0] == "worksheet"
        ]
        self.sheet = sheets[0] if sheets else None
        by_kind = dict(relations.values())
        self.strings = by_kind.get("sharedStrings")
        self.styles = by_kind.get("styles")


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    strings: list[str] = []
    if part is None or part not in archive.NameToInfo:
        return strings
    parts: list[str] = []
    state = {"text": False, "phonetic": 0}
    tags = _Tags(("t", "rPh", "si"))

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = tags[name]
        if local == "t" and not state["phonetic"]:
            state["text"] = True
        elif local == "rPh":
            state["phonetic"] += 1
        elif local == "si":
            parts.clear()

    def end(name: str) -> None:
        local = tags[name]
        if local == "t":
            state["text"] = False
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "si":
            strings.append("".join(parts))

    def text(data: str) -> None:
        if state["text"]:
            parts.append(data)

    with _open(archive, part) as stream:
        _feed(_parser(start, end, text, namespaces=False), stream)
    return strings


def _date_styles(
    archive: zipfile.ZipFile, part: str | None
) -> tuple[frozenset[int], frozenset[int]]:
    """The style indexes whose number format is a date, and those that are a duration."""
    if part is None or part not in archive.NameToInfo:
        return frozenset(), frozenset()
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    cell_formats: list[int] = []
    state = {"cellXfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "numFmt" and attrs.get("numFmtId", "").isdigit():
            formats[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            state["cellXfs"] = True
        elif local == "xf" and state["cellXfs"]:
            number = attrs.get("numFmtId", "0")
            cell_formats.append(int(number) if number.isdigit() else 0)

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            state["cellXfs"] = False

    with _open(archive, part) as stream:
        _feed(_parser(start, end), stream)
    dates = {i for i, fmt in enumerate(cell_formats) if is_date_format(formats.get(fmt))}
    durations = {i for i in dates if is_timedelta_format(formats.get(cell_formats[i]))}
    return frozenset(dates), frozenset(durations)


def _column(reference: str) -> int:
    """The 0-based column of a cell reference such as ``AB12``; -1 when it has none."""
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            index = index * 26 + ord(char) - 96
        else:
            break
    return index - 1


class _SheetReader:
    """The expat handlers of a worksheet: cells collected row by row."""

    def __init__(
        self, strings: list[str], number: Callable[[str, int], str], max_columns: int
    ) -> None:
        self.strings, self.number, self.max_columns = strings, number, max_columns
        self.done: list[XlsxRow] = []
        self.row_number = 0
        self.cells: dict[int, str] = {}
        self.formulas: set[int] = set()
        self.column = -1
        self.kind = "n"
        self.style = 0
        self.value: str | None = None
        self.formula = False
        self.parts: list[str] = []
        self.collect = False
        self.phonetic = 0
        self.tags = _Tags(("row", "c", "v", "f", "t", "rPh"))
        self.columns: dict[str, int] = {}  # column letters → index, as met

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.tags[name]
        if tag == "c":
            reference = attrs.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = _column(letters)
                self.column = column
            else:
                self.column += 1
            if self.column >= self.max_columns:
                raise TooWideError(self.row_number, self.column + 1)
            self.kind = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style and style.isdigit() else 0
            self.value, self.formula = None, False
            self.parts = []
        elif tag == "v" or (tag == "t" and not self.phonetic):
            self.parts = [] if tag == "v" else self.parts
            self.collect = True
        elif tag == "f":
            self.formula = True
        elif tag == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number and number.isdigit() else self.row_number + 1
            self.cells, self.formulas, self.column = {}, set(), -1
        elif tag == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        tag = self.tags[name]
        if tag == "c":
            self._cell()
        elif tag == "v":
            self.value = "".join(self.parts)
            self.collect = False
        elif tag == "t":
            self.collect = False
        elif tag == "row":
            self._row()
        elif tag == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.collect:
            self.parts.append(data)

    def _cell(self) -> None:
        kind, value = self.kind, self.value
        if kind == "inlineStr":
            text = "".join(self.parts)
        elif self.formula and not value and kind != "str":
            self.formulas.add(self.column)  # no stored result: openpyxl writes <v/>
            return
        elif not value:
            return
        elif kind == "s":
            text = self._shared(value)
        elif kind == "n":
            text = self.number(value, self.style)
        elif kind == "b":
            text = "TRUE" if value.strip() not in ("0", "false") else "FALSE"
        else:  # str (a formula's text), e (an error such as #N/A), d (an ISO date)
            text = _iso_date(value) if kind == "d" else value
        if text:
            self.cells[self.column] = text

    def _shared(self, value: str) -> str:
        try:
            return self.strings[int(value)]
        except (ValueError, IndexError):
            raise XlsxError(f"a cell refers to shared text {value!r}, which is not there") from None

    def _row(self) -> None:
        width = max([*self.cells, *self.formulas], default=-1) + 1
        cells = tuple(self.cells.get(index, "") for index in range(width))
        self.done.append((self.row_number, cells, frozenset(self.formulas)))


def _iso_date(value: str) -> str:
    from openpyxl.utils.datetime import from_ISO8601

    try:
        return str(from_ISO8601(value).isoformat())
    except ValueError:
        return value


def xlsx_rows(
    archive: zipfile.ZipFile, cell_text: Callable[[object], str], max_columns: int
) -> Iterator[XlsxRow]:
    """The rows of the first worksheet, as they come: (number, texts, formula
    columns without a stored result). ``cell_text`` writes a number or a date as
    text. Raises :class:`XlsxError` (or :class:`UnsafeXmlError`, :class:`TooWideError`)."""
    workbook = _Workbook(archive)
    if workbook.sheet is None:
        raise XlsxError("the workbook has no sheet")
    strings = _shared_strings(archive, workbook.strings)
    dates, durations = _date_styles(archive, workbook.styles)
    number = _number_writer(cell_text, dates, durations, workbook.date1904)
    reader = _SheetReader(strings, number, max_columns)
    parser = _parser(reader.start, reader.end, reader.text, namespaces=False)
    with _open(archive, workbook.sheet) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
                yield from reader.done
                reader.done.clear()
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as error:
            raise XlsxError(f"broken XML ({error})") from None
    yield from reader.done


def _number_writer(
    cell_text: Callable[[object], str],
    dates: frozenset[int],
    durations: frozenset[int],
    date1904: bool,
) -> Callable[[str, int], str]:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
    cache: dict[tuple[str, int], str] = {}

    def number(value: str, style: int) -> str:
        key = (value, style)
        text = cache.get(key)
        if text is None:
            text = _number(value, style in dates, style in durations)
            if len(cache) < 10_000:
                cache[key] = text
        return text

    def _number(value: str, date: bool, duration: bool) -> str:
        try:
            parsed: float | int = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return value
        if not date:
            return cell_text(parsed)
        try:
            return cell_text(from_excel(parsed, epoch, timedelta=duration))
        except (OverflowError, ValueError):
            return "#VALUE!"

    return number
