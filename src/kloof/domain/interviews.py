"""Interviews: which factors to ask a party about first, and what an interview
already told.

The guide for an interview about a party orders the factors by need:
1. ``blocking``: an open blocking position difference, or an open perception gap
   (significant or worse), that involves the party;
2. ``uncertain``: the party's position there needs evidence (unknown, one rating,
   estimates only, raters who disagree, one view only, views that differ);
3. ``rest``: every other factor, only when asked for.
Each factor comes with what we currently believe (every party's position) and why
it is on the list (the reasons, language-neutral).

An interview answer with text is evidence (source ``interview``) for the party the
interview is about, on the answer's factor. A position is *confirmed* when it is
rated and has evidence: an answer of an interview, or a rating whose own note is
evidence (source interview, observation or document, and a note with text); the
web's evidence notes count the same way (:mod:`kloof.storage.evidence`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kloof.domain import reasons as codes
from kloof.domain.evidence import evidence_needs
from kloof.domain.model import Case, Factor, Interview, Severity
from kloof.domain.results import Analysis, FactorResult, Position, Reason
from kloof.domain.steps import HANDLED_STATUSES

BLOCKING = "blocking"
UNCERTAIN = "uncertain"
REST = "rest"
#: The guide's tiers, in the order it asks about them.
TIERS: tuple[str, ...] = (BLOCKING, UNCERTAIN, REST)
#: The rating sources whose own note is evidence.
EVIDENCE_SOURCES: frozenset[str] = frozenset({"interview", "observation", "document"})


@dataclass(frozen=True)
class GuideFactor:
    """One factor of an interview guide: why it is there and what we believe now.

    ``positions`` holds every party's position (known or not) in the case's party
    order; ``confirmed`` the parties whose position there has evidence.
    """

    factor: Factor
    tier: str
    reasons: tuple[Reason, ...]
    positions: tuple[Position, ...]
    confirmed: tuple[str, ...] = ()


def interview_guide(
    analysis: Analysis, party: str | None = None, *, everything: bool = False
) -> tuple[GuideFactor, ...]:
    """The factors to ask about, in the guide's order, for an interview about
    ``party`` (None: about every party)."""
    case = analysis.case
    parties = (party,) if party is not None else tuple(p.id for p in case.parties)
    needs = {need.factor: need.reasons for need in evidence_needs(analysis)}
    confirmed = confirmed_positions(case)
    tiers: dict[str, list[GuideFactor]] = {tier: [] for tier in TIERS}
    for result in analysis.factors:
        key = result.factor.key
        blocking = _open_blocking(analysis, result, parties)
        doubts = [r for r in needs.get(key, ()) if _involves(r, parties)]
        if blocking:
            tier, reasons = BLOCKING, blocking + doubts
        elif doubts:
            tier, reasons = UNCERTAIN, doubts
        elif everything:
            tier, reasons = REST, []
        else:
            continue
        positions = tuple(result.positions[p.id] for p in case.parties if p.id in result.positions)
        sure = tuple(p.id for p in case.parties if (p.id, key) in confirmed)
        unique = tuple({_reason_key(r): r for r in reasons}.values())
        tiers[tier].append(GuideFactor(result.factor, tier, unique, positions, sure))
    return tuple(item for tier in TIERS for item in tiers[tier])


def guide_factor_keys(
    analysis: Analysis, party: str | None = None, *, everything: bool = False
) -> tuple[str, ...]:
    """The factor keys of :func:`interview_guide`, in its order."""
    return tuple(
        item.factor.key for item in interview_guide(analysis, party, everything=everything)
    )


def interview_evidence(interviews: Iterable[Interview]) -> frozenset[tuple[str, str]]:
    """The (party, factor) pairs that interview answers with text give evidence for."""
    return frozenset(
        (interview.about, answer.factor)
        for interview in interviews
        for answer in interview.answers
        if answer.text.strip()
    )


def confirmed_positions(case: Case) -> frozenset[tuple[str, str]]:
    """The (party, factor) positions that are rated and have evidence (see the
    module's description)."""
    rated: set[tuple[str, str]] = set()
    evidence = set(interview_evidence(case.interviews))
    for rating in case.ratings:
        if rating.score is None:
            continue
        rated.add((rating.subject, rating.factor))
        if rating.source in EVIDENCE_SOURCES and (rating.note or "").strip():
            evidence.add((rating.subject, rating.factor))
    return frozenset(rated & evidence)


def _open_blocking(
    analysis: Analysis, result: FactorResult, parties: tuple[str, ...]
) -> list[Reason]:
    found: list[Reason] = []
    for gap in result.gaps:
        if gap.decided_severity is not Severity.BLOCKING or not set(gap.parties) & set(parties):
            continue
        if gap.register is not None and gap.register.status in HANDLED_STATUSES:
            continue
        found.extend(r for r in gap.reasons if r.code in (codes.POSITIONS, codes.DECIDED))
    for spot in analysis.blind_spots_of(result.factor.key):
        if not spot.decided_severity.at_least(Severity.SIGNIFICANT):
            continue
        if not {spot.subject, spot.viewer} & set(parties):
            continue
        if spot.register is not None and spot.register.status in HANDLED_STATUSES:
            continue
        found.extend(spot.reasons)
    return found


def _involves(reason: Reason, parties: tuple[str, ...]) -> bool:
    params = reason.params
    named = {params.get(name) for name in ("party", "subject", "viewer", "a", "b")}
    return bool(named & set(parties))


def _reason_key(reason: Reason) -> tuple[object, ...]:
    return (reason.code, *sorted((k, str(v)) for k, v in reason.params.items()))
