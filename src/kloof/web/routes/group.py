"""URL patterns of group sessions: the trainer's pages under the workspace, and
the participants' link (``/g/<token>``, the only URL holding the token) and pages."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import group_join, group_sessions

SESSIONS = "w/<slug:slug>/practice/sessions/"
ONE = f"{SESSIONS}<id:session_id>/"

urlpatterns = [
    path("g/<str:token>", group_join.group_start, name="group_start"),
    path("group/", group_join.group_page, name="group_page"),
    path("group/join", group_join.group_join, name="group_join"),
    path("group/answer", group_join.group_answer, name="group_answer"),
    path(SESSIONS, group_sessions.group_sessions, name="group_sessions"),
    path(ONE, group_sessions.group_session, name="group_session"),
    path(f"{ONE}live", group_sessions.group_session_live, name="group_session_live"),
    path(f"{ONE}reveal/", group_sessions.group_session_reveal, name="group_session_reveal"),
    path(f"{ONE}close/", group_sessions.group_session_close, name="group_session_close"),
    path(
        f"{ONE}results.<str:fmt>",
        group_sessions.group_session_results,
        name="group_session_results",
    ),
]
