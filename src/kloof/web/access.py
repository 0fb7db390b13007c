"""Who may see and do what: every workspace and case view goes through here.

Use one decorator on every view below ``/w/<slug>/``::

    @workspace_view("viewer")
    def case_list(request: HttpRequest, access: Access) -> HttpResponse: ...

    @case_view("editor")
    def case_edit(request: HttpRequest, access: Access) -> HttpResponse:
        case = access.case  # always a case of access.workspace

The decorator takes the ``slug`` (and ``case_id``) URL arguments and passes one
:class:`Access` instead; other URL arguments pass through unchanged. Anonymous
users are sent to the log-in page (302); a user who is not a member, or a case of
another workspace, gets 404, so nobody learns that it exists; a member whose role
is too low gets 403.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from kloof.storage.models import Case, Membership, Workspace

Role = str
VIEWER: Role = Membership.Role.VIEWER
EDITOR: Role = Membership.Role.EDITOR
OWNER: Role = Membership.Role.OWNER
#: Each role may do everything the roles before it may.
RANK: dict[Role, int] = {VIEWER: 1, EDITOR: 2, OWNER: 3}

P = ParamSpec("P")
View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Access:
    """The checked answer to "may this user be here": the workspace, the user's
    membership in it and, for case views, the case (of that workspace)."""

    workspace: Workspace
    membership: Membership
    case: Case | None = None

    @property
    def role(self) -> Role:
        return self.membership.role

    def allows(self, role: Role) -> bool:
        """Whether the user's role is ``role`` or higher (for showing buttons)."""
        return allows(self.role, role)

    @property
    def can_edit(self) -> bool:
        return self.allows(EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.allows(OWNER)


def allows(have: Role, need: Role) -> bool:
    """Whether role ``have`` includes role ``need``."""
    return RANK.get(have, 0) >= RANK[need]


def check_workspace(request: HttpRequest, slug: str, min_role: Role) -> Access:
    """The access of the logged-in user to workspace ``slug``; raises 404 or 403."""
    membership = (
        Membership.objects.select_related("workspace")
        .filter(workspace__slug=slug, user_id=request.user.pk)
        .first()
    )
    if membership is None:
        raise Http404("no such workspace")
    if not allows(membership.role, min_role):
        raise PermissionDenied("role too low")
    return Access(workspace=membership.workspace, membership=membership)


def workspace_view(
    min_role: Role,
) -> Callable[[Callable[Concatenate[HttpRequest, Access, P], HttpResponse]], View]:
    """Decorate a view of ``/w/<slug>/…`` that needs at least ``min_role``."""
    _known(min_role)

    def decorate(view: Callable[Concatenate[HttpRequest, Access, P], HttpResponse]) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = check_workspace(request, slug, min_role)
            request.kloof_access = access  # type: ignore[attr-defined]  # for the layout
            return view(request, access, *args, **kwargs)

        wrapper.kloof_min_role = min_role  # type: ignore[attr-defined]
        return wrapper

    return decorate


def case_view(
    min_role: Role,
) -> Callable[[Callable[Concatenate[HttpRequest, Access, P], HttpResponse]], View]:
    """Decorate a view of ``/w/<slug>/cases/<case_id>/…`` that needs ``min_role``.

    The case is looked up *within* the workspace: the id of a case of another
    workspace answers 404 like an id that does not exist.
    """
    _known(min_role)

    def decorate(view: Callable[Concatenate[HttpRequest, Access, P], HttpResponse]) -> View:
        @functools.wraps(view)
        def wrapper(
            request: HttpRequest, slug: str, case_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = check_workspace(request, slug, min_role)
            case = Case.objects.filter(pk=case_id, workspace=access.workspace).first()
            if case is None:
                raise Http404("no such case")
            access = Access(workspace=access.workspace, membership=access.membership, case=case)
            request.kloof_access = access  # type: ignore[attr-defined]
            return view(request, access, *args, **kwargs)

        wrapper.kloof_min_role = min_role  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _known(role: Role) -> None:
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(RANK)}")


def user_workspaces(request: HttpRequest) -> list[Workspace]:
    """The workspaces of the logged-in user, by name (empty when anonymous)."""
    if not request.user.is_authenticated:
        return []
    return list(Workspace.objects.filter(memberships__user_id=request.user.pk).order_by("name"))


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context for the layout: the workspace switcher and the current one.

    Lazy, so a page that does not show the switcher costs no query.
    """
    return {
        "kloof_workspaces": SimpleLazyObject(lambda: user_workspaces(request)),
        "kloof_access": getattr(request, "kloof_access", None),
    }
