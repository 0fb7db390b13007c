"""URL patterns of the respond area: a respondent's secret link and questionnaire.

``/r/<token>`` is the only URL that holds a token: it is exchanged for a
session at once and the browser is sent on to ``/respond/``.
"""

from __future__ import annotations

from django.urls import path

from kloof.web.views import respond

urlpatterns = [
    path("r/<str:token>", respond.start, name="respond_start"),
    path("respond/", respond.questionnaire, name="respond"),
    path("respond/done", respond.done, name="respond_done"),
    path("respond/language", respond.language, name="respond_language"),
]
