"""Perception gaps count as differences: blocking ones block, the register holds
them, and a position hiding two views that disagree is flagged ``views_differ``.

The reference case is the one a negotiator walked into: we see them at 2.5 on
intention, they see themselves at 5.25 — positions close, perception far apart.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Difference, Severity
from kloof.domain.results import BlockingDifference
from tests.domain.builders import make_case, rating

RATERS = {
    "jan": "own",
    "piet": "own",
    "eva": "other",
    "bob": "other",
    "ann": "other",
    "tim": "other",
}


def _walked_case(*differences: Difference):
    # own on intention: self 4.5 (jan, piet), seen by other at 4.25 → position 4.375.
    # other on intention: self 5.25 (eva 5, bob 5.5, ann 5, tim 5.5 → median 5.25),
    #   seen by own at 2.5 (jan 2, piet 3) → position (5.25 + 2.5) / 2 = 3.875.
    ratings = [
        rating("jan", "own", "intention", 4),
        rating("piet", "own", "intention", 5),
        rating("eva", "own", "intention", 4),
        rating("bob", "own", "intention", 4.5),
        rating("jan", "other", "intention", 2),
        rating("piet", "other", "intention", 3),
        rating("eva", "other", "intention", 5),
        rating("bob", "other", "intention", 5.5),
        rating("ann", "other", "intention", 5),
        rating("tim", "other", "intention", 5.5),
    ]
    return make_case(ratings, raters=RATERS, differences=differences)


def test_positions_close_but_perception_far_apart_blocks() -> None:
    analysis = analyse(_walked_case())
    result = analysis.factor("intention")
    assert result.positions["own"].score == pytest.approx(4.375)
    assert result.positions["other"].score == pytest.approx(3.875)
    gap = result.gap("own", "other")
    assert gap is not None
    assert gap.severity is Severity.ALIGNED  # 0.5 point apart
    (spot,) = analysis.blind_spots
    assert (spot.subject, spot.viewer, spot.viewer_score, spot.self_score) == (
        "other",
        "own",
        2.5,
        5.25,
    )
    assert spot.gap == pytest.approx(2.75 / 6)  # ≥ 0.4: intention blocks from 2.4 points
    assert (spot.severity, spot.decided_severity) == (Severity.BLOCKING, Severity.BLOCKING)
    assert (spot.viewer_n, spot.self_n) == (2, 4)
    assert analysis.blocking == ("intention",)
    assert analysis.blocking_detail == (
        BlockingDifference("intention", "perception", ("other", "own")),
    )
    headline = analysis.headline
    assert headline is not None
    assert (headline.blocking, headline.blocking_perception, headline.blocking_factors) == (
        1,
        1,
        ("intention",),
    )


def test_views_that_disagree_flag_the_position_and_make_its_gaps_uncertain() -> None:
    analysis = analyse(_walked_case())
    result = analysis.factor("intention")
    assert result.positions["other"].views_differ  # 5.25 vs 2.5: blocking apart
    assert not result.positions["own"].views_differ  # 4.5 vs 4.25: aligned
    gap = result.gap("own", "other")
    assert gap is not None and gap.uncertain
    reason = next(r for r in gap.reasons if r.code == "views_differ")
    assert dict(reason.params) == {
        "party": "other",
        "self_score": 5.25,
        "outside_score": 2.5,
        "points": 2.75,
    }


def test_views_a_nuance_apart_do_not_differ() -> None:
    # 1 point apart on a 1-7 scale: nuance, below significant.
    case = make_case(
        [rating("jan", "own", "trust", 4), rating("eva", "own", "trust", 5)],
        raters={"jan": "own", "eva": "other"},
    )
    assert not analyse(case).factor("trust").positions["own"].views_differ


def test_views_exactly_two_points_apart_differ() -> None:
    # 2 points: exactly the significant threshold, which includes its lower bound.
    case = make_case(
        [rating("jan", "own", "trust", 4.1), rating("eva", "own", "trust", 2.1)],
        raters={"jan": "own", "eva": "other"},
    )
    assert analyse(case).factor("trust").positions["own"].views_differ


def test_blocking_perception_gap_on_intention_comes_first_in_the_steps() -> None:
    steps = analyse(_walked_case()).next_steps
    first = steps[0]
    assert (first.kind, first.factor, first.parties, first.difference, first.status) == (
        "stop_and_discuss",
        "intention",
        ("other", "own"),
        "perception",
        None,
    )
    # The aligned position gap is not "discussed"; the perception gap is not repeated.
    assert [s for s in steps if s.kind == "discuss" and s.factor == "intention"] == []


def test_the_intention_rule_fires_on_a_perception_gap() -> None:
    analysis = analyse(_walked_case())
    (finding,) = [f for f in analysis.findings if f.rule == "intention_first"]
    assert [r.code for r in finding.reasons] == ["intention_first_perception"]
    assert finding.reasons[0].params["viewer"] == "own"


def test_a_register_entry_lowers_a_blocking_perception_gap() -> None:
    entry = Difference(
        "intention",
        ("other", "own"),
        "discussed",
        blocking=False,
        reason="They explained their targets",
        kind="perception",
    )
    analysis = analyse(_walked_case(entry))
    (spot,) = analysis.blind_spots
    assert (spot.severity, spot.decided_severity) == (Severity.BLOCKING, Severity.SIGNIFICANT)
    assert spot.register == entry
    assert [r.code for r in spot.reasons] == ["blind_spot", "decided"]
    assert analysis.blocking == ()
    # Significant and discussed: still to discuss, with its status.
    (step,) = [s for s in analysis.next_steps if s.difference == "perception"]
    assert (step.kind, step.severity, step.status) == ("discuss", Severity.SIGNIFICANT, "discussed")


def test_a_position_entry_does_not_touch_the_perception_gap() -> None:
    entry = Difference("intention", ("own", "other"), blocking=False, reason="fine")
    (spot,) = analyse(_walked_case(entry)).blind_spots
    assert spot.register is None
    assert spot.decided_severity is Severity.BLOCKING


def test_a_decided_blocking_perception_gap_without_ratings_is_listed() -> None:
    entry = Difference(
        "trust", ("own", "other"), blocking=True, reason="They told us", kind="perception"
    )
    analysis = analyse(make_case([], raters={}, differences=[entry]))
    (spot,) = analysis.blind_spots
    assert (spot.gap, spot.severity, spot.decided_severity) == (
        None,
        Severity.UNKNOWN,
        Severity.BLOCKING,
    )
    assert analysis.blocking_detail == (
        BlockingDifference("trust", "perception", ("own", "other")),
    )


def test_discussed_blocking_intention_step_carries_its_status() -> None:
    entry = Difference(
        "intention", ("other", "own"), "discussed", kind="perception"
    )  # no override: the computed blocking stays
    first = analyse(_walked_case(entry)).next_steps[0]
    assert (first.kind, first.difference, first.status) == (
        "stop_and_discuss",
        "perception",
        "discussed",
    )


def test_accepted_perception_gap_is_not_put_on_the_table_again() -> None:
    entry = Difference(
        "intention", ("other", "own"), "accepted", blocking=False, reason="ok", kind="perception"
    )
    steps = analyse(_walked_case(entry)).next_steps
    assert [s for s in steps if s.difference == "perception"] == []


def test_decided_blocking_intention_with_unknown_positions_is_a_finding() -> None:
    # The minimal case that crashed every interface: no ratings, intention decided blocking.
    entry = Difference("intention", ("own", "other"), blocking=True, reason="we know")
    analysis = analyse(make_case([], raters={}, differences=[entry]))
    (finding,) = [f for f in analysis.findings if f.rule == "intention_first"]
    assert dict(finding.reasons[0].params) == {
        "a": "own",
        "b": "other",
        "gap": None,
        "points": None,
    }
    assert analysis.blocking == ("intention",)
    assert analysis.toughness is None


def test_toughness_is_null_when_the_known_factors_weigh_nothing() -> None:
    case = make_case(
        [rating("jan", "own", "trust", 2), rating("eva", "other", "trust", 6)],
        raters={"jan": "own", "eva": "other"},
        keys=("trust",),
    )
    case = replace(case, factors=tuple(replace(f, weight=0.0) for f in case.factors))
    analysis = analyse(case)
    assert analysis.headline is not None and analysis.headline.known == 1
    assert analysis.toughness is None
    assert analysis.blocking == ("trust",)  # the gap still counts; only the mean is empty
