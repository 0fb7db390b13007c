"""Formula neutralisation and the CSV/XLSX writers of ``kloof.formats.cells``."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.formats.cells import Sheet, csv_bytes, csv_number, neutralise, xlsx_bytes

DANGEROUS = frozenset("=+-@＝＋－＠")
CONTROL = frozenset("\t\r\n")
BOM = b"\xef\xbb\xbf"

# Text with a fair share of hostile starts: formulas, whitespace before them,
# control characters, full-width signs, and plain Dutch text.
dangerous_text = st.one_of(
    st.text(),
    st.builds(
        lambda spaces, start, rest: spaces + start + rest,
        st.text(alphabet=" \t\r\n\u3000\xa0\x0b\x0c", max_size=3),
        st.sampled_from(
            [*sorted(DANGEROUS), *sorted(CONTROL), "=cmd|' /C calc'!A0", "=HYPERLINK("]
        ),
        st.text(),
    ),
)


def starts_formula(text: str) -> bool:
    """What a spreadsheet could run: a formula sign, also behind whitespace."""
    return text[:1] in CONTROL or text.lstrip()[:1] in DANGEROUS


def csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def xlsx_cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 123", "'+31 20 123"),
        ("-Jan", "'-Jan"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("  =1", "'  =1"),
        ("\u3000=1", "'\u3000=1"),
        ("＝1", "'＝1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("Jan = baas", "Jan = baas"),
        ("café “vast” €5 ĳ", "café “vast” €5 ĳ"),
        ("'=al veilig", "'=al veilig"),
        ("", ""),
        ("   ", "   "),
    ],
)
def test_neutralise_prefixes_only_formula_starts(text, expected):
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, "5"), (5.0, "5"), (2.5, "2.5"), (-1.5, "-1.5"), (1 / 6, "0.166667"), (-1e-9, "0")],
)
def test_csv_number_uses_a_decimal_point_without_exponent(value, expected):
    assert csv_number(value) == expected


def test_csv_bytes_keeps_negative_numbers_as_numbers_and_quotes_text():
    data = csv_bytes(["-a", "b"], [[-1.5, "-1.5"], [True, None]])
    assert data == BOM + b"'-a,b\r\n-1.5,'-1.5\r\ntrue,\r\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(dangerous_text, min_size=1, max_size=6))
def test_csv_bytes_no_cell_starts_a_formula(texts):
    cells = csv_cells(csv_bytes(texts, [texts]))
    assert len(cells) == 2
    for row in cells:
        for cell in row:
            assert cell.startswith("'") or not starts_formula(cell)
    assert cells[1] == [neutralise(text) for text in texts]


@settings(max_examples=100, deadline=None)
@given(st.lists(dangerous_text, min_size=1, max_size=6))
def test_xlsx_bytes_no_cell_is_a_formula(texts):
    data = xlsx_bytes([Sheet(name="T", header=texts, rows=[texts, [-2.5, 3, False]])])
    for cell in xlsx_cells(data):
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert cell.value.startswith("'") or not starts_formula(cell.value)


def test_xlsx_bytes_writes_a_formula_like_text_as_a_string():
    data = xlsx_bytes([Sheet(name="T", header=["=1+1"], rows=[['=HYPERLINK("x")'], [-3]])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["T"]
    assert [(c.value, c.data_type) for c in sheet["A"]] == [
        ("'=1+1", "s"),
        ('\'=HYPERLINK("x")', "s"),
        (-3, "n"),
    ]


def test_xlsx_bytes_replaces_characters_xml_cannot_hold():
    data = xlsx_bytes([Sheet(name="T", header=["a\x00b\x1fc"], rows=[])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["T"]
    assert sheet["A1"].value == "a\ufffdb\ufffdc"


def test_xlsx_bytes_cleans_a_sheet_name_excel_refuses():
    data = xlsx_bytes([Sheet(name="a/b:c" + "x" * 40, header=["h"], rows=[])])
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["a_b_c" + "x" * 26]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcéëĳ€“”‘’ -ÉËÏöüÀ", min_size=1).filter(lambda t: not starts_formula(t)))
def test_dutch_text_survives_csv_and_xlsx_unchanged(text):
    assert csv_cells(csv_bytes(["h"], [[text]]))[1] == [text]
    data = xlsx_bytes([Sheet(name="T", header=["h"], rows=[[text]])])
    assert openpyxl.load_workbook(io.BytesIO(data))["T"]["A2"].value == text
