"""Throttling failed log-ins: at most 5 failures per 15 minutes for one email
address from one network address.

Kept in the database (not a per-process cache) so that every gunicorn worker
and every server sharing the database counts the same failures.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from kloof.storage.models import FailedLogin

LIMIT = 5
WINDOW = timedelta(minutes=15)


def address(request: HttpRequest | None) -> str:
    """The client's network address (the proxy's, behind a proxy)."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def is_locked(username: str, client: str) -> bool:
    """Whether this username from this address has used up its tries."""
    since = timezone.now() - WINDOW
    recent = FailedLogin.objects.filter(username=username, address=client, created__gte=since)
    return recent.count() >= LIMIT


def record_failure(username: str, client: str) -> None:
    """Count one failure; failures older than the window are dropped meanwhile."""
    FailedLogin.objects.filter(created__lt=timezone.now() - WINDOW).delete()
    FailedLogin.objects.create(username=username[:254], address=client)


def clear(username: str, client: str) -> None:
    """A successful log-in starts the count afresh."""
    FailedLogin.objects.filter(username=username, address=client).delete()
