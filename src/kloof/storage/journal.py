"""The spotting journal: a user's own entries, and the entries others shared to
a workspace the user is a member of (read only).

An entry is found only through its user (their own) or through a membership
of the workspace it was shared to: anybody else is told it does not exist.
Changes carry the version the form was built from (one conditional UPDATE, as
in :mod:`kloof.storage.versions`); a stale one changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from kloof.domain.journal import Noticed
from kloof.storage.models import Membership, Workspace
from kloof.storage.models_practice import JournalEntry
from kloof.storage.versions import StaleVersion

SITUATION_LENGTH = 2000
PARTIES_LENGTH = 500
NEXT_LENGTH = 2000
#: The fields a user writes.
FIELDS = ("date", "situation", "parties", "factor", "severity", "next", "workspace")
OWN = "own"
SHARED = "shared"


class NotAMemberError(ValueError):
    """The entry was to be shared to a workspace the user is not a member of."""


@dataclass(frozen=True)
class Filters:
    """What the journal list shows: whose entries, and which of them."""

    scope: str = OWN
    factor: str = ""
    severity: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def member_workspaces(user: AbstractBaseUser) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user_id=user.pk).order_by("name", "id")


def _check_workspace(user: AbstractBaseUser, workspace: Workspace | None) -> None:
    if (
        workspace is not None
        and not Membership.objects.filter(user_id=user.pk, workspace_id=workspace.pk).exists()
    ):
        raise NotAMemberError(workspace.pk)


def entries(user: AbstractBaseUser, filters: Filters = Filters()) -> QuerySet[JournalEntry]:
    """The user's own entries (``scope`` own) or those others shared to the
    user's workspaces (``scope`` shared), filtered, newest first."""
    if filters.scope == SHARED:
        rows = JournalEntry.objects.filter(workspace__memberships__user_id=user.pk).exclude(
            user_id=user.pk
        )
    else:
        rows = JournalEntry.objects.filter(user_id=user.pk)
    if filters.factor:
        rows = rows.filter(factor=filters.factor)
    if filters.severity:
        rows = rows.filter(severity=filters.severity)
    if filters.start is not None:
        rows = rows.filter(date__gte=filters.start)
    if filters.end is not None:
        rows = rows.filter(date__lte=filters.end)
    return rows.select_related("workspace", "user").distinct().order_by("-date", "-id")


def noticed(rows: QuerySet[JournalEntry]) -> list[Noticed]:
    """The rows as the domain's counts take them."""
    return [
        Noticed(date=date, factor=factor, severity=severity)
        for date, factor, severity in rows.values_list("date", "factor", "severity")
    ]


def own_entry(user: AbstractBaseUser, entry_id: int) -> JournalEntry | None:
    return JournalEntry.objects.filter(pk=entry_id, user_id=user.pk).first()


def readable_entry(user: AbstractBaseUser, entry_id: int) -> JournalEntry | None:
    """The entry if it is the user's own or shared to one of their workspaces."""
    visible = Q(user_id=user.pk) | Q(workspace__memberships__user_id=user.pk)
    return (
        JournalEntry.objects.filter(visible, pk=entry_id)
        .select_related("workspace", "user")
        .distinct()
        .first()
    )


def create_entry(user: AbstractBaseUser, values: Mapping[str, Any]) -> JournalEntry:
    """A new entry of ``user``; ``values`` holds :data:`FIELDS`."""
    _check_workspace(user, values.get("workspace"))
    return JournalEntry.objects.create(user=user, **{key: values[key] for key in FIELDS})


def update_entry(
    user: AbstractBaseUser, entry_id: int, version: int, values: Mapping[str, Any]
) -> JournalEntry | None:
    """Write ``values`` to the user's entry if it still has ``version``; None
    when the user has no such entry; :class:`StaleVersion` when it changed."""
    _check_workspace(user, values.get("workspace"))
    with transaction.atomic():
        mine = JournalEntry.objects.filter(pk=entry_id, user_id=user.pk)
        written = mine.filter(version=version).update(
            **{key: values[key] for key in FIELDS},
            version=F("version") + 1,
            updated=timezone.now(),
        )
        current = mine.first()
        if current is None:
            return None
        if not written:
            raise StaleVersion(current)
        return current


def delete_entry(user: AbstractBaseUser, entry_id: int, version: int) -> bool:
    """Delete the user's entry if it still has ``version``; False when there
    is no such entry (deleted already); :class:`StaleVersion` when it changed."""
    with transaction.atomic():
        mine = JournalEntry.objects.filter(pk=entry_id, user_id=user.pk)
        deleted, _ = mine.filter(version=version).delete()
        if deleted:
            return True
        current = mine.first()
        if current is None:
            return False
        raise StaleVersion(current)
