"""The four perspectives of a two-sided case, team and respondents apart, and the
groups the anonymity promise still holds back."""

from __future__ import annotations

import pytest

from kloof.storage import models
from kloof.storage.anonymity import set_anonymity
from kloof.storage.perspectives import missing_count, perspective_counts
from tests.storage.test_anonymity import counterparty_answers
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def _table(case):
    fresh = models.Case.objects.get(pk=case.pk)
    return [
        (
            row.name,
            row.viewer.id,
            row.subject.id,
            row.team,
            row.respondents,
            row.waiting,
            row.needed,
        )
        for row in perspective_counts(fresh)
    ]


def test_the_demo_case_misses_both_of_their_perspectives():
    case = make_demo_case(make_team().workspace)
    assert _table(case) == [
        ("our_self_view", "halvorsen", "halvorsen", 4, 0, 0, 0),
        ("our_view_of_them", "halvorsen", "cartwright", 4, 0, 0, 0),
        ("their_self_view", "cartwright", "cartwright", 0, 0, 0, 0),
        ("their_view_of_us", "cartwright", "halvorsen", 0, 0, 0, 0),
    ]
    assert missing_count(perspective_counts(case)) == 2


def test_counterparty_respondents_rating_both_fill_the_four_perspectives():
    case = make_demo_case(make_team().workspace)
    counterparty_answers(case, 2)
    rows = perspective_counts(models.Case.objects.get(pk=case.pk))
    assert [(row.name, row.raters, row.missing) for row in rows] == [
        ("our_self_view", 4, False),
        ("our_view_of_them", 4, False),
        ("their_self_view", 2, False),
        ("their_view_of_us", 2, False),
    ]


def test_under_the_promise_a_small_group_waits_and_says_how_many_answers_it_needs():
    case = make_demo_case(make_team().workspace)
    set_anonymity(case, True, 5)
    counterparty_answers(case, 2)
    assert _table(case)[2:] == [
        ("their_self_view", "cartwright", "cartwright", 0, 0, 2, 3),
        ("their_view_of_us", "cartwright", "halvorsen", 0, 0, 2, 3),
    ]


def test_a_case_of_three_parties_has_no_our_and_their_names():
    case = make_demo_case(make_team().workspace)
    models.Party.objects.create(case=case, key="bank", name="Bank", side=None, position=5)
    rows = perspective_counts(models.Case.objects.get(pk=case.pk))
    assert len(rows) == 9
    assert {row.name for row in rows} == {""}
