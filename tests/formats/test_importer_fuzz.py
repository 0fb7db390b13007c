"""Random input to read_table + import_ratings: only InputError, never another exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.formats.casefile import load_case
from kloof.formats.errors import InputError
from kloof.formats.importer import import_ratings
from kloof.formats.importmap import load_mapping
from kloof.formats.tabular import read_table

HERE = Path(__file__).parent / "imports"
CASE = load_case(HERE / "case.yaml")
MAPPING = load_mapping(HERE / "mapping.yaml")
HEAD = "Naam;Partij;Over;Intentie;Vertrouwen;Zekerheid;Toelichting\n"
CELLS = st.sampled_from(["", "Eva", "Wij", "Zij", "acme", "3", "4,5", "9", "x", "hoog", '"', "\n"])


def _feed(data: bytes, name: str) -> None:
    try:
        import_ratings(CASE, read_table(data, name), MAPPING)
    except InputError as error:
        assert error.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["r.csv", "r.xlsx", "r.txt"]))
def test_fuzz_random_bytes_only_input_errors(data: bytes, name: str) -> None:
    _feed(data, name)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(CELLS | st.text(max_size=8), max_size=8), max_size=12),
    st.sampled_from(";,\t"),
)
def test_fuzz_random_csv_only_input_errors(rows: list[list[str]], delimiter: str) -> None:
    text = HEAD.replace(";", delimiter) + "\n".join(delimiter.join(row) for row in rows)
    _feed(text.encode(), "r.csv")


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_fuzz_zip_prefixed_bytes_only_input_errors(tail: bytes) -> None:
    _feed(b"PK\x03\x04" + tail, "r.xlsx")
