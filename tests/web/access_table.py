"""Who gets which answer from every named URL: the table ``test_access`` checks.

Every URL name of the resolver needs an entry here; a new URL without one fails
``test_every_url_has_an_entry_in_the_access_table``. An entry gives the method,
the expected status per kind of user, and how to build the URL's arguments (and
the posted data) from the :class:`World` of the test:

    ACCESS["case_edit"] = in_workspace("GET", viewer=403, editor=200, owner=200,
                                       kwargs=case_kwargs)

Kinds of users: ``anonymous``; ``outsider`` (owner of *another* workspace);
``viewer``, ``editor``, ``owner`` of the world's workspace; and respondents, who
have no account, only the session their secret link gave them:
``respondent_a`` (an open link of the world's case), ``respondent_b`` (an open
link of the other workspace's case) and ``respondent_revoked`` (a link of the
world's case, revoked after it was opened). An entry that names no answer for a
respondent kind expects the anonymous answer: on a team URL a respondent is
nobody. The helpers below fill them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import create_link
from kloof.storage.workspaces import create_invitation
from tests.web.factories import Team, make_demo_case, make_team

#: Planted in the other workspace's name and case; no answer to a user of the
#: world's workspace (or to nobody logged in) may contain it.
MARKER = "MARKER-q7Zx-elsewhere"
#: Planted in a party of the world's case: a respondent of the other workspace
#: (or anybody outside the world's workspace) must never see it.
HOME_MARKER = "HOME-k3Pw-world"
RESPONDENTS = ("respondent_a", "respondent_b", "respondent_revoked")
KINDS = ("anonymous", "outsider", "viewer", "editor", "owner", *RESPONDENTS)
#: The kinds that must see nothing of the world's workspace.
STRANGERS = ("anonymous", "outsider", "respondent_b", "respondent_revoked")


@dataclass(frozen=True)
class World:
    team: Team
    case: models.Case  # the demo case, in team.workspace
    other_case: models.Case  # a case of team.other_workspace, titled with MARKER
    invitation: models.Invitation  # an open invitation of team.workspace
    token: str  # its token
    #: Each respondent kind's link and its token.
    respondent_links: dict[str, tuple[models.RespondentLink, str]]

    @property
    def slug(self) -> str:
        return self.team.workspace.slug


def build_world() -> World:
    team = make_team("Purchasing", other_name=f"Elsewhere {MARKER}")
    case = make_demo_case(team.workspace)
    other_case = make_demo_case(team.other_workspace, title=f"Secret {MARKER}")
    # The respondents' pages show party names: marked, a cross-case read shows.
    _mark_first_party(case, HOME_MARKER)
    _mark_first_party(other_case, MARKER)
    invitation, token = create_invitation(team.workspace, "editor", team.owner)
    links = {
        "respondent_a": _respondent_link(case, "Ann"),
        "respondent_b": _respondent_link(other_case, "Bea"),
        "respondent_revoked": _respondent_link(case, "Rob"),
    }
    return World(
        team=team,
        case=case,
        other_case=other_case,
        invitation=invitation,
        token=token,
        respondent_links=links,
    )


def _mark_first_party(case: models.Case, marker: str) -> None:
    party = case.parties.order_by("position").first()
    party.name = f"{party.name} {marker}"
    party.save(update_fields=["name"])


def _respondent_link(case: models.Case, name: str) -> tuple[models.RespondentLink, str]:
    """An open link rating both parties, as a member of the first one."""
    return create_link(
        case,
        party=case.parties.order_by("position").first(),
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=7),
        name=name,
    )


Kwargs = Callable[[World], dict[str, Any]]


def no_kwargs(world: World) -> dict[str, Any]:
    return {}


def workspace_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug}


def case_kwargs(world: World) -> dict[str, Any]:
    """For URLs under ``/w/<slug>/cases/<case_id>/``; the test also tries the
    other workspace's case id with this slug and expects 404."""
    return {"slug": world.slug, "case_id": world.case.pk}


def viewer_member_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "member_id": world.team.membership("viewer").pk}


