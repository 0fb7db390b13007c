"""URL patterns of the exports area: a case's ratings and analysis as CSV or XLSX."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import exports

urlpatterns = [
    path(
        "w/<slug:slug>/cases/<id:case_id>/export/<str:what>.<str:fmt>",
        exports.case_export,
        name="case_export",
    ),
]
