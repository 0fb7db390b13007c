"""The charts as PNG pictures for slides: size, real text, the fonts found."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.formats.casefile import load_case
from kloof.reports.chart_png import FONT_FILES, PNG_WIDTH, chart_fonts, svg_to_png
from kloof.reports.chart_profile import profile_chart
from kloof.reports.chart_radar import radar_chart
from tests.png import dark_pixels, png_size, top_rows

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"
CHARTS = {"profile": profile_chart, "radar": radar_chart}
#: The title's band in the picture: its first line of text is drawn here.
TITLE_ROWS = slice(30, 100)


def svg_size(svg: str) -> tuple[float, float]:
    match = re.match(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg)
    assert match
    return float(match[1]), float(match[2])


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("kind", ["profile", "radar"])
def test_the_picture_is_1920_px_wide_in_the_charts_proportions(kind, language):
    svg = CHARTS[kind](analyse(load_case(DEMO)), language)
    png = svg_to_png(svg)
    width, height = svg_size(svg)
    assert png_size(png) == (PNG_WIDTH, math.ceil(PNG_WIDTH * height / width))  # resvg rounds up
    assert PNG_WIDTH == 1920


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_title_is_drawn_in_dark_text(language):
    png = svg_to_png(profile_chart(analyse(load_case(DEMO)), language))
    rows = top_rows(png, TITLE_ROWS.stop)
    assert dark_pixels(rows[: TITLE_ROWS.start]) == 0  # the margin above is white
    # Thousands of pixels of text: a picture whose font was not found has none.
    assert dark_pixels(rows[TITLE_ROWS]) > 3000


def test_without_a_font_the_title_band_is_blank():
    """The check above fails when resvg finds no font (it then draws no text)."""
    import resvg_py

    svg = profile_chart(analyse(load_case(DEMO)), "en")
    png = resvg_py.svg_to_bytes(
        svg_string=svg, width=PNG_WIDTH, background="#ffffff", skip_system_fonts=True
    )
    assert dark_pixels(top_rows(png, TITLE_ROWS.stop)[TITLE_ROWS]) == 0


def test_dejavu_sans_is_found_in_all_three_faces():
    """scripts/setup.sh installs fonts-dejavu-core: the font the SVG's text widths
    are measured with, and what a browser on Debian draws the SVG in."""
    fonts = chart_fonts()
    assert [Path(file).name for file in fonts] == list(FONT_FILES)
    assert all(Path(file).is_file() for file in fonts)
