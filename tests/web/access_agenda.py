"""Access entries of the dialogue agenda: viewers read, editors change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kloof.storage import agenda as store
from kloof.storage.agenda_links import create_link
from tests.web.access_table import World, case_kwargs, in_workspace, public
from tests.web.factories import make_demo_case


def _agenda(world: World):
    found = store.find_agenda(world.case)
    return found if found is not None else store.generate(world.case, world.team.owner)


def item_kwargs(world: World) -> dict[str, Any]:
    item = store.items_of(_agenda(world))[0]
    return {**case_kwargs(world), "item_id": item.pk}


def with_agenda(world: World) -> dict[str, Any]:
    _agenda(world)
    return case_kwargs(world)


def _list_version(world: World) -> dict[str, Any]:
    return {"agenda_version": _agenda(world).version, "direction": "down"}


def _share(world: World) -> dict[str, Any]:
    item = store.items_of(_agenda(world))[0]
    return {"version": item.version, "shareable": "on"}


def link_kwargs(world: World) -> dict[str, Any]:
    link, _token = create_link(
        world.case, language="en", expires=timezone.now() + timedelta(days=7)
    )
    return {**case_kwargs(world), "link_id": link.pk}


def shared_token(world: World) -> dict[str, Any]:
    """An open link of a case of its own: the page names the case's parties, and
    the world's first party carries the marker strangers must not see."""
    case = make_demo_case(world.team.workspace, title="Shared agenda")
    store.generate(case, None)
    _link, token = create_link(case, language="en", expires=timezone.now() + timedelta(days=7))
    return {"token": token}


ACCESS_ENTRIES = {
    # The other side's link: whoever holds it, with or without an account.
    "agenda_shared": public(kwargs=shared_token),
    "agenda_shared_pdf": public(kwargs=shared_token),
    "agenda_links": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "agenda_link_revoke": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=link_kwargs
    ),
    "agenda": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=with_agenda),
    "agenda_generate": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "agenda_date": in_workspace(
        "POST",
        viewer=403,
        editor=302,
        owner=302,
        kwargs=with_agenda,
        data=lambda world: {"agenda_version": _agenda(world).version, "date": "2027-01-15"},
    ),
    "agenda_history": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=with_agenda),
    "agenda_counterparty": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=with_agenda
    ),
    "agenda_download": in_workspace(
        "GET",
        viewer=200,
        editor=200,
        owner=200,
        kwargs=lambda world: {**with_agenda(world), "audience": "counterparty", "fmt": "html"},
    ),
    "agenda_item": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=item_kwargs),
    "agenda_item_add": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=with_agenda),
    "agenda_item_share": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=item_kwargs, data=_share
    ),
    "agenda_item_move": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=item_kwargs, data=_list_version
    ),
    "agenda_item_remove": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=item_kwargs, data=_list_version
    ),
}
