"""The relationship form pages' saves per role: a viewer's POST is refused
before anything is written, an editor's and an owner's is saved (redirect).
The route-and-role table checks the same pages by GET."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kloof.storage.models import ContractPhase, Relationship

# access_table first: it builds the table from access_relationships.
from tests.web import access_table
from tests.web.access_relationships import FORM_SAVES


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORM_SAVES))
@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 302), ("owner", 302)])
def test_a_form_save_needs_an_editor(name: str, role: str, status: int) -> None:
    world = access_table.build_world()
    kwargs, data = FORM_SAVES[name]
    url = reverse(name, kwargs=kwargs(world))
    before = (
        list(Relationship.objects.values()),
        list(ContractPhase.objects.values()),
        world.team.workspace.cases.count(),
    )
    client = Client()
    client.force_login(getattr(world.team, role))
    assert client.post(url, data(world)).status_code == status
    after = (
        list(Relationship.objects.values()),
        list(ContractPhase.objects.values()),
        world.team.workspace.cases.count(),
    )
    assert (after == before) is (status == 403)
