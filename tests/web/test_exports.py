"""A case's ratings and analysis downloaded as CSV and XLSX from the web."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kloof.storage import models
from tests.web.factories import make_demo_case, make_team

FORMULA = '=HYPERLINK("http://x")'
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEM = "packaging-contract-renewal-2027"


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


def export_url(team, case, what: str, fmt: str) -> str:
    kwargs = {"slug": team.workspace.slug, "case_id": case.pk, "what": what, "fmt": fmt}
    return reverse("case_export", kwargs=kwargs)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("what", "fmt", "content_type"),
    [("ratings", "csv", CSV_TYPE), ("analysis", "csv", CSV_TYPE), ("case", "xlsx", XLSX_TYPE)],
)
def test_each_export_downloads_as_a_named_attachment(client, team, case, what, fmt, content_type):
    client.force_login(team.viewer)
    response = client.get(export_url(team, case, what, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{STEM}-{what}.{fmt}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_csv_exports_start_with_the_utf8_bom_and_their_columns(client, team, case):
    client.force_login(team.viewer)
    ratings = client.get(export_url(team, case, "ratings", "csv")).content
    analysis = client.get(export_url(team, case, "analysis", "csv")).content
    assert ratings.startswith(b"\xef\xbb\xbfrater_id,rater_name,")
    assert analysis.startswith(b"\xef\xbb\xbffactor_key,factor_name,party_a,")
    assert len(csv_rows(ratings)) - 1 == models.Rating.objects.filter(rater__case=case).count()


@pytest.mark.django_db
def test_the_xlsx_is_in_the_users_language(client, team, case):
    client.force_login(team.viewer)
    english = client.get(export_url(team, case, "case", "xlsx"))
    dutch = client.get(export_url(team, case, "case", "xlsx"), HTTP_ACCEPT_LANGUAGE="nl")
    assert load_workbook(io.BytesIO(english.content)).sheetnames == ["Ratings", "Analysis"]
    assert load_workbook(io.BytesIO(dutch.content)).sheetnames == ["Beoordelingen", "Analyse"]


@pytest.mark.django_db
def test_a_formula_in_a_stored_name_is_neutralised_in_csv_and_xlsx(client, team, case):
    rater = models.Rater.objects.filter(case=case).order_by("position", "id").first()
    rater.name = FORMULA
    rater.save()
    client.force_login(team.viewer)

    rows = csv_rows(client.get(export_url(team, case, "ratings", "csv")).content)
    names = {row[1] for row in rows[1:]}
    assert "'" + FORMULA in names
    assert FORMULA not in names

    workbook = load_workbook(io.BytesIO(client.get(export_url(team, case, "case", "xlsx")).content))
    cells = [cell for row in workbook.worksheets[0].iter_rows() for cell in row]
    hits = [cell for cell in cells if cell.value == "'" + FORMULA]
    assert hits
    assert all(cell.data_type != "f" for cell in hits)
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("what", "fmt"),
    [("ratings", "xlsx"), ("case", "csv"), ("analysis", "json"), ("secrets", "csv"), ("x", "y")],
)
def test_it_refuses_an_unknown_export_with_404(client, team, case, what, fmt):
    client.force_login(team.viewer)
    assert client.get(export_url(team, case, what, fmt)).status_code == 404


@pytest.mark.django_db
def test_it_refuses_another_workspaces_case_with_404(client, team):
    elsewhere = make_demo_case(team.other_workspace)
    client.force_login(team.owner)
    assert client.get(export_url(team, elsewhere, "case", "xlsx")).status_code == 404


@pytest.mark.django_db
def test_it_refuses_a_post(client, team, case):
    client.force_login(team.owner)
    assert client.post(export_url(team, case, "ratings", "csv")).status_code == 405


@pytest.mark.django_db
def test_the_dashboard_links_to_the_three_exports(client, team, case):
    client.force_login(team.viewer)
    page = client.get(
        reverse("dashboard", kwargs={"slug": team.workspace.slug, "case_id": case.pk})
    )
    content = page.content.decode()
    for what, fmt in (("case", "xlsx"), ("ratings", "csv"), ("analysis", "csv")):
        assert f'href="{export_url(team, case, what, fmt)}" download' in content
    assert "Spreadsheet (XLSX)" in content
