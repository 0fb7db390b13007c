"""URL patterns of the respondents area: the case owner's side of respondent links."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import respondents

PREFIX = "w/<slug:slug>/cases/<id:case_id>/respondents/"

urlpatterns = [
    path(PREFIX, respondents.respondent_list, name="respondents"),
    path(f"{PREFIX}new", respondents.respondent_create, name="respondent_create"),
    path(f"{PREFIX}<id:link_id>/revoke", respondents.respondent_revoke, name="respondent_revoke"),
    path(f"{PREFIX}settings", respondents.respondent_settings, name="respondent_settings"),
]
