"""Every problem of an uploaded scenario file: all schema problems in the
order of the file; when the schema holds, all problems between the parts."""

from __future__ import annotations

import pytest

from kloof.formats.scenario_problems import ScenarioProblemsError, checked_scenario
from tests.web.own_scenario_support import KEY, bad_yaml, good_yaml


def problems(data: bytes) -> list[tuple[int | None, str]]:
    with pytest.raises(ScenarioProblemsError) as caught:
        checked_scenario(data, "mine.yaml")
    return [(error.line, error.problem) for error in caught.value.problems]


def test_a_good_file_is_read():
    assert checked_scenario(good_yaml(), "mine.yaml").id == KEY


def test_every_schema_problem_in_the_order_of_the_file():
    assert problems(bad_yaml()) == [
        (3, "'level' is the text 'expert', which is not one of: basic, advanced"),
        (4, "'domain' is the text 'sports', which is not one of: work, private, news"),
    ]


def test_every_problem_between_the_parts():
    text = good_yaml().decode()
    text = text.replace("\n    korrel:\n      intention:", "\n    bakker:\n      intention:", 1)
    text = text.replace("\n    vos:\n      intention:", "\n    doos:\n      intention:", 1)
    assert problems(text.encode()) == [
        (95, "reference: the positions of the party 'korrel' are missing"),
        (95, "reference: the positions of the party 'vos' are missing"),
        (96, "reference, positions: 'bakker' is not a party of this scenario"),
        (124, "reference, positions: 'doos' is not a party of this scenario"),
    ]


def test_a_file_that_is_no_yaml_has_one_problem():
    assert problems(b"format: [") == [
        (2, "YAML syntax error: did not find expected node content (while parsing a flow node)")
    ]
