"""URL patterns of the portfolio: the table, the heat map and the exports."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import portfolio

urlpatterns = [
    path("w/<slug:slug>/portfolio/", portfolio.portfolio_page, name="portfolio"),
    path("w/<slug:slug>/portfolio/heatmap/", portfolio.portfolio_heatmap, name="portfolio_heatmap"),
    path(
        "w/<slug:slug>/portfolio/export.<str:fmt>",
        portfolio.portfolio_export,
        name="portfolio_export",
    ),
]
