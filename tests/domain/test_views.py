"""Blind spots and agreement within a party."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.domain import reasons as codes
from kloof.domain.analysis import analyse
from kloof.domain.model import Severity
from kloof.domain.stats import krippendorff_alpha_interval

from .builders import make_case, rating

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers, 12 units, values 1-5, missing values as None. Interval alpha 0.849.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def four_views_case():
    """Jan and Piet (own), Eva and Bob (other), each rating both sides on trust."""
    return make_case(
        [
            rating("jan", "own", "trust", 6),
            rating("piet", "own", "trust", 6),  # own self view: median 6
            rating("eva", "own", "trust", 3),
            rating("bob", "own", "trust", 2),  # other's view of own: median 2.5
            rating("eva", "other", "trust", 5),
            rating("bob", "other", "trust", 5),  # other self view: median 5
            rating("jan", "other", "trust", 4),
            rating("piet", "other", "trust", 5),  # own's view of other: median 4.5
        ],
        raters={"jan": "own", "piet": "own", "eva": "other", "bob": "other"},
    )


def test_blind_spot_found_where_outside_view_differs_from_self_view():
    spots = analyse(four_views_case()).blind_spots
    assert len(spots) == 1  # other's view of own: |2.5 - 6| = 3.5 points
    spot = spots[0]
    assert (spot.factor, spot.subject, spot.viewer) == ("trust", "own", "other")
    assert spot.severity is Severity.BLOCKING
    assert (spot.viewer_score, spot.self_score, spot.points) == (2.5, 6.0, 3.5)
    assert spot.gap == pytest.approx(3.5 / 6)
    assert spot.reasons[0].code == codes.BLIND_SPOT
    assert spot.reasons[0].params["bound"] == 0.5


def test_blind_spot_not_listed_below_significant():
    # own's view of other (4.5) vs other's self view (5): 0.5 points, aligned.
    spots = analyse(four_views_case()).blind_spots
    assert not [s for s in spots if s.subject == "other"]


def test_blind_spot_needs_a_self_view():
    case = make_case(
        [rating("jan", "other", "trust", 1), rating("jan", "own", "trust", 7)],
        raters={"jan": "own"},
    )
    assert analyse(case).blind_spots == ()


def test_agreement_matches_krippendorff_2011_worked_example():
    units = [
        [row[i] for row in KRIPPENDORFF_2011.values() if row[i] is not None] for i in range(12)
    ]
    assert round(krippendorff_alpha_interval(units), 3) == 0.849


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 7)), min_size=6, max_size=6),
        min_size=2,
        max_size=5,
    )
)
def test_agreement_equals_krippendorff_library(rows):
    units = [[row[i] for row in rows if row[i] is not None] for i in range(6)]
    ours = krippendorff_alpha_interval(units)
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    pairable = [u for u in units if len(u) >= 2]
    values = [v for u in pairable for v in u]
    if not pairable or len(set(values)) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    assert math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-9)


def test_agreement_per_party_over_subject_and_factor_units():
    analysis = analyse(four_views_case())
    own = analysis.agreement["own"]
    # units (own, trust): 6, 6 and (other, trust): 4, 5
    assert (own.raters, own.units) == (2, 2)
    # D_o = (0 + 2 * 1) / 4 = 0.5; all pairs of 6, 6, 4, 5: squared differences
    # 0, 4, 1, 4, 1, 1 = 11, ordered 22 -> D_e = 22 / (4 * 3); alpha = 1 - 0.5 / (22/12)
    assert own.alpha == pytest.approx(8 / 11)


def test_agreement_is_null_with_one_rater():
    analysis = analyse(
        make_case([rating("jan", "own", "trust", 3)], raters={"jan": "own", "eva": "other"})
    )
    own, other = analysis.agreement["own"], analysis.agreement["other"]
    assert own.alpha is None and own.reasons[0].code == codes.TOO_FEW_RATERS
    assert own.reasons[0].params == {"party": "own", "raters": 1}
    assert other.alpha is None and other.reasons[0].params["raters"] == 0


def test_agreement_is_null_without_a_pairable_unit():
    case = make_case(
        [rating("jan", "own", "trust", 3), rating("kees", "own", "relationship", 5)],
        raters={"jan": "own", "kees": "own"},
    )
    own = analyse(case).agreement["own"]
    assert own.alpha is None and own.reasons[0].code == codes.NO_PAIRABLE_UNIT


def test_agreement_is_null_when_every_value_is_equal():
    case = make_case(
        [rating("jan", "own", "trust", 3), rating("kees", "own", "trust", 3)],
        raters={"jan": "own", "kees": "own"},
    )
    own = analyse(case).agreement["own"]
    assert own.alpha is None and own.reasons[0].code == codes.NO_VARIATION
