"""A review's report includes its trend (issue 11 §2): the HTML and the PDF
report of a case with earlier reviews in its relationship get a "Trend"
section; a case without them keeps its report exactly as it was."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kloof.domain.analysis import analyse
from kloof.services.casework import render_report
from kloof.storage import models
from kloof.storage.dashboard import load_case
from tests.web.trend_factory import make_series

pytestmark = pytest.mark.django_db


def report_url(team, row) -> str:
    return reverse("case_report", kwargs={"slug": team.workspace.slug, "case_id": row.pk})


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_html_report_of_the_latest_review_has_its_trend(client, team):
    _relationship, rows = make_series(team.workspace)
    client.force_login(team.viewer)
    html = client.get(report_url(team, rows[2])).content.decode()
    section = html[html.index('<section aria-labelledby="trend"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="trend">Trend</h2>' in section
    assert re.findall(r"<h3>(.*?)</h3>", section) == [
        "From 1 March 2025 to 1 March 2026",
        "From 1 March 2024 to 1 March 2025",
    ]
    assert "<li>Trust: Acme moved from 3 to 5, Globex stayed at 5.</li>" in section
    assert 'role="img"' in section and "<title>How the positions moved" in section


def test_the_report_of_a_middle_review_shows_the_trend_up_to_it(client, team):
    _relationship, rows = make_series(team.workspace)
    client.force_login(team.viewer)
    html = client.get(report_url(team, rows[1]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    section = html[html.index('<section aria-labelledby="trend"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="trend">Verloop</h2>' in section
    assert re.findall(r"<h3>(.*?)</h3>", section) == ["Van 1 maart 2024 tot 1 maart 2025"]
    assert "2026" not in section


def test_the_first_review_and_a_case_without_relationship_keep_their_report(client, team, case):
    _relationship, rows = make_series(team.workspace)
    client.force_login(team.viewer)
    for row in (rows[0], case):
        html = client.get(report_url(team, row)).content.decode()
        assert 'aria-labelledby="trend"' not in html
        assert html == render_report(analyse(load_case(row)), "en")


def test_the_pdf_report_has_the_trend_words(client, team):
    _relationship, rows = make_series(team.workspace)
    client.force_login(team.viewer)
    response = client.get(report_url(team, rows[2]) + "?format=pdf", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Verloop" in text
    assert "Vertrouwen: Acme ging van 3 naar 5, Globex bleef op 5." in text
    # The chart's own words, as text on paper too.
    assert "Hoe de posities verschoven" not in text  # the title is the SVG's, not the paper's
    assert "Taaiheid (0-100) en blokkerende verschillen" in text


def test_the_report_says_why_there_is_no_trend_when_the_parties_differ(client, team):
    _relationship, rows = make_series(team.workspace, years=(2024, 2025))
    models.Party.objects.filter(case=rows[1], key="globex").update(key="initech", name="Initech")
    client.force_login(team.viewer)
    html = client.get(report_url(team, rows[1])).content.decode()
    section = html[html.index('<section aria-labelledby="trend"') :]
    assert "has other parties (Acme and Initech)" in section[: section.index("</section>")]
