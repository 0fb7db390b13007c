"""The URL patterns of kloof web: one routes module per area."""

from __future__ import annotations

from django.urls import include, path

from kloof.web.views import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include("kloof.web.routes.accounts")),
    path("", include("kloof.web.routes.workspaces")),
    path("", include("kloof.web.routes.cases")),
    path("", include("kloof.web.routes.rating")),
    path("", include("kloof.web.routes.dashboard")),
    path("", include("kloof.web.routes.register")),
    path("", include("kloof.web.routes.meeting")),
    path("", include("kloof.web.routes.agenda")),
    path("", include("kloof.web.routes.evidence")),
    path("", include("kloof.web.routes.interviews")),
    path("", include("kloof.web.routes.exports")),
    path("", include("kloof.web.routes.respondents")),
    path("", include("kloof.web.routes.respond")),
    path("", include("kloof.web.routes.group")),
    path("", include("kloof.web.routes.imports")),
    path("", include("kloof.web.routes.tokens")),
    path("", include("kloof.web.routes.relationships")),
    path("", include("kloof.web.routes.practice")),
    path("", include("kloof.web.routes.scenarios")),
    path("", include("kloof.web.routes.trend")),
    path("", include("kloof.web.routes.portfolio")),
    path("api/", include("kloof.web.api.urls")),
]
