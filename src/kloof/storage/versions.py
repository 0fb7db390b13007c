"""Optimistic concurrency: a save carries the version it was built from.

Rows with a ``version`` column (register entries, actions, evidence notes) are
changed by one ``UPDATE … WHERE id = %s AND version = %s`` that also raises the
version. When another save came first, no row matches, nothing is written, and
:class:`StaleVersion` carries the newer row so that the page can show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import F
from django.utils import timezone

#: Versions are PositiveIntegerField: a posted number above this cannot match.
MAX_VERSION = 2_147_483_647


class StaleVersion(Exception):  # noqa: N818 -- the name says what happened
    """The row changed since the form was built; ``current`` is the newer row
    (None when it was deleted meanwhile)."""

    def __init__(self, current: models.Model | None) -> None:
        super().__init__("stale version")
        self.current = current


def compare_and_set(
    model: type[models.Model],
    filters: Mapping[str, Any],
    version: int,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
) -> None:
    """Write ``values`` to the row of ``filters`` only if it still has ``version``.

    Raises :class:`StaleVersion` (with the newer row) when it does not. Call it
    inside a transaction: the caller writes its history in the same one.
    """
    written = model._default_manager.filter(**filters, version=version).update(
        **values,
        version=F("version") + 1,
        updated=timezone.now(),
        updated_by=user if user is not None and user.is_authenticated else None,
    )
    if not written:
        raise StaleVersion(model._default_manager.filter(**filters).first())
