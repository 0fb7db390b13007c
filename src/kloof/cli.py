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

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2

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

exit status: 0 success, 2 bad input or usage.
docs: docs/user-guide.md"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    from kloof.formats.errors import InputError

    try:
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except InputError as error:
        print(f"kloof: error: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("kloof: interrupted", file=sys.stderr)
        return 130
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


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked: importlib.metadata costs start-up."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        parser.exit(message=f"kloof {_version()}\n")


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, which is our bad-input status too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"kloof: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kloof",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for register in (
        _add_new,
        _add_validate,
        _add_analyse,
        _add_chart,
        _add_report,
        _add_guide,
        _add_frameworks,
        _add_schema,
        _add_export,
        _add_import,
        _add_serve,
        _add_demo,
        _add_manage,
    ):
        register(commands)
    return parser


def _command(commands: argparse._SubParsersAction[_Parser], name: str, summary: str, detail: str):  # type: ignore[no-untyped-def]
    return commands.add_parser(
        name,
        help=summary,
        description=f"{summary}\n\n{detail}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _case_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "case", type=Path, metavar="CASE", help="a case file (.yaml, .yml or .json)"
    )


def _lang_argument(parser: argparse.ArgumentParser, default_text: str) -> None:
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=None,
        help=f"language of the output ({default_text})",
    )


def _output_argument(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=required,
        metavar="FILE",
        help=f"write {what} to FILE ('-' for standard output)"
        + ("" if required else "; default: standard output"),
    )


def _add_new(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "new",
        "write a commented template case file",
        "The template is a complete, valid example: two parties, a few ratings and a\n"
        "register entry, with a comment on every field. Edit it, then run validate.",
    )
    parser.add_argument("--lang", choices=("nl", "en"), default="en", help="language (default en)")
    _output_argument(parser, required=False, what="the template")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=_run_new)


def _add_validate(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "validate",
        "check a case file",
        "Prints a one-line summary when the file is valid. Otherwise prints the first\n"
        "problem with its file and line, what is wrong and how to fix it (exit 2).",
    )
    _case_argument(parser)
    parser.set_defaults(handler=_run_validate)


def _add_analyse(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "analyse",
        "analyse the differences between the parties",
        "table: readable overview (default). markdown: the same as Markdown.\n"
        "json: the stable machine output (format 1, see docs/case-format.md).",
    )
    _case_argument(parser)
    parser.add_argument(
        "--format", choices=("table", "json", "markdown"), default="table", help="output format"
    )
    _lang_argument(parser, "default: the case's language")
    _output_argument(parser, required=False, what="the analysis")
    parser.set_defaults(handler=_run_analyse)


def _add_chart(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "chart",
        "draw the differences as an SVG chart",
        "profile: one row per factor between its two poles, every party a marker,\n"
        "the gap between the first two parties coloured by severity (default).\n"
        "radar: the factors as spokes, every party a polygon.",
    )
    _case_argument(parser)
    _output_argument(parser, required=True, what="the SVG")
    parser.add_argument("--kind", choices=("profile", "radar"), default="profile")
    _lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_chart)


def _add_report(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "report",
        "write a self-contained HTML report",
        "One file with inline styles and chart: open it in any browser, share it, or\n"
        "print it on A4.",
    )
    _case_argument(parser)
    _output_argument(parser, required=True, what="the HTML report")
    _lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_report)


def _add_guide(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "guide",
        "write an interview guide (Markdown)",
        "For a case: the questions for the factors where evidence is missing or the\n"
        "differences are large (--all: every factor). For a framework: every factor.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("case", nargs="?", type=Path, metavar="CASE", help="a case file")
    source.add_argument("--framework", metavar="NAME", help="a built-in framework or a file")
    parser.add_argument("--all", action="store_true", help="every factor, not only those needed")
    _lang_argument(parser, "default: the case's language, or en")
    _output_argument(parser, required=False, what="the guide")
    parser.set_defaults(handler=_run_guide)


def _add_frameworks(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "frameworks",
        "list the built-in frameworks",
        "A case names its framework in 'framework:'; a path to a framework file of\n"
        "your own works too (see docs/frameworks.md).",
    )
    parser.set_defaults(handler=_run_frameworks)


def _add_schema(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "schema",
        "print the JSON Schema of case files or framework files",
        "Editors such as VS Code can use it to check and complete your files.",
    )
    parser.add_argument("which", choices=("case", "framework"))
    parser.set_defaults(handler=_run_schema)


def _add_export(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "export",
        "export ratings and the analysis as a spreadsheet",
        "xlsx: one workbook with the ratings and the analysis. csv: one table\n"
        "(--table analysis or ratings), UTF-8 with BOM so Excel shows accents right.\n"
        "Text that a spreadsheet could run as a formula is neutralised.",
    )
    _case_argument(parser)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="xlsx", help="file type")
    parser.add_argument(
        "--table", choices=("analysis", "ratings"), default="analysis", help="CSV only"
    )
    _output_argument(parser, required=True, what="the export")
    _lang_argument(parser, "default: the case's language")
    parser.set_defaults(handler=_run_export)


