"""URL patterns of the meeting view and the minutes."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import meeting, minutes

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(f"{CASE}meeting/", meeting.meeting, name="meeting"),
    path(f"{CASE}meeting/<id:number>/", meeting.meeting, name="meeting_item"),
    path(f"{CASE}meeting/<id:number>/outcome/", meeting.meeting_outcome, name="meeting_outcome"),
    path(f"{CASE}minutes/", minutes.minutes, name="minutes"),
]
