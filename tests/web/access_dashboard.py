"""Who may see a case's dashboard, its chart and its report: every member."""

from __future__ import annotations

from tests.web.access_table import case_kwargs, in_workspace

ACCESS_ENTRIES = {
    name: in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs)
    for name in ("dashboard", "case_report", "case_chart")
}
# The chart as a PNG picture for slides: the same rule as the SVG.
ACCESS_ENTRIES["case_chart_png"] = ACCESS_ENTRIES["case_chart"]
