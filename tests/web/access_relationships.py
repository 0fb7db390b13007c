"""Who may use the relationships pages: viewers read, editors change; the
outsider gets 404 (the other workspace's relationship id with this slug too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from kloof.storage.phases import add_phase
from kloof.storage.relationships import RelationshipFields, create_relationship, link_case
from tests.web.access_table import World, case_kwargs, in_workspace, workspace_kwargs


def relationship_of(world: World) -> Any:
    """The world's relationship (made once per world), with the demo case linked."""
    existing = world.team.workspace.relationships.first()
    if existing is not None:
        return existing
    row = create_relationship(world.team.workspace, RelationshipFields(name="Acme"))
    link_case(world.case, row, None)
    add_phase(row, date(2030, 1, 1), date(2030, 3, 31), "tender")
    return row


def rel_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "rel_id": relationship_of(world).pk}


def phase_kwargs(world: World) -> dict[str, Any]:
    row = relationship_of(world)
    return {**rel_kwargs(world), "phase_id": row.phases.first().pk}


def _phase_data(world: World) -> dict[str, str]:
    return {"start": "2031-01-01", "end": "2031-02-01", "note": "renewal"}


def _review_data(world: World) -> dict[str, str]:
    return {"previous": str(world.case.pk), "date": "2029-06-01"}


def _edit_data(world: World) -> dict[str, str]:
    row = relationship_of(world)
    return {"name": "Acme Ltd", "cadence_months": "12", "owner": "", "version": str(row.version)}


ACCESS_ENTRIES = {
    "relationships": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "relationship_create": in_workspace(
        "GET", viewer=403, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "relationship": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=rel_kwargs),
    # A form page: GET shows it (the role check covers POST alike; the
    # saves are checked per role in test_relationship_form_saves.py).
    "relationship_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=rel_kwargs),
    "relationship_archive": in_workspace(
        "POST",
        viewer=403,
        editor=302,
        owner=302,
        kwargs=rel_kwargs,
        data=lambda world: {"archived": "0"},
    ),
    "relationship_link": in_workspace(
        "POST",
        viewer=403,
        editor=302,
        owner=302,
        kwargs=rel_kwargs,
        data=lambda world: {"case": str(world.case.pk)},
    ),
    "relationship_ics": in_workspace("GET", viewer=200, editor=200, owner=200, kwargs=rel_kwargs),
    # A form page: GET shows it (the role check covers POST alike; the
    # saves are checked per role in test_relationship_form_saves.py).
    "relationship_review": in_workspace(
        "GET", viewer=403, editor=200, owner=200, kwargs=rel_kwargs
    ),
    # A form page: GET shows it (the role check covers POST alike; the
    # saves are checked per role in test_relationship_form_saves.py).
    "phase_create": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=rel_kwargs),
    # A form page: GET shows it (the role check covers POST alike; the
    # saves are checked per role in test_relationship_form_saves.py).
    "phase_edit": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=phase_kwargs),
    "phase_remove": in_workspace("POST", viewer=403, editor=302, owner=302, kwargs=phase_kwargs),
    "case_relationship": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
}

#: The form pages' saves, checked per role beside the table (which GETs them):
#: URL name, its kwargs and the data a save posts.
FORM_SAVES = {
    "relationship_edit": (rel_kwargs, _edit_data),
    "relationship_review": (rel_kwargs, _review_data),
    "phase_create": (rel_kwargs, _phase_data),
    "phase_edit": (phase_kwargs, _phase_data),
}
