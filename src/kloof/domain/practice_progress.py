"""A user's progress in practice: the factors they misjudge most, whether they
are ready for the advanced level, and the scenario to practise next.

Pure: the caller passes the finished attempts (oldest first) and the
scenarios there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kloof.domain.practice import Scenario

BASIC = "basic"
ADVANCED = "advanced"
#: "Scores well": the mean of the last few basic attempts reaches this.
GOOD_SCORE = 70.0
#: How many of the latest basic attempts that mean takes (and needs at least).
READY_WINDOW = 3
READY_MINIMUM = 2


@dataclass(frozen=True)
class AttemptResult:
    """A finished attempt as progress needs it. ``errors``: (factor, error in
    points) per rated cell; an unrated cell is left out."""

    scenario: str
    level: str
    score: float
    recall: float
    errors: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class FactorError:
    factor: str
    mean: float
    count: int


@dataclass(frozen=True)
class Suggestion:
    scenario: str
    level: str
    #: The factor it trains (None: no attempt yet, so no weakest factor).
    factor: str | None


def mean_errors(attempts: Sequence[AttemptResult], factors: Sequence[str]) -> list[FactorError]:
    """The mean error per factor over all attempts, largest first (ties in the
    order of ``factors``); factors never rated are left out."""
    sums: dict[str, list[float]] = defaultdict(list)
    for attempt in attempts:
        for factor, error in attempt.errors:
            sums[factor].append(error)
    order = {factor: index for index, factor in enumerate(factors)}
    rows = [
        FactorError(factor, sum(values) / len(values), len(values))
        for factor, values in sums.items()
    ]
    return sorted(rows, key=lambda row: (-row.mean, order.get(row.factor, len(order))))


def ready_for_advanced(attempts: Sequence[AttemptResult]) -> bool:
    """Whether the user scores well at the basic level: at least
    :data:`READY_MINIMUM` basic attempts, the mean of the latest
    :data:`READY_WINDOW` of them at least :data:`GOOD_SCORE`."""
    basic = [attempt.score for attempt in attempts if attempt.level == BASIC]
    latest = basic[-READY_WINDOW:]
    return len(latest) >= READY_MINIMUM and sum(latest) / len(latest) >= GOOD_SCORE


def trains(scenario: Scenario, factor: str) -> float:
    """How much ``scenario`` trains ``factor``: the largest gap in points
    between its parties' reference positions there, plus 10 when a difference
    on it blocks (a blocking one teaches most)."""
    scores = [scenario.reference.score(party.id, factor) for party in scenario.parties]
    blocking = any(key.factor == factor for key in scenario.reference.blocking)
    return (max(scores) - min(scores)) + (10.0 if blocking else 0.0)


def suggest_next(
    attempts: Sequence[AttemptResult], scenarios: Sequence[Scenario], factors: Sequence[str]
) -> Suggestion | None:
    """The scenario to practise next: at the user's level (basic until they
    score well, then advanced; the other level when that one has none), the
    one that trains the weakest factor most, one tried least often first.

    Before any attempt there is no weakest factor: a scenario with exactly one
    blocking difference comes first, the clearest lesson in telling a blocking
    difference from the nuances around it."""
    if not scenarios:
        return None
    level = ADVANCED if ready_for_advanced(attempts) else BASIC
    candidates = [scenario for scenario in scenarios if scenario.level == level] or list(scenarios)
    weakest = mean_errors(attempts, factors)
    factor = weakest[0].factor if weakest else None
    tried: Mapping[str, int] = _counts(attempts)

    def rank(scenario: Scenario) -> tuple[float, int, str]:
        if factor is None:
            value = 1.0 if len(scenario.reference.blocking) == 1 else 0.0
        else:
            value = trains(scenario, factor) if factor in scenario.factors else 0.0
        return (-value, tried.get(scenario.id, 0), scenario.id)

    chosen = min(candidates, key=rank)
    if factor is not None and factor not in chosen.factors:
        factor = None
    return Suggestion(scenario=chosen.id, level=chosen.level, factor=factor)


def _counts(attempts: Sequence[AttemptResult]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for attempt in attempts:
        counts[attempt.scenario] += 1
    return counts
