"""Access entries of the register, the history and evidence notes."""

from __future__ import annotations

from typing import Any

from kloof.storage import models
from tests.web.access_table import World, case_kwargs, in_workspace


def entry_kwargs(world: World) -> dict[str, Any]:
    entry = world.case.differences.order_by("position").first()
    return {**case_kwargs(world), "diff_id": entry.pk}


def action_kwargs(world: World) -> dict[str, Any]:
    action = models.Action.objects.filter(difference__case=world.case).order_by("id").first()
    return {**case_kwargs(world), "action_id": action.pk}


def note_kwargs(world: World) -> dict[str, Any]:
    party = world.case.parties.order_by("position").first()
    note = models.EvidenceNote.objects.create(
        case=world.case, party=party, factor="trust", source="interview", text="Heard it."
    )
    return {**case_kwargs(world), "note_id": note.pk}


def action_data(world: World) -> dict[str, Any]:
    return {"text": "Call their account manager", "owner": "maria", "due": "2026-12-01"}


ACCESS_ENTRIES = {
    "register": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "register_entry": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=entry_kwargs),
    "register_new": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "action_add": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=entry_kwargs, data=action_data
    ),
    "action_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=action_kwargs),
    "history": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "evidence": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=case_kwargs),
    "evidence_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=note_kwargs),
}
