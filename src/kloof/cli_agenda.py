"""``kloof agenda``: the agenda of the open conversation as HTML or PDF.

The case file's own ``agenda:`` when it has one; otherwise the agenda kloof
proposes from the analysis, in the case's language. ``--audience counterparty``
keeps only the items marked shareable (a proposed agenda has none: share items
by writing ``shareable: true`` in the case file).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kloof.cli_args import EXIT_OK, case_argument, command, emit, lang_argument, output_argument


def add_agenda(commands: Any) -> None:
    parser = command(
        commands,
        "agenda",
        "write the agenda of the open conversation (HTML or PDF)",
        "The case file's agenda, or one proposed from the analysis when it has none.\n"
        "--audience counterparty: only the items marked 'shareable: true', with their\n"
        "title, what we see, ask and offer, and the mitigations.",
    )
    case_argument(parser)
    parser.add_argument(
        "--audience",
        choices=("team", "counterparty"),
        default="team",
        help="team: everything (default); counterparty: the shared items only",
    )
    parser.add_argument("--pdf", action="store_true", help="write PDF whatever the file name")
    lang_argument(parser, "default: the case's language")
    output_argument(parser, required=True, what="the agenda")
    parser.set_defaults(handler=run_agenda)


def run_agenda(args: argparse.Namespace) -> int:
    from kloof.services.agenda import agenda_document, shared_item_count
    from kloof.services.casework import report_format

    chosen = report_format(args.pdf, args.output)  # before any work: a mistake is cheap
    emit(agenda_document(args.case, args.audience, args.lang, pdf=chosen == "pdf"), args.output)
    if args.audience == "counterparty" and shared_item_count(args.case) == 0:
        _warn_nothing_shared()
    return EXIT_OK


def _warn_nothing_shared() -> None:
    """An empty counterparty version is rarely what was meant: say why and what to do."""
    from kloof.i18n import translator
    from kloof.services.messages import cli_language

    _ = translator(cli_language()).gettext
    print(
        _(
            "kloof: no agenda item is marked shareable, so the other side's version lists "
            "nothing. Mark the items to share with 'shareable: true' in the case file's "
            "agenda (or on the agenda page of kloof web)."
        ),
        file=sys.stderr,
    )
