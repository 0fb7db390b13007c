"""The same case written as YAML and as JSON gives the same analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.formats.casefile import dump_case_json, dump_case_yaml, load_case, parse_case
from kloof.reports.json_output import analysis_to_data

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.[yj]*"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_yaml_and_json_of_an_example_analyse_the_same(path: Path):
    case = load_case(path)
    base = path.parent  # own frameworks are looked up beside the example
    as_yaml = parse_case(dump_case_yaml(case).encode(), "case.yaml", base_dir=base)
    as_json = parse_case(dump_case_json(case).encode(), "case.json", base_dir=base)
    expected = analysis_to_data(analyse(case), "en")
    assert analysis_to_data(analyse(as_yaml), "en") == expected
    assert analysis_to_data(analyse(as_json), "en") == expected
    assert expected["factors"]  # a real analysis, not an empty one
