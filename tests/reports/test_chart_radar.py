"""The radar chart: golden file, well-formed SVG, broken lines for unknowns."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from kloof.domain.model import Party
from kloof.reports.chart_radar import WIDTH, radar_chart
from tests.reports.chart_cases import (
    SVG,
    analysed,
    assert_all_text_inside,
    assert_matches_golden,
    texts,
    three_party_case,
    two_party_case,
    with_class,
)


def series(root: ET.Element, party: str) -> ET.Element:
    (found,) = [e for e in with_class(root, "series") if e.get("data-party") == party]
    return found


def test_radar_chart_matches_golden():
    assert_matches_golden(
        "radar_three_parties_en.svg", radar_chart(analysed(three_party_case()), "en")
    )


def test_radar_chart_is_self_contained_svg_with_title_and_desc():
    svg = radar_chart(analysed(two_party_case()), "nl")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Contractverlenging 2027: radargrafiek"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("Radargrafiek: één spaak per factor, van 1 (linkerpool) in het midden")
    assert "Globex Verkoop: Intentie 6; Relatie 5,5;" in desc
    assert "Afhankelijkheid onbekend" in desc
    assert "<script" not in svg and "href" not in svg
    assert radar_chart(analysed(two_party_case()), "nl") == svg


def test_radar_chart_closes_the_line_of_a_fully_known_party():
    root = ET.fromstring(radar_chart(analysed(two_party_case()), "nl"))
    acme = series(root, "acme")
    (closed,) = with_class(acme, "line", "closed")
    assert len(closed.get("points").split()) == 10
    assert with_class(acme, "line", "broken") == []
    assert len(with_class(acme, "marker", "position")) == 10


def test_radar_chart_breaks_the_line_at_an_unknown_position():
    root = ET.fromstring(radar_chart(analysed(two_party_case()), "nl"))
    globex = series(root, "globex")
    assert with_class(globex, "line", "closed") == []
    (broken,) = with_class(globex, "line", "broken")
    # nine known spokes in one run, from flexibility round to trust
    assert len(broken.get("points").split()) == 9
    assert len(with_class(globex, "marker", "position")) == 9
    unknown = with_class(globex, "marker", "unknown")
    assert ["".join(e.itertext()) for e in unknown] == [
        "?Globex Verkoop, Afhankelijkheid: onbekend"
    ]


def test_radar_chart_splits_a_line_with_several_gaps_into_runs():
    root = ET.fromstring(radar_chart(analysed(three_party_case()), "en"))
    initech = series(root, "initech")
    # unknown on relationship, dependency and competences (spokes 1, 4, 7)
    runs = [len(line.get("points").split()) for line in with_class(initech, "line", "broken")]
    assert runs == [2, 2, 2]  # spokes 2-3, 5-6 and 8-0 (round past the last spoke)
    assert len(with_class(initech, "marker", "unknown")) == 3
    assert len(with_class(initech, "marker", "position")) == 6


def test_radar_chart_labels_rings_with_scale_values():
    root = ET.fromstring(radar_chart(analysed(three_party_case()), "en"))
    assert texts(with_class(root, "scale-labels")[0]) == ["1", "2", "3", "4", "5", "6", "7"]
    assert len(with_class(root, "ring")) == 7


def test_radar_chart_escapes_and_keeps_labels_inside():
    case = replace(
        three_party_case(),
        parties=(Party("acme", "<Tom & Jerry>"), Party("globex", "G"), Party("initech", "I")),
    )
    root = ET.fromstring(radar_chart(analysed(case), "en"))
    assert texts(with_class(root, "legend")[0])[0] == "<Tom & Jerry>"
    assert float(root.get("width")) == WIDTH
    assert_all_text_inside(root, WIDTH)


def test_radar_chart_refuses_an_unknown_party():
    with pytest.raises(ValueError, match="no party 'x'"):
        radar_chart(analysed(two_party_case()), "en", parties=["x"])
