"""The URL patterns of kloof web."""

from __future__ import annotations

from django.urls import path

from kloof.web.views import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
]
