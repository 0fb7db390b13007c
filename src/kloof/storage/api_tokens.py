"""Personal API tokens: create, check, revoke, list. No HTTP here.

A token acts as one user in one workspace. It is ``kloof_`` followed by 32
random bytes from :mod:`secrets` (256 bits, URL-safe base64), shown once to
whoever creates it; only its SHA-256 is stored, with its first characters
(``prefix``) to tell tokens apart in a list.

Every call is checked against the database as it is now: a revoked token, or
the token of a user who is no longer a member of its workspace (or whose
account is disabled), is refused; the role is the user's role in the workspace
at the moment of the call, so a demoted member's tokens are demoted at once.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from kloof.storage.models import ApiToken, Membership, Workspace

PREFIX = "kloof_"
TOKEN_BYTES = 32
#: How many characters of the token are kept in clear, to recognise it in a list.
SHOWN_LENGTH = 12
#: ``last_used`` is written at most this often per token (not on every call).
LAST_USED_EVERY = timedelta(minutes=1)
#: Longer than any token we make; longer input is refused without hashing it.
MAX_LENGTH = 200
NAME_LENGTH = 100


class Refusal(enum.Enum):
    """Why a token was refused (logged; never the token itself)."""

    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    NOT_A_MEMBER = "not a member"
    INACTIVE = "inactive user"


class NotAMemberError(Exception):
    """A token was asked for a workspace the user is not a member of."""


@dataclass(frozen=True)
class TokenUse:
    """An accepted token: who calls, in which workspace, with which role now."""

    token: ApiToken
    user: AbstractBaseUser
    workspace: Workspace
    role: str


@dataclass(frozen=True)
class TokenCheck:
    """The answer of :func:`check_token`: ``use`` when accepted, else ``refusal``."""

    use: TokenUse | None = None
    refusal: Refusal | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    user: AbstractBaseUser, workspace: Workspace, name: str = ""
) -> tuple[ApiToken, str]:
    """A new token of ``user`` for ``workspace`` and its clear text (the only
    time it exists). Raises :class:`NotAMemberError` if the user is not a member."""
    if not Membership.objects.filter(user=user, workspace=workspace).exists():
        raise NotAMemberError(f"{user} is not a member of {workspace}")
    secret = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = ApiToken.objects.create(
        user=user,
        workspace=workspace,
        name=" ".join(name.split())[:NAME_LENGTH],
        token_hash=token_hash(secret),
        prefix=secret[:SHOWN_LENGTH],
    )
    return row, secret


def check_token(secret: str, now: datetime | None = None) -> TokenCheck:
    """Accept or refuse ``secret``; an accepted token's ``last_used`` is raised
    when it is older than :data:`LAST_USED_EVERY`. One query to read, at most
    one to write."""
    if not secret or len(secret) > MAX_LENGTH or not secret.startswith(PREFIX):
        return TokenCheck(refusal=Refusal.MALFORMED)
    role = Membership.objects.filter(
        user_id=OuterRef("user_id"), workspace_id=OuterRef("workspace_id")
    ).values("role")[:1]
    row = (
        ApiToken.objects.select_related("user", "workspace")
        .annotate(member_role=Subquery(role))
        .filter(token_hash=token_hash(secret))
        .first()
    )
    if row is None:
        return TokenCheck(refusal=Refusal.UNKNOWN)
    if row.revoked is not None:
        return TokenCheck(refusal=Refusal.REVOKED)
    if row.member_role is None:  # type: ignore[attr-defined]  # from annotate
        return TokenCheck(refusal=Refusal.NOT_A_MEMBER)
    if not row.user.is_active:
        return TokenCheck(refusal=Refusal.INACTIVE)
    _touch(row, now or timezone.now())
    use = TokenUse(
        token=row,
        user=row.user,
        workspace=row.workspace,
        role=row.member_role,  # type: ignore[attr-defined]
    )
    return TokenCheck(use=use)


def _touch(row: ApiToken, now: datetime) -> None:
    """Raise ``last_used``, at most once per :data:`LAST_USED_EVERY` (the
    condition is in the UPDATE, so parallel calls write it once too)."""
    if row.last_used is not None and now - row.last_used < LAST_USED_EVERY:
        return
    stale = Q(last_used__isnull=True) | Q(last_used__lt=now - LAST_USED_EVERY)
    if ApiToken.objects.filter(stale, pk=row.pk).update(last_used=now):
        row.last_used = now


def tokens_of(workspace: Workspace, user: AbstractBaseUser | None = None) -> QuerySet[ApiToken]:
    """The workspace's tokens, newest first; only ``user``'s when given."""
    rows = ApiToken.objects.filter(workspace=workspace).select_related("user")
    return rows.filter(user=user) if user is not None else rows


def revoke_token(workspace: Workspace, token_id: int, user: AbstractBaseUser | None = None) -> bool:
    """Revoke a token of ``workspace`` (only ``user``'s, when given); False if
    there is no such token that is not revoked yet."""
    rows = ApiToken.objects.filter(pk=token_id, workspace=workspace, revoked__isnull=True)
    if user is not None:
        rows = rows.filter(user=user)
    return rows.update(revoked=timezone.now()) == 1


def find_token(
    workspace: Workspace, token_id: int, user: AbstractBaseUser | None = None
) -> ApiToken | None:
    rows = tokens_of(workspace, user)
    return rows.filter(pk=token_id).first()
