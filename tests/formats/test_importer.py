"""import_ratings / import_file: mapping, rescaling, problems, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.domain.model import Rater, Rating
from kloof.formats.casefile import load_case
from kloof.formats.errors import InputError
from kloof.formats.importer import ImportProblemsError, import_file, import_ratings
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import read_table

HERE = Path(__file__).parent / "imports"
MAPPING = (HERE / "mapping.yaml").read_bytes()


def _import(csv_text: str, mapping: bytes = MAPPING, **options: bool):
    case = load_case(HERE / "case.yaml")
    table = read_table(csv_text.encode(), "r.csv")
    return case, import_ratings(case, table, parse_mapping(mapping, "map.yaml"), **options)


HEAD = "Naam;Partij;Over;Intentie;Vertrouwen;Zekerheid;Toelichting\n"


def test_import_file_adds_raters_and_rescaled_ratings() -> None:
    case, preview = import_file(HERE / "responses.csv", HERE / "case.yaml", HERE / "mapping.yaml")

    assert case.raters[1:] == (
        Rater("jose_muller", "José Müller", "acme"),
        Rater("eva", "Eva", "globex"),
    )
    assert case.ratings[1:] == (
        Rating("jose_muller", "globex", "intention", 2.5, "high", None, "regel één\nregel twee"),
        Rating("jose_muller", "globex", "trust", 5.5, "high", None, "regel één\nregel twee"),
        Rating("eva", "globex", "intention", 7.0),
        Rating("eva", "globex", "trust", 1.0),
    )
    assert preview.added == 4
    assert dict(preview.counts) == {("globex", "intention"): 2, ("globex", "trust"): 2}


@pytest.mark.parametrize(
    ("score", "scaled"), [("1", 1.0), ("2", 2.5), ("3", 4.0), ("4", 5.5), ("5", 7.0), ("4,5", 6.25)]
)
def test_import_rescales_1_to_5_onto_1_to_7(score: str, scaled: float) -> None:
    _, result = _import(HEAD + f"Eva;Zij;Wij;{score};;;\n")

    assert result.case.ratings[-1] == Rating("eva", "acme", "intention", scaled)


def test_import_reports_every_problem_by_row_and_column() -> None:
    text = HEAD + "Eva;Zij;Wij;zeven;9;;\nPiet;Elders;Wij;3;;;\nEva;Zij;Wij;3;;misschien;\n"

    with pytest.raises(ImportProblemsError) as caught:
        _import(text)

    assert [problem.text() for problem in caught.value.problems] == [
        'row 2, column "Intentie": "zeven" is not a number — write a number from 1 to 5',
        'row 2, column "Vertrouwen": "9" is off the scale 1 to 5 — write a number from 1 to 5',
        'row 3, column "Partij": "Elders" is not a party of the case — write a party id or name, '
        "or map this value under 'parties' in the mapping",
        'row 4, column "Zekerheid": "misschien" is not known — write one of high, low, medium',
    ]
    assert caught.value.message.startswith("r.csv: 4 problems found; nothing was imported:\n")


def test_import_caps_the_listed_problems_at_50() -> None:
    text = HEAD + "".join(f"Eva;Zij;Wij;x{n};;;\n" for n in range(60))

    with pytest.raises(InputError) as caught:
        _import(text)

    assert len(caught.value.problems) == 60  # type: ignore[attr-defined]
    assert caught.value.message.count("is not a number") == 50
    assert caught.value.message.endswith("… and 10 more problems")


def test_import_leaves_the_case_unchanged_on_any_problem() -> None:
    case = load_case(HERE / "case.yaml")
    before = (case.raters, case.ratings)
    table = read_table((HEAD + "Eva;Zij;Wij;3;4;;\nAnna;Wij;Zij;8;;;\n").encode(), "r.csv")

    with pytest.raises(InputError):
        import_ratings(case, table, parse_mapping(MAPPING, "map.yaml"))

    assert (case.raters, case.ratings) == before


def test_import_conflict_with_existing_rating_is_reported() -> None:
    with pytest.raises(
        ImportProblemsError, match="'jan' rates 'globex' on 'trust' already in the case"
    ):
        _import(HEAD + "Jan de Vries;Wij;Zij;;5;;\n")


def test_import_replace_overwrites_existing_rating() -> None:
    _, result = _import(HEAD + "jan;Wij;Zij;;5;;\n", replace=True)

    assert result.case.ratings == (Rating("jan", "globex", "trust", 7.0),)
    assert result.preview.replaced == 1


def test_import_duplicate_rows_in_the_file_are_reported() -> None:
    with pytest.raises(
        ImportProblemsError,
        match=r"row 3, column \"Intentie\": 'eva' rates 'acme' on 'intention' again "
        r"\(first in row 2\)",
    ):
        _import(HEAD + "Eva;Zij;Wij;3;;;\nEva;Zij;Wij;4;;;\n")


def test_import_existing_rater_with_other_party_is_reported() -> None:
    with pytest.raises(
        ImportProblemsError, match="\"Jan de Vries\" belongs to 'acme', the row says 'globex'"
    ):
        _import(HEAD + "Jan de Vries;Zij;Wij;3;;;\n")


def test_import_columns_by_letter_and_fixed_parties() -> None:
    mapping = (
        b"kloof_import: 1\nrater: A\nrater_party: {party: globex}\n"
        b"subject: {party: acme}\nscores: {dependency: c}\n"
    )

    _, result = _import("Wie,Leeg,Score\nEva,,6\n", mapping)

    assert result.case.ratings[-1] == Rating("eva", "acme", "dependency", 6.0)


def test_import_mapping_problems_are_all_listed() -> None:
    mapping = (
        b"kloof_import: 1\nrater: Wie\nsubject: {party: nobody}\n"
        b"scores: {trusst: Score, trust: Nee}\n"
    )

    with pytest.raises(ImportProblemsError) as caught:
        _import("Naam,Score\nEva,3\n", mapping)

    texts = [problem.text() for problem in caught.value.problems]
    assert texts == [
        "mapping: 'nobody' is not a party of the case — use one of acme, globex",
        "mapping: 'trusst' is not a factor of the case — use one of claiming_sharing, "
        "competences, dependency, emotional_frame, flexibility, intention, relationship, "
        "trust, value_creation",
        'column "Nee": the file has no such column — use one of "Naam", "Score"',
        'column "Wie": the file has no such column — use one of "Naam", "Score"',
    ]


def test_import_mapping_without_format_number_is_refused() -> None:
    with pytest.raises(InputError, match="'kloof_import: 1' is missing"):
        parse_mapping(b"rater: A\n", "map.yaml")


def test_import_mapping_schema_problem_is_refused() -> None:
    with pytest.raises(InputError, match=r"map\.yaml:2"):
        parse_mapping(
            b"kloof_import: 1\nrater: 5\nsubject: {party: a}\nscores: {trust: B}\n", "map.yaml"
        )


def test_an_import_that_would_pass_the_case_limits_is_refused() -> None:
    """2,000 raters at most in a case (the case file's limit): the case has one,
    so 2,000 new raters make one too many, and nothing is imported."""
    rows = "".join(f"Rater {number};Zij;Wij;3;4;;\n" for number in range(2_000))
    with pytest.raises(ImportProblemsError) as caught:
        _import(HEAD + rows)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (None, None)
    assert problem.problem == (
        "the case would have more than 2,000 raters, more than a case may hold "
        "(the import stopped at row 2001)"
    )
    assert problem.fix == "import fewer rows, or split the raters over two cases"


def test_an_import_up_to_the_case_limits_is_taken() -> None:
    rows = "".join(f"Rater {number};Zij;Wij;3;4;;\n" for number in range(1_999))
    _, result = _import(HEAD + rows)
    assert len(result.case.raters) == 2_000
    assert result.preview.added == 3_998
