"""URL patterns of the difference register and the case history."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import register

CASE = "w/<slug:slug>/cases/<id:case_id>/"

urlpatterns = [
    path(f"{CASE}register/", register.register, name="register"),
    path(f"{CASE}register/new/", register.register_new, name="register_new"),
    path(f"{CASE}register/<id:diff_id>/", register.register_entry, name="register_entry"),
    path(f"{CASE}register/<id:diff_id>/actions/", register.action_add, name="action_add"),
    path(f"{CASE}actions/<id:action_id>/", register.action_edit, name="action_edit"),
    path(f"{CASE}history/", register.history, name="history"),
]
