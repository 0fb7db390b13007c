"""Throttling guesses of secrets in URLs and headers (respondent links, API
tokens): at most ``LIMIT`` refused secrets per ``WINDOW`` from one network address.

Counted in the database, like the log-in throttle (``kloof.web.throttle``), so
every worker and every server sharing the database counts the same refusals.
Every refusal is logged with its kind and address, never with the secret.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from kloof.storage.models import RefusedToken

LIMIT = 5
WINDOW = timedelta(minutes=1)
RESPONDENT = "respondent"
API = "api"

log = logging.getLogger("kloof.security")


def is_throttled(kind: str, client: str) -> bool:
    """Whether ``client`` has used up its tries for secrets of ``kind``."""
    since = timezone.now() - WINDOW
    recent = RefusedToken.objects.filter(kind=kind, address=client, created__gte=since)
    return recent.count() >= LIMIT


def record_refusal(kind: str, client: str, reason: str) -> None:
    """Count and log one refused secret (``reason``: unknown, revoked, expired, ...)."""
    RefusedToken.objects.filter(created__lt=timezone.now() - WINDOW).delete()
    RefusedToken.objects.create(kind=kind, address=client[:45])
    log.warning("refused %s secret from %s: %s", kind, client or "-", reason)
