"""The ``kloof`` command: parse the arguments, call a service, print the result.

Exit status 0 on success, 2 on bad input or usage. Heavy modules are imported
inside the commands so that ``kloof analyse`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kloof import (
    cli_agenda,
    cli_backup,
    cli_exchange,
    cli_minutes,
    cli_practice,
    cli_remind,
    cli_review,
    cli_summaries,
    cli_token,
    cli_trend,
    cli_web,
)
from kloof.cli_args import (
    EXIT_BAD_INPUT,
    EXIT_CLOSED_PIPE,
    EXIT_INTERNAL,
    EXIT_OK,
    case_argument,
    command,
    emit,
    lang_argument,
    output_argument,
)

DESCRIPTION = """\
kloof: find, understand and bridge the differences between you and the other
side before a tough negotiation. Rate both parties on nine factors (Hopmans,
2024), see where you differ, which differences block a deal, where the blind
spots are, and what to research and discuss first."""

EPILOG = """\
typical use:
  kloof new --lang en -o renewal.yaml    write a commented case file to fill in
  kloof validate renewal.yaml            check it; problems name the line and the fix
  kloof analyse renewal.yaml             the differences, worst first
  kloof report renewal.yaml -o r.html    a self-contained report to share or print
  kloof report renewal.yaml -o r.pdf     the same as an A4 PDF
  kloof agenda renewal.yaml -o a.pdf     the agenda of the open conversation
  kloof review renewal.yaml -o next.yaml next year's review: same people, no scores
  kloof practice list                    practise spotting differences on scenarios

exit status: 0 success, 2 bad input or usage, 141 when the reader of the output
stopped early (as 'head' does; nothing more is written, no message).
docs: docs/user-guide.md"""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # here, not at exit: a closed pipe is then ours to handle
    except BrokenPipeError:
        # The reader stopped early (``kloof schema case | head -1``): that is no
        # error to report. Later writes, and Python's own flush at exit, go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE


def _main(argv: Sequence[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    from kloof.formats.errors import InputError

    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except InputError as error:
        print(_localized(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("kloof: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise
    except Exception as error:  # a bug of ours: say so plainly, no traceback
        if os.environ.get("KLOOF_DEBUG"):
            raise
        print(
            f"kloof: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in kloof. Run again with KLOOF_DEBUG=1 to see the details, "
            "and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _localized(error: Any) -> str:
    """The error line in the language of the environment (KLOOF_LANG, LANG, ...):
    ``kloof: error: …``, in Dutch ``kloof: fout: …``."""
    from kloof.i18n import translator
    from kloof.services.messages import cli_language, localized_message

    language = cli_language()
    label = translator(language).pgettext("command line", "error")
    return f"kloof: {label}: {localized_message(error, language)}"


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked: importlib.metadata costs start-up."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        print(f"kloof {_version()}")  # on standard output, as --help is
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, which is our bad-input status too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"kloof: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``only`` naming one, the parser of that
    command alone, which parses its arguments the same way: setting up all
    fourteen cost a tenth of a start-up."""
    parser = _Parser(
        prog="kloof",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    registers = _command_registers()
    for name, register in registers.items():
        if only not in registers or name == only:
            register(commands)
    return parser


def _command_registers() -> dict[str, Callable[[Any], None]]:
    """Each command's name and the function that adds it, in the order of --help."""
    return {
        "new": _add_new,
        "validate": _add_validate,
        "analyse": _add_analyse,
        "chart": _add_chart,
        "report": _add_report,
        "guide": _add_guide,
        "agenda": cli_agenda.add_agenda,
        "minutes": cli_minutes.add_minutes,
        "trend": cli_trend.add_trend,
        "review": cli_review.add_review,
        "practice": cli_practice.add_practice,
        "frameworks": _add_frameworks,
        "schema": _add_schema,
        "export": cli_exchange.add_export,
        "import": cli_exchange.add_import,
        "serve": cli_web.add_serve,
        "demo": cli_web.add_demo,
        "manage": cli_web.add_manage,
        "token": cli_token.add_token,
        "backup": cli_backup.add_backup,
        "restore": cli_backup.add_restore,
        "remind": cli_remind.add_remind,
        "summaries": cli_summaries.add_summaries,
    }


def _add_new(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "new",
        "write a commented template case file",
        "The template is a complete, valid example: two parties, a few ratings and a\n"
        "register entry, with a comment on every field. Edit it, then run validate.",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language (default en)")
    output_argument(parser, required=False, what="the template")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=_run_new)


def _add_validate(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "validate",
        "check a case file",
        "Prints a one-line summary when the file is valid. Otherwise prints the first\n"
        "problem with its file and line, what is wrong and how to fix it (exit 2).",
    )
    case_argument(parser)
    parser.set_defaults(handler=_run_validate)


def _add_analyse(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "analyse",
        "analyse the differences between the parties",
        "table: readable overview (default). markdown: the same as Markdown.\n"
        "json: the stable machine output (format 1, see docs/case-format.md).",
    )
    case_argument(parser)
    parser.add_argument(
        "--format", choices=("table", "json", "markdown"), default="table", help="output format"
    )
    lang_argument(parser, "default: the case's language")
    output_argument(parser, required=False, what="the analysis")
    parser.set_defaults(handler=_run_analyse)


def _add_chart(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "chart",
        "draw the differences as a chart (SVG or PNG)",
        "profile: one row per factor between its two poles, every party a marker,\n"
        "the gap between the first two parties coloured by severity (default).\n"
        "radar: the factors as spokes, every party a polygon.\n"
        "The file name decides the format: chart.svg (vector) or chart.png (1920 px\n"
        "wide, for slides).",
    )
    case_argument(parser)
    output_argument(parser, required=True, what="the chart")
    parser.add_argument(
        "--format",
        choices=("svg", "png"),
        default=None,
        help="svg or png (default: from the file name's extension, else svg); "
        "needed only for '-' or a name without .svg or .png",
    )
    parser.add_argument(
        "--kind",
        choices=("profile", "radar"),
        default="profile",
        help="profile: a row per factor between its poles (default: profile); "
        "radar: the factors as spokes",
    )
    lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_chart)


