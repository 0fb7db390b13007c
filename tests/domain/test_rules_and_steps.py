"""Cross-factor rules and the order of the recommended next steps."""

from __future__ import annotations

from kloof.domain import reasons as codes
from kloof.domain.analysis import analyse
from kloof.domain.model import Difference, Severity

from .builders import make_case, rating

RATERS = {"jan": "own", "kees": "own"}


def scored(pairs: dict[str, tuple[float, float]], *, both_raters: bool = True):
    """Both raters give each factor the same (own, other) scores: certain gaps."""
    raters = ("jan", "kees") if both_raters else ("jan",)
    ratings = []
    for key, (own, other) in pairs.items():
        for rater in raters:
            ratings.append(rating(rater, "own", key, own, "interview"))
            ratings.append(rating(rater, "other", key, other, "interview"))
    return ratings


def rules_of(case) -> list[str]:
    return [f.rule for f in analyse(case).findings]


def test_blocking_intention_fires_intention_first_and_comes_first_in_steps():
    case = make_case(
        scored({"intention": (2, 5), "trust": (2, 6)}), raters=RATERS, keys=("intention", "trust")
    )
    analysis = analyse(case)
    assert rules_of(case) == [codes.INTENTION_FIRST, codes.TRUST_OUTSIDE_CONTRACT]
    kinds = [(s.kind, s.factor) for s in analysis.next_steps]
    assert kinds == [
        ("stop_and_discuss", "intention"),
        ("rule", None),  # trust outside the contract phase
        ("discuss", "trust"),  # intention is not repeated as a discussion
    ]
    first = analysis.next_steps[0]
    assert first.severity is Severity.BLOCKING
    assert first.advice.en == "advice blocking"


def test_dependency_risk_when_accepting_dependency_while_trust_differs():
    case = make_case(
        scored({"dependency": (6, 3), "trust": (2, 4), "intention": (4, 4)}), raters=RATERS
    )
    findings = analyse(case).findings
    risk = next(f for f in findings if f.rule == codes.DEPENDENCY_RISK)
    assert risk.reasons[0].params == {
        "a": "own",
        "b": "other",
        "party": "own",  # own stands at 6 of 7 on dependency: accepting it
        "intention": "aligned",
        "trust": "significant",  # 2 points
    }


def test_no_dependency_risk_when_both_avoid_dependency():
    case = make_case(scored({"dependency": (2, 4), "trust": (1, 7)}), raters=RATERS)
    assert codes.DEPENDENCY_RISK not in rules_of(case)


def test_no_dependency_risk_when_intention_and_trust_align():
    case = make_case(
        scored({"dependency": (6, 6), "trust": (5, 5), "intention": (5, 6)}), raters=RATERS
    )
    assert codes.DEPENDENCY_RISK not in rules_of(case)


def test_many_blocking_from_three_blocking_differences():
    case = make_case(
        scored({"trust": (1, 5), "flexibility": (1, 5), "competences": (7, 3)}), raters=RATERS
    )
    many = next(f for f in analyse(case).findings if f.rule == codes.MANY_BLOCKING)
    assert many.factors == ("trust", "flexibility", "competences")
    assert many.reasons[0].params["count"] == 3


def test_value_creation_difference_must_be_named_until_register_says_so():
    ratings = scored({"value_creation": (2, 5)})
    assert codes.NAME_VALUE_CREATION in rules_of(make_case(ratings, raters=RATERS))
    named = Difference("value_creation", ("own", "other"), "named")
    case = make_case(ratings, raters=RATERS, differences=[named])
    assert codes.NAME_VALUE_CREATION not in rules_of(case)


def test_research_steps_list_unknown_first_with_questions():
    ratings = scored({"trust": (2, 6)}, both_raters=False)  # uncertain: one rating each
    ratings.append(rating("jan", "own", "flexibility", 3))  # other unknown on flexibility
    analysis = analyse(make_case(ratings, raters=RATERS, keys=("trust", "flexibility")))
    research = [s for s in analysis.next_steps if s.kind == "research"]
    assert [s.factor for s in research] == ["flexibility", "trust"]  # unknown first
    assert [r.code for r in research[0].reasons] == [
        codes.SINGLE_RATING,
        codes.UNKNOWN_POSITION,
    ]
    assert research[0].questions[0].en == "question about flexibility?"
    assert research[0].advice is None


def test_discuss_steps_sorted_by_severity_then_gap_and_skip_handled():
    ratings = scored(
        {"relationship": (3, 4), "trust": (2, 4), "flexibility": (1, 6), "competences": (1, 5)}
    )
    accepted = Difference("competences", ("own", "other"), "accepted")
    analysis = analyse(make_case(ratings, raters=RATERS, differences=[accepted]))
    discuss = [(s.factor, s.severity) for s in analysis.next_steps if s.kind == "discuss"]
    assert discuss == [
        ("flexibility", Severity.BLOCKING),
        ("trust", Severity.SIGNIFICANT),
        ("relationship", Severity.NUANCE),
    ]


def test_difference_accepted_by_both_sides_leaves_the_discussion_list():
    ratings = scored({"trust": (2, 4), "flexibility": (1, 6)})
    both = Difference("flexibility", ("own", "other"), "accepted_both")
    analysis = analyse(make_case(ratings, raters=RATERS, differences=[both]))
    discuss = [(s.factor, s.severity) for s in analysis.next_steps if s.kind == "discuss"]
    assert discuss == [("trust", Severity.SIGNIFICANT)]


def test_value_creation_accepted_by_both_sides_counts_as_named():
    ratings = scored({"value_creation": (2, 5)})
    both = Difference("value_creation", ("own", "other"), "accepted_both")
    assert codes.NAME_VALUE_CREATION not in rules_of(
        make_case(ratings, raters=RATERS, differences=[both])
    )
