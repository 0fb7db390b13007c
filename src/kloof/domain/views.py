"""Blind spots, agreement within a party, and toughness per pair of parties."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kloof.domain import reasons as codes
from kloof.domain.model import Case, Severity
from kloof.domain.positions import RatingIndex
from kloof.domain.results import Agreement, BlindSpot, FactorResult, PairSummary, Reason
from kloof.domain.stats import krippendorff_alpha_interval, median_sorted


def blind_spots(case: Case, index: RatingIndex) -> tuple[BlindSpot, ...]:
    """Where another party's view of P lies significantly or worse from P's self view."""
    found = []
    span = case.scale.span
    for factor in case.factors:
        for subject in case.parties:
            viewers = index.viewer_scores(factor.key, subject.id)
            own = viewers.get(subject.id)
            if own is None:
                continue
            self_score = median_sorted(sorted(own.values))
            for viewer in case.parties:
                group = viewers.get(viewer.id)
                if viewer.id == subject.id or group is None:
                    continue
                viewer_score = median_sorted(sorted(group.values))
                points = abs(viewer_score - self_score)
                gap = points / span
                severity = factor.thresholds.classify(gap)
                if not severity.at_least(Severity.SIGNIFICANT):
                    continue
                reason = Reason(
                    codes.BLIND_SPOT,
                    {
                        "subject": subject.id,
                        "viewer": viewer.id,
                        "viewer_score": viewer_score,
                        "self_score": self_score,
                        "points": points,
                        "gap": gap,
                        "severity": severity.value,
                        "bound": factor.thresholds.lower_bound(severity),
                    },
                )
                found.append(
                    BlindSpot(
                        factor=factor.key,
                        subject=subject.id,
                        viewer=viewer.id,
                        gap=gap,
                        points=points,
                        severity=severity,
                        viewer_score=viewer_score,
                        self_score=self_score,
                        reasons=(reason,),
                    )
                )
    return tuple(found)


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


def pair_summary(pair: tuple[str, str], results: Sequence[FactorResult]) -> PairSummary:
    """Toughness 0-100: 100 x the weighted mean gap where both positions are known."""
    weighted = 0.0
    weights = 0.0
    known = blocking = uncertain = unknown = 0
    for result in results:
        gap = result.gap(*pair)
        if gap is None:
            continue
        if gap.decided_severity is Severity.BLOCKING:
            blocking += 1
        if gap.gap is None:
            unknown += 1
            continue
        known += 1
        weighted += result.factor.weight * gap.gap
        weights += result.factor.weight
        if gap.uncertain:
            uncertain += 1
    toughness = 100 * weighted / weights if weights > 0 else None
    return PairSummary(pair, toughness, known, blocking, uncertain, unknown)
