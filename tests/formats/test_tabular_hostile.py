"""Hostile files: refused with a clear InputError, each within 5 seconds."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from kloof.formats.errors import InputError
from kloof.formats.tabular import read_table

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    "</sheetData></worksheet>"
)


@pytest.fixture(autouse=True)
def _small() -> Iterator[None]:
    """Every hostile file is refused within 256 MB; tests assert no elapsed time."""
    tracemalloc.start()
    yield
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 256 * 1024 * 1024


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet(xml: str) -> bytes:
    """A real workbook whose first sheet's XML is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["a"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode()
            target.writestr(entry.filename, data)
    return buffer.getvalue()


def test_hostile_zip_bomb_declared_size_is_refused() -> None:
    data = bytearray(_xlsx([["a"], ["b"]]))
    # Patch the central directory: the first entry declares 4 GB uncompressed.
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 0xFFFF0000)

    with pytest.raises(InputError, match=r"would unpack to .* MB, more than the 50 MB"):
        read_table(bytes(data), "bomb.xlsx")


def test_hostile_zip_bomb_real_compression_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))

    with pytest.raises(InputError, match="more than the 50 MB"):
        read_table(buffer.getvalue(), "bomb.xlsx")


def test_hostile_too_many_entries_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(1_001):
            archive.writestr(f"part{index}.xml", b"")

    with pytest.raises(InputError, match="holds 1,001 parts, more than the 1,000"):
        read_table(buffer.getvalue(), "many.xlsx")


def test_hostile_billion_laughs_is_refused() -> None:
    with pytest.raises(InputError, match="unsafe XML"):
        read_table(_with_sheet(LAUGHS), "laughs.xlsx")


def test_hostile_external_entity_is_refused() -> None:
    with pytest.raises(InputError, match="unsafe XML"):
        read_table(_with_sheet(EXTERNAL), "xxe.xlsx")


def test_hostile_non_zip_renamed_xlsx_is_refused() -> None:
    with pytest.raises(InputError, match=r"not an XLSX file \(an XLSX file is a zip archive\)"):
        read_table(b"Naam,Score\nEva,4\n", "renamed.xlsx")


def test_hostile_truncated_zip_is_refused() -> None:
    with pytest.raises(InputError, match="damaged"):
        read_table(_xlsx([["a"]])[:200], "cut.xlsx")


def test_hostile_100001_rows_csv_is_refused() -> None:
    data = b"a\n" + b"1\n" * 100_001

    with pytest.raises(InputError, match="more than 100,000 rows"):
        read_table(data, "rows.csv")


def test_hostile_100000_rows_csv_is_read() -> None:
    assert len(read_table(b"a\n" + b"1\n" * 100_000, "rows.csv").rows) == 100_000


def test_hostile_sparse_xlsx_rows_are_refused() -> None:
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
        '<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(InputError, match="more than 100,000 rows"):
        read_table(_with_sheet(xml), "sparse.xlsx")


def test_hostile_wide_xlsx_row_is_refused() -> None:
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(InputError, match="16,384 columns"):
        read_table(_with_sheet(xml), "wide.xlsx")


def test_hostile_1mb_cell_csv_is_refused() -> None:
    data = b"a,b\nx," + b"y" * (1024 * 1024 + 1) + b"\n"

    with pytest.raises(InputError, match="row 2, column B: the cell holds 1,048,577 characters"):
        read_table(data, "cell.csv")


def test_hostile_1mb_cell_xlsx_is_refused() -> None:
    # Excel itself caps a cell at 32,767 characters; a hand-made file need not.
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        + "y" * (1024 * 1024 + 1)
        + "</t></is></c></row></sheetData></worksheet>"
    )
    with pytest.raises(InputError, match="row 1, column A: the cell holds"):
        read_table(_with_sheet(xml), "cell.xlsx")


def test_hostile_over_10mb_is_refused() -> None:
    with pytest.raises(InputError, match="more than the 10 MB"):
        read_table(b"a\n" * (5 * 1024 * 1024 + 1), "big.csv")


def test_hostile_binary_csv_is_refused() -> None:
    with pytest.raises(InputError, match="binary data"):
        read_table(b"a,b\n\x00\x01\x02\n", "bin.csv")
