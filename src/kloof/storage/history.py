"""The history of a case: who changed what and when.

Storage commands call :func:`record_change` inside the transaction of the change
itself, so a change and its history row are written together or not at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kloof.storage.models import Case, ChangeLog
from kloof.storage.summaries import NOT_ANALYSED, mark_changed

#: What ``changes`` maps a field to: its value before and after.
Changes = Mapping[str, tuple[Any, Any] | list[Any]]


def json_value(value: Any) -> Any:
    """A value as the JSON column keeps it: dates in ISO form, sets as sorted lists."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(json_value(item) for item in value)
    return value


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Iterable[str] | None = None
) -> dict[str, list[Any]]:
    """The fields whose value differs, each as ``[old, new]`` in JSON form."""
    names = list(after) if fields is None else list(fields)
    changed = {}
    for name in names:
        old, new = json_value(before.get(name)), json_value(after.get(name))
        if old != new:
            changed[name] = [old, new]
    return changed


def user_label(user: AbstractBaseUser | None) -> str:
    """How the history names a user: the email address, else the user name."""
    if user is None or not user.is_authenticated:
        return ""
    return str(getattr(user, "email", "") or user.get_username())


@transaction.atomic
def record_change(
    case: Case,
    user: AbstractBaseUser | None,
    summary: str,
    changes: Changes,
    *,
    kind: str = ChangeLog.Kind.UPDATE,
    model: str = "",
    object_id: int | None = None,
    subject: Mapping[str, Any] | None = None,
) -> ChangeLog:
    """Write one history row for ``case`` and mark the case as changed now.

    ``summary`` is a short text for when nothing better can be shown;
    ``changes`` maps each changed field to ``(old, new)``; ``model`` and
    ``object_id`` name the changed row; ``subject`` holds language-neutral keys
    the history page uses to name it (``factor``, ``parties``, ``party``).
    """
    now = timezone.now()
    entry = ChangeLog.objects.create(
        case=case,
        user=user if user is not None and user.is_authenticated else None,
        user_label=user_label(user),
        when=now,
        kind=kind,
        model=model,
        object_id=object_id,
        subject={key: json_value(value) for key, value in (subject or {}).items()},
        summary=summary,
        changes={name: [json_value(v) for v in pair] for name, pair in changes.items()},
    )
    # The case list shows the last change; raising the case's version here would
    # make an open case form stale for a change it does not show.
    Case.objects.filter(pk=case.pk).update(updated=now)
    # A logged change may alter the portfolio's summary of the case, unless it
    # is about what the analysis does not read (evidence, interviews, links).
    if model not in NOT_ANALYSED:
        mark_changed(case.pk)
    return entry


def case_history(case: Case) -> QuerySet[ChangeLog]:
    """The history of ``case``, newest first."""
    return ChangeLog.objects.filter(case=case).order_by("-when", "-id")


def last_change(case: Case, model: str, object_id: int) -> ChangeLog | None:
    """The newest history row of one object (who changed it last, and when)."""
    return case_history(case).filter(model=model, object_id=object_id).first()
