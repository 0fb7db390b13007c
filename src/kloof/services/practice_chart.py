"""The feedback chart of an attempt: per party, your positions against the
reference, drawn by kloof's own profile chart (:mod:`kloof.reports.chart_profile`).

Each chart is a small case of two "parties", you and the reference, each
rating itself: the chart then shows both positions per factor and the band
between them (coloured by how large a gap of that size would be). A factor
you did not rate shows as unknown. The chart carries its text description
(``<desc>``); the page adds a table with the numbers.
"""

from __future__ import annotations

import dataclasses

from kloof.domain.analysis import analyse
from kloof.domain.model import Case, Framework, Party, Rater, Rating
from kloof.domain.practice import SCENARIO_SCALE, Feedback, Scenario
from kloof.domain.results import Analysis
from kloof.reports.chart_profile import profile_chart

YOU = "you"
REFERENCE = "reference"


def comparison_case(
    scenario: Scenario,
    party: str,
    feedback: Feedback,
    framework: Framework,
    names: tuple[str, str],
    title: str,
) -> Case:
    """You and the reference as two parties of one case, for ``party``."""
    ratings = []
    for row in feedback.per_factor:
        if row.party != party:
            continue
        ratings.append(Rating(REFERENCE, REFERENCE, row.factor, row.reference))
        if row.yours is not None:
            ratings.append(Rating(YOU, YOU, row.factor, row.yours))
    return Case(
        title=title,
        framework=framework,
        parties=(Party(YOU, names[0]), Party(REFERENCE, names[1])),
        factors=tuple(f for f in framework.factors if f.key in scenario.factors),
        raters=(Rater(YOU, names[0], YOU), Rater(REFERENCE, names[1], REFERENCE)),
        ratings=tuple(ratings),
        scale=SCENARIO_SCALE,
    )


def comparison_chart(
    scenario: Scenario,
    party: str,
    feedback: Feedback,
    framework: Framework,
    language: str,
    names: tuple[str, str],
    title: str,
) -> str:
    """The SVG of :func:`comparison_case` (positions only, no views)."""
    case = comparison_case(scenario, party, feedback, framework, names, title)
    return profile_chart(certain(analyse(case)), language, views=False)


def certain(analysis: Analysis) -> Analysis:
    """The analysis with no gap marked uncertain.

    Each side here is one answer, not a group of raters: the analysis would
    call every gap "uncertain" (a single rating), which on a feedback chart
    only says something false about the reference.
    """
    factors = tuple(
        dataclasses.replace(
            result, gaps=tuple(dataclasses.replace(gap, uncertain=False) for gap in result.gaps)
        )
        for result in analysis.factors
    )
    return dataclasses.replace(analysis, factors=factors)
