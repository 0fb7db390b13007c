"""The analysis on small hand-computed cases: every number here is worked out by
hand in the comment beside it."""

from __future__ import annotations

import pytest

from kloof.domain import reasons as codes
from kloof.domain.analysis import analyse
from kloof.domain.model import Difference, Scale, Severity
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW

from .builders import make_case, rating

TWO = {"jan": "own", "eva": "other"}


def trust_case(own: float, other: float, key: str = "trust"):
    """Jan (own) rates both parties on one factor."""
    return make_case(
        [rating("jan", "own", key, own), rating("jan", "other", key, other)],
        raters={"jan": "own"},
    )


@pytest.mark.parametrize(
    ("own", "other", "points", "severity"),
    [
        (4, 4.5, 0.5, Severity.ALIGNED),  # 0.5/6 = 0.083 < 1/6
        (3, 4, 1, Severity.NUANCE),  # 1/6 exactly: nuance starts there
        (2, 4, 2, Severity.SIGNIFICANT),  # 2/6 exactly
        (2, 4.5, 2.5, Severity.SIGNIFICANT),  # 2.5/6 = 0.417 < 0.5
        (2, 5, 3, Severity.BLOCKING),  # 3/6 exactly
        (1, 7, 6, Severity.BLOCKING),  # the whole scale
    ],
)
def test_gap_severity_on_seven_point_scale(own, other, points, severity):
    gap = analyse(trust_case(own, other)).factor("trust").gap("own", "other")
    assert gap.points == points
    assert gap.gap == pytest.approx(points / 6)
    assert gap.severity is severity
    assert gap.decided_severity is severity


@pytest.mark.parametrize(
    ("own", "other", "severity"),
    [
        (2, 4, Severity.SIGNIFICANT),  # 2 points = 0.333 < 0.4
        (2, 4.5, Severity.BLOCKING),  # 2.5 points = 0.417 >= 0.4: intention's own threshold
        (2, 5, Severity.BLOCKING),
    ],
)
def test_gap_intention_blocks_from_its_own_threshold(own, other, severity):
    gap = analyse(trust_case(own, other, "intention")).factor("intention").gap("own", "other")
    assert gap.severity is severity


@pytest.mark.parametrize(
    ("own", "other", "severity"),
    [
        (2.1, 4.1, Severity.SIGNIFICANT),  # (4.1 - 2.1) / 6 = 0.33333333333333326 in floats
        (1.1, 4.1, Severity.BLOCKING),  # (4.1 - 1.1) / 6 = 0.49999999999999994 in floats
    ],
)
def test_gap_of_exact_points_keeps_its_severity_despite_float_rounding(own, other, severity):
    gap = analyse(trust_case(own, other)).factor("trust").gap("own", "other")
    assert gap.gap < gap.points / 6 + 1e-12 and gap.gap != round(gap.gap, 6)
    assert gap.severity is severity


def test_position_is_mean_of_self_and_outside_medians():
    case = make_case(
        [
            rating("jan", "own", "trust", 2),
            rating("piet", "own", "trust", 3),
            rating("kees", "own", "trust", 7),  # own self view: 2, 3, 7 -> median 3
            rating("eva", "own", "trust", 5),
            rating("bob", "own", "trust", 6),  # outside view: 5, 6 -> median 5.5
        ],
        raters={"jan": "own", "piet": "own", "kees": "own", "eva": "other", "bob": "other"},
    )
    position = analyse(case).factor("trust").positions["own"]
    assert position.score == 4.25  # (3 + 5.5) / 2
    assert position.value == pytest.approx(3.25 / 6)
    assert position.n == 5
    assert [v.view for v in position.views] == [SELF_VIEW, OUTSIDE_VIEW]
    self_view = position.view(SELF_VIEW)
    # quartiles of 2, 3, 7 by linear interpolation: 2.5 and 5 -> IQR 2.5 points
    assert self_view.iqr == pytest.approx(2.5 / 6)
    assert position.view(OUTSIDE_VIEW).iqr == pytest.approx(0.5 / 6)
    assert position.spread == pytest.approx(2.5 / 6)


def test_unknown_position_gives_unknown_severity_not_agreement():
    case = make_case([rating("jan", "own", "trust", 4)], raters={"jan": "own"})
    analysis = analyse(case)
    gap = analysis.factor("trust").gap("own", "other")
    assert analysis.factor("trust").positions["other"].value is None
    assert gap.gap is None and gap.points is None
    assert gap.severity is Severity.UNKNOWN
    assert gap.uncertain is True
    assert [r.code for r in gap.reasons] == [codes.SINGLE_RATING, codes.UNKNOWN_POSITION]
    assert gap.reasons[1].params == {"party": "other"}
    assert analysis.toughness is None  # no factor with both positions known
    assert analysis.headline.unknown == 9


