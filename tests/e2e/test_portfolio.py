"""The portfolio and its heat map in a real browser, in English and Dutch: a
new team uploads the demo case, opens the portfolio from the workspace bar,
filters it on a blocking factor, opens the heat map and follows a row to the
case; axe-core checks every page, and at 375 px no page is wider than the phone
(the heat map's table scrolls in a box of its own). Screenshots at 1280 and
375 px go to ``$KLOOF_SCREENSHOTS`` when that is set."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.shots import shoot
from tests.e2e.test_agenda import TITLE, upload_the_demo
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

WORDS = {
    "en": {
        "portfolio": "Portfolio",
        "heatmap": "Heat map",
        "heading": "Portfolio heat map",
        "factor": "Factor",
        "dependency": "Dependency",
        "severity": "Severity",
        "blocking": "blocking",
        "apply": "Apply",
        "count": "1 row of 1",
        "cell": "blocking",
    },
    "nl": {
        "portfolio": "Portfolio",
        "heatmap": "Heatmap",
        "heading": "Heatmap van het portfolio",
        "factor": "Factor",
        "dependency": "Afhankelijkheid",
        "severity": "Zwaarte",
        "blocking": "blokkerend",
        "apply": "Toepassen",
        "count": "1 rij van 1",
        "cell": "blokkerend",
    },
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_the_portfolio_and_heat_map_in_a_browser(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(locale=text.locale, base_url=server.url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        sign_up(walk, email=f"portfolio.{text.language}@example.org")
        create_workspace(walk, name=f"Portfolio {text.language}")
        upload_the_demo(walk)
        page = walk.page
        subnav = page.locator("nav.subnav")
        subnav.get_by_role("link", name=words["portfolio"], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["portfolio"])
        expect(page.locator("main table tbody tr")).to_have_count(1)
        walk.accessible("the portfolio")
        shoot(walk, "portfolio")
        page.get_by_label(words["factor"], exact=True).select_option(label=words["dependency"])
        page.get_by_label(words["severity"], exact=True).select_option(label=words["blocking"])
        page.get_by_role("button", name=words["apply"], exact=True).click()
        expect(page.locator("main .pager").first).to_contain_text(words["count"])
        page.locator("main .portfolio-tabs").get_by_role("link", name=words["heatmap"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
        expect(page.locator("td.heat-blocking").first).to_contain_text(words["cell"])
        walk.accessible("the heat map")
        shoot(walk, "heatmap")
        page.locator("main table tbody th a").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        assert walk.problems == []
    finally:
        context.close()
