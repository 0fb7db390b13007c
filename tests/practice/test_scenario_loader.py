"""Scenario files: each problem is refused with the file, the exact line, the
problem and the fix, in English and Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.formats.errors import InputError
from kloof.formats.scenariofile import load_scenario, parse_scenario
from kloof.services.messages import localized_message
from tests.practice.helpers import STRIKE, SUPPLIER, edited, line_of


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return caught.value


def test_a_builtin_loads_with_its_parts() -> None:
    scenario = load_scenario(STRIKE)
    assert [party.id for party in scenario.parties] == ["union", "management", "province"]
    assert scenario.reference.score("management", "intention") == 3.5
    assert [(p.viewer, p.subject, p.factor, p.score) for p in scenario.reference.perceptions] == [
        ("union", "management", "intention", 1.0),
        ("management", "province", "dependency", 2.0),
    ]
    assert scenario.reference.first_move.answer == "intention-first"
    assert len(scenario.factors) == 9


def test_a_missing_format_line_points_to_line_1(tmp_path: Path) -> None:
    path = edited(tmp_path, SUPPLIER, "format: kloof-scenario/1\n", "")
    error = refusal(path)
    assert (error.line, error.message) == (
        1,
        f"{path}:1: this is not a kloof scenario file: the line 'format: kloof-scenario/1' "
        "is missing — add the line 'format: kloof-scenario/1' at the top of the file",
    )


def test_another_format_names_both(tmp_path: Path) -> None:
    path = edited(tmp_path, SUPPLIER, "format: kloof-scenario/1", "format: kloof-scenario/2")
    assert refusal(path).message == (
        f"{path}:1: this kloof reads scenario format kloof-scenario/1, not "
        "the text 'kloof-scenario/2' — write 'format: kloof-scenario/1'"
    )


def test_an_off_scale_score_names_its_line(tmp_path: Path) -> None:
    path = edited(tmp_path, SUPPLIER, "        score: 2.5\n", "        score: 2.25\n", count=2)
    line = line_of(path, "score: 2.25")
    error = refusal(path)
    assert error.line == line
    assert error.problem == (
        "reference, positions, vos, intention: 'score' has a value that is not allowed here"
    )


def test_an_unknown_party_in_blocking_names_the_line_and_the_choices(tmp_path: Path) -> None:
    path = edited(tmp_path, SUPPLIER, "parties: [korrel, vos]}", "parties: [korrel, fox]}")
    error = refusal(path)
    assert error.line == line_of(path, "parties: [korrel, fox]")
    assert error.problem == (
        "reference, item 1 of 'blocking', party 2: 'fox' is not a party of this scenario"
    )
    assert error.fix == "use one of: korrel, vos"


def test_a_missing_factor_is_named(tmp_path: Path) -> None:
    text = SUPPLIER.read_text(encoding="utf-8")
    start = text.index("      trust:\n", text.index("    vos:"))
    end = text.index("      dependency:", start)
    path = tmp_path / "s.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    error = refusal(path)
    assert error.line == line_of(path, "    vos:")
    assert error.problem == "reference, positions: the party 'vos' has no position on trust"


def test_a_blind_spot_needs_its_perception(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        STRIKE,
        "  blind_spots:\n    - viewer: union\n      subject: management\n      factor: intention",
        "  blind_spots:\n    - viewer: union\n      subject: management\n      factor: trust",
    )
    error = refusal(path)
    assert error.line == line_of(path, "  blind_spots:") + 1
    assert error.problem == (
        "reference, item 1 of 'blind_spots': there is no perception of union about "
        "management on trust"
    )


def test_the_answer_must_be_an_option(tmp_path: Path) -> None:
    path = edited(tmp_path, SUPPLIER, "answer: intention-first", "answer: price-first")
    error = refusal(path)
    assert error.line == line_of(path, "answer: price-first")
    assert (
        error.problem == "reference, first_move: the answer 'price-first' is not one of the options"
    )
    assert error.fix == "use one of: intention-first, quotes-first, design-first, split-difference"


def test_a_blocking_difference_the_analysis_does_not_find_is_refused(tmp_path: Path) -> None:
    # Claimed blocking on relationship, where korrel 5 and vos 4 are 1 point apart.
    path = edited(
        tmp_path,
        SUPPLIER,
        "    - {kind: position, factor: intention, parties: [korrel, vos]}\n",
        "    - {kind: position, factor: intention, parties: [korrel, vos]}\n"
        "    - {kind: position, factor: relationship, parties: [vos, korrel]}\n",
    )
    error = refusal(path)
    assert error.line == line_of(path, "factor: relationship, parties")
    assert error.message == (
        f"{path}:{error.line}: korrel and vos on relationship is listed as blocking, but "
        "kloof's analysis of the reference does not find it blocking — remove it from "
        "'blocking:', or widen the gap in the scores to the blocking threshold "
        "(3 points; 2.4 for intention)"
    )


def test_a_blocking_perception_left_out_is_refused_in_dutch_too(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        STRIKE,
        "    - {kind: perception, factor: intention, viewer: union, subject: management}\n",
        "",
    )
    error = refusal(path)
    assert error.line == line_of(path, "  blocking:")
    assert error.problem == (
        "kloof's analysis of the reference finds how union sees management on intention "
        "blocking, but it is not listed under 'blocking:'"
    )
    assert localized_message(error, "nl") == (
        f"{path}:{error.line}: de analyse van kloof vindt in de referentie hoe union "
        "management ziet op intention blokkerend, maar het staat niet onder 'blocking:' — "
        "zet het onder 'blocking:', of pas de scores aan zodat de afstand onder de drempel "
        "voor blokkerend blijft (3 punten; 2,4 voor intentie)"
    )


def test_an_unknown_field_gets_a_suggestion(tmp_path: Path) -> None:
    path = edited(tmp_path, STRIKE, "  blind_spots:", "  blind_spot:")
    error = refusal(path)
    assert error.line == line_of(path, "  blind_spot:")
    assert error.problem == "reference: unknown field 'blind_spot'"
    assert error.fix == "did you mean 'blind_spots'?"


def test_a_perception_of_oneself_is_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        STRIKE,
        "    - viewer: management\n      subject: province",
        "    - viewer: province\n      subject: province",
        count=2,  # the perception and its blind spot
    )
    error = refusal(path)
    assert error.line == line_of(path, "    - viewer: province")
    assert error.problem == (
        "reference, item 2 of 'perceptions': a party's view of itself is its position, "
        "not a perception"
    )


def test_json_scenarios_read_the_same() -> None:
    import json

    import yaml

    data = yaml.safe_load(SUPPLIER.read_text(encoding="utf-8"))
    scenario = parse_scenario(json.dumps(data).encode(), "s.json")
    assert scenario == load_scenario(SUPPLIER)
