"""URL patterns of the dashboard area: the analysis page, its chart (SVG and PNG) and the report."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import dashboard

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(CASE, dashboard.dashboard, name="dashboard"),
    path(f"{CASE}report.html", dashboard.case_report, name="case_report"),
    path(f"{CASE}chart.svg", dashboard.case_chart, name="case_chart"),
    path(f"{CASE}chart.png", dashboard.case_chart, {"image": "png"}, name="case_chart_png"),
]
