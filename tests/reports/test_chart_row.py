"""One factor's row of the profile chart (the meeting view's picture): drawn as
in the whole chart, with its legend and scale, views on request."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kloof.reports.chart_profile import factor_row_chart, profile_chart
from tests.reports.chart_cases import SVG, analysed, two_party_case, with_class


def rows(svg: str) -> list[ET.Element]:
    return with_class(ET.fromstring(svg), "row")


def test_the_row_is_the_same_drawing_as_in_the_whole_chart():
    analysis = analysed(two_party_case("en"))
    single = factor_row_chart(analysis, "en", "trust", views=True)
    (row,) = rows(single)
    assert row.get("data-factor") == "trust"
    whole = [r for r in rows(profile_chart(analysis, "en")) if r.get("data-factor") == "trust"]

    # The same marks, only placed higher up (without the other rows above it).
    def marks(element: ET.Element) -> list[tuple[str, str | None]]:
        return [
            (e.tag, e.get("class")) for e in element.iter() if e.get("class") != "row-background"
        ]

    assert marks(row) == marks(whole[0])


def test_the_row_has_a_title_and_a_description_of_that_factor_only():
    root = ET.fromstring(factor_row_chart(analysed(two_party_case()), "nl", "trust"))
    assert root.find(f"{SVG}title").text == "Vertrouwen: profielgrafiek"
    desc = root.find(f"{SVG}desc").text
    assert desc.count("(") >= 1
    assert "Vertrouwen" in desc
    assert "Intentie" not in desc


def test_views_only_when_asked():
    analysis = analysed(two_party_case("en"))
    plain = factor_row_chart(analysis, "en", "trust")
    views = factor_row_chart(analysis, "en", "trust", views=True)
    assert 'class="marker outside"' not in plain
    assert 'class="marker outside"' in views


def test_an_unknown_factor_is_a_key_error():
    with pytest.raises(KeyError):
        factor_row_chart(analysed(two_party_case()), "en", "weather")
