"""Group sessions in the route-and-role table.

The trainer's pages: any member watches (the list, the live screen), editors
and owners start, reveal, close and export. The session link ``/g/<token>``
opens for whoever holds it, like a respondent link (302 to ``/group/``); the
participants' pages answer 403 ("open the session link") to anybody whose
browser has not opened a link, whatever their role in a workspace.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage.group_sessions import create_session
from tests.web.access_api import post_only, session_refused
from tests.web.access_table import KINDS, World, in_workspace, public, workspace_kwargs


def _session(world: World) -> Any:
    session, _token = create_session(
        world.team.workspace,
        scenario="supplier-price-rise",
        language="en",
        expires=timezone.now() + timedelta(hours=2),
    )
    return session


def session_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "session_id": _session(world).pk}


def results_kwargs(world: World) -> dict[str, Any]:
    return {**session_kwargs(world), "fmt": "csv"}


def token_kwargs(world: World) -> dict[str, Any]:
    _session, token = create_session(
        world.team.workspace,
        scenario="supplier-price-rise",
        language="en",
        expires=timezone.now() + timedelta(hours=2),
    )
    return {"token": token}


def no_link(method: str) -> dict[str, Any]:
    """A participant page without the link's cookie: 403 for everybody."""
    return {"method": method, **dict.fromkeys(KINDS, 403)}


ACCESS_ENTRIES = {
    "group_start": public(status=302, kwargs=token_kwargs),
    "group_page": no_link("GET"),
    "group_join": no_link("POST"),
    "group_answer": no_link("POST"),
    "group_sessions": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "group_session": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=session_kwargs),
    "group_session_live": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=session_kwargs
    ),
    "group_session_reveal": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=session_kwargs
    ),
    "group_session_close": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=session_kwargs
    ),
    "group_session_results": in_workspace(
        "GET", viewer=403, editor=200, owner=200, kwargs=results_kwargs
    ),
}


def _api_session(world: World) -> dict[str, Any]:
    return {"session": _session(world).pk}


ACCESS_ENTRIES.update(
    {
        "api_group_sessions": session_refused(),
        "api_group_session_create": session_refused(),
        "api_group_session": session_refused(kwargs=_api_session),
        "api_group_session_close": post_only(kwargs=_api_session),
        "api_group_session_reveal": post_only(kwargs=_api_session),
        "api_group_session_live": session_refused(kwargs=_api_session),
        "api_group_session_results": session_refused(kwargs=_api_session),
    }
)
