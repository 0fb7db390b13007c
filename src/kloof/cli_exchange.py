"""``kloof export`` and ``kloof import``: spreadsheets out of and into case files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kloof.cli_args import EXIT_OK, case_argument, command, emit, lang_argument, output_argument

EXPORT_FORMATS = ("xlsx", "csv")


def add_export(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "export",
        "export ratings and the analysis as a spreadsheet",
        "xlsx: one workbook with the ratings and the analysis. csv: one table\n"
        "(--table analysis or ratings), UTF-8 with BOM so Excel shows accents right.\n"
        "The format follows the file name (.xlsx or .csv) unless --format names it.\n"
        "Text that a spreadsheet could run as a formula is neutralised.",
    )
    case_argument(parser)
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="xlsx or csv (default: from the extension of FILE, .xlsx or .csv; "
        "needed for standard output)",
    )
    parser.add_argument(
        "--table",
        choices=("analysis", "ratings"),
        default="analysis",
        help="the table a CSV holds: the analysis (default) or the ratings",
    )
    output_argument(parser, required=True, what="the export")
    lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_export)


def add_import(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "import",
        "import ratings from a CSV or XLSX file into a case file",
        "A mapping file says which column holds the rater, the parties and each\n"
        "factor's score (docs/import.md). All or nothing: every problem is listed by\n"
        "row and column, and nothing is written.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    parser.add_argument("--into", type=Path, required=True, metavar="CASE", help="the case")
    parser.add_argument("--mapping", type=Path, required=True, metavar="MAP", help="mapping")
    output_argument(parser, required=True, what="the new case file")
    parser.add_argument(
        "--replace", action="store_true", help="replace existing ratings instead of refusing"
    )
    parser.set_defaults(handler=_run_import)


def _run_export(args: argparse.Namespace) -> int:
    from kloof.services.exchange import export_case, export_format

    chosen = export_format(args.format, args.output)  # before any work: a mistake is cheap
    data = export_case(args.case, chosen, table=args.table, language=args.lang)
    emit(data, args.output)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from kloof.formats.errors import InputError
    from kloof.formats.importer import ImportProblemsError
    from kloof.services.exchange import import_into
    from kloof.services.messages import cli_language, localized_import_problems

    try:
        text, preview, comments_lost = import_into(
            args.file, into=args.into, mapping=args.mapping, replace=args.replace
        )
    except ImportProblemsError as problems:  # every problem, in the reader's language
        text = localized_import_problems(problems, cli_language())
        raise InputError(text, source=problems.source) from None
    emit(text, args.output)
    for line in preview.lines():
        print(line, file=sys.stderr)
    if comments_lost:
        from kloof.i18n import translator

        note = translator(cli_language()).gettext(
            "note: the comments of %(case)s could not be kept; the new case file has none"
        )
        print(f"kloof: {note % {'case': args.into}}", file=sys.stderr)
    return EXIT_OK
