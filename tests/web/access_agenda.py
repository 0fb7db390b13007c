"""Access entries of the dialogue agenda: viewers read, editors change."""

from __future__ import annotations

from typing import Any

from kloof.storage import agenda as store
from tests.web.access_table import World, case_kwargs, in_workspace


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


ACCESS_ENTRIES = {
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
