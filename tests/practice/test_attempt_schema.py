"""The case schema's optional practice: section: attempts stay valid case files,
and a bad practice: section is refused with its line."""

from __future__ import annotations

import pytest

from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError

BASE = """\
kloof: 1
title: Practice
parties:
  - {id: korrel, name: Korrel}
  - {id: vos, name: Vos}
practice:
  scenario: supplier-price-rise
"""


def test_a_practice_section_is_part_of_a_valid_case() -> None:
    text = BASE + "  blocking:\n    - {kind: position, factor: trust, parties: [korrel, vos]}\n"
    case = parse_case((text + "  first_move: design-first\n").encode(), "a.yaml")
    assert [party.id for party in case.parties] == ["korrel", "vos"]


def test_empty_blocking_and_move_are_allowed() -> None:
    parse_case((BASE + "  blocking:\n  first_move:\n").encode(), "a.yaml")


def test_an_unknown_field_in_practice_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_case((BASE + "  first_step: design-first\n").encode(), "a.yaml")
    assert (caught.value.line, caught.value.problem) == (8, "practice: unknown field 'first_step'")
    assert caught.value.fix == "did you mean 'first_move'?"


def test_the_scenario_schema_is_a_valid_schema_and_kloof_prints_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from jsonschema import Draft202012Validator

    from kloof.cli import main
    from kloof.formats.scenariofile import scenario_schema

    Draft202012Validator.check_schema(scenario_schema())
    assert main(["schema", "scenario"]) == 0
    assert json.loads(capsys.readouterr().out) == scenario_schema()
