"""The table of the throttles (log-ins, password resets, guessed secrets).

One row per throttle and key: how many attempts were counted in the window that
began at ``started``. Counted by single conditional ``UPDATE`` statements
(:mod:`kloof.storage.attempts`), so two requests at the same moment can never
both take the last try.
"""

from __future__ import annotations

from django.db import models

#: The longest e-mail address (RFC 5321), the longest network address (IPv6 text).
ACCOUNT_LENGTH = 254
ADDRESS_LENGTH = 45


class AttemptCount(models.Model):
    """Attempts of one kind (``scope``) by one account and/or one network address
    (either may be empty: a count per account, or per address)."""

    scope = models.CharField(max_length=24)
    account = models.CharField(max_length=ACCOUNT_LENGTH, blank=True, default="")
    address = models.CharField(max_length=ADDRESS_LENGTH, blank=True, default="")
    count = models.PositiveIntegerField(default=0)
    started = models.DateTimeField(db_index=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["scope", "account", "address"], name="one_attempt_count_per_key"
            ),
        )
