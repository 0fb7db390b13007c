"""Cross-factor rules: what the article says about combinations of differences.

Each rule looks at one pair of parties and fires a ``Finding`` with its reasons.
Rules refer to the factor keys of ``hopmans-9``; in a framework without those
factors they simply do not fire.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kloof.domain import reasons as codes
from kloof.domain.model import Severity
from kloof.domain.results import FactorResult, Finding, Gap, Reason

#: Three or more blocking differences: talk about how to do business together
#: before negotiating the deal itself.
MANY_BLOCKING_COUNT = 3
#: Register statuses that mean a difference has at least been named explicitly.
NAMED_STATUSES = frozenset({"named", "discussed", "accepted", "mitigated"})

Pair = tuple[str, str]
Lookup = Callable[[str], Gap | None]


def findings(pairs: Sequence[Pair], results: Sequence[FactorResult]) -> tuple[Finding, ...]:
    by_key = {result.factor.key: result for result in results}
    found: list[Finding] = []
    for pair in pairs:

        def lookup(key: str, pair: Pair = pair) -> Gap | None:
            result = by_key.get(key)
            return result.gap(*pair) if result else None

        for rule in _RULES:
            finding = rule(pair, lookup, by_key)
            if finding is not None:
                found.append(finding)
    return tuple(found)


def _intention_first(pair: Pair, gap: Lookup, by_key: dict[str, FactorResult]) -> Finding | None:
    intention = gap("intention")
    if intention is None or intention.decided_severity is not Severity.BLOCKING:
        return None
    params = {"a": pair[0], "b": pair[1], "gap": intention.gap, "points": intention.points}
    return Finding(
        codes.INTENTION_FIRST, ("intention",), pair, (Reason(codes.INTENTION_FIRST, params),)
    )


def _dependency_risk(pair: Pair, gap: Lookup, by_key: dict[str, FactorResult]) -> Finding | None:
    dependency = by_key.get("dependency")
    if dependency is None:
        return None
    accepting = [
        party
        for party in pair
        if (value := dependency.positions[party].value) is not None and value > 0.5
    ]
    intention, trust = gap("intention"), gap("trust")
    severities = {
        key: (g.decided_severity if g else Severity.UNKNOWN)
        for key, g in (("intention", intention), ("trust", trust))
    }
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


def _trust_outside_contract(
    pair: Pair, gap: Lookup, by_key: dict[str, FactorResult]
) -> Finding | None:
    trust = gap("trust")
    if trust is None or not trust.decided_severity.at_least(Severity.SIGNIFICANT):
        return None
    params = {"a": pair[0], "b": pair[1], "severity": trust.decided_severity.value}
    return Finding(
        codes.TRUST_OUTSIDE_CONTRACT,
        ("trust",),
        pair,
        (Reason(codes.TRUST_OUTSIDE_CONTRACT, params),),
    )


def _many_blocking(pair: Pair, gap: Lookup, by_key: dict[str, FactorResult]) -> Finding | None:
    keys = tuple(
        key
        for key in by_key
        if (g := gap(key)) is not None and g.decided_severity is Severity.BLOCKING
    )
    if len(keys) < MANY_BLOCKING_COUNT:
        return None
    params = {"a": pair[0], "b": pair[1], "count": len(keys)}
    return Finding(codes.MANY_BLOCKING, keys, pair, (Reason(codes.MANY_BLOCKING, params),))


def _name_value_creation(
    pair: Pair, gap: Lookup, by_key: dict[str, FactorResult]
) -> Finding | None:
    value_creation = gap("value_creation")
    if value_creation is None or not value_creation.decided_severity.at_least(Severity.SIGNIFICANT):
        return None
    status = value_creation.register.status if value_creation.register else "open"
    if status in NAMED_STATUSES:
        return None
    params = {
        "a": pair[0],
        "b": pair[1],
        "severity": value_creation.decided_severity.value,
        "status": status,
    }
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
