"""``kloof serve``, ``kloof demo`` and ``kloof manage``: the web application."""

from __future__ import annotations

import argparse

from kloof.cli_args import command


def add_serve(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "serve",
        "serve the web application",
        "Applies the database migrations, then serves kloof with gunicorn. Settings\n"
        "come from KLOOF_* environment variables (docs/settings.md); data lives in\n"
        "KLOOF_DATA_DIR (default ./kloof-data).",
    )
    _address_arguments(parser)
    parser.set_defaults(handler=_run_serve)


def add_demo(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "demo",
        "serve the web application with a demo login and case",
        "Like serve, with a demo workspace holding the demo case (rated by four\n"
        "people). Prints the URL to open and the demo login; the password is new\n"
        "and random on every start.",
    )
    _address_arguments(parser)
    parser.set_defaults(handler=_run_demo)


def add_manage(commands) -> None:  # type: ignore[no-untyped-def]
    parser = command(
        commands,
        "manage",
        "run a Django management command",
        "Everything after 'manage' goes to Django, e.g. 'kloof manage createsuperuser'.",
    )
    parser.add_argument(
        "rest",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help="the Django command and its arguments (see 'kloof manage help')",
    )
    parser.set_defaults(handler=_run_manage)


def _address_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0: every network the computer is on)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def _run_serve(args: argparse.Namespace) -> int:
    from kloof.web.runner import serve

    return serve(args.host, args.port)


def _run_demo(args: argparse.Namespace) -> int:
    from kloof.web.demo import run

    return run(args.host, args.port)


def _run_manage(args: argparse.Namespace) -> int:
    from kloof.web.runner import manage

    return manage(list(args.rest))
