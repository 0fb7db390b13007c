"""The reason codes the analysis emits, with the parameters each one carries.

A ``Reason`` is language-neutral; ``kloof.i18n.reasons`` renders each code below
as a sentence in Dutch or English. Party ids are rendered as party names. Scores
and points are on the case's scale; ``gap``, ``iqr`` and bounds are normalised 0-1.
Severities are ``Severity.value`` strings.
"""

from __future__ import annotations

# Gaps between two parties on one factor.
POSITIONS = "positions"  # a, b, score_a, score_b, points, gap
THRESHOLD = "threshold"  # factor, severity, bound, bound_points, next_severity, next_bound,
#                          next_bound_points, factor_specific (bool); next_* None for blocking
UNKNOWN_POSITION = "unknown_position"  # party
SINGLE_RATING = "single_rating"  # party
ESTIMATES_ONLY = "estimates_only"  # party
RATERS_DISAGREE = "raters_disagree"  # party, view ("self" | "outside"), iqr, limit
DECIDED = "decided"  # severity (decided), computed, reason (the team's own words)
VIEWS_DIFFER = "views_differ"  # party, self_score, outside_score, points

# What still needs evidence (kloof.domain.evidence), beside the doubts above.
ONE_VIEW = "one_view"  # party, view (the one there), missing (the one not there)
ESTIMATED_VIEW = "estimated_view"  # party, view (resting on estimates only)

# Blind spots.
BLIND_SPOT = "blind_spot"  # subject, viewer, viewer_score, self_score, points, gap,
#                            severity, bound

# Agreement within a party.
TOO_FEW_RATERS = "too_few_raters"  # party, raters
NO_PAIRABLE_UNIT = "no_pairable_unit"  # party
NO_VARIATION = "no_variation"  # party

# Cross-factor rules (``Finding.rule`` uses the same codes).
INTENTION_FIRST = "intention_first"  # a, b, gap, points (gap and points None when unknown)
#: A blocking perception gap on intention: how ``viewer`` sees ``subject``.
INTENTION_FIRST_PERCEPTION = "intention_first_perception"  # a, b, subject, viewer,
#                                                            viewer_score, self_score, points
DEPENDENCY_RISK = "dependency_risk"  # a, b, party (who accepts dependency),
#                                      intention (severity), trust (severity)
TRUST_OUTSIDE_CONTRACT = "trust_outside_contract"  # a, b, severity
MANY_BLOCKING = "many_blocking"  # a, b, count
NAME_VALUE_CREATION = "name_value_creation"  # a, b, severity, status

GAP_CODES = (
    POSITIONS,
    THRESHOLD,
    UNKNOWN_POSITION,
    SINGLE_RATING,
    ESTIMATES_ONLY,
    RATERS_DISAGREE,
    VIEWS_DIFFER,
    DECIDED,
)
RULE_CODES = (
    INTENTION_FIRST,
    DEPENDENCY_RISK,
    TRUST_OUTSIDE_CONTRACT,
    MANY_BLOCKING,
    NAME_VALUE_CREATION,
)
ALL_CODES = (
    *GAP_CODES,
    BLIND_SPOT,
    TOO_FEW_RATERS,
    NO_PAIRABLE_UNIT,
    NO_VARIATION,
    *RULE_CODES,
    INTENTION_FIRST_PERCEPTION,
    ONE_VIEW,
    ESTIMATED_VIEW,
)
