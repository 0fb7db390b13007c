"""The links between a case, its relationship, the trend and the portfolio,
added after walking issue 11's pages as a negotiator: a case of a relationship
names it on its dashboard (also after the dashboard was cached), with a link to
the trend; in the portfolio a relationship's name leads to the relationship and
the title of its latest case to that case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kloof.storage import models
from kloof.storage.phases import add_phase
from kloof.storage.relationships import RelationshipFields, create_relationship, link_case
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace, title="Renewal 2027")
    return team, case


def dashboard(client, team, case, language="en") -> str:
    url = reverse("dashboard", kwargs={"slug": team.workspace.slug, "case_id": case.pk})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def relationship_line(html: str) -> str | None:
    found = re.search(r'<p class="case-relationship">(.*?)</p>', html, re.S)
    return found[1] if found else None


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Part of the relationship with", "Trend across the reviews")),
        ("nl", ("Hoort bij de relatie met", "Verloop over de reviews")),
    ],
)
def test_the_dashboard_of_a_linked_case_leads_to_its_relationship_and_trend(
    client, world, language, words
):
    team, case = world
    client.force_login(team.viewer)
    client.cookies["django_language"] = language
    assert relationship_line(dashboard(client, team, case, language)) is None  # cached now
    row = create_relationship(team.workspace, RelationshipFields(name="Acme & Co"))
    link_case(case, row, None)
    line = relationship_line(dashboard(client, team, case, language))
    slug = team.workspace.slug
    relationship_url = reverse("relationship", kwargs={"slug": slug, "rel_id": row.pk})
    trend_url = reverse("relationship_trend", kwargs={"slug": slug, "relationship_id": row.pk})
    assert line == (
        f'{words[0]} <a href="{relationship_url}">Acme &amp; Co</a>'
        f' · <a href="{trend_url}">{words[1]}</a>'
    )


def test_in_the_portfolio_the_name_leads_to_the_relationship_the_title_to_the_case(client, world):
    team, case = world
    loose = make_demo_case(team.workspace, title="Loose one")
    row = create_relationship(team.workspace, RelationshipFields(name="Acme"))
    link_case(case, row, None)
    client.force_login(team.viewer)
    slug = team.workspace.slug
    for name in ("portfolio", "portfolio_heatmap"):
        html = client.get(reverse(name, kwargs={"slug": slug})).content.decode()
        cells = re.findall(r'<th scope="row">(.*?)</th>', html, re.S)
        relationship_url = reverse("relationship", kwargs={"slug": slug, "rel_id": row.pk})
        case_url = reverse("dashboard", kwargs={"slug": slug, "case_id": case.pk})
        loose_url = reverse("dashboard", kwargs={"slug": slug, "case_id": loose.pk})
        assert sorted(cell.strip() for cell in cells) == sorted(
            [
                f'<a href="{relationship_url}">Acme</a><br>'
                f'<a class="latest-case" href="{case_url}">Renewal 2027</a>',
                f'<a href="{loose_url}">Loose one</a><br>'
                '<span class="muted">case without relationship</span>',
            ]
        ), name
    assert models.Case.objects.get(pk=case.pk).relationship == row


def test_in_a_phase_begun_days_ago_the_proposal_is_after_it_not_in_the_past(client, world):
    """Today lies 3 days into a 30-day phase: its eve is nearer, but past."""
    team, case = world
    row = create_relationship(team.workspace, RelationshipFields(name="Acme"))
    link_case(case, row, None)
    today = timezone.localdate()
    add_phase(row, today - timedelta(days=3), today + timedelta(days=26), "tender")
    client.force_login(team.editor)
    url = reverse("relationship_review", kwargs={"slug": team.workspace.slug, "rel_id": row.pk})
    after = (today + timedelta(days=27)).isoformat()
    html = client.get(url).content.decode()
    assert f'name="date" value="{after}"' in html
