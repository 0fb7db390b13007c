"""Real XLSX files for the reader's and the importer's tests: written by
openpyxl, then (where a test needs what openpyxl does not write, such as a
stored formula result or shared strings) with parts of the XML replaced."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_bytes(rows: list[list[Any]]) -> bytes:
    """A workbook as openpyxl saves it; a text starting with "=" becomes a
    formula without a stored result, as in a file no spreadsheet has opened."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replaced(data: bytes, parts: dict[str, bytes]) -> bytes:
    """``data`` with the named parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, parts.get(entry.filename, source.read(entry.filename)))
        for name, content in parts.items():
            if name not in source.NameToInfo:
                target.writestr(name, content)
    return buffer.getvalue()


def sheet_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(SHEET).decode()


def with_stored_results(data: bytes, results: dict[str, str]) -> bytes:
    """Give formula cells a stored result, as Excel saves them: ``{"A2": "Eva"}``
    stores text (``t="str"``), a number-like result a number."""
    xml = sheet_xml(data)
    for reference, result in results.items():
        pattern = re.compile(rf'<c r="{reference}"([^>]*)><f>(.*?)</f><v\s*/>')
        kind = "" if re.fullmatch(r"-?\d+(\.\d+)?", result) else ' t="str"'
        xml, count = pattern.subn(
            lambda m, kind=kind, result=result, reference=reference: (
                f'<c r="{reference}"{m.group(1)}{kind}><f>{m.group(2)}</f><v>{result}</v>'
            ),
            xml,
        )
        assert count == 1, f"no formula cell {reference}"
    return replaced(data, {SHEET: xml.encode()})


def with_shared_strings(rows: list[list[str | int]], extra_xml: str = "") -> bytes:
    """A workbook whose text cells all point into the shared strings table, as
    Excel writes them; ``extra_xml`` is appended to that table's entries, and a
    number in ``rows`` is an index into the table as it is."""
    strings: list[str] = [text for row in rows for text in row if isinstance(text, str)]
    strings = list(dict.fromkeys(strings))
    cells = []
    for number, row in enumerate(rows, start=1):
        row_cells = []
        for column, text in enumerate(row):
            index = text if isinstance(text, int) else strings.index(text)
            reference = f"{chr(65 + column)}{number}"
            row_cells.append(f'<c r="{reference}" t="s"><v>{index}</v></c>')
        cells.append(f'<row r="{number}">{"".join(row_cells)}</row>')
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
    entries = "".join(f"<si><t>{text}</t></si>" for text in strings) + extra_xml
    table = f'<sst xmlns="{MAIN}">{entries}</sst>'
    base = workbook_bytes([["x"]])
    rels = zipfile.ZipFile(io.BytesIO(base)).read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    return replaced(
        base,
        {
            SHEET: sheet.encode(),
            "xl/sharedStrings.xml": table.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
        },
    )
