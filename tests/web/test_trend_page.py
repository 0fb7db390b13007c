"""The trend page of a relationship and its chart downloads (issue 11 §2), on a
series of three reviews stored through the ORM."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from kloof.storage import models
from tests.png import png_size
from tests.web.factories import make_team
from tests.web.trend_factory import make_series

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def series(team):
    return make_series(team.workspace)


def trend_url(team, relationship, name="relationship_trend") -> str:
    return reverse(name, kwargs={"slug": team.workspace.slug, "relationship_id": relationship.pk})


def moves(html: str) -> list[list[str]]:
    """The sentences of each list of moves, in the order of the page."""
    lists = re.findall(r'<ul class="trend-moves">(.*?)</ul>', html, re.S)
    return [
        [item.strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)] for block in lists
    ]


def test_the_page_names_what_moved_latest_first_in_english(client, team, series):
    relationship, rows = series
    client.force_login(team.viewer)
    response = client.get(trend_url(team, relationship))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'<h3 class="trend-step">(.*?)</h3>', html) == [
        "From 1 March 2025 to 1 March 2026",
        "From 1 March 2024 to 1 March 2025",
    ]
    assert moves(html) == [
        [
            "Intention: Acme moved from 4 to 5, Globex hardly moved (5.5 to 6).",
            "Intention: how Acme sees Globex comes closer to how Globex sees itself, "
            "from 1 to 0 points apart.",
        ],
        [
            "Intention: Acme stayed at 4, Globex moved from 2.5 to 5.5.",
            "Trust: Acme moved from 3 to 5, Globex stayed at 5.",
            "Intention: how Acme sees Globex comes closer to how Globex sees itself, "
            "from 3 to 1 points apart.",
        ],
    ]
    # Toughness and blocking count per review, as text, each review linked.
    table = html[html.index('<table class="trend-reviews">') : html.index("</table>")]
    cells = re.findall(r'<td class="num">(.*?)</td>', table)
    assert cells == ["29", "1", "12", "0", "12", "0"]
    for row in rows:
        assert (
            reverse("dashboard", kwargs={"slug": team.workspace.slug, "case_id": row.pk}) in table
        )
    # The perception gap over time: closing since the previous review.
    perception = html[html.index('<table class="trend-perception">') :]
    perception = perception[: perception.index("</table>")]
    assert "How Acme sees Globex" in perception
    assert re.findall(r'<td class="num">(.*?)</td>', perception) == ["3", "1", "0"]
    assert '<span class="gap-change gap-closes">closing</span>' in perception


def test_the_page_reads_in_dutch_with_dutch_numbers(client, team, series):
    relationship, _rows = series
    client.force_login(team.viewer)
    html = client.get(trend_url(team, relationship), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<h2 id="moved-heading">Wat er verschoof sinds de vorige review</h2>' in html
    assert moves(html)[1] == [
        "Intentie: Acme bleef op 4, Globex ging van 2,5 naar 5,5.",
        "Vertrouwen: Acme ging van 3 naar 5, Globex bleef op 5.",
        "Intentie: hoe Acme Globex ziet, komt dichter bij hoe Globex zichzelf ziet: "
        "van 3 naar 1 punten verschil.",
    ]
    assert "Van 1 maart 2025 tot 1 maart 2026" in html
    assert '<span class="gap-change gap-closes">wordt kleiner</span>' in html


def test_the_chart_is_inline_with_its_text_alternative(client, team, series):
    relationship, _rows = series
    client.force_login(team.viewer)
    html = client.get(trend_url(team, relationship)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "How the positions moved, 1 March 2024 to 1 March 2026"
    assert "Trust: Acme moved from 3 to 5, Globex stayed at 5." in root.findtext(f"{SVG}desc")
    assert '<table class="trend-positions">' in html  # the numbers as text too


def test_the_chart_downloads_as_svg_and_png(client, team, series):
    relationship, _rows = series
    client.force_login(team.viewer)
    response = client.get(trend_url(team, relationship, "relationship_trend_svg"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acme-trend.svg"'
    root = ET.fromstring(response.content)
    panels = root.findall(f".//{SVG}g[@class='factor-panel']")
    assert [panel.get("data-factor") for panel in panels] == ["intention", "trust"]
    response = client.get(trend_url(team, relationship, "relationship_trend_png"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="acme-trend.png"'
    assert png_size(response.content) == (1920, 724)


@pytest.mark.parametrize(
    ("language", "needed"),
    [
        ("en", "A trend compares at least two dated reviews; this relationship has 1."),
        (
            "nl",
            "Een verloop vergelijkt minstens twee gedateerde reviews; deze relatie heeft er 1.",
        ),
    ],
)
def test_one_review_gives_a_friendly_page_saying_what_is_needed(client, team, language, needed):
    relationship, rows = make_series(team.workspace, years=(2024,))
    # An undated and an archived case do not count as reviews.
    models.Case.objects.create(workspace=team.workspace, title="Undated", relationship=relationship)
    models.Case.objects.create(
        workspace=team.workspace,
        title="Archived",
        relationship=relationship,
        date=date(2025, 3, 1),
        archived=True,
    )
    client.force_login(team.viewer)
    response = client.get(trend_url(team, relationship), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<p>{needed}</p>" in html
    latest = reverse("dashboard", kwargs={"slug": team.workspace.slug, "case_id": rows[0].pk})
    assert f'<a class="button" href="{latest}">' in html
    assert "<svg" not in html
    # The chart cannot be drawn: 409 with the same words, not an error page.
    response = client.get(
        trend_url(team, relationship, "relationship_trend_png"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 409
    assert response.content.decode().splitlines()[0] == needed


def test_reviews_with_other_parties_say_which_and_how_to_fix_it(client, team):
    relationship, rows = make_series(team.workspace, years=(2024, 2025))
    models.Party.objects.filter(case=rows[1], key="globex").update(key="initech", name="Initech")
    client.force_login(team.viewer)
    html = client.get(trend_url(team, relationship)).content.decode()
    assert (
        "<p>The review “Acme and Globex 2025-03-01” has other parties (Acme and Initech) "
        "than “Acme and Globex 2024-03-01” (Acme and Globex).</p>"
    ) in html.replace("&ldquo;", "“").replace("&rdquo;", "”")


def test_another_workspaces_relationship_is_not_found(client, team):
    other_team = make_team("Sales", other_name="Marketing")
    relationship, _rows = make_series(other_team.workspace)
    client.force_login(team.owner)
    for name in ("relationship_trend", "relationship_trend_svg", "relationship_trend_png"):
        url = reverse(
            name, kwargs={"slug": team.workspace.slug, "relationship_id": relationship.pk}
        )
        assert client.get(url).status_code == 404
    client.force_login(other_team.viewer)
    assert client.get(trend_url(other_team, relationship)).status_code == 200
