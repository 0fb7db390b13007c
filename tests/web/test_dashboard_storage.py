"""Reading a stored case for the dashboard gives the case that was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.formats.casefile import load_case as load_case_file
from kloof.storage.dashboard import load_case
from kloof.storage.mapping import case_from_domain, case_to_domain
from tests.web.factories import ROOT, make_workspace

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.json"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_it_reads_back_every_example_as_the_mapping_does(path: Path):
    original = load_case_file(path)
    row = case_from_domain(make_workspace("Examples"), original)
    assert load_case(row) == case_to_domain(row) == original


@pytest.mark.django_db
def test_it_reads_a_case_in_six_queries(django_assert_num_queries):
    row = case_from_domain(
        make_workspace("Examples"), load_case_file(ROOT / "examples" / "demo-contract-renewal.yaml")
    )
    with django_assert_num_queries(6):
        load_case(row)
