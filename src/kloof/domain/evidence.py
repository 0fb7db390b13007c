"""What still needs evidence or a conversation, per factor: the interview agenda.

A factor needs an interview while any of these holds, and each comes with its
reason:
- a gap is uncertain: a position unknown, resting on one rating, on estimates
  only, on raters who disagree, or on a self view and an outside view that differ;
- a position rests on one view only (the self view or the outside view), or one
  of its views rests on estimates only;
- a perception gap (significant or worse) is open: not yet accepted (by the team or
  both sides) or mitigated.
So "no interview needed" is said only when every position is known, rests on
both views and on more than estimates, and no perception gap is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from kloof.domain import reasons as codes
from kloof.domain.model import Severity
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW, Analysis, FactorResult, Reason
from kloof.domain.steps import HANDLED_STATUSES

#: The reasons of an uncertain gap that evidence can settle.
DOUBT_CODES = frozenset(
    {
        codes.UNKNOWN_POSITION,
        codes.SINGLE_RATING,
        codes.ESTIMATES_ONLY,
        codes.RATERS_DISAGREE,
        codes.VIEWS_DIFFER,
    }
)


@dataclass(frozen=True)
class EvidenceNeed:
    """Why one factor needs an interview; ``reasons`` in a stable order, no repeats."""

    factor: str
    reasons: tuple[Reason, ...]


def evidence_needs(analysis: Analysis) -> tuple[EvidenceNeed, ...]:
    """The factors that need evidence or a conversation, in factor order."""
    needs = []
    for result in analysis.factors:
        reasons = _doubts(result) + _thin_views(result) + _open_perceptions(analysis, result)
        # One party's doubt shows up in each of its pairs: keep it once.
        unique = tuple({_key(reason): reason for reason in reasons}.values())
        if unique:
            needs.append(EvidenceNeed(result.factor.key, unique))
    return tuple(needs)


def _key(reason: Reason) -> tuple[object, ...]:
    return (reason.code, *sorted(reason.params.items()))


def _doubts(result: FactorResult) -> list[Reason]:
    return [r for gap in result.gaps if gap.uncertain for r in gap.reasons if r.code in DOUBT_CODES]


def _thin_views(result: FactorResult) -> list[Reason]:
    found = []
    for party, position in result.positions.items():
        if not position.known:
            continue  # an unknown position is a doubt of its gaps already
        present = {view.view for view in position.views}
        if len(present) == 1:
            (view,) = present
            missing = OUTSIDE_VIEW if view == SELF_VIEW else SELF_VIEW
            found.append(Reason(codes.ONE_VIEW, {"party": party, "view": view, "missing": missing}))
        if len(position.views) > 1:
            found.extend(
                Reason(codes.ESTIMATED_VIEW, {"party": party, "view": view.view})
                for view in position.views
                if view.estimates_only
            )
    return found


def _open_perceptions(analysis: Analysis, result: FactorResult) -> list[Reason]:
    found: list[Reason] = []
    for spot in analysis.blind_spots_of(result.factor.key):
        if not spot.decided_severity.at_least(Severity.SIGNIFICANT):
            continue
        if spot.register is not None and spot.register.status in HANDLED_STATUSES:
            continue
        found.extend(spot.reasons)
    return found
