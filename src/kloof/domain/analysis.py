"""The difference analysis: the one entry point ``analyse(case)``.

Semantics as in DESIGN.md, "Analysis semantics": positions from the self and
outside views, gaps for every pair of parties, severities from the factor's
thresholds, uncertainty, blind spots, agreement, toughness, the team's overrides,
cross-factor rules and the recommended next steps.
"""

from __future__ import annotations

from itertools import combinations

from kloof.domain.gaps import gap_between
from kloof.domain.model import POSITION, Case
from kloof.domain.positions import index_ratings, position_of
from kloof.domain.results import Analysis, FactorResult
from kloof.domain.rules import findings
from kloof.domain.steps import next_steps
from kloof.domain.views import agreement, blind_spots, pair_summary


def analyse(case: Case) -> Analysis:
    index = index_ratings(case)
    pairs = list(combinations([party.id for party in case.parties], 2))
    register = {entry.register_key: entry for entry in case.differences}
    results = []
    for factor in case.factors:
        positions = {
            party.id: position_of(index, factor.key, party.id, case.scale, factor.thresholds)
            for party in case.parties
        }
        gaps = tuple(
            gap_between(
                factor,
                positions[a],
                positions[b],
                case.scale,
                register.get((POSITION, factor.key, frozenset((a, b)))),
            )
            for a, b in pairs
        )
        results.append(FactorResult(factor, positions, gaps))
    spots = blind_spots(case, index, register)
    found = findings(pairs, results, spots)
    return Analysis(
        case=case,
        factors=tuple(results),
        blind_spots=spots,
        agreement=agreement(case),
        pairs=tuple(pair_summary(pair, results, spots) for pair in pairs),
        findings=found,
        next_steps=next_steps(results, found, spots),
    )
