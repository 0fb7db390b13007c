"""The "Trend" section of a review's report: the trend chart of its relationship
up to this review and what moved, in words, at each step.

The caller (the web's report download) finds the series; here it becomes
rows for ``templates/report.html.j2``. On screen the chart is the trend SVG
itself; on paper it goes through :func:`kloof.reports.paper_chart.paper_chart`
like the profile chart, at the text's full width (two columns of panels).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from kloof.domain.trend import TOO_FEW, Trend
from kloof.i18n import format_date, translator
from kloof.i18n.trend import step_heading, step_sentences
from kloof.i18n.trend_problems import problem_sentences
from kloof.reports.chart_trend import render_trend_chart
from kloof.reports.paper_chart import paper_chart

#: The trend chart's width on paper: A4's text width (210 mm less 2 x 15 mm).
PAPER_TREND_MM = 180.0


@dataclass(frozen=True)
class ReportTrend:
    """The series a report shows: the trend, or the code and parameters of the
    problem that stops it (see :mod:`kloof.i18n.trend_problems`)."""

    trend: Trend | None
    names: dict[str, str] = field(default_factory=dict)
    problem: tuple[str, Mapping[str, object]] | None = None


def trend_section(found: ReportTrend, language: str, *, pdf: bool = False) -> dict[str, Any]:
    """The rows of the report's trend section."""
    t = translator(language)
    if found.trend is None:
        code, params = found.problem or (TOO_FEW, {"count": 0})
        problem, fix = problem_sentences(code, params, language)
        return {"problem": problem, "fix": fix, "chart": None, "steps": [], "period": None}
    trend = found.trend
    svg = render_trend_chart(trend, found.names, language)
    chart = paper_chart(svg, PAPER_TREND_MM) if pdf else svg
    return {
        "problem": None,
        "fix": None,
        "period": t.gettext("From %(before)s to %(after)s")
        % {
            "before": format_date(trend.reviews[0].date, language),
            "after": format_date(trend.reviews[-1].date, language),
        },
        "chart": Markup(chart),  # noqa: S704 - our own SVG, escaped by the chart module
        "steps": [
            {
                "heading": step_heading(trend, step, language),
                "sentences": step_sentences(trend, step, found.names, language),
            }
            for step in range(len(trend.reviews) - 1, 0, -1)  # the latest first
        ],
    }
