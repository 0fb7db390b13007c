"""``kloof backup`` and ``kloof restore``: a consistent copy of the database while
the server runs, and bringing it back.

The database is the one ``kloof serve`` uses (``KLOOF_DATABASE_URL``, else SQLite in
``KLOOF_DATA_DIR``). SQLite is copied with SQLite's online backup API into one
SQLite file (mode 0600: it holds the sessions); PostgreSQL with ``pg_dump
--format=custom``, its password passed to the child process in ``PGPASSWORD`` only.
The secret key file is not in a backup (see docs/deploy.md, "Backups").

Bad input raises :class:`InputError` with the problem and the fix; the command
line prints it in the user's language.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from contextlib import closing as _closing
from pathlib import Path
from typing import Any

from kloof.formats.errors import N_, InputError
from kloof.web.config import SQLITE_FILE, data_dir, database
from kloof.web.private_files import private_database, private_folder

#: Tables every kloof database has; a file without them is no kloof backup.
KLOOF_TABLES = ("django_migrations", "storage_case", "storage_workspace")
#: Tables whose rows mean the database is in use (restoring over it loses them).
DATA_TABLES = ("auth_user", "storage_workspace", "storage_case")
#: The first bytes of a pg_dump custom-format file.
PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
PROCEDURE = "docs/deploy.md, section Backups"


def target(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The database settings ``kloof serve`` would use."""
    env = os.environ if env is None else env
    return database(env, data_dir(env))


def is_sqlite(config: Mapping[str, Any]) -> bool:
    return "sqlite" in str(config["ENGINE"])


def backup(output: Path, env: Mapping[str, str] | None = None) -> str:
    """Copy the database into ``output``; what was copied, for the message."""
    env = os.environ if env is None else env
    url = env.get("KLOOF_DATABASE_URL", "").strip()
    if not url:
        source = data_dir(env) / SQLITE_FILE
        if not source.exists():
            raise InputError.worded(
                N_("there is no kloof database at %(file)s"),
                N_("set KLOOF_DATA_DIR to the data folder kloof serve uses"),
                file=str(source),
            )
    config = target(env)
    if is_sqlite(config):
        _sqlite_backup(Path(config["NAME"]), output)
        return str(config["NAME"])
    _pg_dump(config, output)
    return f"{config['NAME']} (PostgreSQL)"


def _sqlite_backup(source: Path, output: Path) -> None:
    with _closing(sqlite3.connect(source)) as connection:
        missing = _missing_tables(connection)
        if missing:
            raise InputError.worded(
                N_("the database %(file)s has no kloof tables"),
                N_("run kloof serve (or kloof manage migrate) once, or check KLOOF_DATA_DIR"),
                file=str(source),
            )
        partial = _private_partial(output)
        try:
            with _closing(sqlite3.connect(partial)) as copy:
                connection.backup(copy)
                # One self-contained file: no -wal beside it.
                copy.execute("PRAGMA journal_mode=DELETE")
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)


def _pg_dump(config: Mapping[str, Any], output: Path) -> None:
    program = shutil.which("pg_dump")
    if program is None:
        raise InputError.worded(
            N_("pg_dump is not installed, and kloof needs it to back up PostgreSQL"),
            N_("install the PostgreSQL client tools, or follow %(procedure)s"),
            procedure=PROCEDURE,
        )
    partial = _private_partial(output)
    try:
        command = [program, "--format=custom", "--no-owner", f"--file={partial}"]
        _run(command + _pg_connection(config), config, "pg_dump")
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


def restore(source: Path, *, force: bool = False, env: Mapping[str, str] | None = None) -> str:
    """Bring the backup ``source`` back into the database kloof uses, then migrate
    it forward; where it went, for the message."""
    env = os.environ if env is None else env
    kind = backup_kind(source)
    config = target(env)
    wanted = "sqlite" if is_sqlite(config) else "postgresql"
    if kind != wanted:
        raise InputError.worded(
            N_("%(file)s is a backup of a %(kind)s database, but kloof uses %(wanted)s here"),
            N_("restore it where kloof uses %(kind)s (KLOOF_DATABASE_URL decides which database)"),
            file=str(source),
            kind=_engine_name(kind),
            wanted=_engine_name(wanted),
        )
    from kloof.web.runner import setup

    if not setup():
        raise InputError.worded(N_("the settings cannot be used"), N_("see the line above"))
    from django.core.management import call_command
    from django.db import connection

    rows = rows_in_use(connection)
    if rows and not force:
        raise InputError.worded(
            N_("the database %(database)s holds users, workspaces or cases: kloof keeps them"),
            N_("restore into an empty data folder or database, or add --force to replace it"),
            database=str(config["NAME"]),
        )
    if kind == "sqlite":
        connection.close()
        _sqlite_restore(source, Path(config["NAME"]))
    else:
        _drop_tables(connection)
        connection.close()
        command = [_pg_program("pg_restore"), "--no-owner", "--no-privileges"]
        command += ["--single-transaction", "--exit-on-error", str(source)]
        _run(command + _pg_connection(config), config, "pg_restore")
    call_command("migrate", interactive=False, verbosity=0)
    return str(config["NAME"])


