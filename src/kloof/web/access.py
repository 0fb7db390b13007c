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
from django.db import connection
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
    membership in it and, for case views, the case (of that workspace).

    ``workspaces`` are all the user's workspaces by name, read by the same query
    as the membership, for the layout's workspace switcher (``None``: not read)."""

    workspace: Workspace
    membership: Membership
    case: Case | None = None
    workspaces: tuple[Workspace, ...] | None = None

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
    return check_access(request, slug, min_role)


def check_access(
    request: HttpRequest, slug: str, min_role: Role, case_id: int | None = None
) -> Access:
    """The access of the logged-in user to workspace ``slug`` and, with
    ``case_id``, to that case of it; raises 404 or 403.

    One query: every membership of the user with its workspace (the layout's
    workspace switcher needs them all anyway) and, joined to each, the case
    ``case_id`` when it belongs to that membership's workspace. So the case is
    only ever found within a workspace the user is a member of, and the check
    runs against the database on every request (a removed member is out at once).
    """
    memberships = _memberships(request.user.pk, case_id)
    membership = next((m for m in memberships if m.workspace.slug == slug), None)
    if membership is None:
        raise Http404("no such workspace")
    if not allows(membership.role, min_role):
        raise PermissionDenied("role too low")
    case = None
    if case_id is not None:
        case = membership.asked_case  # type: ignore[attr-defined]  # from _memberships
        if case is None:
            raise Http404("no such case")
        case.workspace = membership.workspace  # the same row: no query when a view asks
    return Access(
        workspace=membership.workspace,
        membership=membership,
        case=case,
        workspaces=tuple(m.workspace for m in memberships),
    )


def _memberships(user_id: Any, case_id: int | None) -> list[Membership]:
    """The query of :func:`check_access`: the user's memberships by workspace name,
    each with its ``workspace`` and ``asked_case``, the case ``case_id`` of that
    workspace or ``None``.

    Plain SQL built once from the models' own columns: the ORM would compile the
    same join anew on every request, which cost most of a cached dashboard's
    access check. The values go through the ORM's converters (SQLite returns
    dates as text), so the instances equal what the ORM would build."""
    sql, models = _access_sql(case_id is not None)
    params = [case_id, user_id] if case_id is not None else [user_id]
    memberships = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            objects = []
            start = 0
            for model in models:
                fields = model._meta.concrete_fields
                values = row[start : start + len(fields)]
                start += len(fields)
                objects.append(_instance(model, fields, values))
            membership, workspace, *case = objects
            membership.workspace = workspace
            membership.asked_case = case[0] if case else None  # type: ignore[attr-defined]
            memberships.append(membership)
    return memberships


def _instance(model: type[Any], fields: Any, values: tuple[Any, ...]) -> Any:
    """A model instance from its columns' raw values (``None``: a row the LEFT
    JOIN did not find)."""
    if values[0] is None:
        return None
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + field.get_db_converters(
            connection
        ):
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)


# Table and column names come from our own models only; the ids are parameters.
@functools.cache
def _access_sql(with_case: bool) -> tuple[str, tuple[type[Any], ...]]:
    """The SQL of :func:`_memberships` and the models of its columns, in order."""
    models: tuple[type[Any], ...] = (Membership, Workspace) + ((Case,) if with_case else ())
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"{quote(model._meta.db_table)}.{quote(field.column)}"
        for model in models
        for field in model._meta.concrete_fields
    )
    membership, workspace, case = (quote(m._meta.db_table) for m in (Membership, Workspace, Case))
    # The case is joined on its id *and* the membership's workspace: a case of
    # another workspace joins no row of this one.
    join = (
        f" LEFT JOIN {case} ON {case}.workspace_id = {workspace}.id AND {case}.id = %s"
        if with_case
        else ""
    )
    sql = (
        f"SELECT {columns} FROM {membership}"  # noqa: S608
        f" JOIN {workspace} ON {workspace}.id = {membership}.workspace_id{join}"
        f" WHERE {membership}.user_id = %s ORDER BY {workspace}.name, {workspace}.id"
    )
    return sql, models


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
            access = check_access(request, slug, min_role, case_id)
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

    Below ``/w/<slug>/`` the access check has read the user's workspaces already;
    elsewhere they are read lazily, so a page that does not show the switcher
    costs no query.
    """
    access = getattr(request, "kloof_access", None)
    if access is not None and access.workspaces is not None:
        return {"kloof_workspaces": access.workspaces, "kloof_access": access}
    return {
        "kloof_workspaces": SimpleLazyObject(lambda: user_workspaces(request)),
        "kloof_access": getattr(request, "kloof_access", None),
    }
