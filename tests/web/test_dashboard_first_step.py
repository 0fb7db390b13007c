"""The first call to action on a case leads somewhere useful: a new case has
nobody of the team to rate as, so it leads to the raters first; once the team
has a rater, to rating. The raters page then leads on to rating, and the rate
page of a case without raters back to adding them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kloof.storage import models
from kloof.storage import rating as store
from kloof.storage.respondents import Answer, create_link, submit
from tests.web.factories import Team, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return make_team()


@pytest.fixture
def new_case(team: Team) -> models.Case:
    case = models.Case.objects.create(workspace=team.workspace, title="Fresh", language="en")
    for position, (key, name, side) in enumerate(
        (("acme", "Acme Buying", "own"), ("boxit", "Boxit Supplies", "counterparty"))
    ):
        models.Party.objects.create(case=case, key=key, name=name, side=side, position=position)
    return case


def url(name: str, case: models.Case) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk})


def primary_buttons(html: str) -> list[tuple[str, str]]:
    """(href, text) of the page's primary link buttons, in order."""
    return re.findall(r'<a class="button primary" href="([^"]*)"[^>]*>([^<]*)</a>', html)


def test_a_new_case_leads_an_editor_to_add_raters_first(client: Client, team, new_case):
    client.force_login(team.editor)
    html = client.get(url("dashboard", new_case)).content.decode()
    assert primary_buttons(html) == [(url("raters", new_case), "Add the people who rate")]
    assert "Nobody of your team rates this case yet." in html
    assert "Rate the parties" not in html


def test_in_dutch_too(client: Client, team, new_case):
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    html = client.get(url("dashboard", new_case)).content.decode()
    assert primary_buttons(html) == [(url("raters", new_case), "Beoordelaars toevoegen")]


def test_with_a_rater_of_the_team_it_leads_to_rating(client: Client, team, new_case):
    store.add_rater(new_case, "Ann", new_case.parties.get(key="acme"), team.editor)
    client.force_login(team.editor)
    html = client.get(url("dashboard", new_case)).content.decode()
    assert primary_buttons(html) == [(url("rate", new_case), "Rate the parties")]
    assert "Nobody of your team rates this case yet." not in html


def test_a_respondent_is_not_a_rater_the_team_can_rate_as(client: Client, team, new_case):
    link, _token = create_link(
        new_case,
        party=new_case.parties.get(key="boxit"),
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=3),
    )
    submit(link, [Answer(subject_id=new_case.parties.get(key="acme").pk, factor="trust", score=3)])
    client.force_login(team.editor)
    html = client.get(url("dashboard", new_case)).content.decode()
    assert primary_buttons(html) == [(url("raters", new_case), "Add the people who rate")]


def test_a_viewer_gets_no_call_to_act(client: Client, team, new_case):
    client.force_login(team.viewer)
    html = client.get(url("dashboard", new_case)).content.decode()
    assert primary_buttons(html) == []
    assert "Nobody of your team rates this case yet." not in html


def test_the_raters_page_leads_on_to_rating_once_there_is_a_rater(client: Client, team, new_case):
    client.force_login(team.editor)
    assert primary_buttons(client.get(url("raters", new_case)).content.decode()) == []
    response = client.post(
        url("raters", new_case),
        {"name": "Ann", "party": new_case.parties.get(key="acme").pk, "member": ""},
        follow=True,
    )
    assert primary_buttons(response.content.decode()) == [
        (url("rate", new_case), "Rate the parties")
    ]


def test_the_rate_page_of_a_case_without_raters_leads_to_adding_them(
    client: Client, team, new_case
):
    client.force_login(team.editor)
    html = client.get(url("rate", new_case)).content.decode()
    assert primary_buttons(html) == [(url("raters", new_case), "Add the people who rate")]
