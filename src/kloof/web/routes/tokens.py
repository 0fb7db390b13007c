"""URL patterns of the tokens area."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
