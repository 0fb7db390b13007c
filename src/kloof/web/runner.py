"""Running kloof web: ``kloof serve`` and ``kloof manage`` call these.

A bad ``KLOOF_*`` setting ends with one line on stderr and exit status 2, never
a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from kloof.web.config import SettingsError, flag
from kloof.web.logfilters import RedactSecrets, redact

SETTINGS_MODULE = "kloof.web.settings"
DEFAULT_WORKERS = 2
#: Threads per worker: while one thread reads a large import, the others answer
#: (/healthz, pages); a worker process alone would hold every request behind it.
DEFAULT_THREADS = 4
#: The PostgreSQL advisory lock held while ``kloof serve`` migrates (any fixed
#: number; "kloof" in ASCII, so that it is recognisable in pg_locks).
MIGRATION_LOCK = 0x6B6C6F6F66


def serve(host: str, port: int, workers: int | None = None, *, migrate: bool = True) -> int:
    """Apply the migrations, then serve the application with gunicorn until stopped.

    ``workers`` defaults to ``KLOOF_WORKERS`` or 2, each with ``KLOOF_THREADS``
    or 4 threads; ``migrate=False`` when the caller has just migrated (``kloof
    demo``). Returns the exit status.
    """
    if not setup():
        return 2
    try:
        count = workers if workers is not None else _workers(os.environ)
        threads = _whole_number(os.environ, "KLOOF_THREADS", DEFAULT_THREADS)
        access_log = flag(os.environ, "KLOOF_ACCESS_LOG")
    except SettingsError as error:
        return _fail(error)
    from django.db import connections

    if migrate:
        apply_migrations()
    # The workers are forked from this process: they must not share its connection.
    connections.close_all()
    from kloof.web.wsgi import application

    print(f"kloof: serving on http://{bind(host, port)}/ — stop with Ctrl+C", file=sys.stderr)
    # No control socket: two `kloof serve` would share ~/.gunicorn/gunicorn.ctl.
    options = {
        "bind": bind(host, port),
        "workers": count,
        # Threads, not only processes: a slow request (a large import being read)
        # holds one thread, and the worker's other threads go on answering.
        "worker_class": "gthread",
        "threads": threads,
        "errorlog": "-",
        "control_socket_disable": True,
        # Request lines name secret links (/r/…, /join/…, reset links): written without
        # their secrets.
        "logger_class": RedactingLogger,
        # Off unless asked for (KLOOF_ACCESS_LOG=1): then on stderr, with the error log.
        "accesslog": "-" if access_log else None,
    }
    return _exit_status(_GunicornApplication(application, options).run)


def apply_migrations() -> None:
    """Apply the migrations. On PostgreSQL under an advisory lock: two servers
    started at the same moment (after an upgrade, or on a new database) migrate
    one after the other, and the second finds nothing left to do, instead of
    both creating the same tables and one of them stopping with an error."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False, verbosity=0)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        call_command("migrate", interactive=False, verbosity=0)
    finally:
        # Also released when the connection ends (closed just after, before forking).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


def manage(argv: list[str]) -> int:
    """Django's management commands (``migrate``, ``createsuperuser``, ``check`` …)."""
    if not setup():
        return 2
    from django.core.management import execute_from_command_line

    return _exit_status(lambda: execute_from_command_line(["kloof manage", *argv]))


def setup() -> bool:
    """Load the settings and the apps; False after printing a settings error."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    try:
        django.setup()
    except SettingsError as error:
        _fail(error)
        return False
    return True


def _fail(error: SettingsError) -> int:
    print(f"kloof: error: {error}", file=sys.stderr)
    return 2


def _workers(env: Mapping[str, str]) -> int:
    return _whole_number(env, "KLOOF_WORKERS", DEFAULT_WORKERS)


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, str(default)).strip()
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(
            f"{name} must be a whole number of 1 or more, not {value!r} — write {name}={default}"
        )
    return int(value)


def bind(host: str, port: int) -> str:
    """``host:port``, with an IPv6 address in brackets."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def _exit_status(run: Callable[[], object]) -> int:
    """Run ``run``; gunicorn and Django end with ``SystemExit``: its code is ours."""
    try:
        run()
    except SystemExit as stop:
        code = stop.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 1
    return 0


class _GunicornApplication(BaseApplication):  # type: ignore[misc]
    """gunicorn driven from Python: our options, no command line parsing."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self._application = application
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self._application


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, writing no secret of a URL (:mod:`kloof.web.logfilters`):
    not in access lines (the request line, the path, the query, the referrer) and
    not in error lines ("Error handling request /r/…")."""

    def __init__(self, cfg: Any) -> None:
        super().__init__(cfg)
        self.error_log.addFilter(RedactSecrets())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
