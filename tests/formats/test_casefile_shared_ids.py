"""Every id in a case read from a file is one string object, whichever reader
read it: the analysis looks ids up by the thousand, and the same object compares
at once (a YAML case was analysed slower than the same case in JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kloof.domain.model import Case
from kloof.formats.casefile import case_to_data, load_case, parse_case

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"


def demo_as(kind: str) -> Case:
    if kind == "yaml":
        return parse_case(DEMO.read_bytes(), "demo.yaml")
    data = json.dumps(case_to_data(load_case(DEMO)), default=str).encode()
    return parse_case(data, "demo.json")


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_ids_are_shared_between_the_lists_and_the_framework(kind: str) -> None:
    case = demo_as(kind)
    parties = {party.id: party.id for party in case.parties}
    raters = {rater.id: rater.id for rater in case.raters}
    factors = {factor.key: factor.key for factor in case.factors}
    assert case.ratings
    for rating in case.ratings:
        assert rating.rater is raters[rating.rater]
        assert rating.subject is parties[rating.subject]
        assert rating.factor is factors[rating.factor]
    for rater in case.raters:
        assert rater.party is parties[rater.party]
    for difference in case.differences:
        assert difference.factor is factors[difference.factor]
        assert all(party is parties[party] for party in difference.parties)


def test_the_same_id_from_yaml_and_from_json_is_one_object() -> None:
    from_yaml, from_json = demo_as("yaml"), demo_as("json")
    assert [r.rater for r in from_yaml.ratings] == [r.rater for r in from_json.ratings]
    assert all(
        a.rater is b.rater and a.factor is b.factor
        for a, b in zip(from_yaml.ratings, from_json.ratings, strict=True)
    )
