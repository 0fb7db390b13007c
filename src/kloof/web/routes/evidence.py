"""URL patterns of evidence notes."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import evidence

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(f"{CASE}evidence/", evidence.evidence, name="evidence"),
    path(f"{CASE}evidence/<id:note_id>/", evidence.evidence_edit, name="evidence_edit"),
]
