"""Properties of the analysis that must hold for any ratings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.domain.analysis import analyse
from kloof.domain.model import Case, Thresholds

from .builders import HOPMANS_KEYS, make_case, rating

RATERS = {"jan": "own", "kees": "own", "eva": "other", "bob": "other"}
scores = st.one_of(st.none(), st.integers(1, 7), st.floats(1, 7, allow_nan=False))
rating_lists = st.lists(
    st.tuples(
        st.sampled_from(sorted(RATERS)),
        st.sampled_from(["own", "other"]),
        st.sampled_from(HOPMANS_KEYS),
        scores,
    ),
    max_size=40,
    unique_by=lambda r: r[:3],
)


def build(items) -> Case:
    return make_case([rating(*item) for item in items], raters=RATERS)


@settings(max_examples=150, deadline=None)
@given(rating_lists)
def test_gap_is_symmetric_and_within_unit_interval(items):
    case = build(items)
    swapped = Case(**{**case.__dict__, "parties": tuple(reversed(case.parties))})
    for ours, theirs in zip(analyse(case).factors, analyse(swapped).factors, strict=True):
        forward, backward = ours.gap("own", "other"), theirs.gap("other", "own")
        assert forward.gap == backward.gap
        assert forward.severity is backward.severity
        if forward.gap is not None:
            assert 0.0 <= forward.gap <= 1.0


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0.05, 0.9))
def test_severity_never_decreases_when_the_gap_grows(a, b, blocking):
    thresholds = Thresholds(nuance=blocking / 3, significant=2 * blocking / 3, blocking=blocking)
    low, high = sorted((a, b))
    levels = ["aligned", "nuance", "significant", "blocking"]
    assert levels.index(thresholds.classify(high).value) >= levels.index(
        thresholds.classify(low).value
    )


@settings(max_examples=150, deadline=None)
@given(
    rating_lists,
    st.sampled_from(sorted(RATERS)),
    st.sampled_from(["own", "other"]),
    st.sampled_from(HOPMANS_KEYS),
    st.integers(1, 7),
)
def test_adding_a_rating_changes_no_other_factor(items, rater, subject, key, score):
    items = [i for i in items if i[:3] != (rater, subject, key)]
    before = analyse(build(items))
    after = analyse(build([*items, (rater, subject, key, score)]))
    for old, new in zip(before.factors, after.factors, strict=True):
        if old.factor.key != key:
            assert old.positions == new.positions
            assert old.gaps == new.gaps