def test_no_opinion_rating_counts_nowhere():
    case = make_case(
        [rating("jan", "own", "trust", None), rating("jan", "other", "trust", 5)],
        raters={"jan": "own"},
    )
    position = analyse(case).factor("trust").positions["own"]
    assert position.value is None and position.n == 0


def test_gap_reasons_name_numbers_and_threshold():
    gap = analyse(trust_case(2, 5)).factor("trust").gap("own", "other")
    positions, threshold = gap.reasons[:2]
    assert positions.code == codes.POSITIONS
    assert positions.params == {
        "a": "own",
        "b": "other",
        "score_a": 2.0,
        "score_b": 5.0,
        "points": 3.0,
        "gap": 0.5,
    }
    assert threshold.code == codes.THRESHOLD
    assert threshold.params["severity"] == "blocking"
    assert threshold.params["bound"] == 0.5
    assert threshold.params["bound_points"] == 3.0
    assert threshold.params["next_severity"] is None
    assert threshold.params["factor_specific"] is False


def test_threshold_reason_says_when_factor_has_its_own_threshold():
    gap = analyse(trust_case(2, 4.5, "intention")).factor("intention").gap("own", "other")
    threshold = gap.reasons[1].params
    assert threshold["severity"] == "blocking"
    assert threshold["bound"] == 0.4
    assert threshold["bound_points"] == pytest.approx(2.4)
    assert threshold["factor_specific"] is True


@pytest.mark.parametrize(
    ("scores", "disagree"),
    [
        ((1, 3, 5), True),  # Q1 2, Q3 4: IQR 2 points = 1/3, at the limit
        ((2, 3, 4, 5), False),  # Q1 2.75, Q3 4.25: IQR 1.5 points = 0.25
        ((1, 1, 7, 7), True),  # IQR 6 points
    ],
)
def test_gap_uncertain_when_raters_of_a_view_disagree(scores, disagree):
    raters = {f"r{i}": "own" for i in range(len(scores))}
    ratings = [rating(f"r{i}", "own", "trust", s) for i, s in enumerate(scores)]
    ratings += [rating(f"r{i}", "other", "trust", 4) for i in range(len(scores))]
    gap = analyse(make_case(ratings, raters=raters)).factor("trust").gap("own", "other")
    assert gap.uncertain is disagree
    found = [r for r in gap.reasons if r.code == codes.RATERS_DISAGREE]
    assert len(found) == (1 if disagree else 0)
    if disagree:
        assert found[0].params["party"] == "own" and found[0].params["view"] == SELF_VIEW


def test_gap_uncertain_when_a_position_rests_on_one_rating():
    gap = analyse(trust_case(2, 5)).factor("trust").gap("own", "other")
    assert gap.uncertain is True
    assert [r.code for r in gap.reasons[2:]] == [codes.SINGLE_RATING, codes.SINGLE_RATING]


def test_gap_uncertain_when_a_position_rests_on_estimates_only():
    case = make_case(
        [
            rating("jan", "own", "trust", 2, "self"),
            rating("kees", "own", "trust", 2, "interview"),
            rating("jan", "other", "trust", 5, "estimate"),
            rating("kees", "other", "trust", 5, "estimate"),
        ],
        raters={"jan": "own", "kees": "own"},
    )
    gap = analyse(case).factor("trust").gap("own", "other")
    assert gap.uncertain is True
    assert [(r.code, r.params) for r in gap.reasons[2:]] == [
        (codes.ESTIMATES_ONLY, {"party": "other"})
    ]


def test_certain_gap_has_no_uncertainty_reasons():
    case = make_case(
        [
            rating("jan", "own", "trust", 2),
            rating("kees", "own", "trust", 2),
            rating("jan", "other", "trust", 5, "interview"),
            rating("kees", "other", "trust", 6, "estimate"),
        ],
        raters={"jan": "own", "kees": "own"},
    )
    gap = analyse(case).factor("trust").gap("own", "other")
    assert gap.uncertain is False
    assert [r.code for r in gap.reasons] == [codes.POSITIONS, codes.THRESHOLD]


