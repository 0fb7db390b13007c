"""kloof.domain.practice: the reference as a case, and the score."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Text
from kloof.domain.practice import (
    Attempt,
    DifferenceKey,
    Judgement,
    Perception,
    Scenario,
    analysed_blocking,
    compare_blocking,
    possible_differences,
    reference_attempt,
    reference_case,
    score,
)
from kloof.formats.framework import load_framework
from kloof.services.practice import builtin_scenario

FRAMEWORK = load_framework("hopmans-9")
WHY = Text("waarom", "why")


def with_score(scenario: Scenario, party: str, factor: str, value: float) -> Scenario:
    positions = {p: dict(scores) for p, scores in scenario.reference.positions.items()}
    positions[party][factor] = Judgement(value, WHY)
    return replace(scenario, reference=replace(scenario.reference, positions=positions))


def nuance_only() -> Scenario:
    """The supplier scenario with Vos's intention at 4: 1.5 points from Korrel's
    5.5, a nuance. Nothing blocks."""
    scenario = with_score(builtin_scenario("supplier-price-rise"), "vos", "intention", 4.0)
    scenario = replace(scenario, reference=replace(scenario.reference, blocking=()))
    assert analysed_blocking(scenario, FRAMEWORK) == frozenset()
    return scenario


def test_everything_blocks_scores_badly_on_a_nuance_only_scenario() -> None:
    scenario = nuance_only()
    everything = replace(
        reference_attempt(scenario), blocking=frozenset(possible_differences(scenario))
    )
    feedback = score(scenario, everything)
    assert (feedback.blocking.precision, feedback.blocking.recall) == (0.0, 1.0)
    assert feedback.blocking_points == 0.0
    assert feedback.score == 50  # even with every position and the move right
    assert len(feedback.blocking.extra) == 27
    assert score(scenario, reference_attempt(scenario)).score == 100


def test_the_score_adds_its_three_parts_exactly() -> None:
    scenario = builtin_scenario("supplier-price-rise")
    reference = reference_attempt(scenario)
    positions = dict(reference.positions)
    positions[("korrel", "intention")] = 4.0  # 1.5 off: half the accuracy of one cell
    positions[("vos", "trust")] = 6.5  # 3 off: nothing for this cell
    positions[("vos", "competences")] = None  # not rated: nothing, and listed
    wrong = DifferenceKey.position("trust", "korrel", "vos")
    attempt = Attempt(
        scenario.id,
        positions,
        frozenset({*scenario.reference.blocking, wrong}),
        "quotes-first",
    )
    feedback = score(scenario, attempt)
    assert feedback.position_points == pytest.approx(35 * (15 + 0.5) / 18)
    assert (feedback.blocking.precision, feedback.blocking.recall) == (0.5, 1.0)
    assert feedback.blocking_points == pytest.approx(50 * 2 * 0.5 / 1.5)
    assert feedback.first_move_points == 0.0
    assert feedback.score == round(35 * 15.5 / 18 + 50 * 2 / 3) == 63
    assert feedback.unrated == (("vos", "competences"),)
    assert feedback.mean_error == pytest.approx(4.5 / 17)
    assert feedback.blocking.extra == (wrong,)
    assert (feedback.first_move.yours, feedback.first_move.right) == ("quotes-first", False)
    row = next(r for r in feedback.per_factor if (r.party, r.factor) == ("vos", "trust"))
    assert (row.yours, row.reference, row.error) == (6.5, 3.5, 3.0)


def test_an_empty_attempt_scores_0_and_lists_every_cell() -> None:
    scenario = builtin_scenario("supplier-price-rise")
    empty = Attempt(scenario.id, {}, frozenset(), None)
    feedback = score(scenario, empty)
    assert (feedback.score, len(feedback.unrated), feedback.mean_error) == (0, 18, None)


def test_precision_and_recall_when_there_is_nothing_to_find_or_nothing_flagged() -> None:
    key = DifferenceKey.position("trust", "b", "a")
    assert key.parties == ("a", "b")
    nothing = compare_blocking((), frozenset())
    assert (nothing.precision, nothing.recall) == (1.0, 1.0)
    missed = compare_blocking((key,), frozenset())
    assert (missed.precision, missed.recall, missed.missed) == (1.0, 0.0, (key,))


def perceived(scenario: Scenario, *items: tuple[str, str, str, float]) -> Scenario:
    perceptions = tuple(Perception(v, s, f, x, WHY) for v, s, f, x in items)
    return replace(scenario, reference=replace(scenario.reference, perceptions=perceptions))


def test_perceptions_do_not_move_positions_even_off_the_scale() -> None:
    # Korrel at 6 on trust, seen by Vos at 2: in kloof's own terms the self view
    # goes to 8 and Vos's view to 4, so the position stays 6 and the gap is 4.
    scenario = with_score(builtin_scenario("supplier-price-rise"), "korrel", "trust", 6.0)
    scenario = perceived(scenario, ("vos", "korrel", "trust", 2.0))
    analysis = analyse(reference_case(scenario, FRAMEWORK))
    trust = next(r for r in analysis.factors if r.factor.key == "trust")
    assert trust.positions["korrel"].score == 6.0
    assert trust.positions["vos"].score == 3.5
    (spot,) = [s for s in analysis.blind_spots if s.factor == "trust"]
    assert (spot.viewer, spot.subject, spot.points) == ("vos", "korrel", 4.0)
    assert DifferenceKey.perception("trust", "vos", "korrel") in analysed_blocking(
        scenario, FRAMEWORK
    )


def test_two_viewers_keep_the_position_and_each_gap() -> None:
    strike = builtin_scenario("regional-bus-strike")
    scenario = perceived(
        strike,
        ("union", "management", "trust", 1.0),  # management at 5: 4 points
        ("province", "management", "trust", 4.0),  # 1 point: a nuance
    )
    analysis = analyse(reference_case(scenario, FRAMEWORK))
    trust = next(r for r in analysis.factors if r.factor.key == "trust")
    assert trust.positions["management"].score == pytest.approx(5.0)
    spots = {(s.viewer, s.subject): s.points for s in analysis.blind_spots if s.factor == "trust"}
    assert spots == {("union", "management"): pytest.approx(4.0)}
    assert analysed_blocking(scenario, FRAMEWORK) == {
        DifferenceKey.position("trust", "union", "management"),
        DifferenceKey.perception("trust", "union", "management"),
    }


def test_intention_blocks_from_2_4_points() -> None:
    base = builtin_scenario("supplier-price-rise")  # korrel 5.5 on intention
    assert DifferenceKey.position("intention", "korrel", "vos") in analysed_blocking(
        with_score(base, "vos", "intention", 3.0), FRAMEWORK
    )  # 2.5 points
    assert analysed_blocking(with_score(base, "vos", "intention", 3.5), FRAMEWORK) == frozenset()
