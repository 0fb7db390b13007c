"""The recommended next steps, in the order a negotiator should take them.

1. ``stop_and_discuss``: a blocking intention gap comes before everything else —
   the article advises to stop and make it discussable first.
2. ``research``: unknown positions and uncertain gaps need evidence (interviews)
   before anyone acts on them; the factor's interview questions come along.
3. ``rule``: cross-factor findings (dependency risk, trust conversation outside
   the contract phase, many blocking differences, value creation to be named).
4. ``discuss``: the known differences to put on the table, worst first, each with
   the factor's advice for its severity. Differences the register marks as
   accepted or mitigated are left out: the team has dealt with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kloof.domain import reasons as codes
from kloof.domain.model import Severity
from kloof.domain.results import FactorResult, Finding, Gap, NextStep

HANDLED_STATUSES = frozenset({"accepted", "mitigated"})
_TO_DISCUSS = (Severity.BLOCKING, Severity.SIGNIFICANT, Severity.NUANCE)
_UNCERTAINTY_CODES = frozenset(
    {codes.UNKNOWN_POSITION, codes.SINGLE_RATING, codes.ESTIMATES_ONLY, codes.RATERS_DISAGREE}
)


def next_steps(results: Sequence[FactorResult], found: Sequence[Finding]) -> tuple[NextStep, ...]:
    by_key = {result.factor.key: result for result in results}
    steps: list[NextStep] = []
    first_pairs: set[tuple[str, ...]] = set()
    for finding in found:
        if finding.rule == codes.INTENTION_FIRST:
            gap = by_key["intention"].gap(*finding.parties)
            assert gap is not None  # the rule fired on it
            steps.append(_step("stop_and_discuss", by_key["intention"], gap))
            first_pairs.add(finding.parties)
    steps.extend(_research(results))
    steps.extend(
        NextStep("rule", None, f.parties, None, f.reasons)
        for f in found
        if f.rule != codes.INTENTION_FIRST
    )
    steps.extend(_discussions(results, skip_intention_for=first_pairs))
    return tuple(steps)


def _step(kind: str, result: FactorResult, gap: Gap) -> NextStep:
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
        step = _step("research", result, gap)
        steps.append(
            NextStep(
                step.kind, step.factor, step.parties, step.severity, doubts, None, step.questions
            )
        )
    return steps


def _discussions(
    results: Sequence[FactorResult], *, skip_intention_for: set[tuple[str, ...]]
) -> list[NextStep]:
    candidates = []
    for order, result in enumerate(results):
        for gap in result.gaps:
            if gap.decided_severity not in _TO_DISCUSS:
                continue
            if gap.register is not None and gap.register.status in HANDLED_STATUSES:
                continue
            if result.factor.key == "intention" and gap.parties in skip_intention_for:
                continue
            candidates.append((gap.decided_severity.rank, -(gap.gap or 0.0), order, result, gap))
    candidates.sort(key=lambda item: item[:3])
    return [_step("discuss", result, gap) for *_, result, gap in candidates]
