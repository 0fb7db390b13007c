"""The chart as an SVG file and the core's HTML report, downloaded from a case."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from kloof.domain.analysis import analyse
from kloof.reports.chart_profile import profile_chart
from kloof.reports.chart_radar import radar_chart
from kloof.services.casework import render_report
from tests.web.factories import (
    DEMO_TITLE,
    demo_case_urls,
    demo_domain_case,
    make_demo_case,
    make_team,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def demo_urls(client):
    return demo_case_urls(client, "case_chart", "case_report")


@pytest.mark.django_db
def test_the_report_is_the_cores_report_as_an_attachment(client, demo_urls):
    response = client.get(demo_urls["case_report"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="packaging-contract-renewal-2027-report.html"'
    )
    content = response.content.decode()
    assert content == render_report(analyse(demo_domain_case()), "en")
    assert f"<title>{DEMO_TITLE}" in content
    assert "<svg" in content


@pytest.mark.django_db
def test_the_report_is_in_the_users_language(client, demo_urls):
    response = client.get(demo_urls["case_report"], HTTP_ACCEPT_LANGUAGE="nl")
    content = response.content.decode()
    assert content == render_report(analyse(demo_domain_case()), "nl")
    assert '<html lang="nl">' in content


@pytest.mark.django_db
def test_the_chart_is_well_formed_svg_with_a_title_and_description(client, demo_urls):
    response = client.get(demo_urls["case_chart"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == f"{DEMO_TITLE}: profile chart"
    assert root.find(f"{SVG}desc").text.startswith("Profile chart on a scale from 1")
    assert response.content.decode() == profile_chart(analyse(demo_domain_case()), "en")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=radar", lambda a: radar_chart(a, "en")),
        ("kind=radar&parties=cartwright", lambda a: radar_chart(a, "en", parties=["cartwright"])),
        (
            "parties=cartwright,halvorsen&views=0",
            lambda a: profile_chart(a, "en", parties=["cartwright", "halvorsen"], views=False),
        ),
    ],
)
def test_the_chart_follows_the_query(client, demo_urls, query, expected):
    response = client.get(f"{demo_urls['case_chart']}?{query}")
    assert response.status_code == 200
    ET.fromstring(response.content)
    assert response.content.decode() == expected(analyse(demo_domain_case()))


@pytest.mark.django_db
def test_the_chart_of_an_unknown_party_is_refused_in_words(client, demo_urls):
    response = client.get(f"{demo_urls['case_chart']}?parties=halvorsen,nobody")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "The case has no party “nobody”. Choose from: halvorsen, cartwright.\n"
    )


@pytest.mark.django_db
def test_the_chart_speaks_the_users_language(client, demo_urls):
    response = client.get(demo_urls["case_chart"], HTTP_ACCEPT_LANGUAGE="nl")
    assert response.content.decode() == profile_chart(analyse(demo_domain_case()), "nl")


@pytest.mark.django_db
def test_the_pdf_report_downloads_with_a_name_from_the_title(client, demo_urls):
    response = client.get(demo_urls["case_report"] + "?format=pdf", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="packaging-contract-renewal-2027-report.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Intentie" in text and "blokkerend" in text


@pytest.mark.django_db
def test_the_pdf_report_is_for_members_only(client):
    team = make_team()
    case = make_demo_case(team.workspace)
    url = reverse("case_report", kwargs={"slug": team.workspace.slug, "case_id": case.pk})
    anonymous = client.get(url + "?format=pdf")
    assert anonymous.status_code == 302
    assert not anonymous.content.startswith(b"%PDF")
