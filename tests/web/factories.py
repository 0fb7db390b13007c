"""Building users, workspaces with members per role, and cases for web tests.

Users made here have no usable password unless one is given (Argon2 hashing
takes a tenth of a second); log them in with ``client.force_login(user)``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from kloof.domain.model import Case as DomainCase
from kloof.formats.casefile import load_case
from kloof.storage import models
from kloof.storage.mapping import case_from_domain

ROOT = Path(__file__).resolve().parents[2]
DEMO_CASE = ROOT / "examples" / "demo-contract-renewal.yaml"
DEMO_TITLE = "Packaging contract renewal 2027"
#: A password that passes Django's validators, for tests that log in for real.
PASSWORD = "Kloof-test-2026-salt"


def make_user(email: str, password: str | None = None) -> AbstractBaseUser:
    """A user whose email address is the user name, as sign-up makes them."""
    return get_user_model().objects.create_user(username=email, email=email, password=password)


def make_workspace(name: str, owner: AbstractBaseUser | None = None) -> models.Workspace:
    workspace = models.Workspace.objects.create(name=name)
    if owner is not None:
        add_member(workspace, owner, models.Membership.Role.OWNER)
    return workspace


def add_member(workspace: models.Workspace, user: AbstractBaseUser, role: str) -> models.Membership:
    return models.Membership.objects.create(workspace=workspace, user=user, role=role)


@functools.cache
def demo_domain_case() -> DomainCase:
    """The parsed demo case (parsed once: domain objects are immutable)."""
    return load_case(DEMO_CASE)


def make_demo_case(workspace: models.Workspace, title: str | None = None) -> models.Case:
    """The demo case of ``examples/`` stored in ``workspace`` (optionally retitled)."""
    row = case_from_domain(workspace, demo_domain_case())
    if title is not None:
        row.title = title
        row.save(update_fields=["title"])
    return row


@dataclass(frozen=True)
class Team:
    """A workspace with one member per role, and an outsider: the owner of
    another workspace, who must see nothing of this one."""

    workspace: models.Workspace
    owner: AbstractBaseUser
    editor: AbstractBaseUser
    viewer: AbstractBaseUser
    outsider: AbstractBaseUser
    other_workspace: models.Workspace

    def user(self, role: str) -> AbstractBaseUser:
        """The user of ``role`` ("owner", "editor", "viewer" or "outsider")."""
        return getattr(self, role)

    def membership(self, role: str) -> models.Membership:
        return models.Membership.objects.get(workspace=self.workspace, user=self.user(role))


def make_team(name: str = "Purchasing", other_name: str = "Elsewhere") -> Team:
    prefix = name.lower().replace(" ", "-")
    workspace = make_workspace(name)
    users = {}
    for role in ("owner", "editor", "viewer"):
        users[role] = make_user(f"{role}@{prefix}.example")
        add_member(workspace, users[role], role)
    outsider = make_user(f"outsider@{prefix}.example")
    other = make_workspace(other_name, owner=outsider)
    return Team(workspace=workspace, outsider=outsider, other_workspace=other, **users)


def demo_case_urls(client: Client, *names: str) -> dict[str, str]:
    """A fresh team's demo case, ``client`` logged in as its viewer, and the URLs
    of the case pages ``names`` (route names taking ``slug`` and ``case_id``)."""
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    kwargs = {"slug": team.workspace.slug, "case_id": case.pk}
    return {name: reverse(name, kwargs=kwargs) for name in names}
