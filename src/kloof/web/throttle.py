"""Throttling log-ins and password reset requests, without locking out the innocent.

Log-in: at most ``LIMIT`` failed tries per ``WINDOW`` for one email address from
one network address, and at most ``ACCOUNT_LIMIT`` per ``ACCOUNT_WINDOW`` for one
email address from all addresses together (slower: guessing from many addresses
gets no further). A try is counted *before* the password is checked
(:func:`kloof.storage.attempts.take`), so parallel guesses cannot all slip in
under the limit; a correct password gives its try back and starts the count of
its address afresh. Somebody else's wrong guesses for *another* account never
count against yours, whatever address they come from.

Password reset requests: at most ``RESET_ADDRESS_LIMIT`` per hour from one
network address and ``RESET_ACCOUNT_LIMIT`` per hour for one email address. They
are counted for any address typed, so the answer never tells whether an account
exists. A password set by a reset link clears the account's failed log-ins.

Network addresses come from :mod:`kloof.web.client` (``KLOOF_TRUSTED_PROXIES``).
"""

from __future__ import annotations

from datetime import timedelta

from kloof.storage import attempts
from kloof.storage.attempts import Key
from kloof.web.client import address, throttle_key

__all__ = [
    "address",
    "login_attempt",
    "login_succeeded",
    "password_was_reset",
    "reset_request",
]

LIMIT = 5
WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 20
ACCOUNT_WINDOW = timedelta(hours=1)
RESET_ADDRESS_LIMIT = 5
RESET_ACCOUNT_LIMIT = 3
RESET_WINDOW = timedelta(hours=1)

LOGIN = "login"
LOGIN_ACCOUNT = "login-account"
RESET_ADDRESS = "reset-address"
RESET_ACCOUNT = "reset-account"

#: The answers of :func:`login_attempt` and :func:`reset_request` when refused.
THROTTLED = "throttled"
THROTTLED_ACCOUNT = "throttled_account"


def login_attempt(account: str, client: str) -> str | None:
    """Count a log-in try of ``account`` from ``client`` before its password is
    checked; the refusal (:data:`THROTTLED` for this address,
    :data:`THROTTLED_ACCOUNT` for the account) or None when it may be checked."""
    pair = Key(LOGIN, account, throttle_key(client))
    if not attempts.take(pair, LIMIT, WINDOW):
        return THROTTLED
    if not attempts.take(Key(LOGIN_ACCOUNT, account), ACCOUNT_LIMIT, ACCOUNT_WINDOW):
        attempts.give_back(pair)
        return THROTTLED_ACCOUNT
    return None


def login_succeeded(account: str, client: str) -> None:
    """The password was right: this try was no failure, and the address starts afresh."""
    attempts.forget(Key(LOGIN, account, throttle_key(client)))
    attempts.give_back(Key(LOGIN_ACCOUNT, account))


def password_was_reset(account: str) -> None:
    """A new password from a reset link: earlier guesses of the old one are moot."""
    attempts.forget_account(LOGIN, account)
    attempts.forget_account(LOGIN_ACCOUNT, account)


def reset_request(account: str, client: str) -> str | None:
    """Count a password reset request; the refusal (:data:`THROTTLED` for this
    address, :data:`THROTTLED_ACCOUNT` for the email address) or None to send it."""
    if not attempts.take(
        Key(RESET_ADDRESS, address=throttle_key(client)), RESET_ADDRESS_LIMIT, RESET_WINDOW
    ):
        return THROTTLED
    if not attempts.take(Key(RESET_ACCOUNT, account), RESET_ACCOUNT_LIMIT, RESET_WINDOW):
        return THROTTLED_ACCOUNT
    return None