def _add_report(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "report",
        "write a self-contained HTML or PDF report",
        "One file with inline styles and chart: open it in any browser, share it, or\n"
        "print it on A4. --pdf, or a file name ending in .pdf, writes an A4 PDF.",
    )
    case_argument(parser)
    parser.add_argument("--pdf", action="store_true", help="write a PDF (A4) instead of HTML")
    output_argument(parser, required=True, what="the report")
    lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_report)


def _add_guide(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "guide",
        "write an interview guide (Markdown, HTML or PDF)",
        "For a case: the questions for the factors where evidence is missing or the\n"
        "differences are large (--all: every factor). For a framework: every factor.\n"
        "-o guide.html or -o guide.pdf writes the printable guide with room for notes,\n"
        "ordered by need (--for PARTY: for an interview about that party).",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("case", nargs="?", type=Path, metavar="CASE", help="a case file")
    source.add_argument("--framework", metavar="NAME", help="a built-in framework or a file")
    parser.add_argument("--all", action="store_true", help="every factor, not only those needed")
    parser.add_argument(
        "--for",
        dest="party",
        metavar="PARTY",
        help="the id of the party the interview is about (HTML and PDF)",
    )
    lang_argument(parser, "default: the case's language, or en")
    output_argument(parser, required=False, what="the guide (.md, .html or .pdf)")
    parser.set_defaults(handler=_run_guide)


def _add_frameworks(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "frameworks",
        "list the built-in frameworks",
        "A case names its framework in 'framework:'; a path to a framework file of\n"
        "your own works too (see docs/frameworks.md).",
    )
    parser.set_defaults(handler=_run_frameworks)


def _add_schema(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "schema",
        "print the JSON Schema of case, framework or practice scenario files",
        "Editors such as VS Code can use it to check and complete your files.",
    )
    parser.add_argument(
        "which",
        choices=("case", "framework", "scenario"),
        help="case: the schema of case files; framework: the schema of framework files;"
        " scenario: the schema of practice scenario files",
    )
    parser.set_defaults(handler=_run_schema)


def _run_new(args: argparse.Namespace) -> int:
    from kloof.formats.template import case_template

    emit(case_template(args.lang), args.output, overwrite=args.force)
    return EXIT_OK


def _run_validate(args: argparse.Namespace) -> int:
    from kloof.i18n import counted, translator
    from kloof.services.casework import load
    from kloof.services.messages import cli_language

    case = load(args.case)
    t = translator(cli_language())
    scored = sum(1 for r in case.ratings if r.score is not None)
    print(
        t.gettext("{file}: valid — {parties}, {factors}, {raters}, {scores}, {entries}").format(
            file=args.case,
            parties=counted(t, len(case.parties), "{count} party", "{count} parties"),
            factors=counted(t, len(case.factors), "{count} factor", "{count} factors"),
            raters=counted(t, len(case.raters), "{count} rater", "{count} raters"),
            scores=counted(t, scored, "{count} score", "{count} scores"),
            entries=counted(
                t, len(case.differences), "{count} register entry", "{count} register entries"
            ),
        )
    )
    return EXIT_OK


def _run_analyse(args: argparse.Namespace) -> int:
    from kloof.services.casework import analyse_file, render_analysis

    analysis = analyse_file(args.case)
    language = args.lang or analysis.case.language
    emit(render_analysis(analysis, args.format, language), args.output)
    return EXIT_OK


def _run_chart(args: argparse.Namespace) -> int:
    from kloof.services.casework import analyse_file
    from kloof.services.charts import chart_format, export_chart

    output_format = chart_format(args.output, args.format)  # before any work
    analysis = analyse_file(args.case)
    language = args.lang or analysis.case.language
    emit(export_chart(analysis, args.kind, language, output_format), args.output)
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from kloof.services.casework import (
        analyse_file,
        render_pdf_report,
        render_report,
        report_format,
    )

    chosen = report_format(args.pdf, args.output)  # before any work: a mistake is cheap
    analysis = analyse_file(args.case)
    language = args.lang or analysis.case.language
    if chosen == "pdf":
        emit(render_pdf_report(analysis, language), args.output)
    else:
        emit(render_report(analysis, language), args.output)
    return EXIT_OK


def _run_guide(args: argparse.Namespace) -> int:
    from kloof.services.guides import guide_for_case, guide_for_format, guide_for_framework

    text: str | bytes
    if args.case is not None:
        text = guide_for_case(
            args.case,
            language=args.lang,
            everything=args.all,
            party=args.party,
            output=guide_for_format(args.output),
        )
    else:
        text = guide_for_framework(args.framework, language=args.lang or "en")
    emit(text, args.output)
    return EXIT_OK


def _run_frameworks(args: argparse.Namespace) -> int:
    from kloof.formats.framework import builtin_frameworks, load_framework

    for name in builtin_frameworks():
        framework = load_framework(name)
        print(f"{name}\t{len(framework.factors)} factors\t{framework.title.en}")
    return EXIT_OK


def _run_schema(args: argparse.Namespace) -> int:
    import json

    if args.which == "case":
        from kloof.formats.casefile import case_schema

        schema = case_schema()
    elif args.which == "scenario":
        from kloof.formats.scenariofile import scenario_schema

        schema = scenario_schema()
    else:
        from kloof.formats.framework import framework_schema

        schema = framework_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kloof")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
