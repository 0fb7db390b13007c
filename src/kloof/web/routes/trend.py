"""URL patterns of the trend area: a relationship's trend page and its chart (SVG, PNG)."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import trend

TREND = "w/<slug:slug>/relationships/<id:relationship_id>/"

urlpatterns = [
    path(f"{TREND}trend/", trend.relationship_trend_page, name="relationship_trend"),
    path(f"{TREND}trend.svg", trend.relationship_trend_chart, name="relationship_trend_svg"),
    path(
        f"{TREND}trend.png",
        trend.relationship_trend_chart,
        {"image": "png"},
        name="relationship_trend_png",
    ),
]
