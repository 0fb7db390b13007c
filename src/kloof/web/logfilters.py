"""Keeping respondent tokens out of every log line.

A respondent's secret link is ``/r/<token>``: Django logs the path of a 4xx
answer ("Not Found: /r/…"), a refused CSRF check, and ``runserver`` and
gunicorn log request lines. :class:`RedactSecrets` rewrites such records before
any handler sees them (and drops the request object an error mail would print),
so the token is never written anywhere.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from typing import Any

#: The token part of a respondent link, wherever it stands in a text.
SECRET_PATH = re.compile(r"/r/[^\s?#\"'/]+")
REDACTED = "/r/[redacted]"


def redact(text: str) -> str:
    return SECRET_PATH.sub(REDACTED, text)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | type(None)):
        return value
    text = str(value)
    return redact(text) if SECRET_PATH.search(text) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments without respondent tokens."""

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
        path = getattr(request, "path", "")
        if isinstance(path, str) and SECRET_PATH.search(path):
            # Error mails print the whole request (path, headers): leave it out.
            record.request = None
        return True
