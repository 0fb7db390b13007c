"""Cross-factor rules: what the article says about combinations of differences.

Each rule looks at one pair of parties and fires a ``Finding`` with its reasons.
A pair's severity on a factor is the worst of its position gap and its perception
gaps either way (:class:`PairView`): "each side thinks the other is out for
itself" is as blocking as positions far apart. Rules refer to the factor keys of
``hopmans-9``; in a framework without those factors they simply do not fire.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kloof.domain import reasons as codes
from kloof.domain.model import Severity
from kloof.domain.results import BlindSpot, FactorResult, Finding, Gap, Reason

#: Three or more blocking differences: talk about how to do business together
#: before negotiating the deal itself.
MANY_BLOCKING_COUNT = 3
#: Register statuses that mean a difference has at least been named explicitly.
NAMED_STATUSES = frozenset({"named", "discussed", "accepted", "accepted_both", "mitigated"})

Pair = tuple[str, str]


@dataclass(frozen=True)
class PairView:
    """What the rules see of one pair: its position gaps and perception gaps."""

    pair: Pair
    by_key: dict[str, FactorResult]
    spots: tuple[BlindSpot, ...]

    def gap(self, key: str) -> Gap | None:
        result = self.by_key.get(key)
        return result.gap(*self.pair) if result else None

    def perception(self, key: str) -> tuple[BlindSpot, ...]:
        """The perception gaps on ``key`` between the pair, either way."""
        return tuple(s for s in self.spots if s.factor == key and s.between(self.pair))

    def severity(self, key: str) -> Severity:
        """The worst decided severity of the pair on ``key``, position or perception."""
        gap = self.gap(key)
        found = [spot.decided_severity for spot in self.perception(key)]
        if gap is not None:
            found.append(gap.decided_severity)
        known = [s for s in found if s is not Severity.UNKNOWN]
        return min(known, key=lambda s: s.rank) if known else Severity.UNKNOWN


def findings(
    pairs: Sequence[Pair], results: Sequence[FactorResult], spots: Sequence[BlindSpot] = ()
) -> tuple[Finding, ...]:
    by_key = {result.factor.key: result for result in results}
    found: list[Finding] = []
    for pair in pairs:
        view = PairView(pair, by_key, tuple(spots))
        for rule in _RULES:
            finding = rule(view)
            if finding is not None:
                found.append(finding)
    return tuple(found)


def _intention_first(view: PairView) -> Finding | None:
    """A blocking intention difference, of positions or of perception, comes first."""
    pair = view.pair
    reasons = []
    intention = view.gap("intention")
    if intention is not None and intention.decided_severity is Severity.BLOCKING:
        params = {"a": pair[0], "b": pair[1], "gap": intention.gap, "points": intention.points}
        reasons.append(Reason(codes.INTENTION_FIRST, params))
    for spot in view.perception("intention"):
        if spot.decided_severity is Severity.BLOCKING:
            params = {
                "a": pair[0],
                "b": pair[1],
                "subject": spot.subject,
                "viewer": spot.viewer,
                "viewer_score": spot.viewer_score,
                "self_score": spot.self_score,
                "points": spot.points,
            }
            reasons.append(Reason(codes.INTENTION_FIRST_PERCEPTION, params))
    if not reasons:
        return None
    return Finding(codes.INTENTION_FIRST, ("intention",), pair, tuple(reasons))


def _dependency_risk(view: PairView) -> Finding | None:
    pair = view.pair
    dependency = view.by_key.get("dependency")
    if dependency is None:
        return None
    accepting = [
        party
        for party in pair
        if (value := dependency.positions[party].value) is not None and value > 0.5
    ]
    severities = {key: view.severity(key) for key in ("intention", "trust")}
    if not accepting or not any(s.at_least(Severity.SIGNIFICANT) for s in severities.values()):
        return None
    params = {
        "a": pair[0],
        "b": pair[1],
        "party": accepting[0],
        "intention": severities["intention"].value,
        "trust": severities["trust"].value,
    }
    return Finding(
        codes.DEPENDENCY_RISK,
        ("dependency", "intention", "trust"),
        pair,
        (Reason(codes.DEPENDENCY_RISK, params),),
    )


def _trust_outside_contract(view: PairView) -> Finding | None:
    pair = view.pair
    severity = view.severity("trust")
    if not severity.at_least(Severity.SIGNIFICANT):
        return None
    params = {"a": pair[0], "b": pair[1], "severity": severity.value}
    return Finding(
        codes.TRUST_OUTSIDE_CONTRACT,
        ("trust",),
        pair,
        (Reason(codes.TRUST_OUTSIDE_CONTRACT, params),),
    )


def _many_blocking(view: PairView) -> Finding | None:
    pair = view.pair
    keys = tuple(key for key in view.by_key if view.severity(key) is Severity.BLOCKING)
    if len(keys) < MANY_BLOCKING_COUNT:
        return None
    params = {"a": pair[0], "b": pair[1], "count": len(keys)}
    return Finding(codes.MANY_BLOCKING, keys, pair, (Reason(codes.MANY_BLOCKING, params),))


def _name_value_creation(view: PairView) -> Finding | None:
    pair = view.pair
    value_creation = view.gap("value_creation")
    if value_creation is None:
        return None
    severity = view.severity("value_creation")
    if not severity.at_least(Severity.SIGNIFICANT):
        return None
    status = value_creation.register.status if value_creation.register else "open"
    if status in NAMED_STATUSES:
        return None
    params = {"a": pair[0], "b": pair[1], "severity": severity.value, "status": status}
    return Finding(
        codes.NAME_VALUE_CREATION,
        ("value_creation",),
        pair,
        (Reason(codes.NAME_VALUE_CREATION, params),),
    )


_RULES = (
    _intention_first,
    _many_blocking,
    _dependency_risk,
    _trust_outside_contract,
    _name_value_creation,
)
