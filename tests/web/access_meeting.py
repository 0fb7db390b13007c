"""Access entries of the meeting view, outcomes and minutes (web pages)."""

from __future__ import annotations

from typing import Any

from kloof.storage.models_dialogue import Agenda
from tests.web.access_table import World, case_kwargs, in_workspace
from tests.web.agenda_factory import make_agenda


def _agenda(world: World) -> None:
    if not Agenda.objects.filter(case=world.case).exists():
        make_agenda(world.case)


def meeting_kwargs(world: World) -> dict[str, Any]:
    _agenda(world)
    return case_kwargs(world)


def item_kwargs(world: World) -> dict[str, Any]:
    _agenda(world)
    return {**case_kwargs(world), "number": 1}


def outcome_data(world: World) -> dict[str, Any]:
    item = Agenda.objects.get(case=world.case).items.order_by("position").first()
    return {"version": item.version, "outcome": "named", "note": "Both see it"}


ACCESS_ENTRIES = {
    "meeting": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=meeting_kwargs),
    "meeting_item": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=item_kwargs),
    "meeting_outcome": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=item_kwargs, data=outcome_data
    ),
    "minutes": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=meeting_kwargs),
}
