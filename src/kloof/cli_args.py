"""Shared pieces of the command-line modules: argument helpers and output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
#: The reader of the output closed the pipe: 128 + SIGPIPE, as a shell reports a
#: program that SIGPIPE stopped (``yes | head -1``).
EXIT_CLOSED_PIPE = 141


def command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    detail: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=f"{summary}\n\n{detail}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def case_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "case", type=Path, metavar="CASE", help="a case file (.yaml, .yml or .json)"
    )


def lang_argument(parser: argparse.ArgumentParser, default_text: str) -> None:
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default=None,
        help=f"language of the output ({default_text})",
    )


def output_argument(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=required,
        metavar="FILE",
        help=f"write {what} to FILE ('-' for standard output)"
        + ("" if required else "; default: standard output"),
    )


def emit(text: str | bytes, destination: Path | None, *, overwrite: bool = True) -> None:
    if destination is None or str(destination) == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    from kloof.services.casework import write_output

    write_output(text, destination, overwrite=overwrite)
    print(f"wrote {destination}", file=sys.stderr)
