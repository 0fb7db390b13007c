"""``kloof demo``: kloof web with a demo login, workspace and case, ready to try.

The demo user's password is new and random on every start and printed with the
URL: a fixed, published password would let anyone who can reach the server log
in, and kloof may be started on a reachable address.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kloof.web import runner

if TYPE_CHECKING:
    from kloof.domain.model import Case

DEMO_EMAIL = "demo@example.com"
DEMO_WORKSPACE = "Demo"
DEMO_SLUG = "demo"
DEMO_CASE = Path(__file__).resolve().parents[3] / "examples" / "demo-contract-renewal.yaml"


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    workspace_slug: str


def run(host: str, port: int) -> int:
    """Migrate, set up the demo data, print how to log in, then serve."""
    if not runner.setup():
        return 2
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    login = ensure_demo()
    url = f"http://{runner.bind(host, port)}/"
    print(
        f"kloof demo: open {url} and log in as {login.email} "
        f"with password {login.password}\n"
        f"kloof demo: the demo case is in {url}w/{login.workspace_slug}/",
        flush=True,
    )
    return runner.serve(host, port, migrate=False)


def ensure_demo() -> Login:
    """The demo user (with a new password), workspace and case; made when missing."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kloof.storage.mapping import case_from_domain
    from kloof.storage.models import Membership, Profile, Workspace

    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_EMAIL, defaults={"email": DEMO_EMAIL}
        )
        user.set_password(password)
        user.save()
        Profile.objects.get_or_create(user=user)
        workspace = Workspace.objects.filter(slug=DEMO_SLUG).first()
        if workspace is None:
            workspace = Workspace.objects.create(name=DEMO_WORKSPACE, slug=DEMO_SLUG)
        Membership.objects.update_or_create(
            workspace=workspace, user=user, defaults={"role": Membership.Role.OWNER}
        )
        case = demo_case()
        if not workspace.cases.filter(title=case.title).exists():
            case_from_domain(workspace, case)
    return Login(email=DEMO_EMAIL, password=password, workspace_slug=workspace.slug)


def demo_case() -> Case:
    """The demo case of ``examples/``; installed without the source tree, the
    case template (a smaller worked example) instead."""
    from kloof.formats.casefile import load_case, parse_case
    from kloof.formats.template import case_template

    if DEMO_CASE.is_file():
        return load_case(DEMO_CASE)
    return parse_case(case_template("en").encode("utf-8"), "template.yaml")
