"""Gaps between two parties' positions on one factor, with severity and reasons."""

from __future__ import annotations

from kloof.domain import reasons as codes
from kloof.domain.model import THRESHOLD_TOLERANCE, Difference, Factor, Scale, Severity, Thresholds
from kloof.domain.results import Gap, Position, Reason

#: A view whose raters spread this much (normalised IQR) makes a gap uncertain.
DISAGREEMENT_LIMIT = 1 / 3

_NEXT = {
    Severity.ALIGNED: Severity.NUANCE,
    Severity.NUANCE: Severity.SIGNIFICANT,
    Severity.SIGNIFICANT: Severity.BLOCKING,
}


def decide(computed: Severity, entry: Difference | None) -> Severity:
    """The severity the team decided: a register override, else the computed one.

    ``blocking: true`` makes it blocking (even when unknown: the team knows
    something the ratings do not). ``blocking: false`` lowers a computed blocking
    difference to significant, the worst severity that is not blocking.
    """
    if entry is None or entry.blocking is None:
        return computed
    if entry.blocking:
        return Severity.BLOCKING
    return Severity.SIGNIFICANT if computed is Severity.BLOCKING else computed


def decided_reason(decided: Severity, computed: Severity, entry: Difference) -> Reason:
    """The team's decision; ``decided == computed`` reads as a confirmation."""
    return Reason(
        codes.DECIDED,
        {"severity": decided.value, "computed": computed.value, "reason": entry.reason},
    )


def threshold_reason(gap: float, severity: Severity, factor: Factor, scale: Scale) -> Reason:
    thresholds = factor.thresholds
    bound = thresholds.lower_bound(severity)
    following = _NEXT.get(severity)
    next_bound = thresholds.lower_bound(following) if following else None
    return Reason(
        codes.THRESHOLD,
        {
            "factor": factor.key,
            "severity": severity.value,
            "bound": bound,
            "bound_points": scale.to_points(bound),
            "next_severity": following.value if following else None,
            "next_bound": next_bound,
            "next_bound_points": scale.to_points(next_bound) if next_bound is not None else None,
            "factor_specific": _factor_specific(thresholds, severity, following),
        },
    )


def _factor_specific(thresholds: Thresholds, *severities: Severity | None) -> bool:
    default = Thresholds()
    return any(
        s is not None
        and s is not Severity.ALIGNED
        and abs(thresholds.lower_bound(s) - default.lower_bound(s)) > THRESHOLD_TOLERANCE
        for s in severities
    )


def uncertainty_reasons(position: Position) -> list[Reason]:
    """Why a position makes a gap uncertain (empty when it does not)."""
    party = position.party
    if not position.known:
        return [Reason(codes.UNKNOWN_POSITION, {"party": party})]
    found = []
    if position.n == 1:
        found.append(Reason(codes.SINGLE_RATING, {"party": party}))
    if all(view.estimates_only for view in position.views):
        found.append(Reason(codes.ESTIMATES_ONLY, {"party": party}))
    if position.views_differ:
        found.append(_views_differ_reason(position))
    for view in position.views:
        if view.iqr >= DISAGREEMENT_LIMIT - THRESHOLD_TOLERANCE:
            found.append(
                Reason(
                    codes.RATERS_DISAGREE,
                    {
                        "party": party,
                        "view": view.view,
                        "iqr": view.iqr,
                        "limit": DISAGREEMENT_LIMIT,
                    },
                )
            )
    return found


def _views_differ_reason(position: Position) -> Reason:
    own, outside = position.view("self"), position.view("outside")
    assert own is not None and outside is not None  # views_differ needs both
    return Reason(
        codes.VIEWS_DIFFER,
        {
            "party": position.party,
            "self_score": own.median,
            "outside_score": outside.median,
            "points": abs(own.median - outside.median),
        },
    )


def gap_between(
    factor: Factor,
    first: Position,
    second: Position,
    scale: Scale,
    entry: Difference | None,
) -> Gap:
    reasons: list[Reason] = []
    value: float | None = None
    points: float | None = None
    if first.score is not None and second.score is not None:
        points = abs(first.score - second.score)
        value = points / scale.span
        reasons.append(
            Reason(
                codes.POSITIONS,
                {
                    "a": first.party,
                    "b": second.party,
                    "score_a": first.score,
                    "score_b": second.score,
                    "points": points,
                    "gap": value,
                },
            )
        )
    severity = factor.thresholds.classify(value)
    if value is not None:
        reasons.append(threshold_reason(value, severity, factor, scale))
    doubts = uncertainty_reasons(first) + uncertainty_reasons(second)
    reasons.extend(doubts)
    decided = decide(severity, entry)
    if entry is not None and entry.blocking is not None:
        reasons.append(decided_reason(decided, severity, entry))
    return Gap(
        factor=factor.key,
        parties=(first.party, second.party),
        gap=value,
        points=points,
        severity=severity,
        decided_severity=decided,
        uncertain=bool(doubts),
        reasons=tuple(reasons),
        register=entry,
    )
