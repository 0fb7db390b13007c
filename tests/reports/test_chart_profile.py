"""The profile chart: golden files, well-formed SVG, and what each mark means."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Party, Rater, Rating, Severity
from kloof.domain.results import OUTSIDE_VIEW, SELF_VIEW, Analysis
from kloof.formats.casefile import load_case
from kloof.reports.chart_profile import WIDTH, profile_chart
from tests.reports.chart_cases import (
    FACTORS,
    LONG_LEFT,
    SVG,
    analysed,
    assert_all_text_inside,
    assert_matches_golden,
    texts,
    three_party_case,
    two_party_case,
    with_class,
)

NUMERIC_ATTRIBUTES = ("x", "y", "width", "height", "cx", "cy", "r", "x1", "x2", "y1", "y2", "dy")


def row(root: ET.Element, key: str) -> ET.Element:
    (found,) = [e for e in with_class(root, "row") if e.get("data-factor") == key]
    return found


@pytest.mark.parametrize(
    ("name", "build", "language"),
    [
        ("profile_two_parties_nl.svg", two_party_case, "nl"),
        ("profile_two_parties_en.svg", two_party_case, "en"),
        ("profile_three_parties_nl.svg", three_party_case, "nl"),
        ("profile_three_parties_en.svg", three_party_case, "en"),
    ],
)
def test_profile_chart_matches_golden(name, build, language):
    assert_matches_golden(name, profile_chart(analysed(build(language)), language))


def test_profile_chart_is_self_contained_svg_with_title_and_desc():
    svg = profile_chart(analysed(two_party_case()), "nl")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{SVG}title").text == "Contractverlenging 2027: profielgrafiek"
    desc = root.find(f"{SVG}desc").text
    assert "Intentie (Ieder voor zich – Samen winnen): ACME Inkoop 2,8" in desc
    assert "Globex Verkoop onbekend" in desc
    # Trust: Globex sees itself at 6, ACME sees it at 4: the views differ, so the
    # decided blocking gap is uncertain too.
    assert "Verschil tussen ACME Inkoop en Globex Verkoop: blokkerend, onzeker (besloten)." in desc
    assert "<script" not in svg
    assert "href" not in svg
    assert "@import" not in svg and "url(" not in svg


def test_profile_chart_is_deterministic():
    first = profile_chart(analysed(three_party_case()), "en")
    second = profile_chart(analysed(three_party_case()), "en")
    assert first == second


def test_profile_chart_escapes_names_and_titles():
    case = two_party_case("en")
    case = replace(
        case,
        title='Deal "Q4" <draft> & more',
        parties=(Party("acme", "<Tom & Jerry>"), Party("globex", "O'Brien\x07 Ltd")),
    )
    svg = profile_chart(analysed(case), "en")
    root = ET.fromstring(svg)  # raises when anything broke the XML
    assert root.find(f"{SVG}title").text == 'Deal "Q4" <draft> & more: profile chart'
    legend_texts = texts(with_class(root, "legend")[0])
    assert legend_texts == ["<Tom & Jerry>", "O'Brien Ltd"]
    assert "<Tom & Jerry>" in root.find(f"{SVG}desc").text


def test_profile_chart_shows_unknown_position_as_question_mark_not_marker():
    root = ET.fromstring(profile_chart(analysed(two_party_case("en")), "en"))
    dependency = row(root, "dependency")
    unknown = with_class(dependency, "marker", "unknown")
    assert ["".join(e.itertext()) for e in unknown] == ["?Globex Verkoop: unknown"]
    assert unknown[0].get("fill") == "#D55E00"  # Globex's colour
    assert len(with_class(dependency, "marker", "position")) == 1  # only ACME's
    assert with_class(dependency, "gap") == []
    assert "position unknown" in texts(root)


def test_profile_chart_counts_hollow_markers_for_outside_views_only():
    analysis = analysed(three_party_case())
    root = ET.fromstring(profile_chart(analysis, "en"))
    expected = sum(
        1
        for result in analysis.factors
        for position in result.positions.values()
        if position.view(OUTSIDE_VIEW) is not None
    )
    assert expected == 9  # Globex, rated by ACME's rater on every factor
    assert len(with_class(root, "marker", "outside")) == expected
    for result in analysis.factors:
        assert len(with_class(row(root, result.factor.key), "marker", "outside")) == 1


def test_profile_chart_without_views_has_no_view_markers_or_whiskers():
    svg = profile_chart(analysed(two_party_case()), "nl", views=False)
    root = ET.fromstring(svg)
    assert with_class(root, "marker", "outside") == []
    assert with_class(root, "marker", "self") == []
    assert with_class(root, "whisker") == []
    assert "beeld van buitenaf (open teken)" not in texts(root)
    assert "eigen beeld (staand streepje)" not in texts(root)
    assert len(with_class(root, "marker", "position")) == 19  # 10 factors, 1 unknown


def test_profile_chart_whiskers_show_each_spread_view():
    analysis = analysed(two_party_case())
    root = ET.fromstring(profile_chart(analysis, "nl"))
    intention = analysis.factor("intention").positions["acme"]
    assert [(v.view, v.iqr) for v in intention.views] == [("self", 1 / 12), ("outside", 0.0)]
    whiskers = with_class(row(root, "intention"), "whisker")
    assert [w.get("class") for w in whiskers] == ["whisker self"]
    # 2.5 ± IQR/2 = 2.25..2.75 on the 1..7 axis from x=224 to x=680 (456 px):
    # 224 + 1.25/6 * 456 = 319 and 224 + 1.75/6 * 456 = 357; 3.5 px above the lane
    assert whiskers[0].get("d") == "M319 180.5H357"


def test_profile_chart_gap_band_carries_decided_severity():
    analysis = analysed(two_party_case())
    root = ET.fromstring(profile_chart(analysis, "nl"))
    for result in analysis.factors:
        gap = result.gap("acme", "globex")
        bands = with_class(row(root, result.factor.key), "gap")
        if gap.gap is None:
            assert bands == []
            continue
        expected = f"gap {gap.decided_severity.value}" + (" uncertain" if gap.uncertain else "")
        assert [band.get("class") for band in bands] == [expected]
    trust = analysis.factor("trust").gap("acme", "globex")
    assert (trust.severity, trust.decided_severity) == (Severity.SIGNIFICANT, Severity.BLOCKING)
    label = with_class(row(root, "trust"), "severity-label")[0]
    assert trust.uncertain  # Globex's own view (6) and ACME's view of it (4) differ
    # ACME sees Globex at 4 on trust, Globex itself at 6: a significant perception gap.
    assert label.text == "blokkerend, onzeker (besloten)"
    (seen,) = with_class(row(root, "trust"), "perception-label")
    assert seen.text == "beeldverschil: significant"
    assert label.get("font-weight") == "bold"
    assert with_class(row(root, "sustainability"), "gap")[0].get("stroke-dasharray") == "3 2"


def test_profile_chart_wraps_long_pole_labels_inside_the_canvas():
    assert len(LONG_LEFT.nl) == len(LONG_LEFT.en) == 45
    for language in ("nl", "en"):
        root = ET.fromstring(profile_chart(analysed(two_party_case(language)), language))
        pole = with_class(row(root, "sustainability"), "pole", "left")[0]
        lines = [span.text for span in pole]
        assert len(lines) == 2
        assert " ".join(lines) == LONG_LEFT.get(language)
        assert_all_text_inside(root, WIDTH)


def test_profile_chart_cuts_very_long_labels_with_an_ellipsis():
    case = two_party_case("en")
    long_factor = replace(
        FACTORS[0],
        left=replace(FACTORS[0].left, en="word " * 60),
        name=replace(FACTORS[0].name, en="A factor name far too long " * 5),
    )
    case = replace(case, factors=(long_factor, *case.factors[1:]))
    root = ET.fromstring(profile_chart(analysed(case), "en"))
    lines = [span.text for span in with_class(row(root, "intention"), "pole", "left")[0]]
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert_all_text_inside(root, WIDTH)


def test_profile_chart_uses_decimal_point_in_dutch():
    svg = profile_chart(analysed(two_party_case()), "nl")
    root = ET.fromstring(svg)
    for element in root.iter():
        for name in NUMERIC_ATTRIBUTES:
            if name in element.attrib:
                float(element.get(name))  # "12,5" would raise
        if "points" in element.attrib:
            for pair in element.get("points").split():
                [float(value) for value in pair.split(",")]
        if "d" in element.attrib:
            assert re.fullmatch(r"([MHVLvhZ]-?[0-9.]+( -?[0-9.]+)?)+", element.get("d"))
    assert "2,8" in root.find(f"{SVG}desc").text  # for people: a comma


def test_profile_chart_draws_chosen_parties_in_given_order():
    analysis = analysed(three_party_case())
    root = ET.fromstring(profile_chart(analysis, "en", parties=["initech", "acme"]))
    assert texts(with_class(root, "legend")[0]) == ["Initech", "ACME Purchasing"]
    assert texts(with_class(root, "legend")[2])[0] == "Gap between Initech and ACME Purchasing:"
    intention = analysis.factor("intention").gap("acme", "initech")
    band = with_class(row(root, "intention"), "gap")[0]
    assert band.get("class").split()[:2] == ["gap", intention.decided_severity.value]


def test_profile_chart_with_one_party_draws_no_gap():
    root = ET.fromstring(profile_chart(analysed(three_party_case()), "en", parties=["globex"]))
    assert with_class(root, "gap") == []
    assert with_class(root, "severity-label") == []
    assert len(with_class(root, "legend")) == 2


def test_profile_chart_refuses_an_unknown_party():
    with pytest.raises(ValueError, match="no party 'umbrella'; choose from: acme, globex"):
        profile_chart(analysed(two_party_case()), "en", parties=["acme", "umbrella"])


def test_profile_chart_gives_six_parties_distinct_shapes_and_colours():
    case = two_party_case("en")
    names = [f"Party {i}" for i in range(6)]
    parties = tuple(Party(f"p{i}", name) for i, name in enumerate(names))
    raters = tuple(Rater(f"r{i}", f"R{i}", f"p{i}") for i in range(6))
    ratings = tuple(
        Rating(f"r{i}", f"p{i}", factor.key, 1 + i) for i in range(6) for factor in FACTORS
    )
    case = replace(case, parties=parties, raters=raters, ratings=ratings, differences=())
    root = ET.fromstring(profile_chart(analysed(case), "en"))
    keys = with_class(with_class(root, "legend")[0], "key")
    shapes = [(key.tag.removeprefix(SVG), len(key.get("points", "").split())) for key in keys]
    assert shapes == [
        ("circle", 0),
        ("rect", 0),
        ("polygon", 3),  # triangle
        ("polygon", 4),  # diamond
        ("polygon", 3),  # triangle pointing down
        ("polygon", 6),  # hexagon
    ]
    assert len({key.get("fill") for key in keys}) == 6
    assert len(with_class(row(root, "trust"), "marker", "position")) == 6


# -- the self view beside the outside view (the blind spot) -----------------------


def parties_with_both_views(analysis: Analysis) -> dict[str, list[str]]:
    """Per factor key, the ids of the parties that have a self and an outside view."""
    return {
        result.factor.key: [
            party
            for party, position in result.positions.items()
            if position.view(SELF_VIEW) is not None and position.view(OUTSIDE_VIEW) is not None
        ]
        for result in analysis.factors
    }


def test_profile_chart_draws_a_self_view_bar_only_beside_an_outside_view():
    analysis = analysed(three_party_case())
    root = ET.fromstring(profile_chart(analysis, "en"))
    # Globex rates itself (Eva) and is rated by ACME's Jan on every factor; ACME and
    # Initech are rated by their own raters only, so they get no bar.
    assert parties_with_both_views(analysis) == {f.key: ["globex"] for f in FACTORS}
    assert len(with_class(root, "marker", "self")) == 9
    for factor in FACTORS:
        (bar,) = with_class(row(root, factor.key), "marker", "self")
        assert bar.get("fill") == "#D55E00"  # Globex's colour


def test_profile_chart_counts_self_view_bars_in_the_two_party_case():
    analysis = analysed(two_party_case())
    root = ET.fromstring(profile_chart(analysis, "nl"))
    both = parties_with_both_views(analysis)
    # Eva left dependency open: there ACME has a self view only and Globex no view.
    # On sustainability only Eva rated Globex, her own party: a self view only.
    assert both["dependency"] == []
    assert both["sustainability"] == ["acme"]
    assert sum(len(ids) for ids in both.values()) == 8 * 2 + 1
    assert len(with_class(root, "marker", "self")) == 17
    for key, ids in both.items():
        assert len(with_class(row(root, key), "marker", "self")) == len(ids)


def test_profile_chart_draws_no_self_view_bar_for_an_outside_view_alone():
    case = three_party_case()
    without_eva = tuple(r for r in case.ratings if r.rater != "eva")
    root = ET.fromstring(profile_chart(analysed(replace(case, ratings=without_eva)), "en"))
    assert with_class(root, "marker", "self") == []
    assert len(with_class(root, "marker", "outside")) == 9  # Jan's view of Globex stays


def test_profile_chart_puts_the_self_view_bar_at_the_self_view_median():
    analysis = analysed(three_party_case())
    globex = analysis.factor("intention").positions["globex"]
    assert (globex.view(SELF_VIEW).median, globex.view(OUTSIDE_VIEW).median) == (6, 5)
    root = ET.fromstring(profile_chart(analysis, "en"))
    intention = row(root, "intention")
    (bar,) = with_class(intention, "marker", "self")
    # 6 on the 1..7 axis from x=224 to x=680 (456 px): 224 + 5/6 * 456 = 604; the bar
    # is 4 px wide and 15 px tall, centred on the lane of Globex's position marker.
    assert (bar.get("x"), bar.get("width"), bar.get("height")) == ("602", "4", "15")
    position = with_class(intention, "marker", "position")[1]  # Globex: a square
    bar_middle = float(bar.get("y")) + 7.5
    square_middle = float(position.get("y")) + float(position.get("height")) / 2
    assert bar_middle == pytest.approx(square_middle, abs=0.1)  # coordinates have 1 decimal
    assert "".join(bar.itertext()) == "Globex Sales, self view: 6"


@pytest.mark.parametrize(
    ("language", "keys"),
    [
        (
            "en",
            ["position (filled marker)", "self view (upright bar)", "outside view (hollow marker)"],
        ),
        (
            "nl",
            [
                "positie (gevuld teken)",
                "eigen beeld (staand streepje)",
                "beeld van buitenaf (open teken)",
            ],
        ),
    ],
)
def test_profile_chart_names_the_self_view_bar_in_the_legend(language, keys):
    root = ET.fromstring(profile_chart(analysed(two_party_case(language)), language))
    marks = with_class(root, "legend")[1]
    assert texts(marks)[:3] == keys
    symbols = with_class(marks, "key")
    assert [s.tag.removeprefix(SVG) for s in symbols] == ["circle", "rect", "circle"]
    assert (symbols[1].get("width"), symbols[1].get("height")) == ("4", "13")  # upright


@pytest.mark.parametrize(
    ("language", "relationship", "dependency"),
    [
        (
            "en",
            "ACME Inkoop 3.5 (self view 3, outside view 4); "
            "Globex Verkoop 5.5 (self view 6, outside view 5).",
            "ACME Inkoop 1.5; Globex Verkoop unknown.",
        ),
        (
            "nl",
            "ACME Inkoop 3,5 (eigen beeld 3, beeld van buitenaf 4); "
            "Globex Verkoop 5,5 (eigen beeld 6, beeld van buitenaf 5).",
            "ACME Inkoop 1,5; Globex Verkoop onbekend.",
        ),
    ],
)
def test_profile_chart_desc_gives_both_views_where_both_exist(language, relationship, dependency):
    root = ET.fromstring(profile_chart(analysed(two_party_case(language)), language))
    desc = root.find(f"{SVG}desc").text
    assert relationship in desc
    # Dependency: ACME's own raters only, so its position is their median: no views.
    assert dependency in desc


def test_profile_chart_names_a_blocking_perception_gap_the_positions_hide():
    examples = Path(__file__).resolve().parents[2] / "examples"
    case = load_case(examples / "open-dialogue-four-views.yaml")
    root = ET.fromstring(profile_chart(analyse(case), "en"))
    label = with_class(row(root, "intention"), "severity-label")[0]
    assert label.text == "aligned, uncertain"
    # Positions 4.75 and 4.5 (aligned), but Harbour sees Brightline at 3 and
    # Brightline sees itself at 6: the row says so, in bold.
    (seen,) = with_class(row(root, "intention"), "perception-label")
    assert seen.text == "perception gap: blocking"
    assert seen.get("font-weight") == "bold"
    assert with_class(row(root, "relationship"), "perception-label") == []
    desc = root.find(f"{SVG}desc").text
    assert "Gap between Harbour Logistics and Brightline IT Services: aligned, uncertain. " in desc
    assert "aligned, uncertain. Perception gap: blocking. Relationship" in desc
