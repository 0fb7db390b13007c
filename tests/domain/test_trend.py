"""The trend of one relationship across reviews (issue 11 §2): positions per
factor, blocking count and toughness per review, what moved, perception gaps."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Party
from kloof.domain.trend import (
    CLOSES,
    MISSING_DATE,
    PARTIES_DIFFER,
    TOO_FEW,
    PartyStep,
    TrendError,
    build_trend,
)
from kloof.formats.casefile import load_case as load

SERIES = Path(__file__).resolve().parents[1] / "data" / "trend"
FILES = ("review-2024.yaml", "review-2025.yaml", "review-2026.yaml")


def analyses(*names: str):
    return [analyse(load(SERIES / name)) for name in names]


def test_positions_per_factor_across_the_reviews_in_date_order():
    trend = build_trend(analyses(*reversed(FILES)))  # any order: sorted by date
    assert [review.date for review in trend.reviews] == [
        date(2024, 3, 1),
        date(2025, 3, 1),
        date(2026, 3, 1),
    ]
    assert trend.parties == ("acme", "globex")
    # Factors nobody rated are left out; Globex's intention mixes its self view
    # with Acme's estimate (1 and 4 in 2024).
    assert {f.factor.key: dict(f.scores) for f in trend.factors} == {
        "intention": {"acme": (4.0, 4.0, 5.0), "globex": (2.5, 5.5, 6.0)},
        "trust": {"acme": (3.0, 5.0, 5.5), "globex": (5.0, 5.0, 5.0)},
    }


def test_blocking_count_and_toughness_per_review():
    trend = build_trend(analyses(*FILES))
    assert [review.blocking for review in trend.reviews] == [1, 0, 0]
    assert [round(review.toughness or 0, 3) for review in trend.reviews] == [29.167, 12.5, 12.5]


def test_what_moved_counts_a_nuance_or_more_per_party():
    trend = build_trend(analyses(*FILES))
    assert [(m.step, m.factor) for m in trend.moves] == [
        (1, "intention"),
        (1, "trust"),
        (2, "intention"),
    ]
    assert trend.moves_at(1)[1].parties == (
        PartyStep("acme", 3.0, 5.0, moved=True),
        PartyStep("globex", 5.0, 5.0, moved=False),
    )
    # Trust 5 -> 5.5 is half a point: below the nuance threshold of one point.
    assert [m.factor for m in trend.moves_at(2)] == ["intention"]
    assert trend.moves_at(2)[0].parties[1] == PartyStep("globex", 5.5, 6.0, moved=False)


def test_perception_gaps_per_review_and_whether_they_close():
    trend = build_trend(analyses(*FILES))
    assert [[(p.factor, p.viewer, p.subject, p.points) for p in r] for r in trend.perception] == [
        [("intention", "acme", "globex", 3.0)],
        [("intention", "acme", "globex", 1.0)],
        [("intention", "acme", "globex", 0.0)],
    ]
    assert [(c.step, c.before, c.after, c.direction) for c in trend.perception_changes] == [
        (1, 3.0, 1.0, CLOSES),
        (2, 1.0, 0.0, CLOSES),
    ]


def test_one_review_is_too_few():
    with pytest.raises(TrendError) as raised:
        build_trend(analyses(FILES[0]))
    assert (raised.value.code, raised.value.params) == (TOO_FEW, {"count": 1})


def test_a_review_without_a_date_is_refused():
    first, second = analyses(*FILES[:2])
    undated = dataclasses.replace(second, case=dataclasses.replace(second.case, date=None))
    with pytest.raises(TrendError) as raised:
        build_trend([first, undated])
    assert raised.value.code == MISSING_DATE
    assert raised.value.params["index"] == 1


def test_other_parties_are_refused():
    first, second = analyses(*FILES[:2])
    parties = (Party("acme", "Acme"), Party("initech", "Initech"))
    other = dataclasses.replace(second, case=dataclasses.replace(second.case, parties=parties))
    with pytest.raises(TrendError) as raised:
        build_trend([first, other])
    assert raised.value.code == PARTIES_DIFFER
    assert raised.value.params["found"] == ["acme", "initech"]
    assert raised.value.params["expected"] == ["acme", "globex"]
