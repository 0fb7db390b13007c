"""The portfolio page, its heat map and exports, from the stored summaries."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kloof.storage import models
from kloof.storage.portfolio import Filters, portfolio
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def relationship(team, name, owner=None, months=12):
    return models.Relationship.objects.create(
        workspace=team.workspace, name=name, owner=owner, cadence_months=months
    )


@pytest.fixture
def world():
    """Three relationships (one overdue, one due in 10 days, one without a case)
    and an open case without relationship; an older case of Acme is not shown."""
    team = make_team()
    today = timezone.localdate()
    acme = relationship(team, "Acme", owner=team.editor)
    globex = relationship(team, "Globex", owner=team.owner)
    relationship(team, "Initech")
    old = make_demo_case(team.workspace, title="Acme 2024")
    new = make_demo_case(team.workspace, title="Acme 2025")
    models.Case.objects.filter(pk=old.pk).update(
        relationship=acme, date=today - timedelta(days=800)
    )
    models.Case.objects.filter(pk=new.pk).update(
        relationship=acme, date=today - timedelta(days=400)
    )
    globex_case = make_demo_case(team.workspace, title="Globex review")
    models.Case.objects.filter(pk=globex_case.pk).update(
        relationship=globex,
        date=date.fromordinal(
            (today.replace(year=today.year - 1) + timedelta(days=10)).toordinal()
        ),
    )
    loose = make_demo_case(team.workspace, title="Loose negotiation")
    archived = make_demo_case(team.workspace, title="Archived one")
    models.Case.objects.filter(pk=archived.pk).update(archived=True)
    return team, {"acme": new, "globex": globex_case, "loose": loose}


def names(page):
    return [row.name for row in page.rows]


def test_one_row_per_relationship_and_open_case(world):
    team, cases = world
    page = portfolio(team.workspace, Filters(sort="name"), timezone.localdate())
    assert names(page) == ["Acme", "Globex", "Initech", "Loose negotiation"]
    assert (page.count, page.total) == (4, 4)
    acme = page.rows[0]
    assert acme.case_id == cases["acme"].pk
    assert acme.due.status == "overdue"
    assert acme.owner == team.editor.email
    assert acme.blocking == (("intention", "position"), ("dependency", "position"))
    assert acme.open_actions == 5
    assert page.rows[2].due.status == "no_review"
    assert page.rows[3].due is None


def test_filters(world):
    team, _cases = world
    today = timezone.localdate()
    assert names(portfolio(team.workspace, Filters(owner=team.owner.pk), today)) == ["Globex"]
    assert names(portfolio(team.workspace, Filters(status="overdue"), today)) == ["Acme"]
    assert names(portfolio(team.workspace, Filters(status="due_soon"), today)) == ["Globex"]
    within = portfolio(team.workspace, Filters(due_within=15, sort="name"), today)
    assert names(within) == ["Acme", "Globex", "Initech"]
    blocking = portfolio(
        team.workspace, Filters(factor="dependency", severity="blocking", sort="name"), today
    )
    assert names(blocking) == ["Acme", "Globex", "Loose negotiation"]
    assert (
        names(portfolio(team.workspace, Filters(factor="trust", severity="blocking"), today)) == []
    )


def test_sort_descending_keeps_unknown_last(world):
    team, _cases = world
    page = portfolio(
        team.workspace, Filters(sort="last_review", descending=True), timezone.localdate()
    )
    assert names(page)[:3] == ["Loose negotiation", "Globex", "Acme"]
    assert names(page)[-1] == "Initech"


def test_paging_counts(world):
    team, _cases = world
    page = portfolio(team.workspace, Filters(sort="name", page=2), timezone.localdate(), per_page=3)
    assert (names(page), page.number, page.pages, page.count) == (["Loose negotiation"], 2, 2, 4)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_page_and_heatmap_render(client, world, language):
    team, _cases = world
    client.force_login(team.viewer)
    client.cookies["django_language"] = language
    slug = team.workspace.slug
    page = client.get(
        reverse("portfolio", kwargs={"slug": slug}), {"sort": "name"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Acme 2025" in text and "Acme 2024" not in text and "Archived one" not in text
    heat = client.get(
        reverse("portfolio_heatmap", kwargs={"slug": slug}), HTTP_ACCEPT_LANGUAGE=language
    )
    assert heat.status_code == 200
    body = heat.content.decode()
    assert '<th scope="col"' in body and "<caption" in body
    assert 'class="heat heat-blocking"' in body


def test_bad_filter_is_named_not_a_500(client, world):
    team, _cases = world
    client.force_login(team.viewer)
    url = reverse("portfolio", kwargs={"slug": team.workspace.slug})
    response = client.get(url, {"due_within": "-3", "status": "late"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Due within (days)" in text and "Status" in text


def test_exports_are_the_filtered_table_and_formula_safe(client, world):
    team, _cases = world
    models.Relationship.objects.filter(name="Initech").update(name='=HYPERLINK("x")')
    client.force_login(team.viewer)
    slug = team.workspace.slug
    url = reverse("portfolio_export", kwargs={"slug": slug, "fmt": "csv"})
    content = client.get(url, {"sort": "name"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["name", "kind", "owner", "latest_case"]
    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("x")',
        "Acme",
        "Globex",
        "Loose negotiation",
    ]
    filtered = client.get(url, {"status": "overdue"}).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(filtered)))) == 2
    xlsx = client.get(
        reverse("portfolio_export", kwargs={"slug": slug, "fmt": "xlsx"}), {"sort": "name"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == '\'=HYPERLINK("x")'
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_api_portfolio_and_heatmap(client, world):
    from kloof.storage.api_tokens import create_token

    team, cases = world
    token = create_token(team.viewer, team.workspace, "test")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    base = f"/api/workspaces/{team.workspace.pk}/portfolio"
    data = client.get(base, {"sort": "name", "limit": 2, "offset": 1}, **auth).json()
    assert (data["count"], data["total"]) == (4, 4)
    assert [item["name"] for item in data["items"]] == ["Globex", "Initech"]
    assert data["items"][0]["next_due"]["status"] == "due_soon"
    assert data["items"][1]["case"] is None
    overdue = client.get(base, {"status": "overdue"}, **auth).json()
    assert [item["case"] for item in overdue["items"]] == [cases["acme"].pk]
    assert overdue["items"][0]["blocking"] == [
        {"factor": "intention", "kind": "position"},
        {"factor": "dependency", "kind": "position"},
    ]
    heat = client.get(f"{base}/heatmap", {"factor": "dependency"}, **auth).json()
    assert heat["count"] == 3
    assert heat["items"][0]["factors"]["dependency"] == {"position": "blocking", "perception": ""}
    bad = client.get(base, {"severity": "awful"}, **auth)
    assert bad.status_code == 422
    elsewhere = client.get(f"/api/workspaces/{team.other_workspace.pk}/portfolio", **auth)
    assert elsewhere.status_code == 404
