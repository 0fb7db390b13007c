"""The difference analysis: the one entry point ``analyse(case)``.

Semantics as in DESIGN.md, "Analysis semantics": positions from the self and
outside views, gaps for every pair of parties, severities from the factor's
thresholds, uncertainty, blind spots, agreement, toughness, the team's overrides,
cross-factor rules and the recommended next steps.
"""

from __future__ import annotations

from itertools import combinations

from kloof.domain.gaps import gap_between
from kloof.domain.model import Case, Difference
from kloof.domain.positions import index_ratings, position_of
from kloof.domain.results import Analysis, FactorResult
from kloof.domain.rules import findings
from kloof.domain.steps import next_steps
from kloof.domain.views import agreement, blind_spots, pair_summary


def analyse(case: Case) -> Analysis:
    index = index_ratings(case)
    pairs = list(combinations([party.id for party in case.parties], 2))
    register = _register(case)
    results = []
    for factor in case.factors:
        positions = {
            party.id: position_of(index, factor.key, party.id, case.scale) for party in case.parties
        }
        gaps = tuple(
            gap_between(
                factor,
                positions[a],
                positions[b],
                case.scale,
                register.get((factor.key, frozenset((a, b)))),
            )
            for a, b in pairs
        )
        results.append(FactorResult(factor, positions, gaps))
    found = findings(pairs, results)
    return Analysis(
        case=case,
        factors=tuple(results),
        blind_spots=blind_spots(case, index),
        agreement=agreement(case),
        pairs=tuple(pair_summary(pair, results) for pair in pairs),
        findings=found,
        next_steps=next_steps(results, found),
    )


def _register(case: Case) -> dict[tuple[str, frozenset[str]], Difference]:
    """Register entries by factor and unordered pair of parties."""
    return {(entry.factor, frozenset(entry.parties)): entry for entry in case.differences}
