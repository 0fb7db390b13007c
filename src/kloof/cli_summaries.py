"""``kloof summaries --rebuild``: analyse every stored case again and rewrite
the portfolio's summaries (a repair; they are kept up to date on write).
The database comes from the ``KLOOF_*`` variables, as for ``kloof serve``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kloof.cli_args import EXIT_OK, command

#: Exit status when the settings cannot be read (as ``kloof serve``).
EXIT_SETTINGS = 2


def add_summaries(commands: Any) -> None:
    parser = command(
        commands,
        "summaries",
        "rebuild the portfolio's per-case summaries",
        "The portfolio reads one summary per case, written with every change. After\n"
        "a repair of the database by hand, --rebuild analyses every case again and\n"
        "writes its summary (200 cases per transaction; safe while the server runs).",
    )
    parser.add_argument(
        "--rebuild", action="store_true", required=True, help="analyse every case again"
    )
    parser.set_defaults(handler=_run_summaries)


def _run_summaries(args: argparse.Namespace) -> int:
    from kloof.web.maintenance import rebuild_summaries

    count = rebuild_summaries()
    if count is None:
        return EXIT_SETTINGS
    from kloof.i18n import translator
    from kloof.services.messages import cli_language

    text = translator(cli_language()).ngettext(
        "rebuilt the summary of %(count)d case", "rebuilt the summaries of %(count)d cases", count
    )
    print(f"kloof: {text % {'count': count}}", file=sys.stderr)
    return EXIT_OK
