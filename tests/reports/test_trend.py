"""The trend in words, as a chart and as a page (issue 11 §2)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kloof.i18n.trend import step_sentences
from kloof.reports.chart_png import svg_to_png
from kloof.reports.chart_trend import render_trend_chart
from kloof.reports.trend_html import render_trend_page
from kloof.services.trend import trend_of_files
from tests.png import png_size

SERIES = Path(__file__).resolve().parents[1] / "data" / "trend"
FILES = [SERIES / f"review-{year}.yaml" for year in (2024, 2025, 2026)]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def series():
    trend, names, _title, _language = trend_of_files(FILES)
    return trend, names


def test_what_moved_in_english(series):
    trend, names = series
    assert step_sentences(trend, 1, names, "en") == [
        "Intention: Acme stayed at 4, Globex moved from 2.5 to 5.5.",
        "Trust: Acme moved from 3 to 5, Globex stayed at 5.",
        "Intention: how Acme sees Globex comes closer to how Globex sees itself, "
        "from 3 to 1 points apart.",
    ]
    assert step_sentences(trend, 2, names, "en") == [
        "Intention: Acme moved from 4 to 5, Globex hardly moved (5.5 to 6).",
        "Intention: how Acme sees Globex comes closer to how Globex sees itself, "
        "from 1 to 0 points apart.",
    ]


def test_what_moved_in_dutch_with_dutch_numbers(series):
    trend, names = series
    assert step_sentences(trend, 1, names, "nl") == [
        "Intentie: Acme bleef op 4, Globex ging van 2,5 naar 5,5.",
        "Vertrouwen: Acme ging van 3 naar 5, Globex bleef op 5.",
        "Intentie: hoe Acme Globex ziet, komt dichter bij hoe Globex zichzelf ziet: "
        "van 3 naar 1 punten verschil.",
    ]


def test_the_chart_is_one_panel_per_rated_factor_plus_the_summary(series):
    trend, names = series
    svg = render_trend_chart(trend, names, "nl")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title = "Hoe de posities verschoven, 1 maart 2024 tot 1 maart 2026"
    assert root.findtext(f"{SVG}title") == title
    desc = root.findtext(f"{SVG}desc") or ""
    assert desc.startswith("Per factor een kader, de momenten van boven naar beneden; ")
    assert "Vertrouwen: Acme ging van 3 naar 5, Globex bleef op 5." in desc
    panels = root.findall(f".//{SVG}g[@class='factor-panel']")
    assert [panel.get("data-factor") for panel in panels] == ["intention", "trust"]
    for panel in panels:
        assert len(panel.findall(f".//{SVG}polyline[@class='party-line']")) == 2
        tips = [el.findtext(f"{SVG}title") for el in panel if el.get("class") == "party-marker"]
        assert len(tips) == 6
    trust_tips = [
        el.findtext(f"{SVG}title") for el in panels[1] if el.get("class") == "party-marker"
    ]
    assert trust_tips == ["Acme: 3", "Acme: 5", "Acme: 5,5", "Globex: 5", "Globex: 5", "Globex: 5"]
    summary = root.find(f".//{SVG}g[@class='summary-panel']")
    assert summary is not None
    counts = [el.text for el in summary if el.get("class") == "blocking-count"]
    assert counts == ["1 blokkerend", "0 blokkerend", "0 blokkerend"]
    # Machine numbers keep a decimal point in Dutch too.
    for line in root.iter(f"{SVG}polyline"):
        for pair in (line.get("points") or "").split():
            x, y = pair.split(",")
            float(x), float(y)


def test_the_png_is_slide_wide(series):
    trend, names = series
    png = svg_to_png(render_trend_chart(trend, names, "en"))
    assert png_size(png) == (1920, 724)


def test_the_page_has_the_sentences_the_chart_and_the_table(series):
    trend, names = series
    page = render_trend_page(
        trend, names, "en", title="Acme and Globex", chart_svg="<svg></svg>", version="0"
    )
    assert "<style>" in page and "<svg></svg>" in page
    assert "<li>Trust: Acme moved from 3 to 5, Globex stayed at 5.</li>" in page
    assert "<h3>From 1 March 2025 to 1 March 2026</h3>" in page
    table = page[page.index('<table class="trend-positions">') :]
    table = table[: table.index("</table>")]
    assert re.sub(r"\s+", " ", table).count('<td class="num">') == 2 * 2 * 3 + 2 * 3
    assert (
        '<th scope="row">Acme</th>\n<td class="num">3</td><td class="num">5</td>'
        '<td class="num">5.5</td>' in table
    )
    # Toughness 29.2, 12.5 and 12.5, rounded as the report rounds it.
    assert '<td class="num">29</td><td class="num">12</td><td class="num">12</td>' in table
