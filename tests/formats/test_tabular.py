"""read_table: encodings, delimiters, quoted newlines, XLSX."""

from __future__ import annotations

import io

import openpyxl
import pytest

from kloof.formats.errors import InputError
from kloof.formats.tabular import Row, read_table

DUTCH = "José Müller;Één;ß€"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_openpyxl_parses_xml_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(
    ("encoded"),
    [
        ("Naam;Partij\n" + DUTCH.split(";")[0] + ";Één\n").encode("utf-8"),
        b"\xef\xbb\xbf" + ("Naam;Partij\n" + "José Müller;Één\n").encode("utf-8"),
        ("Naam;Partij\n" + "José Müller;Één\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "windows-1252"],
)
def test_read_table_csv_keeps_dutch_characters(encoded: bytes) -> None:
    table = read_table(encoded, "r.csv")

    assert table.header == ("Naam", "Partij")
    assert table.rows == (Row(2, ("José Müller", "Één")),)


def test_read_table_windows_1252_euro_sign() -> None:
    table = read_table("a,b\n€ 5,ü\n".encode("cp1252"), "r.csv")

    assert table.rows[0].cells == ("€ 5", "ü")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_table_detects_delimiter(delimiter: str) -> None:
    text = delimiter.join(["Naam", "Intentie", "Vertrouwen"]) + "\n"
    text += delimiter.join(["Eva", "3", "4"]) + "\n"
    text += delimiter.join(["Jan", "5", "1"]) + "\n"

    table = read_table(text.encode(), "r.csv")

    assert table.header == ("Naam", "Intentie", "Vertrouwen")
    assert [row.cells for row in table.rows] == [("Eva", "3", "4"), ("Jan", "5", "1")]


def test_read_table_semicolon_with_decimal_commas() -> None:
    table = read_table(b"Naam;Score\nEva;3,5\nJan;4,5\n", "r.csv")

    assert table.rows[1].cells == ("Jan", "4,5")


def test_read_table_quoted_newline_counts_as_one_row() -> None:
    table = read_table(b'Naam,Note\nEva,"line one\nline two"\nJan,x\n', "r.csv")

    assert table.rows == (Row(2, ("Eva", "line one\nline two")), Row(3, ("Jan", "x")))


def test_read_table_skips_empty_rows_keeping_numbers() -> None:
    table = read_table(b"a,b\n,\n1,2\n", "r.csv")

    assert table.rows == (Row(3, ("1", "2")),)


def test_read_table_empty_file_is_refused() -> None:
    with pytest.raises(InputError, match="no header row"):
        read_table(b"", "r.csv")


def test_read_table_xlsx_values_as_text() -> None:
    data = _xlsx([["Naam", "Score", "Half"], ["Één", 4, 4.5], [None, None, None], ["Eva", 2.0, 1]])

    table = read_table(data, "r.xlsx")

    assert table.header == ("Naam", "Score", "Half")
    assert table.rows == (Row(2, ("Één", "4", "4.5")), Row(4, ("Eva", "2", "1")))


def test_read_table_zip_signature_means_xlsx_whatever_the_name() -> None:
    table = read_table(_xlsx([["a"], ["b"]]), "upload.bin")

    assert table.rows == (Row(2, ("b",)),)


def test_read_table_old_xls_is_refused() -> None:
    with pytest.raises(InputError, match=r"old Excel file \(\.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "r.xls")


def test_read_table_xlsx_shared_strings_rich_text_dates_and_yes_no() -> None:
    """As Excel writes text (a shared strings table, rich text in runs, phonetic
    hints left out); dates and yes/no as openpyxl's values-only reading gave them."""
    from tests.formats.xlsx_files import with_shared_strings, workbook_bytes

    rich = "<si><r><t>Zoë </t></r><r><rPr><b/></rPr><t>Jansen</t></r><rPh><t>x</t></rPh></si>"
    shared = with_shared_strings([["Naam", "Partij"], ["José Müller", "Wij"], [5, "Zij"]], rich)
    table = read_table(shared, "s.xlsx")
    assert table.header == ("Naam", "Partij")
    assert table.rows == (Row(2, ("José Müller", "Wij")), Row(3, ("Zoë Jansen", "Zij")))

    import datetime as dt

    data = workbook_bytes(
        [["Wanneer", "Ja"], [dt.date(2026, 12, 1), True], [dt.datetime(2026, 1, 2, 3, 4), False]]
    )
    assert read_table(data, "d.xlsx").rows == (
        Row(2, ("2026-12-01T00:00:00", "TRUE")),
        Row(3, ("2026-01-02T03:04:00", "FALSE")),
    )
