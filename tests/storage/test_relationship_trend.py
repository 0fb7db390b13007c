"""The trend of a stored relationship (kloof.storage.relationship_trend) on a
real database: the series in date order, archived and undated cases left out,
"up to" a review, and every refusal as a problem in words, never an exception."""

from __future__ import annotations

from datetime import date

import pytest

from kloof.i18n.trend_problems import problem_sentences
from kloof.storage import models
from kloof.storage.relationship_trend import case_trend, relationship_trend, series_rows
from tests.web.trend_factory import dated, make_series, review_case, store_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace() -> models.Workspace:
    return models.Workspace.objects.create(name="Inkoop")


def test_the_series_is_in_date_order_whatever_the_ids(workspace) -> None:
    relationship, rows = make_series(workspace)
    assert [row.pk for row in rows] == sorted((row.pk for row in rows), reverse=True)
    found = relationship_trend(relationship)
    assert found.problem is None and found.trend is not None
    assert [case.date for case in found.cases] == [date(y, 3, 1) for y in (2024, 2025, 2026)]
    assert [review.date.year for review in found.trend.reviews] == [2024, 2025, 2026]
    assert [review.blocking for review in found.trend.reviews] == [1, 0, 0]
    trust = next(item for item in found.trend.factors if item.factor.key == "trust")
    assert trust.scores == {"acme": (3.0, 5.0, 5.5), "globex": (5.0, 5.0, 5.0)}
    assert found.names == {"acme": "Acme", "globex": "Globex"}
    assert found.language == "en"


def test_archived_undated_and_other_relationships_cases_are_left_out(workspace) -> None:
    relationship, rows = make_series(workspace)
    archived = store_review(relationship, dated(review_case(2026), date(2027, 3, 1)), archived=True)
    undated = store_review(relationship, review_case(2026), date=None)
    other, _ = make_series(workspace, "Globex", years=(2024,))
    found = relationship_trend(relationship)
    ids = [case.pk for case in found.cases]
    assert ids == [row.pk for row in rows]
    assert archived.pk not in ids and undated.pk not in ids
    assert [case.pk for case in series_rows(other)] == [other.cases.get().pk]


def test_up_to_a_review_stops_at_it_and_counts_it_even_when_archived(workspace) -> None:
    relationship, rows = make_series(workspace)
    found = relationship_trend(relationship, up_to=rows[1])
    assert [case.pk for case in found.cases] == [rows[0].pk, rows[1].pk]
    assert found.trend is not None and len(found.trend.reviews) == 2
    models.Case.objects.filter(pk=rows[2].pk).update(archived=True)
    rows[2].refresh_from_db()
    assert [case.pk for case in case_trend(rows[2]).cases] == [row.pk for row in rows]
    # The same date: the earlier id counts as the earlier review.
    twin = store_review(relationship, review_case(2025))
    assert [case.pk for case in series_rows(relationship, up_to=twin)] == [
        rows[0].pk,
        rows[1].pk,
        twin.pk,
    ]


def test_a_report_has_no_trend_without_a_relationship_or_an_earlier_review(workspace) -> None:
    relationship, rows = make_series(workspace)
    assert case_trend(rows[0]) is None  # the first review: nothing earlier
    loose = store_review(relationship, review_case(2025))
    loose.relationship = None
    loose.save()
    assert case_trend(loose) is None
    undated = store_review(relationship, review_case(2025), date=None)
    assert case_trend(undated) is None


def test_fewer_than_two_reviews_is_a_problem_in_words(workspace) -> None:
    relationship, _rows = make_series(workspace, years=(2024,))
    found = relationship_trend(relationship)
    assert found.trend is None
    assert (found.problem.code, dict(found.problem.params)) == ("too_few", {"count": 1})
    assert problem_sentences(found.problem.code, found.problem.params, "en") == (
        "A trend compares at least two dated reviews; this relationship has 1.",
        "Start the next review from the latest case, date it and rate it: "
        "the trend then shows what moved since this one.",
    )
    empty = models.Relationship.objects.create(workspace=workspace, name="Initech")
    assert relationship_trend(empty).problem.params == {"count": 0}


def test_other_parties_are_refused_with_both_sets_of_names(workspace) -> None:
    relationship, rows = make_series(workspace, years=(2024, 2025))
    models.Party.objects.filter(case=rows[1], key="globex").update(key="initech", name="Initech")
    found = relationship_trend(relationship)
    assert found.trend is None
    assert found.problem.code == "parties_differ"
    assert found.problem.params["case"] == rows[1].pk
    assert problem_sentences(found.problem.code, found.problem.params, "en")[0] == (
        "The review “Acme and Globex 2025-03-01” has other parties (Acme and Initech) "
        "than “Acme and Globex 2024-03-01” (Acme and Globex)."
    )
    assert problem_sentences(found.problem.code, found.problem.params, "nl")[0] == (
        "De review “Acme and Globex 2025-03-01” heeft andere partijen (Acme en Initech) "
        "dan “Acme and Globex 2024-03-01” (Acme en Globex)."
    )


def test_another_scale_is_refused(workspace) -> None:
    relationship, rows = make_series(workspace, years=(2024, 2025))
    models.Case.objects.filter(pk=rows[1].pk).update(scale_max=10.0)
    found = relationship_trend(relationship)
    assert found.problem.code == "scales_differ"
    assert problem_sentences(found.problem.code, found.problem.params, "nl") == (
        "De review “Acme and Globex 2025-03-01” gebruikt een andere schaal "
        "dan “Acme and Globex 2024-03-01”.",
        "Beoordeel elke review van een relatie op dezelfde schaal.",
    )


def test_a_case_that_no_longer_reads_is_named(workspace) -> None:
    relationship, rows = make_series(workspace, years=(2024, 2025))
    models.Case.objects.filter(pk=rows[0].pk).update(framework_ref="gone-framework")
    found = relationship_trend(relationship)
    assert found.trend is None
    assert (found.problem.code, dict(found.problem.params)) == (
        "unreadable",
        {"title": "Acme and Globex 2024-03-01", "case": rows[0].pk},
    )
    assert problem_sentences(found.problem.code, found.problem.params, "nl") == (
        "De casus “Acme and Globex 2024-03-01” kan niet meer geanalyseerd worden.",
        "Open de casus om te zien waarom, of archiveer hem om hem buiten het verloop te laten.",
    )
