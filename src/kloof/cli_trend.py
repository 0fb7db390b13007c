"""``kloof trend``: how one relationship moved across several reviews (case files
of the same parties, each with a date), as an SVG or PNG chart or an HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path

from kloof.cli_args import EXIT_OK, command, emit, lang_argument, output_argument


def add_trend(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "trend",
        "follow one relationship across reviews (SVG, PNG or HTML)",
        "Give two or more case files of the same parties (the same party ids), each\n"
        "with a date: one small chart per factor with every party's position per\n"
        "review, toughness and blocking count per review, and what moved by at least\n"
        "a nuance since the review before. The file name decides the format:\n"
        "trend.svg, trend.png (1920 px wide) or trend.html (chart, table and sentences);\n"
        "-o - writes the SVG to standard output.",
    )
    parser.add_argument(
        "cases",
        type=Path,
        nargs="*",
        metavar="CASE",
        help="two or more case files (.yaml, .yml or .json) of the same parties, "
        "in any order: they are sorted by their date",
    )
    output_argument(parser, required=True, what="the trend (.svg, .png or .html)")
    lang_argument(parser, "default: the latest case's language")
    parser.set_defaults(handler=run_trend)


def run_trend(args: argparse.Namespace) -> int:
    from kloof.services.trend import render_trend, trend_format

    output_format = trend_format(args.output)  # before any work
    emit(render_trend(list(args.cases), output_format, args.lang), args.output)
    return EXIT_OK
