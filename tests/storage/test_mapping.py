"""Cases stored in the database and read back give the same analysis."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError

from kloof.domain.analysis import analyse
from kloof.domain.model import Rating
from kloof.formats.casefile import case_to_data, load_case
from kloof.reports.json_output import analysis_to_data
from kloof.storage import models
from kloof.storage.cases import load_case as load_stored_case
from kloof.storage.cases import store_case
from kloof.storage.mapping import case_from_domain, case_to_domain

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.[yj]*"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace() -> models.Workspace:
    return models.Workspace.objects.create(name="Inkoop")


def test_examples_are_found():
    assert len(EXAMPLES) == 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_case_stored_and_read_back_gives_the_same_analysis(path, workspace):
    case = load_case(path)
    row = case_from_domain(workspace, case)
    back = case_to_domain(models.Case.objects.get(pk=row.pk))
    for language in ("en", "nl"):
        assert analysis_to_data(analyse(back), language) == analysis_to_data(
            analyse(case), language
        )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_case_stored_and_read_back_writes_the_same_case_file(path, workspace):
    case = load_case(path)
    back = case_to_domain(case_from_domain(workspace, case))
    assert case_to_data(back) == case_to_data(case)


def test_a_file_name_in_previous_is_dropped_and_the_rest_is_stored(workspace):
    """The database points to a case, not to a file: ``previous: <file>`` of an
    upload names no stored case, so the stored case drops only that."""
    case = dataclasses.replace(load_case(EXAMPLES[0]), previous="renewal-2025.yaml")
    row = store_case(workspace, case)
    assert row.previous is None
    back = case_to_domain(row)
    assert back.previous is None
    assert dataclasses.replace(back, previous=case.previous) == case


def test_the_web_writes_previous_as_title_and_date_and_an_upload_links_it_back(workspace):
    first = store_case(workspace, dataclasses.replace(load_case(EXAMPLES[0]), title="Renewal"))
    models.Case.objects.filter(pk=first.pk).update(date=datetime.date(2025, 12, 3))
    first.refresh_from_db()
    following = store_case(
        workspace, dataclasses.replace(load_case(EXAMPLES[0]), previous="Renewal (2025-12-03)")
    )
    assert following.previous == first
    assert load_stored_case(following).previous == "Renewal (2025-12-03)"
    assert load_stored_case(first).previous is None


def test_case_from_domain_stores_rows_in_the_workspace(workspace):
    case = load_case(EXAMPLES[0])
    row = case_from_domain(workspace, case)
    assert row.workspace == workspace
    assert row.version == 1
    assert row.archived is False
    assert row.ratings.count() == len(case.ratings)
    assert [party.key for party in row.parties.all()] == [party.id for party in case.parties]


def test_case_from_domain_stores_nothing_when_a_part_fails(workspace):
    case = load_case(EXAMPLES[0])
    stray = Rating(rater="nobody", subject=case.parties[0].id, factor="power", score=4)
    broken = dataclasses.replace(case, ratings=(*case.ratings, stray))
    with pytest.raises(KeyError, match="nobody"):
        case_from_domain(workspace, broken)
    assert models.Case.objects.count() == 0
    assert models.Party.objects.count() == 0
    assert models.Rating.objects.count() == 0


def test_rating_it_refuses_a_second_rating_of_the_same_question(workspace):
    row = case_from_domain(workspace, load_case(EXAMPLES[0]))
    first = row.ratings.first()
    with pytest.raises(IntegrityError):
        models.Rating.objects.create(
            case=row, rater=first.rater, subject=first.subject, factor=first.factor, score=1
        )


def test_case_to_domain_uses_what_the_caller_prefetched(workspace, django_assert_num_queries):
    case = load_case(EXAMPLES[0])
    case_from_domain(workspace, case)
    row = models.Case.objects.prefetch_related(
        "own_factors", "parties", "raters", "ratings", "differences__actions"
    ).get()
    with django_assert_num_queries(0):
        back = case_to_domain(row)
    assert back == case
