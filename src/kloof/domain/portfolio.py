"""What the portfolio keeps of a case: a few figures from its analysis.

The portfolio lists thousands of cases; analysing each on every page view would
take seconds, so storage keeps these figures per case (``CaseSummary``) and
refreshes them in the transaction of every change. This module says what the
figures are, from one analysis; it is the single definition the stored
summaries and the test that compares them with a fresh analysis share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kloof.domain.model import PERCEPTION, POSITION, Severity
from kloof.domain.results import Analysis

__all__ = ["CaseFigures", "FactorFigures", "case_figures", "worst"]

#: Severity keys from the worst to the mildest, as tables sort them.
SEVERITY_ORDER: tuple[str, ...] = tuple(
    severity.value for severity in sorted(Severity, key=lambda item: item.rank)
)


@dataclass(frozen=True)
class FactorFigures:
    """The worst position difference on a factor over every party pair, and the
    worst perception gap ("" when no party rated how another sees itself)."""

    position: str = Severity.UNKNOWN.value
    perception: str = ""


@dataclass(frozen=True)
class CaseFigures:
    toughness: float | None = None
    #: Blocking position differences, every pair counted (decided severity).
    blocking_positions: int = 0
    #: Blocking perception gaps, every pair and direction counted.
    blocking_perceptions: int = 0
    #: Significant differences of both kinds (decided severity).
    significant: int = 0
    #: Factors where at least one party's position is unknown.
    unknown: int = 0
    #: Register and agreed actions not done yet.
    open_actions: int = 0
    #: Ratings the analysis counted (scores and "no opinion").
    ratings: int = 0
    factors: dict[str, FactorFigures] = field(default_factory=dict)

    def factors_data(self) -> dict[str, dict[str, str]]:
        """``factors`` as the JSON column keeps it."""
        return {
            key: {POSITION: item.position, PERCEPTION: item.perception}
            for key, item in self.factors.items()
        }


def worst(severities: Iterable[Severity]) -> Severity | None:
    """The worst of ``severities`` in table order (blocking, significant,
    unknown, nuance, aligned); None when there are none."""
    return min(severities, key=lambda item: item.rank, default=None)


def case_figures(analysis: Analysis, open_actions: int) -> CaseFigures:
    """The portfolio's figures of one analysed case; ``open_actions`` is counted
    by the caller (agreed actions outside the factors are not in the analysis)."""
    decided = [gap.decided_severity for gap in analysis.all_gaps()]
    decided += [spot.decided_severity for spot in analysis.blind_spots]
    detail = analysis.blocking_detail
    return CaseFigures(
        toughness=analysis.toughness,
        blocking_positions=sum(1 for item in detail if item.kind == POSITION),
        blocking_perceptions=sum(1 for item in detail if item.kind == PERCEPTION),
        significant=sum(1 for severity in decided if severity is Severity.SIGNIFICANT),
        unknown=sum(
            1
            for result in analysis.factors
            if any(not position.known for position in result.positions.values())
        ),
        open_actions=open_actions,
        ratings=len(analysis.case.ratings),
        factors={
            result.factor.key: _factor(analysis, result.factor.key) for result in analysis.factors
        },
    )


def _factor(analysis: Analysis, key: str) -> FactorFigures:
    position = worst(gap.decided_severity for gap in analysis.factor(key).gaps)
    perception = worst(spot.decided_severity for spot in analysis.blind_spots_of(key))
    return FactorFigures(
        position=(position or Severity.UNKNOWN).value,
        perception=perception.value if perception else "",
    )
