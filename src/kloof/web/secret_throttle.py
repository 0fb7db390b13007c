"""Throttling guesses of secrets in URLs and headers (respondent links, API tokens).

A presented secret is looked up first: a valid one is always accepted, whatever
others sent from the same network address (an office behind one address, or a
proxy). A refused one is counted per network address and logged with its kind,
reason and address, never with the secret; from the ``LIMIT + 1``-th refusal in
``WINDOW`` on, the address gets 429 instead, and those refusals are neither
counted nor logged, so a flood of guesses fills neither the database nor the log.

Accepting a right secret from a throttled address does not make guessing
practical: the secrets are 24 to 32 random bytes (192 to 256 bits), beyond any
number of guesses. Counted in the database (:mod:`kloof.storage.attempts`), so
every worker and every server sharing the database counts the same refusals.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from kloof.storage import attempts
from kloof.storage.attempts import Key
from kloof.web.client import throttle_key

LIMIT = 5
WINDOW = timedelta(minutes=1)
RESPONDENT = "respondent"
API = "api"

log = logging.getLogger("kloof.security")


def refused(kind: str, client: str, reason: str) -> bool:
    """Count and log one refused secret of ``kind`` (``reason``: unknown, revoked,
    expired, ...); False when ``client`` is over its limit: answer 429."""
    if not attempts.take(Key(kind, address=throttle_key(client)), LIMIT, WINDOW):
        return False
    log.warning("refused %s secret from %s: %s", kind, client or "-", reason)
    return True
