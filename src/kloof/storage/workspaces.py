"""Commands on workspaces, members and invitations (no HTTP here).

Invitation tokens: 32 random bytes from :mod:`secrets` (256 bits), shown once
in the link; the database keeps only their SHA-256.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from kloof.storage.models import Invitation, Membership, Workspace

INVITATION_LIFETIME = timedelta(days=14)
TOKEN_BYTES = 32


class LastOwnerError(Exception):
    """The change would leave the workspace without an owner."""


class InvitationState(enum.Enum):
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"


@transaction.atomic
def create_workspace(name: str, owner: AbstractBaseUser) -> Workspace:
    """A new workspace with ``owner`` as its first member and owner."""
    workspace = Workspace.objects.create(name=name)
    Membership.objects.create(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_invitation(
    workspace: Workspace, role: str, created_by: AbstractBaseUser
) -> tuple[Invitation, str]:
    """A new invitation and its token (the only time the token is known)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation.objects.create(
        workspace=workspace,
        role=role,
        token_hash=token_hash(token),
        created_by=created_by,
        expires=timezone.now() + INVITATION_LIFETIME,
    )
    return invitation, token


def find_invitation(token: str) -> tuple[Invitation | None, InvitationState]:
    """The invitation of ``token`` and whether it can still be used."""
    invitation = (
        Invitation.objects.select_related("workspace").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        return None, InvitationState.UNKNOWN
    if invitation.revoked is not None:
        return invitation, InvitationState.REVOKED
    if invitation.used is not None:
        return invitation, InvitationState.USED
    if invitation.expires <= timezone.now():
        return invitation, InvitationState.EXPIRED
    return invitation, InvitationState.VALID


@transaction.atomic
def accept_invitation(
    token: str, user: AbstractBaseUser
) -> tuple[Workspace | None, InvitationState]:
    """Make ``user`` a member with the invitation's role, using it up.

    A user who is a member already keeps their role and leaves the invitation
    unused for someone else. The update is conditional, so two people using one
    link at the same moment cannot both join.
    """
    invitation, state = find_invitation(token)
    if invitation is None or state is not InvitationState.VALID:
        return None, state
    workspace = invitation.workspace
    if Membership.objects.filter(workspace=workspace, user=user).exists():
        return workspace, InvitationState.VALID
    taken = Invitation.objects.filter(pk=invitation.pk, used__isnull=True).update(
        used=timezone.now(), used_by=user
    )
    if not taken:
        return None, InvitationState.USED
    Membership.objects.create(workspace=workspace, user=user, role=invitation.role)
    return workspace, InvitationState.VALID


def revoke_invitation(workspace: Workspace, invitation_id: int) -> bool:
    """Revoke an open invitation of ``workspace``; False when there is none."""
    return bool(
        Invitation.objects.filter(
            pk=invitation_id, workspace=workspace, used__isnull=True, revoked__isnull=True
        ).update(revoked=timezone.now())
    )


def open_invitations(workspace: Workspace) -> list[Invitation]:
    return list(
        workspace.invitations.filter(
            used__isnull=True, revoked__isnull=True, expires__gt=timezone.now()
        )
    )


@transaction.atomic
def change_role(workspace: Workspace, membership_id: int, role: str) -> Membership | None:
    """Give a member another role; None when there is no such member here."""
    membership = (
        Membership.objects.select_for_update().filter(pk=membership_id, workspace=workspace).first()
    )
    if membership is None:
        return None
    if membership.role == Membership.Role.OWNER and role != Membership.Role.OWNER:
        _keep_an_owner(workspace)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(workspace: Workspace, membership_id: int) -> bool:
    """Remove a member; False when there is no such member here."""
    membership = (
        Membership.objects.select_for_update().filter(pk=membership_id, workspace=workspace).first()
    )
    if membership is None:
        return False
    if membership.role == Membership.Role.OWNER:
        _keep_an_owner(workspace)
    membership.delete()
    return True


def _keep_an_owner(workspace: Workspace) -> None:
    owners = Membership.objects.select_for_update().filter(
        workspace=workspace, role=Membership.Role.OWNER
    )
    if owners.count() <= 1:
        raise LastOwnerError
