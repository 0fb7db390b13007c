"""URL patterns of the relationships area: relationships, their phases, the
next review, linking cases and the calendar file."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import relationships as views
from kloof.web.views import relationships_review as review

LIST = "w/<slug:slug>/relationships/"
ONE = f"{LIST}<id:rel_id>/"

urlpatterns = [
    path(LIST, views.relationship_list, name="relationships"),
    path(f"{LIST}new/", views.relationship_create, name="relationship_create"),
    path(ONE, views.relationship_detail, name="relationship"),
    path(f"{ONE}edit/", views.relationship_edit, name="relationship_edit"),
    path(f"{ONE}archive/", views.relationship_archive, name="relationship_archive"),
    path(f"{ONE}link/", views.relationship_link, name="relationship_link"),
    path(f"{ONE}review.ics", views.relationship_ics, name="relationship_ics"),
    path(f"{ONE}review/", review.relationship_review, name="relationship_review"),
    path(f"{ONE}phases/new/", review.phase_create, name="phase_create"),
    path(f"{ONE}phases/<id:phase_id>/edit/", review.phase_edit, name="phase_edit"),
    path(f"{ONE}phases/<id:phase_id>/remove/", review.phase_remove, name="phase_remove"),
    path(
        "w/<slug:slug>/cases/<id:case_id>/relationship/",
        views.case_relationship,
        name="case_relationship",
    ),
]
