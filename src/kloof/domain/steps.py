"""The recommended next steps, in the order a negotiator should take them.

1. ``stop_and_discuss``: a blocking intention difference comes before everything
   else — of positions, or of perception (each side thinks the other is out for
   itself). The article advises to stop and make it discussable first. When the
   register says the difference is discussed, accepted (by the team or by both
   sides) or mitigated, the step
   carries that status so that interfaces follow it up instead of repeating
   "stop".
2. ``research``: unknown positions and uncertain gaps need evidence (interviews)
   before anyone acts on them; the factor's interview questions come along.
3. ``rule``: cross-factor findings (dependency risk, trust conversation outside
   the contract phase, many blocking differences, value creation to be named).
4. ``discuss``: the known differences to put on the table, worst first — position
   gaps and perception gaps alike, each with the factor's advice for its
   severity. Differences the register marks as accepted (by the team or by both
   sides) or mitigated are left
   out: the team has dealt with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kloof.domain import reasons as codes
from kloof.domain.model import PERCEPTION, POSITION, Difference, Severity
from kloof.domain.results import BlindSpot, FactorResult, Finding, Gap, NextStep

HANDLED_STATUSES = frozenset({"accepted", "accepted_both", "mitigated"})
_TO_DISCUSS = (Severity.BLOCKING, Severity.SIGNIFICANT, Severity.NUANCE)
_UNCERTAINTY_CODES = frozenset(
    {
        codes.UNKNOWN_POSITION,
        codes.SINGLE_RATING,
        codes.ESTIMATES_ONLY,
        codes.RATERS_DISAGREE,
        codes.VIEWS_DIFFER,
    }
)


def next_steps(
    results: Sequence[FactorResult],
    found: Sequence[Finding],
    spots: Sequence[BlindSpot] = (),
) -> tuple[NextStep, ...]:
    by_key = {result.factor.key: result for result in results}
    steps: list[NextStep] = []
    first: set[tuple[str, str, tuple[str, ...]]] = set()
    for finding in found:
        if finding.rule != codes.INTENTION_FIRST:
            continue
        result = by_key["intention"]
        gap = result.gap(*finding.parties)
        if gap is not None and gap.decided_severity is Severity.BLOCKING:
            steps.append(_gap_step("stop_and_discuss", result, gap))
            first.add((POSITION, "intention", gap.parties))
        for spot in spots:
            if _blocking_intention_between(spot, finding.parties):
                steps.append(_spot_step("stop_and_discuss", result, spot))
                first.add((PERCEPTION, "intention", spot.parties))
    steps.extend(_research(results))
    steps.extend(
        NextStep("rule", None, f.parties, None, f.reasons)
        for f in found
        if f.rule != codes.INTENTION_FIRST
    )
    steps.extend(_discussions(results, spots, skip=first))
    return tuple(steps)


def _blocking_intention_between(spot: BlindSpot, pair: tuple[str, ...]) -> bool:
    return (
        spot.factor == "intention"
        and {spot.subject, spot.viewer} == set(pair)
        and spot.decided_severity is Severity.BLOCKING
    )


def _gap_step(kind: str, result: FactorResult, gap: Gap) -> NextStep:
    factor = result.factor
    severity = gap.decided_severity
    return NextStep(
        kind=kind,
        factor=factor.key,
        parties=gap.parties,
        severity=severity,
        reasons=gap.reasons,
        advice=factor.advice.get(severity),
        questions=factor.questions if kind == "research" else (),
        status=gap.register.status if gap.register else None,
    )


def _spot_step(kind: str, result: FactorResult, spot: BlindSpot) -> NextStep:
    severity = spot.decided_severity
    return NextStep(
        kind=kind,
        factor=spot.factor,
        parties=spot.parties,
        severity=severity,
        reasons=spot.reasons,
        advice=result.factor.advice.get(severity),
        difference=PERCEPTION,
        status=spot.register.status if spot.register else None,
    )


def _research(results: Sequence[FactorResult]) -> list[NextStep]:
    """Unknown first, then uncertain gaps by decided severity (worst first)."""
    candidates = [
        (gap.decided_severity.rank if gap.gap is not None else -1, order, result, gap)
        for order, result in enumerate(results)
        for gap in result.gaps
        if gap.uncertain
    ]
    candidates.sort(key=lambda item: (item[0], item[1]))
    steps = []
    for _, _, result, gap in candidates:
        doubts = tuple(r for r in gap.reasons if r.code in _UNCERTAINTY_CODES)
        step = _gap_step("research", result, gap)
        steps.append(
            NextStep(
                step.kind,
                step.factor,
                step.parties,
                step.severity,
                doubts,
                None,
                step.questions,
                status=step.status,
            )
        )
    return steps


def _discussions(
    results: Sequence[FactorResult],
    spots: Sequence[BlindSpot],
    *,
    skip: set[tuple[str, str, tuple[str, ...]]],
) -> list[NextStep]:
    candidates = []
    for order, result in enumerate(results):
        key = result.factor.key
        for gap in result.gaps:
            if (POSITION, key, gap.parties) in skip:
                continue
            if _to_discuss(gap.decided_severity, gap.register):
                rank = (gap.decided_severity.rank, -(gap.gap or 0.0), order, 0)
                candidates.append((rank, _gap_step("discuss", result, gap)))
        for spot in spots:
            if spot.factor != key or (PERCEPTION, key, spot.parties) in skip:
                continue
            if _to_discuss(spot.decided_severity, spot.register):
                rank = (spot.decided_severity.rank, -(spot.gap or 0.0), order, 1)
                candidates.append((rank, _spot_step("discuss", result, spot)))
    candidates.sort(key=lambda item: item[0])
    return [step for _, step in candidates]


def _to_discuss(severity: Severity, entry: Difference | None) -> bool:
    return severity in _TO_DISCUSS and (entry is None or entry.status not in HANDLED_STATUSES)
