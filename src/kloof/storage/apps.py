"""The Django app configuration of kloof storage."""

from __future__ import annotations

from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "kloof.storage"
    label = "storage"
    verbose_name = "kloof storage"
    default_auto_field = "django.db.models.BigAutoField"
