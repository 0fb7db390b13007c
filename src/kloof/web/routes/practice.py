"""URL patterns of practice: scenarios, attempts, progress and the spotting
journal (per user, not per workspace)."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import journal, practice, progress

urlpatterns = [
    path("practice/", practice.practice_home, name="practice_home"),
    path(
        "practice/scenarios/<slug:scenario_id>/",
        practice.practice_scenario,
        name="practice_scenario",
    ),
    path("practice/attempts/<id:attempt_id>/", practice.practice_attempt, name="practice_attempt"),
    path("practice/progress/", progress.practice_progress, name="practice_progress"),
    path("practice/journal/", journal.journal_list, name="journal_list"),
    path("practice/journal/new/", journal.journal_new, name="journal_new"),
    path("practice/journal/<id:entry_id>/", journal.journal_entry, name="journal_entry"),
    path("practice/journal/<id:entry_id>/edit/", journal.journal_edit, name="journal_edit"),
    path("practice/journal/<id:entry_id>/delete/", journal.journal_delete, name="journal_delete"),
    path("practice/journal/export.<str:fmt>", journal.journal_export, name="journal_export"),
]