def backup_kind(source: Path) -> str:
    """``sqlite`` or ``postgresql``: the kind of kloof backup ``source`` is; anything
    else is refused before the database is touched."""
    try:
        with source.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise InputError.worded(
            N_("%(file)s cannot be read (%(reason)s)"),
            N_("give the file kloof backup wrote"),
            file=str(source),
            reason=error.strerror or str(error),
        ) from None
    if head == SQLITE_MAGIC and _sqlite_is_kloof(source):
        return "sqlite"
    if head.startswith(PG_MAGIC) and _pg_is_kloof(source):
        return "postgresql"
    raise InputError.worded(
        N_("%(file)s is not a kloof backup"),
        N_("give the file kloof backup wrote"),
        file=str(source),
    )


def rows_in_use(connection: Any) -> int:
    """How many users, workspaces and cases the database holds (0: safe to replace)."""
    present = set(connection.introspection.table_names())
    total = 0
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                total += cursor.fetchone()[0]
    return total


def _sqlite_is_kloof(source: Path) -> bool:
    try:
        with _closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as db:
            return not _missing_tables(db)
    except sqlite3.DatabaseError:
        return False


def _pg_is_kloof(source: Path) -> bool:
    result = subprocess.run(  # noqa: S603 -- a fixed program and a file name
        [_pg_program("pg_restore"), "--list", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and " TABLE public storage_case " in result.stdout


def _sqlite_restore(source: Path, destination: Path) -> None:
    private_folder(destination.parent)
    private_database(destination)
    with (
        _closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as backup,
        _closing(sqlite3.connect(destination)) as database_file,
    ):
        backup.backup(database_file)
        database_file.execute("PRAGMA journal_mode=WAL")


def _drop_tables(connection: Any) -> None:
    """Empty the PostgreSQL database of kloof's tables (an empty database may still
    hold the tables of a newer kloof, which the restored migrations would clash with)."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _pg_connection(config: Mapping[str, Any]) -> list[str]:
    """Where pg_dump and pg_restore connect: never the password (see :func:`_run`)."""
    args = [f"--dbname={config['NAME']}"]
    if config.get("HOST"):
        args.append(f"--host={config['HOST']}")
    if config.get("PORT"):
        args.append(f"--port={config['PORT']}")
    if config.get("USER"):
        args.append(f"--username={config['USER']}")
    return args


def _run(command: list[str], config: Mapping[str, Any], name: str) -> None:
    """Run a PostgreSQL client program; the password goes in its environment only."""
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    result = subprocess.run(  # noqa: S603 -- the PostgreSQL client, arguments from settings
        command, env=env, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise InputError.worded(
            N_("%(program)s failed: %(reason)s"),
            N_("check KLOOF_DATABASE_URL and that the database server is reachable"),
            program=name,
            reason=lines[-1] if lines else f"exit status {result.returncode}",
        )


def _pg_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise InputError.worded(
            N_("%(program)s is not installed, and kloof needs it for PostgreSQL backups"),
            N_("install the PostgreSQL client tools, or follow %(procedure)s"),
            program=name,
            procedure=PROCEDURE,
        )
    return program


def _missing_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    present = {row[0] for row in rows}
    return [table for table in KLOOF_TABLES if table not in present]


def _private_partial(output: Path) -> Path:
    """A new, empty file beside ``output`` that only its owner may read."""
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    except OSError as error:
        raise InputError.worded(
            N_("kloof cannot write %(file)s (%(reason)s)"),
            N_("choose a folder that exists and that you may write in"),
            file=str(output),
            reason=error.strerror or str(error),
        ) from None
    return partial


def _engine_name(kind: str) -> str:
    return "SQLite" if kind == "sqlite" else "PostgreSQL"
