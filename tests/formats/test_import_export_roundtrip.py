"""Dutch characters survive import -> export unchanged: a rater's name and a
note read from a CSV (UTF-8 or Windows-1252) come out of the ratings CSV and the
XLSX exactly as they went in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kloof.domain.analysis import analyse
from kloof.formats.casefile import load_case
from kloof.formats.cells import neutralise
from kloof.formats.export import case_xlsx, ratings_csv
from kloof.formats.importer import import_ratings
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import read_table

HERE = Path(__file__).parent / "imports"
CASE = load_case(HERE / "case.yaml")
MAPPING = parse_mapping((HERE / "mapping.yaml").read_bytes(), "map.yaml")
HEAD = "Naam;Partij;Over;Intentie;Vertrouwen;Zekerheid;Toelichting\r\n"
BOM = b"\xef\xbb\xbf"
#: Letters of Dutch text (and typographic quotes) that Windows-1252 can also hold.
DUTCH = "abcdeéëèêïöüóáàçñÉËÏÖÜ“”‘’€ –"
DUTCH_TEXT = st.text(alphabet=DUTCH, min_size=1, max_size=30).filter(
    lambda text: text.strip() == text and neutralise(text) == text
)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


@settings(max_examples=60, deadline=None)
@given(name=DUTCH_TEXT, note=DUTCH_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_names_and_notes_survive_import_then_export(name: str, note: str, encoding: str) -> None:
    row = f"{name};Zij;Wij;4;2;hoog;{note}\r\n"
    data = (HEAD + row).encode(encoding)
    # Bytes that are valid UTF-8 are read as UTF-8: a Windows-1252 file that
    # happens to be valid UTF-8 (rare in real text) cannot be told apart.
    assume(encoding != "cp1252" or not _is_utf8(data))
    table = read_table(data, "antwoorden.csv")
    case = import_ratings(CASE, table, MAPPING).case

    exported = _csv_cells(ratings_csv(case, "nl"))
    header = exported[0]
    imported = [line for line in exported[1:] if line[header.index("rater_name")] == name]
    assert [line[header.index("note")] for line in imported] == [note, note]

    workbook = openpyxl.load_workbook(io.BytesIO(case_xlsx(case, analyse(case), "nl")))
    values = {cell.value for sheet in workbook for row_ in sheet.iter_rows() for cell in row_}
    assert {name, note} <= values
