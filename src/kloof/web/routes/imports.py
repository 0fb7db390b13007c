"""URL patterns of the imports area: a spreadsheet of responses into a case."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import imports

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(f"{CASE}import/", imports.case_import, name="case_import"),
    path(
        f"{CASE}import/<id:upload_id>/",
        imports.case_import_mapping,
        name="case_import_mapping",
    ),
    path(
        f"{CASE}import/<id:upload_id>/confirm/",
        imports.case_import_confirm,
        name="case_import_confirm",
    ),
    path(
        f"{CASE}import/<id:upload_id>/cancel/",
        imports.case_import_cancel,
        name="case_import_cancel",
    ),
]
