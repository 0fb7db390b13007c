"""Progress in practice: the factors misjudged most, the level, the next scenario."""

from __future__ import annotations

from dataclasses import replace

from kloof.domain.practice_progress import (
    AttemptResult,
    mean_errors,
    ready_for_advanced,
    suggest_next,
    trains,
)
from kloof.services.practice import builtin_scenario

FACTORS = ["intention", "relationship", "trust"]


def result(score: float, level: str = "basic", errors=(), scenario: str = "s") -> AttemptResult:
    return AttemptResult(scenario=scenario, level=level, score=score, recall=1.0, errors=errors)


def test_mean_errors_sort_the_largest_first_and_break_ties_by_factor_order():
    attempts = [
        result(50, errors=(("trust", 2.0), ("intention", 1.0))),
        result(60, errors=(("trust", 0.0), ("relationship", 1.0))),
    ]
    rows = [(row.factor, row.mean, row.count) for row in mean_errors(attempts, FACTORS)]
    assert rows == [("intention", 1.0, 1), ("relationship", 1.0, 1), ("trust", 1.0, 2)]


def test_ready_for_advanced_needs_two_basic_attempts_with_a_mean_of_70():
    assert not ready_for_advanced([result(95)])
    assert ready_for_advanced([result(65), result(75)])
    assert not ready_for_advanced([result(90), result(40), result(60), result(80)])
    assert not ready_for_advanced([result(90, "advanced"), result(90, "advanced")])


def test_the_suggestion_trains_the_weakest_factor_at_the_users_level():
    basic = builtin_scenario("supplier-price-rise")
    advanced = replace(basic, id="advanced-copy", level="advanced")
    attempts = [result(40, errors=(("trust", 3.0), ("intention", 0.5)))]
    suggestion = suggest_next(attempts, [basic, advanced], FACTORS)
    assert (suggestion.scenario, suggestion.level, suggestion.factor) == (
        "supplier-price-rise",
        "basic",
        "trust",
    )
    good = [result(80), result(90)]
    assert suggest_next(good, [basic, advanced], FACTORS).scenario == "advanced-copy"
    assert suggest_next([], [], FACTORS) is None
    assert suggest_next([], [basic], FACTORS).factor is None


def test_a_blocking_difference_on_the_factor_trains_it_most():
    scenario = builtin_scenario("supplier-price-rise")
    assert trains(scenario, "intention") >= 10
    assert trains(scenario, "trust") < 10


def test_before_any_attempt_a_basic_scenario_with_one_blocking_difference_comes_first():
    nuance_only = builtin_scenario("house-renovation-extension")
    one_blocking = builtin_scenario("supplier-price-rise")
    assert nuance_only.reference.blocking == ()
    assert len(one_blocking.reference.blocking) == 1
    # By id alone the nuance-only one would come first ("house…" < "supplier…").
    suggestion = suggest_next([], [nuance_only, one_blocking], FACTORS)
    assert (suggestion.scenario, suggestion.level, suggestion.factor) == (
        "supplier-price-rise",
        "basic",
        None,
    )