def test_three_parties_get_a_gap_for_every_pair():
    case = make_case(
        [
            rating("jan", "a", "trust", 2),
            rating("jan", "b", "trust", 4),
            rating("jan", "c", "trust", 7),
        ],
        raters={"jan": "a"},
        parties=("a", "b", "c"),
    )
    analysis = analyse(case)
    gaps = {g.parties: (g.points, g.severity) for g in analysis.factor("trust").gaps}
    assert gaps == {
        ("a", "b"): (2.0, Severity.SIGNIFICANT),
        ("a", "c"): (5.0, Severity.BLOCKING),
        ("b", "c"): (3.0, Severity.BLOCKING),
    }
    assert [p.parties for p in analysis.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert analysis.toughness == pytest.approx(100 * 2 / 6)  # headline pair a-b
    assert analysis.blocking == ("trust",)  # b-c and a-c block


def test_five_point_scale_normalises_by_its_span():
    case = make_case(
        [
            rating("jan", "own", "trust", 1),
            rating("jan", "other", "trust", 3),  # 2 points of 4 = 0.5 -> blocking
            rating("jan", "own", "flexibility", 2),
            rating("jan", "other", "flexibility", 3),  # 1 point of 4 = 0.25 -> nuance
        ],
        raters={"jan": "own"},
        scale=Scale(1, 5),
    )
    analysis = analyse(case)
    assert analysis.factor("trust").gap("own", "other").gap == 0.5
    assert analysis.factor("trust").gap("own", "other").severity is Severity.BLOCKING
    assert analysis.factor("flexibility").gap("own", "other").severity is Severity.NUANCE
    assert analysis.factor("flexibility").positions["own"].value == 0.25
    assert analysis.toughness == pytest.approx(37.5)  # mean of 0.5 and 0.25


def test_toughness_weighs_factors_and_skips_unknown():
    from kloof.domain.model import Case

    case = make_case(
        [
            rating("jan", "own", "trust", 1),
            rating("jan", "other", "trust", 4),  # gap 0.5
            rating("jan", "own", "relationship", 1),
            rating("jan", "other", "relationship", 2.5),  # gap 0.25
            rating("jan", "own", "flexibility", 1),  # other unknown: skipped
        ],
        raters={"jan": "own"},
    )
    weights = {"trust": 2.0}
    factors = tuple(
        type(f)(**{**f.__dict__, "weight": weights.get(f.key, 1.0)}) for f in case.factors
    )
    case = Case(**{**case.__dict__, "factors": factors})
    headline = analyse(case).headline
    assert headline.toughness == pytest.approx(100 * (2 * 0.5 + 0.25) / 3)
    assert (headline.known, headline.blocking, headline.uncertain, headline.unknown) == (2, 1, 2, 7)


def test_override_lowers_a_blocking_difference_with_its_reason():
    entry = Difference("trust", ("own", "other"), "discussed", blocking=False, reason="Escrow")
    case = make_case(
        [rating("jan", "own", "trust", 2), rating("jan", "other", "trust", 6)],
        raters={"jan": "own"},
        differences=[entry],
    )
    analysis = analyse(case)
    gap = analysis.factor("trust").gap("own", "other")
    assert gap.severity is Severity.BLOCKING
    assert gap.decided_severity is Severity.SIGNIFICANT
    assert gap.register is entry
    assert gap.reasons[-1].code == codes.DECIDED
    assert gap.reasons[-1].params == {
        "severity": "significant",
        "computed": "blocking",
        "reason": "Escrow",
    }
    assert analysis.blocking == ()
    assert analysis.headline.blocking == 0


def test_override_marks_a_small_difference_blocking_for_either_pair_order():
    entry = Difference("flexibility", ("other", "own"), blocking=True, reason="Past strike")
    case = make_case(
        [rating("jan", "own", "flexibility", 4), rating("jan", "other", "flexibility", 4)],
        raters={"jan": "own"},
        differences=[entry],
    )
    analysis = analyse(case)
    gap = analysis.factor("flexibility").gap("own", "other")
    assert (gap.severity, gap.decided_severity) == (Severity.ALIGNED, Severity.BLOCKING)
    assert analysis.blocking == ("flexibility",)


def test_register_entry_without_override_keeps_computed_severity():
    entry = Difference("trust", ("own", "other"), "named")
    gap = (
        analyse(
            make_case(
                [rating("jan", "own", "trust", 2), rating("jan", "other", "trust", 6)],
                raters={"jan": "own"},
                differences=[entry],
            )
        )
        .factor("trust")
        .gap("own", "other")
    )
    assert gap.decided_severity is Severity.BLOCKING
    assert gap.register is entry
    assert codes.DECIDED not in [r.code for r in gap.reasons]
