"""``kloof token``: personal API tokens from the command line.

``create`` prints the new token, and only it, on standard output (so that
``TOKEN=$(kloof token create …)`` works); the hint goes to standard error.
``list`` shows a user's tokens in a workspace without the tokens themselves;
``revoke`` stops one by its id. The web settings come from the ``KLOOF_*``
environment variables, as for ``kloof serve``.
"""

from __future__ import annotations

import argparse
from typing import Any

from kloof.cli_args import command


def add_token(commands: Any) -> None:
    parser = command(
        commands,
        "token",
        "make, list or revoke personal API tokens",
        "A token lets a script use the JSON API (/api/) as USER in WORKSPACE, with\n"
        "the user's role there. It is printed once; kloof stores only its hash.\n"
        "Settings (the database) come from KLOOF_* variables, as for 'kloof serve'.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True
    create = actions.add_parser("create", help="make a token and print it (once)")
    _who(create)
    create.add_argument("--name", default="", metavar="LABEL", help="what the token is for")
    create.set_defaults(handler=_run_create)
    listing = actions.add_parser("list", help="the user's tokens in the workspace (not the tokens)")
    _who(listing)
    listing.set_defaults(handler=_run_list)
    revoke = actions.add_parser("revoke", help="revoke one of the user's tokens by its id")
    _who(revoke)
    revoke.add_argument(
        "id", type=int, metavar="ID", help="the token's id (see 'kloof token list')"
    )
    revoke.set_defaults(handler=_run_revoke)


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True, metavar="EMAIL", help="the user's email address")
    parser.add_argument(
        "--workspace", required=True, metavar="NAME", help="the workspace's name (or its slug)"
    )


def _run_create(args: argparse.Namespace) -> int:
    from kloof.web.api.commands import run

    return run("create", args.user, args.workspace, name=args.name)


def _run_list(args: argparse.Namespace) -> int:
    from kloof.web.api.commands import run

    return run("list", args.user, args.workspace)


def _run_revoke(args: argparse.Namespace) -> int:
    from kloof.web.api.commands import run

    return run("revoke", args.user, args.workspace, token_id=args.id)
