"""Formula cells in an XLSX import: the stored result where the file has one; a
clear problem, by row and column, where it has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.domain.model import Rating
from kloof.formats.casefile import load_case
from kloof.formats.importer import ImportProblemsError, import_ratings
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import Row, read_table
from kloof.services.messages import localized_problems
from tests.formats.xlsx_files import (
    SHEET,
    replaced,
    sheet_xml,
    with_stored_results,
    workbook_bytes,
)

HERE = Path(__file__).parent / "imports"
MAPPING = b"""kloof_import: 1
rater: Naam
rater_party: {column: Partij}
subject: {party: globex}
scores: {intention: Intentie, trust: Vertrouwen}
"""
HEADER = ["Naam", "Partij", "Intentie", "Vertrouwen", "Berekend"]
FORMULA = "the cell holds a formula without a stored result"
FIX = (
    "open the file in Excel or LibreOffice and save it again so that the results are "
    "stored, or paste the column as values (Paste special → Values)"
)


def _import(data: bytes):
    case = load_case(HERE / "case.yaml")
    table = read_table(data, "antwoorden.xlsx")
    return import_ratings(case, table, parse_mapping(MAPPING, "map.yaml"))


def test_the_reader_marks_formula_cells_without_a_stored_result():
    data = workbook_bytes([HEADER, ['=CONCAT("E","va")', "acme", "=3+1", 5, "=1/0"]])

    table = read_table(data, "antwoorden.xlsx")

    assert table.rows == (Row(2, ("", "acme", "", "5", ""), frozenset({0, 2, 4})),)


def test_a_formula_without_a_stored_result_is_a_problem_at_its_cell():
    data = workbook_bytes([HEADER, ['=CONCAT("E","va")', "acme", 4, "=3+1"]])

    with pytest.raises(ImportProblemsError) as caught:
        _import(data)

    assert [(p.row, p.column, p.problem, p.fix) for p in caught.value.problems] == [
        (2, '"Naam"', FORMULA, FIX),
        (2, '"Vertrouwen"', FORMULA, FIX),
    ]


def test_a_formula_in_a_column_the_mapping_does_not_use_is_no_problem():
    data = workbook_bytes([HEADER, ["Eva", "acme", 4, 5, "=C2+D2"]])

    result = _import(data)

    assert result.added == (
        Rating("eva", "globex", "intention", 4.0),
        Rating("eva", "globex", "trust", 5.0),
    )


def test_a_formula_with_a_stored_result_imports_that_result():
    data = workbook_bytes([HEADER, ['=CONCAT("E","va")', "acme", "=3+1", "=2+4"]])
    stored = with_stored_results(data, {"A2": "Eva", "C2": "4", "D2": "6"})

    result = _import(stored)

    assert result.added == (
        Rating("eva", "globex", "intention", 4.0),
        Rating("eva", "globex", "trust", 6.0),
    )


def test_a_formula_whose_stored_result_is_empty_text_is_an_empty_cell():
    """Excel stores an empty text result as ``t="str"`` with an empty value: that
    is a result (no opinion), not a missing one."""
    data = workbook_bytes([HEADER, ["Eva", "acme", 4, '=IF(C2>9,"x","")']])
    stored = with_stored_results(data, {"D2": "x"})
    empty = replaced(stored, {SHEET: sheet_xml(stored).replace("<v>x</v>", "<v></v>").encode()})

    result = _import(empty)

    assert 'D2" t="str"><f>' in sheet_xml(empty)
    assert result.added == (Rating("eva", "globex", "intention", 4.0),)


def test_the_formula_problem_reads_in_dutch():
    data = workbook_bytes([HEADER, ["=A1", "acme", 4, 5]])

    with pytest.raises(ImportProblemsError) as caught:
        _import(data)

    assert localized_problems(caught.value, "nl") == [
        'rij 2, kolom "Naam": de cel bevat een formule zonder opgeslagen uitkomst — open het '
        "bestand in Excel of LibreOffice en sla het opnieuw op zodat de uitkomsten worden "
        "opgeslagen, of plak de kolom als waarden (Plakken speciaal → Waarden)"
    ]
