"""The long layout (a row per rater × factor, a factor column and a score column)
and "the other party" as the subject, on the command line's importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.cli import main
from kloof.domain.model import Rater, Rating
from kloof.formats.casefile import load_case
from kloof.formats.errors import InputError
from kloof.formats.importer import ImportProblemsError, import_ratings
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import read_table
from kloof.services.messages import localized_problems

HERE = Path(__file__).parent / "imports"
LONG = b"""kloof_import: 1
rater: Naam
rater_party: {column: Partij}
subject: {column: Over}
factor: Factor
score: Score
factors: {Samenwerking: relationship}
"""
OTHER = b"""kloof_import: 1
rater: Naam
rater_party: {column: Partij}
subject: {other_party: true}
scores: {intention: Intentie, trust: Vertrouwen}
"""


def _import(text: str, mapping: bytes, case_file: str = "case.yaml"):
    case = load_case(HERE / case_file)
    table = read_table(text.encode(), "antwoorden.csv")
    return import_ratings(case, table, parse_mapping(mapping, "map.yaml"))


def test_long_rows_name_factors_in_dutch_english_by_key_or_as_the_mapping_says():
    text = (
        "Naam;Partij;Over;Factor;Score\n"
        "Eva;globex;acme;Intentie;5\n"
        "Eva;globex;acme;  trust ;3\n"
        "Eva;globex;acme;value creation;6\n"
        "Eva;globex;acme;EMOTIONAL_FRAME;2\n"
        "Eva;globex;acme;samenwerking;4\n"
        "Eva;globex;acme;Dependency;\n"
        "Jan de Vries;acme;globex;Claimen en delen;7\n"
    )

    result = _import(text, LONG)

    assert result.added == (
        Rating("eva", "acme", "intention", 5.0),
        Rating("eva", "acme", "trust", 3.0),
        Rating("eva", "acme", "value_creation", 6.0),
        Rating("eva", "acme", "emotional_frame", 2.0),
        Rating("eva", "acme", "relationship", 4.0),
        Rating("jan", "globex", "claiming_sharing", 7.0),
    )
    assert result.case.raters[1:] == (Rater("eva", "Eva", "globex"),)


def test_an_unknown_factor_name_is_a_problem_with_the_closest_name():
    text = (
        "Naam;Partij;Over;Factor;Score\n"
        "Eva;globex;acme;Vertrouwn;5\n"
        "Eva;globex;acme;Budget;3\n"
        "Eva;globex;acme;;4\n"
        "Eva;globex;acme;Intentie;5\n"
        "Eva;globex;acme;intention;6\n"
    )

    with pytest.raises(ImportProblemsError) as caught:
        _import(text, LONG)

    fix = (
        "write a factor's key or name (Dutch or English), "
        "or map this value under 'factors' in the mapping"
    )
    assert [(p.row, p.column, p.problem, p.fix) for p in caught.value.problems] == [
        (
            2,
            '"Factor"',
            '"Vertrouwn" is not a factor of the case; did you mean "Vertrouwen" (trust)?',
            fix,
        ),
        (3, '"Factor"', '"Budget" is not a factor of the case', fix),
        (4, '"Factor"', "the factor is missing", "write the factor's name in this row"),
        (
            6,
            '"Score"',
            "'eva' rates 'acme' on 'intention' again (first in row 5)",
            "keep one of them",
        ),
    ]
    assert localized_problems(caught.value, "nl")[0] == (
        'rij 2, kolom "Factor": "Vertrouwn" is geen factor van de casus; bedoel je "Vertrouwen" '
        "(trust)? — schrijf de sleutel of naam van een factor (Nederlands of Engels), of koppel "
        "deze waarde onder 'factors' in het koppelbestand"
    )


@pytest.mark.parametrize(
    ("mapping", "problem"),
    [
        (b"kloof_import: 1\nrater: A\nsubject: {party: acme}\n", "the mapping has no 'scores'"),
        (
            b"kloof_import: 1\nrater: A\nsubject: {party: acme}\nfactor: F\n",
            "the mapping has no 'score'",
        ),
        (
            b"kloof_import: 1\nrater: A\nsubject: {party: acme}\nscores: {trust: B}\nscore: C\n",
            "the mapping has both 'scores' and 'score'",
        ),
        (
            b"kloof_import: 1\nrater: A\nsubject: {party: acme}\nscores: {trust: B}\n"
            b"factors: {x: trust}\n",
            "the mapping has 'factors' but no factor column",
        ),
        (
            b"kloof_import: 1\nrater: A\nrater_party: {other_party: true}\n"
            b"subject: {party: acme}\nscores: {trust: B}\n",
            "'other_party' can only say who is rated, not the rater's party",
        ),
    ],
    ids=["nothing", "factor-alone", "both", "factors-alone", "other-rater-party"],
)
def test_a_mapping_of_neither_or_both_layouts_is_refused(mapping, problem):
    with pytest.raises(InputError) as caught:
        parse_mapping(mapping, "map.yaml")

    assert caught.value.problem == problem


def test_the_mapping_s_factor_names_must_name_factors_of_the_case():
    mapping = LONG.replace(b"relationship", b"teamwork")

    with pytest.raises(ImportProblemsError) as caught:
        _import("Naam;Partij;Over;Factor;Score\n", mapping)

    [problem] = caught.value.problems
    assert problem.problem == (
        "mapping: 'Samenwerking' maps to 'teamwork', which is not a factor of the case"
    )


def test_the_other_party_is_the_subject_for_both_sides_respondents_in_one_file():
    text = "Naam;Partij;Intentie;Vertrouwen\nEva;globex;5;3\nPiet;acme;2;\nJan de Vries;acme;6;\n"

    result = _import(text, OTHER)

    assert result.added == (
        Rating("eva", "acme", "intention", 5.0),
        Rating("eva", "acme", "trust", 3.0),
        Rating("piet", "globex", "intention", 2.0),
        Rating("jan", "globex", "intention", 6.0),
    )


def test_the_other_party_needs_a_case_of_two_parties(tmp_path):
    three = (
        (HERE / "case.yaml")
        .read_text()
        .replace(
            "  - {id: globex, name: Globex Sales}\n",
            "  - {id: globex, name: Globex Sales}\n  - {id: initech, name: Initech}\n",
        )
    )
    (tmp_path / "three.yaml").write_text(three)
    case = load_case(tmp_path / "three.yaml")
    table = read_table(b"Naam;Partij;Intentie;Vertrouwen\nEva;globex;5;3\n", "a.csv")

    with pytest.raises(ImportProblemsError) as caught:
        import_ratings(case, table, parse_mapping(OTHER, "map.yaml"))

    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (None, None)
    assert problem.problem == (
        "mapping: the subject is 'the other party', but the case has 3 parties: "
        "'the other party' needs exactly two"
    )
    assert problem.fix == (
        "map the subject to a column or to one party, or import each side's respondents "
        "with a mapping of their own"
    )


def test_kloof_import_reads_a_long_file_and_words_problems_in_dutch(tmp_path, monkeypatch, capsys):
    (tmp_path / "map.yaml").write_bytes(LONG)
    (tmp_path / "a.csv").write_text("Naam;Partij;Over;Factor;Score\nEva;globex;acme;Vertrouwen;5\n")
    (tmp_path / "b.csv").write_text("Naam;Partij;Over;Factor;Score\nEva;globex;acme;Trust me;5\n")
    arguments = ["--into", str(HERE / "case.yaml"), "--mapping", str(tmp_path / "map.yaml")]

    assert (
        main(["import", str(tmp_path / "a.csv"), *arguments, "-o", str(tmp_path / "o.yaml")]) == 0
    )
    monkeypatch.setenv("KLOOF_LANG", "nl")
    assert (
        main(["import", str(tmp_path / "b.csv"), *arguments, "-o", str(tmp_path / "p.yaml")]) == 2
    )

    assert load_case(tmp_path / "o.yaml").ratings[-1] == Rating("eva", "acme", "trust", 5.0)
    assert not (tmp_path / "p.yaml").exists()
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"kloof: fout: {tmp_path / 'b.csv'}: 1 probleem gevonden; er is niets geïmporteerd:",
        '  rij 2, kolom "Factor": "Trust me" is geen factor van de casus; bedoel je "trust"? — '
        "schrijf de sleutel of naam van een factor (Nederlands of Engels), of koppel deze "
        "waarde onder 'factors' in het koppelbestand",
    ]


def _docs_examples() -> list[tuple[str, bytes]]:
    """The wide and the long example of docs/import.md: (CSV text, mapping)."""
    import re

    text = (Path(__file__).parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    part = text.split("## Two layouts", 1)[1].split('## "The other party"', 1)[0]
    tables = re.findall(r"((?:^\|.*\|\n)+)", part, re.M)
    mappings = re.findall(r"```yaml\n(.*?)```", part, re.S)
    examples = []
    for table, mapping in zip(tables, mappings, strict=True):
        lines = [line.strip("|").split("|") for line in table.strip().splitlines()]
        rows = [";".join(cell.strip() for cell in line) for line in lines if "---" not in line[0]]
        examples.append(("\n".join(rows) + "\n", mapping.encode()))
    return examples


def test_the_docs_long_example_imports_the_same_ratings_as_the_wide_one():
    (wide_csv, wide_map), (long_csv, long_map) = _docs_examples()

    wide = _import(wide_csv, wide_map)
    long = _import(long_csv, long_map)

    assert sorted(long.added, key=repr) == sorted(wide.added, key=repr)
    assert len(wide.added) == 4
