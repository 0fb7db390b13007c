"""What ``kloof token create|list|revoke`` do, on the Django side (the CLI module
parses the arguments only; see :mod:`kloof.cli_token`).

Bad input (an unknown user or workspace, a user who is not a member, an unknown
token id) ends with one line naming the fix on standard error and exit status 2.
"""

from __future__ import annotations

import sys
from typing import Any

EXIT_OK = 0
EXIT_BAD_INPUT = 2
MAX_ID = 2**63 - 1


class TokenCommandError(Exception):
    """Bad input to ``kloof token``: the message names the fix."""


def run(action: str, email: str, workspace_name: str, **options: Any) -> int:
    """Set Django up, then do ``action``; the exit status."""
    from kloof.web.runner import setup

    if not setup():
        return EXIT_BAD_INPUT
    from django.db import DatabaseError

    actions = {"create": _create, "list": _list, "revoke": _revoke}
    try:
        user, workspace = member(email, workspace_name)
        return actions[action](user, workspace, email, **options)
    except TokenCommandError as error:
        print(f"kloof: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DatabaseError as error:
        print(
            f"kloof: error: the database cannot be used ({error}). Check KLOOF_DATA_DIR or "
            "KLOOF_DATABASE_URL, and run 'kloof manage migrate' first.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def member(email: str, workspace_name: str) -> tuple[Any, Any]:
    """The user (by email address) and the workspace (by name, else slug), if
    the user is a member of it."""
    from django.contrib.auth import get_user_model

    from kloof.storage.models import Membership, Workspace

    users = get_user_model().objects
    user = users.filter(email__iexact=email.strip()).order_by("pk").first()
    user = user or users.filter(username__iexact=email.strip()).first()
    if user is None:
        raise TokenCommandError(
            f"no user with email address '{email}': check the spelling, or sign up first"
        )
    workspaces = list(Workspace.objects.filter(name=workspace_name)) or list(
        Workspace.objects.filter(slug=workspace_name)
    )
    if not workspaces:
        raise TokenCommandError(
            f"no workspace named '{workspace_name}': give its name as kloof shows it, or its slug"
        )
    if len(workspaces) > 1:
        slugs = ", ".join(sorted(workspace.slug for workspace in workspaces))
        raise TokenCommandError(
            f"{len(workspaces)} workspaces are named '{workspace_name}': "
            f"give the slug instead ({slugs})"
        )
    workspace = workspaces[0]
    if not Membership.objects.filter(user=user, workspace=workspace).exists():
        raise TokenCommandError(
            f"{email} is not a member of '{workspace.name}': an owner can invite them first"
        )
    return user, workspace


def _create(user: Any, workspace: Any, email: str, name: str = "") -> int:
    from kloof.storage.api_tokens import create_token

    row, secret = create_token(user, workspace, name)
    print(secret)
    print(
        f"kloof: token {row.pk} ({row.prefix}…) made for {email} in '{workspace.name}'. "
        "It is shown only now: send it as 'Authorization: Bearer <token>' to /api/.",
        file=sys.stderr,
    )
    return EXIT_OK


def _list(user: Any, workspace: Any, email: str) -> int:
    from kloof.storage.api_tokens import tokens_of

    rows = list(tokens_of(workspace, user))
    if not rows:
        print(f"kloof: {email} has no tokens in '{workspace.name}'.", file=sys.stderr)
    for row in rows:
        state = f"revoked {row.revoked:%Y-%m-%d}" if row.revoked else "active"
        used = f"used {row.last_used:%Y-%m-%d %H:%M}" if row.last_used else "never used"
        print(f"{row.pk}\t{row.prefix}…\t{row.created:%Y-%m-%d}\t{used}\t{state}\t{row.name}")
    return EXIT_OK


def _revoke(user: Any, workspace: Any, email: str, token_id: int) -> int:
    from kloof.storage.api_tokens import find_token, revoke_token

    row = find_token(workspace, token_id, user) if 0 < token_id <= MAX_ID else None
    if row is None:
        raise TokenCommandError(
            f"{email} has no token with id {token_id} in '{workspace.name}': see 'kloof token list'"
        )
    if revoke_token(workspace, row.pk, user):
        print(f"kloof: token {row.pk} ({row.prefix}…) revoked.", file=sys.stderr)
    else:
        print(f"kloof: token {row.pk} ({row.prefix}…) was revoked already.", file=sys.stderr)
    return EXIT_OK
