"""The interview guide's order of factors, and what counts as confirmed."""

from __future__ import annotations

from dataclasses import replace

from kloof.domain import reasons as codes
from kloof.domain.analysis import analyse
from kloof.domain.interviews import (
    BLOCKING,
    REST,
    UNCERTAIN,
    confirmed_positions,
    guide_factor_keys,
    interview_evidence,
    interview_guide,
)
from kloof.domain.model import Difference, Interview, InterviewAnswer
from tests.domain.builders import make_case, rating

RATERS = {"a1": "own", "a2": "own", "b1": "other", "b2": "other"}
KEYS = ("intention", "trust", "dependency", "flexibility")


def _both_views(key: str, own: float, other: float, source: str | None = None) -> list:
    """Both parties rated by two raters of each side, all agreeing."""
    return [
        rating("a1", "own", key, own, source),
        rating("a2", "own", key, own, source),
        rating("b1", "own", key, own, source),
        rating("b2", "own", key, own, source),
        rating("a1", "other", key, other, source),
        rating("a2", "other", key, other, source),
        rating("b1", "other", key, other, source),
        rating("b2", "other", key, other, source),
    ]


def _case(differences=()):
    ratings = [
        *_both_views("intention", 6, 4),  # aligned-ish? 2 points: significant (not blocking)
        *_both_views("trust", 6, 2),  # 4 points: blocking
        *_both_views("dependency", 4, 4),  # aligned, certain
        # flexibility: "other" rated by one rater of "own" only (one rating, one view)
        rating("a1", "own", "flexibility", 5),
        rating("a2", "own", "flexibility", 5),
        rating("b1", "own", "flexibility", 5),
        rating("b2", "own", "flexibility", 5),
        rating("a1", "other", "flexibility", 5),
    ]
    return make_case(ratings, raters=RATERS, keys=KEYS, differences=differences)


def test_blocking_first_then_uncertain_then_rest_only_when_asked():
    analysis = analyse(_case())
    guide = interview_guide(analysis, "other")
    assert [(item.factor.key, item.tier) for item in guide] == [
        ("trust", BLOCKING),
        ("flexibility", UNCERTAIN),
    ]
    everything = guide_factor_keys(analysis, "other", everything=True)
    assert everything == ("trust", "flexibility", "intention", "dependency")
    assert interview_guide(analysis, "other", everything=True)[-1].tier == REST


def test_uncertain_factor_only_for_the_party_whose_position_is_thin():
    analysis = analyse(_case())
    # flexibility rests on one rating of "other"; "own" is rated by all four.
    flexibility = next(
        i for i in interview_guide(analysis, "other") if i.factor.key == "flexibility"
    )
    assert {r.code for r in flexibility.reasons} == {codes.SINGLE_RATING, codes.ONE_VIEW}
    assert all(r.params.get("party") == "other" for r in flexibility.reasons)
    # For "own" the blocking trust gap involves them too; flexibility does not
    # concern them except through the other's thin position (a gap reason naming "other").
    assert guide_factor_keys(analysis, "own")[0] == "trust"


def test_handled_blocking_difference_drops_to_its_doubts_or_out():
    accepted = Difference(factor="trust", parties=("own", "other"), status="accepted")
    analysis = analyse(_case(differences=(accepted,)))
    assert guide_factor_keys(analysis, "other") == ("flexibility",)


def test_item_carries_questions_positions_and_reasons():
    analysis = analyse(_case())
    trust = interview_guide(analysis, "other")[0]
    assert trust.factor.questions[0].en == "question about trust?"
    assert [(p.party, p.score) for p in trust.positions] == [("own", 6.0), ("other", 2.0)]
    assert trust.reasons[0].code == codes.POSITIONS
    assert trust.reasons[0].params["points"] == 4.0
    assert trust.confirmed == ()


def test_interview_answer_confirms_a_rated_position_only():
    case = _case()
    interview = Interview(
        id="int-1",
        interviewee="Anna",
        about="other",
        party="other",
        factors=("trust", "flexibility"),
        answers=(
            InterviewAnswer("trust", "They check every invoice twice."),
            InterviewAnswer("flexibility", "   "),  # blank: no evidence
            InterviewAnswer("intention", "x"),
        ),
    )
    assert interview_evidence([interview]) == {("other", "trust"), ("other", "intention")}
    with_interview = replace(case, interviews=(interview,))
    assert confirmed_positions(case) == frozenset()
    assert confirmed_positions(with_interview) == {("other", "trust"), ("other", "intention")}
    guide = interview_guide(analyse(with_interview), "other")
    assert guide[0].confirmed == ("other",)


def test_rating_with_its_own_evidence_note_is_confirmed():
    case = _case()
    noted = replace(case.ratings[0], source="document", note="Annual report p. 4")
    estimate = replace(case.ratings[1], source="estimate", note="a hunch")
    case = replace(case, ratings=(noted, estimate, *case.ratings[2:]))
    assert confirmed_positions(case) == {("own", "intention")}
