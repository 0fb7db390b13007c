"""Reading a stored case for the dashboard gives the case that was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.formats.casefile import load_case as load_case_file
from kloof.formats.errors import InputError
from kloof.storage.dashboard import load_case, load_cases
from kloof.storage.mapping import case_from_domain, case_to_domain
from kloof.storage.models import Case
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


@pytest.mark.django_db
def test_it_reads_many_cases_in_the_same_six_queries(django_assert_num_queries):
    workspace = make_workspace("Examples")
    originals = [load_case_file(path) for path in EXAMPLES]
    rows = [case_from_domain(workspace, case) for case in originals]
    with django_assert_num_queries(6):
        loaded = load_cases(rows)
    assert [loaded[row.pk] for row in rows] == originals


@pytest.mark.django_db
def test_a_case_whose_framework_is_gone_does_not_hide_the_others():
    workspace = make_workspace("Examples")
    good, gone = (case_from_domain(workspace, load_case_file(EXAMPLES[0])) for _ in range(2))
    Case.objects.filter(pk=gone.pk).update(framework_ref="no-such-framework")
    gone.refresh_from_db()
    loaded = load_cases([good, gone])
    assert loaded[good.pk] == load_case_file(EXAMPLES[0])
    assert isinstance(loaded[gone.pk], InputError)
    with pytest.raises(InputError):
        load_case(gone)
