"""Editing a case keeps its agenda sound: renaming an own factor renames the
agenda's items about it, and removing one an item is about is refused."""

from __future__ import annotations

import pytest

from kloof.storage.models import Agenda, AgendaItem, CaseFactor
from tests.web.factories import make_team
from tests.web.test_cases_edit import edit_url, form_data, template_row

pytestmark = pytest.mark.django_db


def with_speed_item(team):
    case = template_row(team)
    CaseFactor.objects.create(
        case=case,
        key="speed",
        position=1,
        data={
            "key": "speed",
            "name": {"nl": "Tempo", "en": "Speed"},
            "left": {"nl": "a", "en": "a"},
            "right": {"nl": "b", "en": "b"},
        },
    )
    first, second = case.parties.order_by("position")[:2]
    agenda = Agenda.objects.create(case=case)
    item = AgendaItem.objects.create(
        agenda=agenda, kind="position", factor="speed", party_a=first, party_b=second, title="Pace"
    )
    return case, item


def test_renaming_an_own_factor_renames_the_agendas_items(client):
    team = make_team()
    case, item = with_speed_item(team)
    client.force_login(team.editor)
    data = form_data(case, **{"factors-1-key": "pace"})
    assert client.post(edit_url(case), data).status_code == 302
    item.refresh_from_db()
    assert item.factor == "pace"


def test_removing_an_own_factor_the_agenda_is_about_is_refused(client):
    team = make_team()
    case, _item = with_speed_item(team)
    client.force_login(team.editor)
    response = client.post(edit_url(case), form_data(case, **{"factors-1-DELETE": "on"}))
    assert response.status_code == 400
    (message,) = response.context["form"].non_field_errors()
    assert message.startswith(
        "The case would not be valid: agenda, item 1: unknown factor 'speed' — use one of: "
    )
    assert CaseFactor.objects.filter(case=case, key="speed").exists()
