"""The example cases in ``examples/``: each one loads, analyses, and gives the
numbers worked out by hand below from DESIGN.md, "Analysis semantics".

The arithmetic, once: a party's position on a factor is the mean of the medians of
its views (self view: its own raters; outside view: the raters of the other
parties, pooled). A gap is |a - b| / (max - min), on 1-7 that is points / 6.
Severity: aligned < 1/6, nuance < 2/6, significant < 3/6, blocking >= 3/6, and in
hopmans-9 intention is blocking from 0.4 (2.5 points on 7). Toughness is 100 x
the mean gap of the first two parties over the factors where both positions are
known (all weights are 1). A blind spot compares a party's self-view median with
another party's median view of it, with the same thresholds; significant or worse
counts. A register entry with ``blocking: true|false`` decides the severity;
``analysis.blocking`` lists the factors with a decided blocking gap.

A new example needs its own hand-computed test here: the first test pins the set
of example files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Severity
from kloof.domain.results import Analysis, Gap
from kloof.formats.casefile import load_case

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_FILES = sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("*.json")])
HOPMANS_KEYS = (
    "intention",
    "relationship",
    "value_creation",
    "trust",
    "dependency",
    "flexibility",
    "claiming_sharing",
    "competences",
    "emotional_frame",
)


def analysis_of(name: str) -> Analysis:
    return analyse(load_case(EXAMPLES / name))


def gap_of(analysis: Analysis, factor: str, a: str, b: str) -> Gap:
    gap = analysis.factor(factor).gap(a, b)
    assert gap is not None, f"no gap for {factor} between {a} and {b}"
    return gap


def uncertain_factors(analysis: Analysis, a: str, b: str) -> set[str]:
    return {key for key in HOPMANS_KEYS if gap_of(analysis, key, a, b).uncertain}


# --- Every example -----------------------------------------------------------------


def test_examples_folder_holds_the_documented_cases() -> None:
    assert [path.name for path in EXAMPLE_FILES] == [
        "demo-contract-renewal.yaml",
        "nl-zorginkoop.yaml",
        "open-dialogue-four-views.yaml",
        "own-factor-sustainability.yaml",
        "practice-kitchen-renovation.json",
        "three-parties.yaml",
    ]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_analyses_all_nine_factors_with_a_headline(path: Path) -> None:
    case = load_case(path)
    analysis = analyse(case)
    assert case.framework.name == "hopmans-9"
    assert tuple(result.factor.key for result in analysis.factors)[:9] == HOPMANS_KEYS
    assert analysis.headline is not None
    assert analysis.headline.parties == (case.parties[0].id, case.parties[1].id)
    assert analysis.toughness is not None


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_register_actions_have_an_owner_from_the_team_and_a_due_date(
    path: Path,
) -> None:
    case = load_case(path)
    rater_ids = {rater.id for rater in case.raters}
    actions = [action for entry in case.differences for action in entry.actions]
    assert len(case.differences) >= 2
    assert actions
    for action in actions:
        assert action.owner in rater_ids
        assert action.due is not None
        assert dt.date(2026, 10, 1) <= action.due <= dt.date(2027, 12, 31)


# --- demo-contract-renewal.yaml: Halvorsen (own) and Cartwright, our raters only -----
# Halvorsen's position is the median of its self view (maria, tom, priya, lucas);
# Cartwright's is the median of our outside view of it (no Cartwright raters).

DEMO = "demo-contract-renewal.yaml"


def test_demo_blocking_is_intention_and_the_decided_dependency() -> None:
    analysis = analysis_of(DEMO)
    # intention: halvorsen 5,6,5,6 → 5.5; cartwright 3,3,2,4 → 3;
    #   |5.5 − 3| / 6 = 0.417 ≥ 0.4 (intention's own bound) → blocking.
    # dependency: halvorsen 2,3,2,3 → 2.5; cartwright 5,4,5 (lucas no opinion) → 5;
    #   2.5 / 6 = 0.417 → significant, but the register says blocking: true.
    assert analysis.blocking == ("intention", "dependency")


def test_demo_intention_blocks_only_by_its_own_threshold() -> None:
    gap = gap_of(analysis_of(DEMO), "intention", "halvorsen", "cartwright")
    # 2.5 points = 0.417: below the general 3/6 but above intention's 0.4.
    assert gap.points == pytest.approx(2.5)
    assert gap.gap == pytest.approx(2.5 / 6)
    assert gap.severity is Severity.BLOCKING


def test_demo_dependency_override_keeps_the_computed_severity() -> None:
    gap = gap_of(analysis_of(DEMO), "dependency", "halvorsen", "cartwright")
    # |2.5 − 5| / 6 = 0.417 → computed significant; decided blocking by the team.
    assert gap.severity is Severity.SIGNIFICANT
    assert gap.decided_severity is Severity.BLOCKING
    assert gap.overridden


def test_demo_trust_gap_of_exactly_two_points_is_significant() -> None:
    gap = gap_of(analysis_of(DEMO), "trust", "halvorsen", "cartwright")
    # trust: halvorsen 5,5,4,6 → 5; cartwright 3,2,3,4 → 3; 2 / 6 = 2/6 exactly
    #   → significant (the lower bound belongs to significant).
    assert gap.gap == pytest.approx(2 / 6)
    assert gap.severity is Severity.SIGNIFICANT


def test_demo_toughness() -> None:
    # Points per factor (halvorsen − cartwright medians):
    #   intention 5.5−3 = 2.5, relationship 4−5 = 1 (4,5,4; lucas no opinion),
    #   value_creation 4−3 = 1 (cartwright: tom's 3 only), trust 5−3 = 2,
    #   dependency 2.5−5 = 2.5, flexibility 4−4 = 0, claiming_sharing 4−2.5 = 1.5,
    #   competences 5−4 = 1 (4,4,3 estimates), emotional_frame 5−5 = 0.
    # Sum 11.5 points; 100 × 11.5 / 6 / 9 = 21.30.
    assert analysis_of(DEMO).toughness == pytest.approx(100 * 11.5 / 54)


def test_demo_uncertain_factors_are_the_single_rating_and_the_estimates() -> None:
    analysis = analysis_of(DEMO)
    # value_creation: cartwright rests on one rating (tom's 3); competences:
    #   cartwright's three ratings are all estimates. No view spreads 2 points or
    #   more (largest IQR: 0.5 point), so nothing else is uncertain.
    assert uncertain_factors(analysis, "halvorsen", "cartwright") == {
        "value_creation",
        "competences",
    }


def test_demo_no_opinion_ratings_count_nowhere() -> None:
    analysis = analysis_of(DEMO)
    # relationship: lucas gave no score on halvorsen → 3 ratings.
    assert analysis.factor("relationship").positions["halvorsen"].n == 3
    # value_creation: maria, priya and lucas had no opinion on cartwright → 1.
    assert analysis.factor("value_creation").positions["cartwright"].n == 1


# --- nl-zorginkoop.yaml: gemeente (own) and De Linde, three raters of the gemeente ---

ZORG = "nl-zorginkoop.yaml"


def test_zorginkoop_blocking_is_relationship_only() -> None:
    analysis = analysis_of(ZORG)
    # relationship: gemeente 3,3,4 → 3; delinde 6,6,5 → 6; 3 / 6 = 0.5 → blocking.
    # dependency: gemeente 2,3,2 → 2; delinde 5,5,6 → 5; 3 / 6 = 0.5 → blocking,
    #   but the register says blocking: false, so it is not in the list.
    assert analysis.blocking == ("relationship",)


def test_zorginkoop_dependency_decided_not_blocking() -> None:
    gap = gap_of(analysis_of(ZORG), "dependency", "gemeente", "delinde")
    # Computed 0.5 → blocking; 'blocking: false' lowers it to significant.
    assert gap.severity is Severity.BLOCKING
    assert gap.decided_severity is Severity.SIGNIFICANT


def test_zorginkoop_toughness() -> None:
    # Points: intention 5−4 = 1, relationship 3−6 = 3, value_creation 5−3 = 2
    #   (delinde 3,3; marleen no opinion), trust 4−5 = 1, dependency 2−5 = 3,
    #   flexibility 3−5 = 2, claiming_sharing 4−4 = 0, competences 4−3 = 1
    #   (sanne's 3 only), emotional_frame 5−4 = 1.
    # Sum 14; 100 × 14 / 6 / 9 = 25.93.
    assert analysis_of(ZORG).toughness == pytest.approx(100 * 14 / 54)


def test_zorginkoop_significant_differences() -> None:
    analysis = analysis_of(ZORG)
    significant = {
        key
        for key in HOPMANS_KEYS
        if gap_of(analysis, key, "gemeente", "delinde").severity is Severity.SIGNIFICANT
    }
    # value_creation 2 points and flexibility 2 points → 2/6 → significant.
    assert significant == {"value_creation", "flexibility"}


# --- open-dialogue-four-views.yaml: two raters on each side rate both parties ---------
# Medians per view (H = harbour, B = brightline):
#   factor            H self  B on H  B self  H on B | pos H   pos B
#   intention          5.5     4       6       3     | 4.75    4.5
#   relationship       5       4.5     5.5     5     | 4.75    5.25
#   value_creation     5.5     3       5       4.5   | 4.25    4.75
#   trust              4.5     3.5     5       4     | 4       4.5
#   dependency         2       2.5     5.5     5.5   | 2.25    5.5
#   flexibility        5       2.5     4       3.5   | 3.75    3.75
#   claiming_sharing   3       2.5     5.5     3     | 2.75    4.25
#   competences        4.5     4       5       4.5   | 4.25    4.75
#   emotional_frame    5.5     4.5     5       4.5   | 5       4.75

FOUR = "open-dialogue-four-views.yaml"


def test_four_views_blind_spots() -> None:
    spots = {
        (spot.factor, spot.subject, spot.viewer, spot.severity)
        for spot in analysis_of(FOUR).blind_spots
    }
    # intention: harbour sees brightline at 3, brightline itself at 6 → 3 / 6 = 0.5
    #   → blocking. value_creation: brightline sees harbour at 3, harbour itself at
    #   5.5 → 2.5 / 6 = 0.417 → significant. flexibility: 2.5 vs 5 → 0.417 →
    #   significant. claiming_sharing: harbour sees brightline at 3, brightline
    #   itself at 5.5 → 0.417 → significant. All other view pairs differ by at most
    #   1.5 points (intention, brightline on harbour: 4 vs 5.5) → nuance or less.
    assert spots == {
        ("intention", "brightline", "harbour", Severity.BLOCKING),
        ("value_creation", "harbour", "brightline", Severity.SIGNIFICANT),
        ("flexibility", "harbour", "brightline", Severity.SIGNIFICANT),
        ("claiming_sharing", "brightline", "harbour", Severity.SIGNIFICANT),
    }


def test_four_views_blind_spot_gaps() -> None:
    gaps = {(spot.factor, spot.subject): spot.gap for spot in analysis_of(FOUR).blind_spots}
    assert gaps[("intention", "brightline")] == pytest.approx(3 / 6)  # |3 − 6| / 6
    assert gaps[("value_creation", "harbour")] == pytest.approx(2.5 / 6)  # |3 − 5.5| / 6
    assert gaps[("flexibility", "harbour")] == pytest.approx(2.5 / 6)  # |2.5 − 5| / 6
    assert gaps[("claiming_sharing", "brightline")] == pytest.approx(2.5 / 6)  # |3 − 5.5| / 6


def test_four_views_positions_mean_the_self_and_outside_medians() -> None:
    positions = analysis_of(FOUR).factor("intention").positions
    # harbour: (self 5.5 + brightline's view 4) / 2 = 4.75;
    # brightline: (self 6 + harbour's view 3) / 2 = 4.5.
    assert positions["harbour"].score == pytest.approx(4.75)
    assert positions["brightline"].score == pytest.approx(4.5)
    assert positions["harbour"].n == 4


def test_four_views_blocking_counts_the_intention_perception_gap() -> None:
    analysis = analysis_of(FOUR)
    # dependency: |2.25 − 5.5| / 6 = 0.542 → blocking position gap. intention: the
    #   positions are only |4.75 − 4.5| = 0.25 point apart → aligned, but harbour
    #   sees brightline at 3 while brightline sees itself at 6 → 0.5 ≥ 0.4 → a
    #   blocking perception gap, which blocks as much as a position gap.
    assert analysis.blocking == ("intention", "dependency")
    assert [(d.factor, d.kind, d.parties) for d in analysis.blocking_detail] == [
        ("intention", "perception", ("brightline", "harbour")),
        ("dependency", "position", ("harbour", "brightline")),
    ]
    intention = gap_of(analysis, "intention", "harbour", "brightline")
    assert intention.severity is Severity.ALIGNED
    # brightline's own view (6) and the outside view (3) differ by 0.5 → views_differ.
    assert analysis.factor("intention").positions["brightline"].views_differ
    assert intention.uncertain
    assert "views_differ" in [reason.code for reason in intention.reasons]
    headline = analysis.headline
    assert headline is not None
    assert (headline.blocking, headline.blocking_perception) == (2, 1)
    assert headline.blocking_factors == ("intention", "dependency")
    assert analysis.next_steps[0].kind == "stop_and_discuss"
    assert analysis.next_steps[0].difference == "perception"


def test_four_views_toughness() -> None:
    # Points between positions: 0.25 + 0.5 + 0.5 + 0.5 + 3.25 + 0 + 1.5 + 0.5 + 0.25
    #   = 7.25; 100 × 7.25 / 6 / 9 = 13.43.
    assert analysis_of(FOUR).toughness == pytest.approx(100 * 7.25 / 54)


# --- three-parties.yaml: eastport (own), hollis (counterparty), verdan (other) -------
# Medians of three raters of eastport (E, H, V):
#   intention 5,3,5; relationship 4,3,6; value_creation 5,4,6; trust 4,3,4;
#   dependency 3,4,5; flexibility 3,5,4; claiming_sharing 4,2,5; competences 5,5,–;
#   emotional_frame 5,4,4.

THREE = "three-parties.yaml"


def test_three_parties_blocking_comes_from_the_contractor_pair() -> None:
    analysis = analysis_of(THREE)
    # hollis–verdan: relationship |3 − 6| / 6 = 0.5 and claiming_sharing
    #   |2 − 5| / 6 = 0.5 → blocking. No other pair reaches 3 points, and no
    #   intention gap reaches 2.5 points (E–H and H–V are 2 points: significant).
    assert analysis.blocking == ("relationship", "claiming_sharing")
    assert gap_of(analysis, "relationship", "hollis", "verdan").severity is Severity.BLOCKING
    assert gap_of(analysis, "intention", "eastport", "hollis").severity is Severity.SIGNIFICANT


def test_three_parties_headline_is_the_first_two_parties() -> None:
    analysis = analysis_of(THREE)
    headline = analysis.headline
    assert headline is not None
    # eastport–hollis points: 2 + 1 + 1 + 1 + 1 + 2 + 2 + 0 + 1 = 11;
    #   100 × 11 / 6 / 9 = 20.37; nothing blocking in this pair.
    assert headline.parties == ("eastport", "hollis")
    assert analysis.toughness == pytest.approx(100 * 11 / 54)
    assert headline.blocking == 0
    assert headline.known == 9


def test_three_parties_unrated_competences_stay_unknown() -> None:
    analysis = analysis_of(THREE)
    # Nobody scored verdan on competences: unknown, never counted as agreement.
    assert analysis.factor("competences").positions["verdan"].value is None
    gap = gap_of(analysis, "competences", "eastport", "verdan")
    assert gap.gap is None
    assert gap.severity is Severity.UNKNOWN
    assert gap.uncertain


# --- own-factor-sustainability.yaml: scale 1-5 (4 points span), tenth factor --------
# lakeside: medians of elena and jonas. gourmet: outside median (elena, jonas) and,
# on five factors, the self view of grace; position = mean of the two.
#   factor            lakeside | gourmet outside, self → position | gap (/4)
#   intention          4       | 2.5, 4 → 3.25                    | 0.1875 nuance
#   relationship       3.5     | 4, 5   → 4.5                     | 0.25   nuance
#   value_creation     4.5     | 2.5    → 2.5                     | 0.5    blocking
#   trust              3       | 2.5, 4 → 3.25                    | 0.0625 aligned
#   dependency         2       | 3.5, 4 → 3.75                    | 0.4375 significant
#   flexibility        3.5     | 3      → 3                       | 0.125  aligned
#   claiming_sharing   3       | 2      → 2                       | 0.25   nuance
#   competences        3.5     | 3      → 3 (one rating)          | 0.125  aligned
#   emotional_frame    4       | 3.5    → 3.5                     | 0.125  aligned
#   sustainability     5       | 2.5, 4 → 3.25                    | 0.4375 significant

OWN = "own-factor-sustainability.yaml"


def test_own_factor_comes_after_the_framework_factors() -> None:
    analysis = analysis_of(OWN)
    keys = tuple(result.factor.key for result in analysis.factors)
    assert keys == (*HOPMANS_KEYS, "sustainability")
    assert analysis.factor("sustainability").factor.custom
    assert analysis.case.factor("sustainability").name.get("nl") == "Duurzaamheid"


def test_own_factor_blocking_includes_the_decided_sustainability() -> None:
    analysis = analysis_of(OWN)
    # value_creation: |4.5 − 2.5| / 4 = 0.5 → blocking; sustainability:
    #   |5 − 3.25| / 4 = 0.4375 → significant, decided blocking by the register.
    assert analysis.blocking == ("value_creation", "sustainability")
    gap = gap_of(analysis, "sustainability", "lakeside", "gourmet")
    assert gap.gap == pytest.approx(1.75 / 4)
    assert gap.severity is Severity.SIGNIFICANT
    assert gap.decided_severity is Severity.BLOCKING


def test_own_factor_toughness_over_ten_factors() -> None:
    # 0.1875 + 0.25 + 0.5 + 0.0625 + 0.4375 + 0.125 + 0.25 + 0.125 + 0.125 + 0.4375
    #   = 2.5 over 10 factors → 0.25 → 25.
    assert analysis_of(OWN).toughness == pytest.approx(25.0)


def test_own_factor_position_mixes_self_and_outside_view() -> None:
    position = analysis_of(OWN).factor("sustainability").positions["gourmet"]
    # (outside median of 2 and 3 = 2.5 + grace's self view 4) / 2 = 3.25 on 1-5.
    assert position.score == pytest.approx(3.25)
    assert position.value == pytest.approx((3.25 - 1) / 4)


def test_own_factor_blind_spots_of_the_interviewed_caterer() -> None:
    spots = {
        (spot.factor, spot.subject, spot.viewer, spot.severity)
        for spot in analysis_of(OWN).blind_spots
    }
    # lakeside's view of gourmet against grace's self view, on 1-5:
    #   intention |2.5 − 4| / 4 = 0.375 (< 0.4) → significant; trust 0.375 →
    #   significant; sustainability 0.375 → significant; relationship |4 − 5| / 4
    #   = 0.25 → nuance; dependency |3.5 − 4| / 4 = 0.125 → aligned.
    assert spots == {
        ("intention", "gourmet", "lakeside", Severity.SIGNIFICANT),
        ("trust", "gourmet", "lakeside", Severity.SIGNIFICANT),
        ("sustainability", "gourmet", "lakeside", Severity.SIGNIFICANT),
    }


# --- practice-kitchen-renovation.json: a couple and their builder --------------------

KITCHEN = "practice-kitchen-renovation.json"


def test_kitchen_blocking_is_the_competence_gap() -> None:
    analysis = analysis_of(KITCHEN)
    # competences: mensah 2,2 → 2; redbrick 5,6 → 5.5; 3.5 / 6 = 0.583 → blocking.
    # emotional_frame: 3,2 → 2.5 vs 5,5 → 5; 2.5 / 6 = 0.417 → significant only
    #   (the 0.4 bound is intention's, not this factor's).
    assert analysis.blocking == ("competences",)
    gap = gap_of(analysis, "emotional_frame", "mensah", "redbrick")
    assert gap.severity is Severity.SIGNIFICANT


def test_kitchen_toughness() -> None:
    # Points: intention 4.5−4 = 0.5, relationship 5−3.5 = 1.5, value_creation
    #   3−4 = 1, trust 3.5−4 = 0.5, dependency 2.5−4 = 1.5, flexibility 4−2.5 = 1.5,
    #   claiming_sharing 2.5−3 = 0.5, competences 2−5.5 = 3.5, emotional_frame
    #   2.5−5 = 2.5. Sum 13; 100 × 13 / 6 / 9 = 24.07.
    assert analysis_of(KITCHEN).toughness == pytest.approx(100 * 13 / 54)
