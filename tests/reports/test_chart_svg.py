"""The shared SVG helpers: escaping, machine numbers, wrapping, ticks, styles."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kloof.i18n import format_number
from kloof.reports.svg import (
    document,
    escape,
    human_number,
    num,
    party_style,
    scale_ticks,
    text_width,
    wrap,
)


def test_escape_makes_markup_and_quotes_harmless():
    assert escape('<Tom & Jerry> "O\'Hara"') == "&lt;Tom &amp; Jerry&gt; &quot;O&#39;Hara&quot;"


def test_escape_drops_control_characters_xml_forbids():
    assert escape("bell\x07 tab\tnul\x00") == "bell tab\tnul"


def test_num_uses_a_decimal_point_without_trailing_zeros():
    assert [num(12.25), num(3.0), num(-0.04), num(2 / 3, 2), num(100.0, 2)] == [
        "12.2",
        "3",
        "0",
        "0.67",
        "100",
    ]


def test_human_number_follows_the_language():
    assert [human_number(2.5, "nl"), human_number(2.5, "en"), human_number(6.0, "nl")] == [
        "2,5",
        "2.5",
        "6",
    ]
    assert human_number(3.75, "nl") == format_number(3.75, "nl", 1) == "3,8"


def test_wrap_breaks_a_45_character_label_into_two_lines_within_width():
    label = "Sustainability is a cost we avoid at all cost"
    lines = wrap(label, 190, 12)
    assert lines == ("Sustainability is a cost we", "avoid at all cost")
    assert all(text_width(line, 12) <= 190 for line in lines)


def test_wrap_cuts_a_word_longer_than_the_line():
    lines = wrap("Onderhandelingsvaardigheden", 80, 12)
    assert "".join(lines) == "Onderhandelingsvaardigheden"
    assert len(lines) == 3
    assert all(text_width(line, 12) <= 80 for line in lines)


def test_wrap_ends_in_an_ellipsis_beyond_the_line_limit():
    lines = wrap("one two three four five six seven eight nine ten", 60, 12, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert text_width(lines[-1], 12) <= 60


def test_wrap_of_empty_text_is_no_lines():
    assert wrap("   ", 100, 12) == ()


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (1, 7, (1, 2, 3, 4, 5, 6, 7)),
        (1, 5, (1, 2, 3, 4, 5)),
        (0, 100, (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)),
        (0, 1, (0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1)),
        (1, 6.5, (1, 2, 3, 4, 5, 6, 6.5)),
        (-3, 3, (-3, -2, -1, 0, 1, 2, 3)),
    ],
)
def test_scale_ticks_cover_the_scale_with_round_steps(low, high, expected):
    assert scale_ticks(low, high) == pytest.approx(expected)


def test_party_styles_differ_in_colour_shape_and_dash_for_six_parties():
    styles = [party_style(index) for index in range(6)]
    assert len({style.colour for style in styles}) == 6
    assert len({style.shape for style in styles}) == 6
    assert len({style.dash for style in styles}) == 6
    assert styles[0].colour == "#0072B2"  # Okabe-Ito blue first


def test_document_is_valid_svg_with_accessible_name():
    svg = document(100, 50, title="A & B", desc="<desc>", language="nl", body=["<g/>"])
    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 100 50"
    assert root.get("role") == "img"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert [child.tag.split("}")[1] for child in root][:2] == ["title", "desc"]
    assert root[0].text == "A & B" and root[1].text == "<desc>"
