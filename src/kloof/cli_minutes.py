"""``kloof minutes``: the minutes of the open conversation from a case file with
an ``agenda:`` section, as HTML or A4 PDF, for the team or the other side."""

from __future__ import annotations

import argparse

from kloof.cli_args import EXIT_OK, case_argument, command, emit, lang_argument, output_argument


def add_minutes(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "minutes",
        "write the minutes of the conversation (HTML or PDF)",
        "Every agenda item with its outcome, note and agreed actions. The case file\n"
        "needs an agenda: section. --audience counterparty keeps only the items marked\n"
        "shareable, and leaves out everything internal (rater names, notes, evidence).\n"
        "The file name decides the format: minutes.pdf (A4) or minutes.html.",
    )
    case_argument(parser)
    parser.add_argument(
        "--audience",
        choices=("team", "counterparty"),
        default="team",
        help="team: every item (default); counterparty: the shareable items only",
    )
    parser.add_argument(
        "--format",
        choices=("pdf", "html"),
        default=None,
        help="pdf or html (default: from the file name's extension); needed for '-'",
    )
    output_argument(parser, required=True, what="the minutes")
    lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_minutes)


def _run_minutes(args: argparse.Namespace) -> int:
    from kloof.services.minutes import minutes_for_file, minutes_format

    chosen = minutes_format(args.output, args.format)  # before any work
    body = minutes_for_file(args.case, language=args.lang, audience=args.audience, fmt=chosen)
    emit(body, args.output)
    return EXIT_OK
