"""The reader's and the mapping's messages keep their English text and carry their
template and values, so that an interface can word them in its own language."""

from __future__ import annotations

import io
import struct
import zipfile
from decimal import Decimal

import pytest

from kloof.formats.errors import InputError
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import read_table


def refused(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(data, name)
    return caught.value


def _zip_declaring(size: int) -> bytes:
    """A small zip whose directory says its one part unpacks to ``size`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x/>")
    data = bytearray(buffer.getvalue())
    entry = data.index(b"PK\x01\x02")  # the central directory, which the reader checks
    data[entry + 24 : entry + 28] = struct.pack("<I", size)
    return bytes(data)


def test_a_wide_cell_keeps_its_english_text_and_its_template():
    data = ("h,i\r\n1," + "y" * (1024 * 1024 + 1) + "\r\n").encode()

    error = refused(data, "wide.csv")

    assert error.message == (
        "wide.csv: row 2, column B: the cell holds 1,048,577 characters, more than the 1 MB "
        "kloof reads in one cell — shorten the text in that cell"
    )
    assert error.template == (
        "row %(row)s, column %(column)s: the cell holds %(count)s characters, "
        "more than the 1 MB kloof reads in one cell"
    )
    assert error.fix_template == "shorten the text in that cell"
    assert error.template_args == {"row": "2", "column": "B", "count": 1024 * 1024 + 1}


def test_sizes_are_kept_as_the_decimals_the_english_text_shows():
    too_big = refused(b"x" * (10 * 1024 * 1024 + 150_000), "big.csv")
    bomb = refused(_zip_declaring(1536 * 1024 * 1024), "bomb.xlsx")

    assert too_big.problem == "the file is 10.1 MB, more than the 10 MB kloof imports"
    assert too_big.template_args == {"size": Decimal("10.1"), "limit": 10}
    assert (
        bomb.problem == "the XLSX file would unpack to 1,536 MB, more than the 50 MB kloof allows"
    )
    assert bomb.template_args == {"size": Decimal("1536"), "limit": 50}


@pytest.mark.parametrize(
    ("data", "name", "problem", "fix"),
    [
        (
            b"Naam\r\n\x81\x8d\r\n",
            "x.csv",
            "the file is neither UTF-8 nor Windows-1252 text",
            "save it as 'CSV UTF-8' or as XLSX and import that",
        ),
        (
            b"plain text",
            "x.xlsx",
            "this is not an XLSX file (an XLSX file is a zip archive)",
            "save the sheet as .xlsx from the spreadsheet, or export it as CSV",
        ),
        (
            b"\r\n\r\n",
            "x.csv",
            "the file is empty: no header row",
            "export the responses with the column names in the first row",
        ),
    ],
    ids=["not-text", "not-zip", "empty"],
)
def test_a_message_without_values_is_its_own_template(data, name, problem, fix):
    error = refused(data, name)

    assert (error.problem, error.fix) == (problem, fix)
    assert (error.template, error.fix_template, error.template_args) == (problem, fix, {})


def test_the_mapping_files_checks_carry_their_templates_and_line():
    with pytest.raises(InputError) as caught:
        parse_mapping(b"kloof_import: 2\nrater: A\n", "map.yaml")
    error = caught.value

    assert error.message == (
        "map.yaml:1: this is not a kloof import mapping: 'kloof_import: 1' is missing or wrong "
        "— add the line 'kloof_import: 1' at the top of the mapping file"
    )
    assert error.template == (
        "this is not a kloof import mapping: 'kloof_import: 1' is missing or wrong"
    )


def test_located_keeps_the_template():
    error = InputError.worded("row %(row)s is %(count)s wide", "narrow it", row="7", count=1234)

    moved = error.located("file.csv", 3)

    assert moved.message == "file.csv:3: row 7 is 1,234 wide — narrow it"
    assert (moved.template, moved.fix_template, moved.template_args) == (
        "row %(row)s is %(count)s wide",
        "narrow it",
        {"row": "7", "count": 1234},
    )


def test_a_plain_input_error_has_no_template():
    error = InputError("file not found", fix="check the path", source="x.csv")

    assert (error.template, error.fix_template, error.template_args) == ("", "", {})
    assert error.message == "x.csv: file not found — check the path"
