"""Reading the ``KLOOF_*`` environment variables into settings values.

Pure functions of an environment mapping, so they are tested without reloading
Django. A bad value raises :class:`SettingsError` with one line naming the variable,
the problem and the fix; :mod:`kloof.web.runner` prints it without a traceback.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kloof.web.private_files import private_database, private_file, private_folder

DEFAULT_DATA_DIR = "kloof-data"
DEFAULT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "[::1]")
KEY_FILE = "secret_key"
SQLITE_FILE = "kloof.sqlite3"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_SCHEMES = {"sqlite", "postgres", "postgresql"}

#: SQLite tuned for a small team on one machine: WAL lets readers go on while one
#: writer commits; IMMEDIATE takes the write lock at BEGIN, so two writers queue up
#: (for up to ``timeout`` seconds) instead of failing halfway with "database is locked".
SQLITE_OPTIONS: dict[str, Any] = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


class SettingsError(ImproperlyConfigured):
    """A ``KLOOF_*`` variable with a value kloof cannot use."""


def data_dir(env: Mapping[str, str]) -> Path:
    """The folder for the SQLite database and the generated secret key (absolute);
    made (mode 0700) by :func:`database` and :func:`secret_key` when they need it."""
    return Path(env.get("KLOOF_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()


def flag(env: Mapping[str, str], name: str) -> bool:
    """An on/off variable; absent or empty means off."""
    value = env.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be on or off, not {env[name]!r} — write {name}=1 or {name}=0")


def word_list(env: Mapping[str, str], name: str, default: tuple[str, ...] = ()) -> list[str]:
    """A comma-separated list; absent means ``default``."""
    if name not in env:
        return list(default)
    return [item.strip() for item in env[name].split(",") if item.strip()]


def origins(env: Mapping[str, str], name: str) -> list[str]:
    """A list of origins such as ``https://kloof.example.org``."""
    values = word_list(env, name)
    for value in values:
        if not value.startswith(("http://", "https://")):
            raise SettingsError(
                f"{name}: {value!r} is not an origin — write it with its scheme, "
                "such as https://kloof.example.org"
            )
    return values


def base_url(env: Mapping[str, str]) -> str:
    """``KLOOF_BASE_URL``: the address people open kloof at, for links in mails
    sent outside a request (``kloof remind``); empty when unset."""
    value = env.get("KLOOF_BASE_URL", "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise SettingsError(
            f"KLOOF_BASE_URL: {value!r} is not the address of a site — write its scheme and "
            "host only, such as https://kloof.example.org"
        )
    return f"{parts.scheme}://{parts.netloc}"


def networks(
    env: Mapping[str, str], name: str
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """A list of addresses (``192.0.2.10``) and networks (``10.0.0.0/8``, ``fd00::/8``)."""
    found = []
    for value in word_list(env, name):
        try:
            found.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise SettingsError(
                f"{name}: {value!r} is not a network address — write addresses or "
                "networks separated by commas, such as 127.0.0.1,10.0.0.0/8"
            ) from None
    return found


def database(env: Mapping[str, str], folder: Path) -> dict[str, Any]:
    """The default database: ``KLOOF_DATABASE_URL``, else SQLite in the data folder."""
    url = env.get("KLOOF_DATABASE_URL", "").strip()
    if not url:
        private_folder(folder)
        url = f"sqlite:///{folder / SQLITE_FILE}"
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme not in _SCHEMES:
        raise SettingsError(
            f"KLOOF_DATABASE_URL {_redacted(url)!r} is not a database kloof supports — "
            "write postgresql://user:password@host:5432/name or sqlite:////path/kloof.sqlite3"
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise SettingsError(
            f"KLOOF_DATABASE_URL cannot be read ({error}) — "
            "write postgresql://user:password@host:5432/name"
        ) from None
    if scheme == "sqlite":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        if config.get("NAME") and config["NAME"] != ":memory:":
            private_database(Path(config["NAME"]))
    else:
        # App servers are stateless; keep connections a minute and check them first.
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


def secret_key(env: Mapping[str, str], folder: Path) -> str:
    """``KLOOF_SECRET_KEY``, else the key in the data folder, made on first start."""
    given = env.get("KLOOF_SECRET_KEY", "").strip()
    if given:
        return given
    private_folder(folder)
    path = folder / KEY_FILE
    if not path.exists():
        _write_new_key(path)
    private_file(path)
    return _read_key(path)


def _write_new_key(path: Path) -> None:
    """Write a fresh key readable by the owner only. It is written to a temporary
    file first and linked into place, so a second process starting at the same
    moment never reads a half-written key: the link of one of them fails."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process was first; its key is the one
    finally:
        temporary.unlink()


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise SettingsError(
            f"the secret key file {path} is empty — delete it to have a new one made, "
            "or set KLOOF_SECRET_KEY"
        )
    return key


def _redacted(url: str) -> str:
    """The URL without a password, fit for an error message."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    if not at or not colon:
        return url
    return f"{scheme}{sep}{user}:***@{host}"
