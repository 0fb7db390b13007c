"""Who has rated whom: the perspectives the dashboard lists as present or missing."""

from __future__ import annotations

from dataclasses import replace

from kloof.domain.model import Rating
from kloof.web.views.dashboard_rows import (
    COMPLETE,
    MISSING,
    PARTIAL,
    Perspective,
    perspective_state,
    perspectives,
)
from tests.web.factories import demo_domain_case


def test_every_party_gets_its_self_view_first_then_each_outside_view():
    assert perspectives(demo_domain_case()) == [
        Perspective("halvorsen", "halvorsen", raters=4, scores=35, factors=9),
        Perspective("halvorsen", "cartwright", raters=0, scores=0, factors=0),
        Perspective("cartwright", "cartwright", raters=0, scores=0, factors=0),
        Perspective("cartwright", "halvorsen", raters=4, scores=31, factors=9),
    ]


def test_no_opinion_does_not_count_as_a_score():
    case = demo_domain_case()
    only_blank = tuple(replace(r, score=None) for r in case.ratings if r.subject == "cartwright")
    counted = perspectives(replace(case, ratings=only_blank))
    assert counted[3] == Perspective("cartwright", "halvorsen", raters=0, scores=0, factors=0)


def test_a_perspective_is_missing_partial_or_complete():
    assert perspective_state(Perspective("a", "b", 0, 0, 0), 9) == MISSING
    assert perspective_state(Perspective("a", "b", 1, 1, 1), 9) == PARTIAL
    assert perspective_state(Perspective("a", "b", 2, 20, 9), 9) == COMPLETE


def test_a_counterpartys_first_score_counts_as_its_outside_view_of_us():
    case = demo_domain_case()
    case = replace(
        case,
        raters=(*case.raters, replace(case.raters[0], id="eva", name="Eva", party="cartwright")),
        ratings=(*case.ratings, Rating("eva", "halvorsen", "trust", 3.0)),
    )
    assert perspectives(case)[1] == Perspective("halvorsen", "cartwright", 1, 1, 1)
