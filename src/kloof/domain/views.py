"""Blind spots, agreement within a party, and toughness per pair of parties."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from kloof.domain import reasons as codes
from kloof.domain.gaps import decide, decided_reason, threshold_reason
from kloof.domain.model import PERCEPTION, Case, Difference, Factor, Severity
from kloof.domain.positions import RatingIndex
from kloof.domain.results import Agreement, BlindSpot, FactorResult, PairSummary, Reason
from kloof.domain.stats import krippendorff_alpha_interval, median_sorted

RegisterLookup = Mapping[tuple[str, str, object], Difference]


def blind_spots(
    case: Case, index: RatingIndex, register: RegisterLookup | None = None
) -> tuple[BlindSpot, ...]:
    """Perception gaps: where another party's view of P lies from P's self view.

    Listed when ``significant`` or worse, or when the team decided one blocking in
    the register (even with a view missing: the team knows something the ratings
    do not). A register entry's ``blocking: false`` lowers a computed blocking
    perception gap to significant, as it does for a position gap.
    """
    register = register or {}
    found = []
    for factor in case.factors:
        for subject in case.parties:
            for viewer in case.parties:
                if viewer.id == subject.id:
                    continue
                entry = register.get((PERCEPTION, factor.key, (subject.id, viewer.id)))
                spot = perception_gap(case, index, factor, subject.id, viewer.id, entry)
                if spot.severity.at_least(Severity.SIGNIFICANT) or (
                    spot.decided_severity is Severity.BLOCKING
                ):
                    found.append(spot)
    return tuple(found)


def perception_gap(
    case: Case,
    index: RatingIndex,
    factor: Factor,
    subject: str,
    viewer: str,
    entry: Difference | None = None,
) -> BlindSpot:
    """How ``viewer`` sees ``subject`` on ``factor`` against the subject's self
    view, whatever its size (the register shows small ones too); ``gap`` is None
    when either view has no score."""
    viewers = index.viewer_scores(factor.key, subject)
    own, seen = viewers.get(subject), viewers.get(viewer)
    self_score = median_sorted(sorted(own.values)) if own else None
    viewer_score = median_sorted(sorted(seen.values)) if seen else None
    points = gap = None
    if self_score is not None and viewer_score is not None:
        points = abs(viewer_score - self_score)
        gap = points / case.scale.span
    severity = factor.thresholds.classify(gap)
    decided = decide(severity, entry)
    reasons = []
    if gap is not None and severity is Severity.ALIGNED:
        # "at or above a threshold" does not apply: say which one it stays below.
        reasons.append(threshold_reason(gap, severity, factor, case.scale))
    elif gap is not None:
        reasons.append(
            Reason(
                codes.BLIND_SPOT,
                {
                    "subject": subject,
                    "viewer": viewer,
                    "viewer_score": viewer_score,
                    "self_score": self_score,
                    "points": points,
                    "gap": gap,
                    "severity": severity.value,
                    "bound": factor.thresholds.lower_bound(severity),
                },
            )
        )
    if entry is not None and entry.blocking is not None:
        reasons.append(decided_reason(decided, severity, entry))
    return BlindSpot(
        factor=factor.key,
        subject=subject,
        viewer=viewer,
        gap=gap,
        points=points,
        severity=severity,
        viewer_score=viewer_score,
        self_score=self_score,
        reasons=tuple(reasons),
        decided_severity=decided,
        register=entry,
        viewer_n=len(seen.values) if seen else 0,
        self_n=len(own.values) if own else 0,
    )


def agreement(case: Case) -> dict[str, Agreement]:
    """Krippendorff's alpha (interval) among each party's raters.

    Each (subject, factor) that the party's raters scored is one unit.
    """
    party_of = {rater.id: rater.party for rater in case.raters}
    units: dict[str, dict[tuple[str, str], list[float]]] = defaultdict(lambda: defaultdict(list))
    active: dict[str, set[str]] = defaultdict(set)
    for rating in case.ratings:
        if rating.score is None:
            continue
        rater_party = party_of[rating.rater]
        units[rater_party][(rating.subject, rating.factor)].append(float(rating.score))
        active[rater_party].add(rating.rater)
    result = {}
    for party in case.parties:
        raters = len(active[party.id])
        party_units = list(units[party.id].values())
        pairable = sum(1 for unit in party_units if len(unit) >= 2)
        alpha = None
        reasons: tuple[Reason, ...] = ()
        if raters < 2:
            reasons = (Reason(codes.TOO_FEW_RATERS, {"party": party.id, "raters": raters}),)
        elif pairable == 0:
            reasons = (Reason(codes.NO_PAIRABLE_UNIT, {"party": party.id}),)
        else:
            alpha = krippendorff_alpha_interval(party_units)
            if alpha is None:
                reasons = (Reason(codes.NO_VARIATION, {"party": party.id}),)
        result[party.id] = Agreement(party.id, alpha, raters, pairable, reasons)
    return result


def pair_summary(
    pair: tuple[str, str], results: Sequence[FactorResult], spots: Sequence[BlindSpot] = ()
) -> PairSummary:
    """Toughness 0-100: 100 x the weighted mean gap where both positions are known.

    Blocking counts position gaps and perception gaps (either way) between the pair.
    """
    weighted = 0.0
    weights = 0.0
    known = blocking = uncertain = unknown = perception = 0
    blocking_factors = []
    for result in results:
        gap = result.gap(*pair)
        if gap is None:
            continue
        key = result.factor.key
        blocked = sum(
            1
            for spot in spots
            if spot.factor == key
            and spot.between(pair)
            and spot.decided_severity is Severity.BLOCKING
        )
        perception += blocked
        blocked += gap.decided_severity is Severity.BLOCKING
        blocking += blocked
        if blocked:
            blocking_factors.append(key)
        if gap.gap is None:
            unknown += 1
            continue
        known += 1
        weighted += result.factor.weight * gap.gap
        weights += result.factor.weight
        if gap.uncertain:
            uncertain += 1
    # Weights summing to 0 (every known factor weighs 0) leave nothing to average.
    toughness = 100 * weighted / weights if weights > 0 else None
    return PairSummary(
        pair, toughness, known, blocking, uncertain, unknown, tuple(blocking_factors), perception
    )
