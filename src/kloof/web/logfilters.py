"""Keeping the secrets of URLs out of every log line.

Five kinds of URL carry a secret until it is used:

- a respondent's link, ``/r/<token>``;
- the other side's link to the agenda, ``/a/<token>`` (and ``/a/<token>/pdf``);
- a group session's link, ``/g/<token>`` (practice);
- an invitation to a workspace, ``/join/<token>/``;
- a password reset link, ``/accounts/reset/<uid>/<token>/`` (Django moves the
  token into the session and goes on to ``…/<uid>/set-password/``, which holds
  none).

Django logs the path of a 4xx answer ("Not Found: /r/…"), a refused CSRF check,
and ``runserver`` and gunicorn log request lines, referrers and the paths of
errors. :class:`RedactSecrets` rewrites such records before any handler sees
them (and drops the request object an error mail would print), and
:func:`redact` rewrites gunicorn's access log lines, so no secret is written
anywhere. A path can also stand %-encoded in a query (``?next=%2Fjoin%2F…``):
that form is redacted as well.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from typing import Any

#: A slash, plain or %-encoded.
_SLASH = r"(?:/|%2[fF])"
#: The secret part: up to the next slash (or its encoding), query, space or quote.
_HIDDEN_PART = r"(?:(?!%2[fF])[^\s?#&\"'/])+"
REDACTED_PART = "[redacted]"

#: Each secret-carrying path: the part kept, then the secret.
SECRET_PATHS = (
    re.compile(rf"(?P<keep>{_SLASH}r{_SLASH}){_HIDDEN_PART}"),
    # The other side's link to the agenda: /a/<token> and /a/<token>/pdf.
    re.compile(rf"(?P<keep>{_SLASH}a{_SLASH}){_HIDDEN_PART}"),
    # A group session's link: /g/<token> (its pages, /group/..., hold none).
    re.compile(rf"(?P<keep>{_SLASH}g{_SLASH}){_HIDDEN_PART}"),
    re.compile(rf"(?P<keep>{_SLASH}join{_SLASH}){_HIDDEN_PART}"),
    re.compile(
        rf"(?P<keep>{_SLASH}accounts{_SLASH}reset{_SLASH}){_HIDDEN_PART}{_SLASH}"
        rf"(?!set-password(?:/|%2[fF]|\b)){_HIDDEN_PART}"
    ),
)
#: How a respondent link reads in a log.
REDACTED = "/r/[redacted]"


def redact(text: str) -> str:
    """``text`` with the secret of every secret-carrying path replaced."""
    for pattern in SECRET_PATHS:
        text = pattern.sub(rf"\g<keep>{REDACTED_PART}", text)
    return text


def has_secret(text: str) -> bool:
    return any(pattern.search(text) for pattern in SECRET_PATHS)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | type(None)):
        return value
    text = str(value)
    return redact(text) if has_secret(text) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments without the secrets of URLs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        args = record.args
        if isinstance(args, MutableMapping):
            for key in list(args):
                args[key] = _redacted(args[key])
        elif isinstance(args, tuple):
            record.args = tuple(_redacted(arg) for arg in args)
        request = getattr(record, "request", None)
        path = getattr(request, "get_full_path", None)
        full = path() if callable(path) else getattr(request, "path", "")
        if isinstance(full, str) and has_secret(full):
            # Error mails print the whole request (path, headers): leave it out.
            record.request = None
        return True
