"""The migrations match the models."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_have_no_changes_without_a_migration():
    # --check exits with status 1 when makemigrations would write a migration.
    call_command("makemigrations", "storage", "--check", "--dry-run", verbosity=0)
