"""The chart as a picture for slides, in a real browser: upload the demo case,
choose the radar chart on the dashboard and download it as SVG and as PNG, named
after the case, in English and in Dutch, axe-core checking the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.e2e.server import Server
from tests.e2e.test_register_perception import upload
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts
from tests.png import dark_pixels, png_size, top_rows

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"
LINKS = {
    "en": (
        "Radar",
        "Show",
        "Download this chart (SVG)",
        "Download as a picture for slides (PNG)",
    ),
    "nl": (
        "Radar",
        "Tonen",
        "Deze grafiek downloaden (SVG)",
        "Downloaden als afbeelding voor dia's (PNG)",
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_the_chart_shown_downloads_as_svg_and_png(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    radar, show, svg_link, png_link = LINKS[text.language]
    context = browser.new_context(locale=text.locale, base_url=server.url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title="Packaging contract renewal 2027")
        page = walk.page
        sign_up(walk, email=f"slides.{text.language}@example.org")
        create_workspace(walk, name=f"Slides {text.language}")
        upload(walk, DEMO)
        walk.case_link(text.analysis).click()
        page.get_by_role("radio", name=radar, exact=True).check()
        page.get_by_role("button", name=show, exact=True).click()
        walk.accessible("the dashboard with the radar chart")
        downloaded = {}
        for name in (svg_link, png_link):
            with page.expect_download() as started:
                page.get_by_role("link", name=name, exact=True).click()
            target = tmp_path / started.value.suggested_filename
            started.value.save_as(target)
            downloaded[target.name] = target.read_bytes()
        svg = downloaded["packaging-contract-renewal-2027-radar.svg"]
        assert svg.startswith(b"<svg ") and b"<title>Packaging contract renewal 2027" in svg
        png = downloaded["packaging-contract-renewal-2027-radar.png"]
        assert png_size(png) == (1920, 1458)
        assert dark_pixels(top_rows(png, 100)) > 3000
        assert walk.problems == []
    finally:
        context.close()
