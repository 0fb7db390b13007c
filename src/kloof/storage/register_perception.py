"""The perception gap of a register entry, also where the analysis lists none.

The analysis lists a perception gap (a :class:`BlindSpot`) only when it is
``significant`` or worse, or decided blocking. A perception entry of the
register stays an entry when its gap is smaller (or its views are unknown): the
register still shows both scores and the computed severity, built here from the
same ratings and thresholds the analysis uses (no I/O: domain objects in, a
domain object out).
"""

from __future__ import annotations

from kloof.domain import reasons as codes
from kloof.domain.gaps import decide, decided_reason, threshold_reason
from kloof.domain.model import PERCEPTION, Case, Difference, Severity
from kloof.domain.positions import RatingIndex, index_ratings
from kloof.domain.results import Analysis, BlindSpot, Reason
from kloof.domain.stats import median_sorted


def perception_gap(
    analysis: Analysis, factor: str, subject: str, viewer: str, index: RatingIndex | None = None
) -> BlindSpot | None:
    """How ``viewer`` sees ``subject`` on ``factor`` against its self view.

    The analysis' own blind spot when it lists one; otherwise the same numbers
    computed for the register. None when the case no longer has the factor or
    one of the parties (the entry then stays visible without numbers).
    """
    for spot in analysis.blind_spots_of(factor):
        if spot.parties == (subject, viewer):
            return spot
    case = analysis.case
    if not _knows(case, factor, subject, viewer):
        return None
    return _unlisted_gap(case, factor, subject, viewer, index or index_ratings(case))


def _knows(case: Case, factor: str, subject: str, viewer: str) -> bool:
    try:
        case.factor(factor)
        case.party(subject)
        case.party(viewer)
    except KeyError:
        return False
    return subject != viewer


def _entry(case: Case, factor: str, subject: str, viewer: str) -> Difference | None:
    for entry in case.differences:
        if entry.kind == PERCEPTION and (entry.factor, entry.parties) == (
            factor,
            (subject, viewer),
        ):
            return entry
    return None


def _unlisted_gap(
    case: Case, factor_key: str, subject: str, viewer: str, index: RatingIndex
) -> BlindSpot:
    factor = case.factor(factor_key)
    groups = index.viewer_scores(factor_key, subject)
    own, seen = groups.get(subject), groups.get(viewer)
    self_score = median_sorted(sorted(own.values)) if own else None
    viewer_score = median_sorted(sorted(seen.values)) if seen else None
    points = gap = None
    if self_score is not None and viewer_score is not None:
        points = abs(viewer_score - self_score)
        gap = points / case.scale.span
    severity = factor.thresholds.classify(gap)
    entry = _entry(case, factor_key, subject, viewer)
    decided = decide(severity, entry)
    reasons: list[Reason] = []
    if gap is not None and severity is Severity.ALIGNED:
        reasons.append(threshold_reason(gap, severity, factor, case.scale))
    elif gap is not None:
        params = {
            "subject": subject,
            "viewer": viewer,
            "viewer_score": viewer_score,
            "self_score": self_score,
            "points": points,
            "gap": gap,
            "severity": severity.value,
            "bound": factor.thresholds.lower_bound(severity),
        }
        reasons.append(Reason(codes.BLIND_SPOT, params))
    if entry is not None and entry.blocking is not None:
        reasons.append(decided_reason(decided, severity, entry))
    return BlindSpot(
        factor=factor_key,
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
