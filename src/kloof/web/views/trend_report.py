"""The trend a review's report includes: its relationship's series up to it."""

from __future__ import annotations

from kloof.reports.report_trend import ReportTrend
from kloof.storage.models import Case
from kloof.storage.relationship_trend import case_trend


def report_trend(row: Case) -> ReportTrend | None:
    """The report's trend section for case ``row``; None when the case has no
    earlier dated review in a relationship (the report then stays as it was)."""
    found = case_trend(row)
    if found is None:
        return None
    problem = (found.problem.code, found.problem.params) if found.problem is not None else None
    return ReportTrend(found.trend, found.names, problem)
