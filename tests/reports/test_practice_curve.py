"""The learning curve SVG: named and described, one point per attempt per line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kloof.reports.practice_curve import CurveWords, learning_curve

WORDS = CurveWords(title="Curve", desc="Per attempt", score="Score", recall="Recall", attempt="#")
NS = "{http://www.w3.org/2000/svg}"


def test_the_curve_has_a_title_a_description_and_a_point_per_attempt():
    svg = ET.fromstring(learning_curve([40.0, 72.5, 100.0], [0.5, 1.0, 1.0], WORDS))
    assert svg.get("role") == "img"
    assert (svg.find(f"{NS}title").text, svg.find(f"{NS}desc").text) == ("Curve", "Per attempt")
    lines = svg.findall(f"{NS}polyline")
    assert len(lines) == 2
    assert len(lines[0].get("points").split()) == 3
    assert len(svg.findall(f"{NS}circle")) == 3 + 1  # the score's points and its legend


def test_no_attempts_no_chart():
    assert learning_curve([], [], WORDS) == ""
