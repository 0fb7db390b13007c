"""The chart as a PNG picture for slides, and the chart downloads' file names."""

from __future__ import annotations

import pytest

from kloof.domain.analysis import analyse
from kloof.reports.chart_png import svg_to_png
from kloof.reports.chart_profile import profile_chart
from kloof.reports.chart_radar import radar_chart
from tests.png import dark_pixels, png_size, top_rows
from tests.web.factories import demo_case_urls, demo_domain_case

#: slugify("Packaging contract renewal 2027")
SLUG = "packaging-contract-renewal-2027"


@pytest.fixture
def chart_urls(client):
    return demo_case_urls(client, "case_chart", "case_chart_png")


@pytest.mark.django_db
def test_the_png_is_the_profile_chart_drawn_for_slides(client, chart_urls):
    response = client.get(chart_urls["case_chart_png"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-profile.png"'
    png = response.content
    assert png == svg_to_png(profile_chart(analyse(demo_domain_case()), "en"))
    assert png_size(png) == (1920, 1670)
    assert dark_pixels(top_rows(png, 100)) > 3000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("kind=radar", "radar", lambda a: radar_chart(a, "nl")),
        (
            "kind=radar&parties=cartwright",
            "radar",
            lambda a: radar_chart(a, "nl", parties=["cartwright"]),
        ),
        (
            "parties=cartwright,halvorsen&views=0",
            "profile",
            lambda a: profile_chart(a, "nl", parties=["cartwright", "halvorsen"], views=False),
        ),
    ],
)
def test_the_png_follows_the_choice_and_the_users_language(
    client, chart_urls, query, name, expected
):
    response = client.get(f"{chart_urls['case_chart_png']}?{query}", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-{name}.png"'
    assert response.content == svg_to_png(expected(analyse(demo_domain_case())))


@pytest.mark.django_db
def test_the_svg_download_is_named_after_the_case_too(client, chart_urls):
    response = client.get(f"{chart_urls['case_chart']}?kind=radar")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-radar.svg"'


@pytest.mark.django_db
def test_an_unknown_party_is_refused_in_words_for_the_png_too(client, chart_urls):
    response = client.get(f"{chart_urls['case_chart_png']}?parties=halvorsen,nobody")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "The case has no party “nobody”. Choose from: halvorsen, cartwright.\n"
    )


@pytest.mark.django_db
def test_the_dashboard_links_both_downloads_with_the_chart_shown(client, chart_urls):
    response = client.get(chart_urls["case_chart"].removesuffix("chart.svg") + "?kind=radar")
    html = response.content.decode()
    query = "?kind=radar&amp;parties=halvorsen%2Ccartwright&amp;views=1"
    assert f'<a href="{chart_urls["case_chart"]}{query}" download>' in html
    assert f'<a href="{chart_urls["case_chart_png"]}{query}" download>' in html
    assert "Download as a picture for slides (PNG)" in html