def _add_import(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
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
    _output_argument(parser, required=True, what="the new case file")
    parser.add_argument(
        "--replace", action="store_true", help="replace existing ratings instead of refusing"
    )
    parser.set_defaults(handler=_run_import)


def _run_export(args: argparse.Namespace) -> int:
    from kloof.services.exchange import export_case

    data = export_case(args.case, args.format, table=args.table, language=args.lang)
    _emit(data, args.output)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from kloof.services.exchange import import_into

    text, preview = import_into(
        args.file, into=args.into, mapping=args.mapping, replace=args.replace
    )
    _emit(text, args.output)
    for line in preview.lines():
        print(line, file=sys.stderr)
    return EXIT_OK


def _add_serve(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "serve",
        "serve the web application",
        "Applies the database migrations, then serves kloof with gunicorn. Settings\n"
        "come from KLOOF_* environment variables (docs/settings.md); data lives in\n"
        "KLOOF_DATA_DIR (default ./kloof-data).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(handler=_run_serve)


def _add_demo(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "demo",
        "serve the web application with a demo login and case",
        "Like serve, with a demo workspace holding the demo case (rated by four\n"
        "people). Prints the URL to open and the demo login; the password is new\n"
        "and random on every start.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(handler=_run_demo)


def _add_manage(commands) -> None:  # type: ignore[no-untyped-def]
    parser = _command(
        commands,
        "manage",
        "run a Django management command",
        "Everything after 'manage' goes to Django, e.g. 'kloof manage createsuperuser'.",
    )
    parser.add_argument("rest", nargs=argparse.REMAINDER, metavar="ARGS")
    parser.set_defaults(handler=_run_manage)


def _run_serve(args: argparse.Namespace) -> int:
    from kloof.web.runner import serve

    return serve(args.host, args.port)


def _run_demo(args: argparse.Namespace) -> int:
    from kloof.web.demo import run

    return run(args.host, args.port)


def _run_manage(args: argparse.Namespace) -> int:
    from kloof.web.runner import manage

    return manage(list(args.rest))


def _emit(text: str | bytes, destination: Path | None, *, overwrite: bool = True) -> None:
    if destination is None or str(destination) == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    from kloof.services.casework import write_output

    write_output(text, destination, overwrite=overwrite)
    print(f"wrote {destination}", file=sys.stderr)


def _run_new(args: argparse.Namespace) -> int:
    from kloof.formats.template import case_template

    _emit(case_template(args.lang), args.output, overwrite=args.force)
    return EXIT_OK


def _run_validate(args: argparse.Namespace) -> int:
    from kloof.services.casework import load

    case = load(args.case)
    scored = sum(1 for r in case.ratings if r.score is not None)
    print(
        f"{args.case}: valid — {len(case.parties)} parties, {len(case.factors)} factors, "
        f"{len(case.raters)} raters, {scored} scores, {len(case.differences)} register entries"
    )
    return EXIT_OK


def _run_analyse(args: argparse.Namespace) -> int:
    from kloof.services.casework import analyse_file, render_analysis

    analysis = analyse_file(args.case)
    language = args.lang or analysis.case.language
    _emit(render_analysis(analysis, args.format, language), args.output)
    return EXIT_OK


def _run_chart(args: argparse.Namespace) -> int:
    from kloof.services.casework import analyse_file, render_chart

    analysis = analyse_file(args.case)
    _emit(render_chart(analysis, args.kind, args.lang or analysis.case.language), args.output)
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from kloof.services.casework import analyse_file, render_report

    analysis = analyse_file(args.case)
    _emit(render_report(analysis, args.lang or analysis.case.language), args.output)
    return EXIT_OK


def _run_guide(args: argparse.Namespace) -> int:
    from kloof.services.guides import guide_for_case, guide_for_framework

    if args.case is not None:
        text = guide_for_case(args.case, language=args.lang, everything=args.all)
    else:
        text = guide_for_framework(args.framework, language=args.lang or "en")
    _emit(text, args.output)
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
