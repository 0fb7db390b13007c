"""``kloof review``: start the next review of a case file (same parties, raters and
factors, a new date, no scores; the new file names its predecessor)."""

from __future__ import annotations

import argparse

from kloof.cli_args import EXIT_OK, case_argument, command, emit, output_argument


def add_review(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "review",
        "start the next review of a case (a new case file without scores)",
        "Review trust and the other factors with a partner once a year, outside the\n"
        "contract negotiation. The new file keeps the parties, raters, framework, own\n"
        "factors, language and title, has the review date and no ratings, register,\n"
        "interviews or agenda, and names the case it follows up in 'previous:'.\n"
        "A file name ending in .json writes JSON, any other YAML.",
    )
    case_argument(parser)
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default=None,
        help="the date of the review (default: today)",
    )
    output_argument(parser, required=True, what="the new case file")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from kloof.services.review import next_review_file, refuse_to_overwrite, review_date

    on = review_date(args.date)  # before any work: a mistake is cheap
    refuse_to_overwrite(args.output, args.force)
    emit(next_review_file(args.case, args.output, on), args.output)
    return EXIT_OK
