"""Counting attempts for the throttles, atomically, in the database.

A throttle allows ``limit`` attempts per ``window`` for one key (a scope, and an
account and/or a network address). :func:`take` counts one attempt *before* the
thing is tried and says whether it may be tried at all: the count and the check
are one conditional ``UPDATE``, so of sixteen requests at the same moment exactly
``limit`` get a try, on SQLite (one writer at a time) and on PostgreSQL (the row
lock makes the second ``UPDATE`` re-read the count the first one wrote). Checking
first and counting afterwards let every one of them through.

Kept in the database, not in a worker's memory, so every gunicorn worker and
every server sharing the database counts the same attempts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from kloof.storage.models_throttle import ACCOUNT_LENGTH, ADDRESS_LENGTH, AttemptCount

#: Rows whose window began longer ago than this are dropped (every window is shorter).
STALE = timedelta(days=1)


@dataclass(frozen=True)
class Key:
    """What is counted: attempts of ``scope`` by ``account`` from ``address``."""

    scope: str
    account: str = ""
    address: str = ""

    def rows(self) -> QuerySet[AttemptCount]:
        return AttemptCount.objects.filter(
            scope=self.scope,
            account=self.account[:ACCOUNT_LENGTH],
            address=self.address[:ADDRESS_LENGTH],
        )


def take(key: Key, limit: int, window: timedelta) -> bool:
    """Count one attempt for ``key``; False (and nothing counted) when ``limit``
    attempts were counted in the current window already."""
    now = timezone.now()
    expired = Q(started__lte=now - window)
    for _ in range(2):  # again if the row was cleared out between reading and counting
        row = _row(key, now)
        taken = (
            AttemptCount.objects.filter(pk=row.pk)
            .filter(expired | Q(count__lt=limit))
            .update(
                # A window that has passed starts again with this attempt.
                count=Case(When(expired, then=Value(1)), default=F("count") + 1),
                started=Case(When(expired, then=Value(now)), default=F("started")),
            )
        )
        if taken or AttemptCount.objects.filter(pk=row.pk).exists():
            return taken == 1
    return False


def give_back(key: Key) -> None:
    """Uncount one attempt of ``key`` (it turned out not to be a failure)."""
    key.rows().filter(count__gt=0).update(count=F("count") - 1)


def forget(key: Key) -> None:
    """Start ``key``'s count afresh."""
    key.rows().delete()


def forget_account(scope: str, account: str) -> None:
    """Start afresh every count of ``scope`` for ``account``, from any address."""
    AttemptCount.objects.filter(scope=scope, account=account[:ACCOUNT_LENGTH]).delete()


def _row(key: Key, now: datetime) -> AttemptCount:
    """The key's row, made (with no attempt counted) when it is new; a new row
    also clears out the rows nobody has used for a day, so the table stays small."""
    row, created = AttemptCount.objects.get_or_create(
        scope=key.scope,
        account=key.account[:ACCOUNT_LENGTH],
        address=key.address[:ADDRESS_LENGTH],
        defaults={"count": 0, "started": now},
    )
    if created:
        AttemptCount.objects.filter(started__lt=now - STALE).delete()
    return row
