"""URL patterns of interviews and their guides."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import interviews, interviews_guide

CASE = "w/<slug:slug>/cases/<id:case_id>/"
ONE = f"{CASE}interviews/<id:interview_id>/"

urlpatterns = [
    path(f"{CASE}interviews/", interviews.interviews, name="interviews"),
    path(f"{CASE}interviews/new/", interviews.interview_new, name="interview_new"),
    path(f"{CASE}interviews/guide/", interviews_guide.interview_guide, name="interview_guide"),
    path(ONE, interviews.interview, name="interview"),
    path(f"{ONE}answer/", interviews.interview_answer, name="interview_answer"),
    path(f"{ONE}edit/", interviews.interview_edit, name="interview_edit"),
    path(f"{ONE}guide/", interviews_guide.interview_print, name="interview_print"),
    path(f"{ONE}rate/<slug:factor>/", interviews_guide.interview_rate, name="interview_rate"),
]
