"""Who has rated whom: the perspectives the dashboard lists, counted from a loaded
case, and the rows the panel shows of them."""

from __future__ import annotations

from dataclasses import replace

from kloof.domain.model import Party, Rating
from kloof.storage.dashboard import LoadedCase
from kloof.storage.perspectives import PerspectiveCount, counts_of
from kloof.web.views.dashboard_rows import (
    COMPLETE,
    MISSING,
    PARTIAL,
    perspective_rows,
    perspective_state,
)
from tests.web.factories import demo_domain_case

US = Party(id="us", name="Us", side="own")
THEM = Party(id="them", name="Them", side="counterparty")


def _counted(case, respondents=frozenset()):
    """(viewer, subject, team, respondents, scores, factors) per perspective."""
    return [
        (c.viewer.id, c.subject.id, c.team, c.respondents, c.scores, c.factors)
        for c in counts_of(LoadedCase(case, frozenset(respondents), ()))
    ]


def test_every_party_rates_itself_first_then_each_other_party():
    assert _counted(demo_domain_case()) == [
        ("halvorsen", "halvorsen", 4, 0, 35, 9),
        ("halvorsen", "cartwright", 4, 0, 31, 9),
        ("cartwright", "cartwright", 0, 0, 0, 0),
        ("cartwright", "halvorsen", 0, 0, 0, 0),
    ]


def test_no_opinion_does_not_count_as_a_score():
    case = demo_domain_case()
    only_blank = tuple(replace(r, score=None) for r in case.ratings if r.subject == "cartwright")
    assert _counted(replace(case, ratings=only_blank))[1] == ("halvorsen", "cartwright", 0, 0, 0, 0)


def test_a_perspective_is_missing_partial_or_complete():
    assert perspective_state(0, 0, 9) == MISSING
    assert perspective_state(1, 1, 9) == PARTIAL
    assert perspective_state(20, 9, 9) == COMPLETE


def test_a_counterpartys_first_score_counts_as_its_view_of_us_and_a_respondent_apart():
    case = demo_domain_case()
    case = replace(
        case,
        raters=(*case.raters, replace(case.raters[0], id="eva", name="Eva", party="cartwright")),
        ratings=(*case.ratings, Rating("eva", "halvorsen", "trust", 3.0)),
    )
    assert _counted(case)[3] == ("cartwright", "halvorsen", 1, 0, 1, 1)
    assert _counted(case, respondents={"eva"})[3] == ("cartwright", "halvorsen", 0, 1, 1, 1)


def _count(viewer, subject, **numbers):
    values = {"team": 0, "respondents": 0, "waiting": 0, "needed": 0, **numbers}
    return PerspectiveCount(viewer=viewer, subject=subject, **values)


def test_a_held_back_group_gives_its_row_only_the_answers_it_still_needs():
    held = _count(THEM, US, waiting=2, needed=1, name="their_view_of_us")
    assert perspective_rows([held], 9, ["us", "them"]) == [
        {
            "name": "their_view_of_us",
            "viewer": "Them",
            "subject": "Us",
            "is_self": False,
            "viewer_is_ours": False,
            "two_parties": True,
            "team": 0,
            "respondents": 0,
            "held_back": True,
            "needed": 1,
            "scores": 0,
            "factors": 0,
            "total": 9,
            "state": MISSING,
        }
    ]


def test_rows_are_kept_for_perspectives_about_a_chosen_party_only():
    counts = [
        _count(US, US, team=2, scores=18, factors=9),
        _count(US, THEM, team=2, scores=4, factors=2),
        _count(THEM, THEM),
        _count(THEM, US, respondents=3, scores=27, factors=9),
    ]
    rows = perspective_rows(counts, 9, ["us"])
    assert [(r["viewer"], r["subject"], r["state"], r["held_back"]) for r in rows] == [
        ("Us", "Us", COMPLETE, False),
        ("Them", "Us", COMPLETE, False),
    ]
    assert [r["state"] for r in perspective_rows(counts, 9, ["us", "them"])] == [
        COMPLETE,
        PARTIAL,
        MISSING,
        COMPLETE,
    ]