def public(method: str = "GET", status: int = 200, **extra: Any) -> dict[str, Any]:
    """Anyone, logged in or not, a respondent or not, gets ``status``."""
    return {"method": method, **dict.fromkeys(KINDS, status), **extra}


def logged_in(method: str = "GET", status: int = 200, **extra: Any) -> dict[str, Any]:
    """Any logged-in user gets ``status``; anonymous (and a respondent, who has no
    account) goes to the log-in page."""
    return {
        "method": method,
        **dict.fromkeys(KINDS, status),
        "anonymous": 302,
        **dict.fromkeys(RESPONDENTS, 302),
        **extra,
    }


def in_workspace(
    method: str, *, viewer: int, editor: int, owner: int, kwargs: Kwargs, **extra: Any
) -> dict[str, Any]:
    """A view of the world's workspace: log-in page for anonymous and respondents,
    404 for the outsider."""
    return {
        "method": method,
        "anonymous": 302,
        "outsider": 404,
        "viewer": viewer,
        "editor": editor,
        "owner": owner,
        **dict.fromkeys(RESPONDENTS, 302),
        "kwargs": kwargs,
        **extra,
    }


def expected(entry: dict[str, Any], kind: str) -> int:
    """The status ``entry`` expects for ``kind``: a respondent kind it does not
    name gets the anonymous answer."""
    if kind in entry:
        return int(entry[kind])
    if kind in RESPONDENTS:
        return int(entry["anonymous"])
    raise KeyError(f"the access entry names no answer for {kind!r}")


def _reset_confirm_kwargs(world: World) -> dict[str, Any]:
    return {"uidb64": "MQ", "token": "set-password"}


ACCESS: dict[str, dict[str, Any]] = {
    # Public on purpose.
    "healthz": public(),
    "home": public(status=302),
    "login": {**public(), "outsider": 302, "viewer": 302, "editor": 302, "owner": 302},
    "signup": {**public(), "outsider": 302, "viewer": 302, "editor": 302, "owner": 302},
    "logout": public("POST", 302),
    "language": public("POST", 302, data=lambda world: {"language": "nl", "next": "/"}),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(kwargs=_reset_confirm_kwargs),
    "password_reset_complete": public(),
    "join": public(status=302, kwargs=lambda world: {"token": world.token}),
    "join_confirm": public(),
    # Any logged-in user.
    "password_change": logged_in(),
    "password_change_done": logged_in(),
    "workspace_list": logged_in(),
    "workspace_create": logged_in(),
    # The workspace.
    "members": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs),
    "member_role": in_workspace(
        "POST",
        viewer=403,
        editor=403,
        owner=302,
        kwargs=viewer_member_kwargs,
        data=lambda world: {"role": "editor"},
    ),
    "member_remove": in_workspace(
        "POST", viewer=403, editor=403, owner=302, kwargs=viewer_member_kwargs
    ),
    "invitation_create": in_workspace(
        "GET", viewer=403, editor=403, owner=200, kwargs=workspace_kwargs
    ),
    "invitation_revoke": in_workspace(
        "POST",
        viewer=403,
        editor=403,
        owner=302,
        kwargs=lambda world: {"slug": world.slug, "invitation_id": world.invitation.pk},
    ),
}


def _area_entries() -> dict[str, dict[str, Any]]:
    """Entries of the other areas, from ``tests/web/access_<area>.py`` modules.

    Each such module defines ``ACCESS_ENTRIES`` (a dict like ``ACCESS`` above),
    built with the helpers of this module; one file per area keeps helpers who
    work in parallel out of each other's way.
    """
    import importlib
    import pkgutil
    from pathlib import Path

    entries: dict[str, dict[str, Any]] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("access_") and info.name != "access_table":
            module = importlib.import_module(f"tests.web.{info.name}")
            overlap = set(entries) & set(module.ACCESS_ENTRIES)
            assert not overlap, f"{info.name} repeats entries: {sorted(overlap)}"
            entries.update(module.ACCESS_ENTRIES)
    return entries


ACCESS.update(_area_entries())
