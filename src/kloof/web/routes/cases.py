"""URL patterns of the cases area: the workspace's case list and each case's
create, upload, edit, archive, delete and download."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import cases

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path("w/<slug:slug>/", cases.case_list, name="case_list"),
    path("w/<slug:slug>/cases/new/", cases.case_create, name="case_create"),
    path("w/<slug:slug>/cases/upload/", cases.case_upload, name="case_upload"),
    path(f"{CASE}edit/", cases.case_edit, name="case_edit"),
    path(f"{CASE}archive/", cases.case_archive, name="case_archive"),
    path(f"{CASE}delete/", cases.case_delete, name="case_delete"),
    path(f"{CASE}download.<str:fmt>", cases.case_download, name="case_download"),
]
