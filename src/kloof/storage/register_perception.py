"""The perception gap of a register entry, also where the analysis lists none.

The analysis lists a perception gap (a :class:`BlindSpot`) only when it is
``significant`` or worse, or decided blocking. A perception entry of the
register stays an entry when its gap is smaller (or its views are unknown): the
register still shows both scores and the computed severity, from the domain's
own :func:`kloof.domain.views.perception_gap` (no I/O: domain objects in, a
domain object out).
"""

from __future__ import annotations

from kloof.domain.model import PERCEPTION, Case, Difference
from kloof.domain.positions import RatingIndex, index_ratings
from kloof.domain.results import Analysis, BlindSpot
from kloof.domain.views import perception_gap as domain_perception_gap


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
    return domain_perception_gap(
        case,
        index or index_ratings(case),
        case.factor(factor),
        subject,
        viewer,
        _entry(case, factor, subject, viewer),
    )


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
