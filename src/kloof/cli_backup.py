"""``kloof backup`` and ``kloof restore``: the database ``kloof serve`` uses,
copied while it runs and brought back (the work is in :mod:`kloof.web.backup`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kloof.cli_args import EXIT_OK, command


def add_backup(commands: Any) -> None:
    parser = command(
        commands,
        "backup",
        "copy the database into a file, while the server runs",
        "SQLite: SQLite's online backup, into one SQLite file. PostgreSQL\n"
        "(KLOOF_DATABASE_URL=postgresql://...): pg_dump --format=custom. The file\n"
        "is readable by its owner only. The secret key is not in it (docs/deploy.md).",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help="the backup file to write (replaced when it exists)",
    )
    parser.set_defaults(handler=_run_backup)


def add_restore(commands: Any) -> None:
    parser = command(
        commands,
        "restore",
        "bring a backup back into an empty data folder or database",
        "Checks that FILE is a kloof backup before touching anything, refuses to\n"
        "replace a database that holds data (unless --force), then applies the\n"
        "migrations, so a backup of an older kloof works in a newer one.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a file written by kloof backup")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a database that holds data (its users, workspaces and cases are lost)",
    )
    parser.set_defaults(handler=_run_restore)


def _run_backup(args: argparse.Namespace) -> int:
    from kloof.web.backup import backup

    source = backup(args.output)
    _say("backed up %(source)s into %(file)s", source=source, file=str(args.output))
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    from kloof.web.backup import restore

    where = restore(args.file, force=args.force)
    _say("restored %(file)s into %(database)s", file=str(args.file), database=where)
    return EXIT_OK


def _say(template: str, **values: str) -> None:
    """A line on standard error, in the language of the environment."""
    from kloof.i18n import translator
    from kloof.services.messages import cli_language

    print(f"kloof: {translator(cli_language()).gettext(template) % values}", file=sys.stderr)
