"""Mail settings from ``KLOOF_EMAIL_*`` variables (password reset mails, and the
reminders of ``kloof remind``).

Default: mails are printed on the console of ``kloof serve``, enough on one
machine. ``KLOOF_EMAIL_FILE_PATH`` writes each mail as a file into a folder
(made for kloof's user only, mode 0700: the mails hold reset links);
``KLOOF_EMAIL_URL`` sends through SMTP: ``smtp://user:password@host:587``
(STARTTLS) or ``smtps://user:password@host:465`` (TLS from the start).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kloof.web.config import SettingsError
from kloof.web.private_files import private_folder

DEFAULT_FROM = "kloof <kloof@localhost>"
_PORTS = {"smtp": 587, "smtps": 465}


def settings(env: Mapping[str, str]) -> dict[str, Any]:
    """Django's ``EMAIL_*`` settings and ``DEFAULT_FROM_EMAIL`` for this environment."""
    values: dict[str, Any] = {
        "DEFAULT_FROM_EMAIL": env.get("KLOOF_EMAIL_FROM", "").strip() or DEFAULT_FROM,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    url = env.get("KLOOF_EMAIL_URL", "").strip()
    folder = env.get("KLOOF_EMAIL_FILE_PATH", "").strip()
    if url:
        values.update(_smtp(url))
    elif folder:
        # The mails hold password reset links: a folder for kloof's user only.
        path = Path(folder).expanduser().resolve()
        private_folder(path)
        values["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        values["EMAIL_FILE_PATH"] = str(path)
    return values


def _smtp(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme not in _PORTS or not parts.hostname:
        raise SettingsError(
            "KLOOF_EMAIL_URL must be smtp://user:password@host:587 or "
            "smtps://user:password@host:465 — write it in one of these forms"
        )
    try:
        port = parts.port or _PORTS[parts.scheme]
    except ValueError:
        raise SettingsError(
            "KLOOF_EMAIL_URL has a port that is not a number — write it as host:587"
        ) from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_TIMEOUT": 20,
    }
