"""The rate page in a real browser, and the bars of buttons at the bottom of the
screen.

- A factor not rated yet starts unset; a score typed with a decimal comma is
  three and a half in either language; Space on an unset slider sets the
  middle; "Save all changes" saves every factor the person touched.
- The bar that stays at the bottom of the screen ("Save all changes" on the
  rate page, "Save" and "Send my answers" in the questionnaire) covers no
  control and no heading, on a 1280 px screen and on a 375 px phone: each one,
  scrolled into view (with its bottom at the bottom of the screen, the hardest
  case) or reached with the Tab key, is the element found at its own centre
  and bottom corners, not the bar."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.server import Server, server_env
from tests.web.processes import run_python

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 10_000
SIZES = [{"width": 1280, "height": 800}, {"width": 375, "height": 740}]
EMAIL = "sticky@example.org"

MAKE_CASE = """
import sys
from kloof.web.runner import setup
setup()
from tests.web.factories import PASSWORD, add_member, make_demo_case, make_user, make_workspace
from tests.web.respond_support import make_link
from kloof.storage import rating
user = make_user(sys.argv[1], PASSWORD)
workspace = make_workspace("Sticky", owner=user)
case = make_demo_case(workspace)
newcomer = rating.add_rater(case, "Nina", case.parties.get(key="halvorsen"), user)
print(f"/w/{workspace.slug}/cases/{case.pk}/rate/")
print(make_link(case)[1])
"""

#: The controls and headings outside the bar that the bar covers, after each is
#: scrolled into view with its bottom at the bottom of the screen.
COVERED_WHEN_SCROLLED = """(bar) => {
  const items = Array.from(document.querySelectorAll(
    "main input:not([type=hidden]), main select, main textarea, main button, main summary, " +
    "main a[href], main h1, main h2, main h3, main legend"))
    .filter(e => !bar.contains(e) && e.checkVisibility({visibilityProperty: true}));
  const covered = [];
  for (const item of items) {
    item.scrollIntoView({block: "end"});
    if (coveredBy(bar, item)) { covered.push(itemName(item)); }
  }
  return [items.length, covered];
}"""

HELPERS = """() => {
window.coveredBy = (bar, item) => {
  const box = item.getBoundingClientRect();
  const points = [[box.left + box.width / 2, box.top + box.height / 2],
                  [box.left + 2, box.bottom - 2], [box.right - 2, box.bottom - 2]];
  return points.some(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit && bar.contains(hit);
  });
};
window.itemName = (item) => item.tagName.toLowerCase() + "#"
  + (item.id || item.name || item.textContent.trim().slice(0, 30));
}"""


@pytest.fixture(scope="module")
def urls(server: Server) -> tuple[str, str]:
    made = run_python(MAKE_CASE, server_env(server.log.parent / "data"), EMAIL)
    assert made.returncode == 0, made.stderr
    rate, token = made.stdout.split()
    return rate, token


@pytest.fixture
def context(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def log_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address:", exact=True).fill(EMAIL)
    page.get_by_label("Password:", exact=True).fill("Kloof-test-2026-salt")
    page.get_by_role("main").get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("banner")).to_contain_text(EMAIL)


def covered_when_scrolled(page: Page, bar_selector: str) -> list[str]:
    page.evaluate(HELPERS)
    bar = page.locator(bar_selector).element_handle()
    count, covered = page.evaluate(COVERED_WHEN_SCROLLED, bar)
    assert count > 40  # the check saw the page's controls
    return covered


def covered_when_tabbed(page: Page, bar_selector: str, presses: int) -> list[str]:
    """Tab from the top through the page: the focused control is never under the bar."""
    page.evaluate(HELPERS)
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement.blur(); }")
    bar = page.locator(bar_selector).element_handle()
    covered = []
    for _press in range(presses):
        page.keyboard.press("Tab")
        hidden = page.evaluate(
            "(bar) => { const item = document.activeElement;"
            " if (!item || item === document.body || bar.contains(item)) { return null; }"
            " return coveredBy(bar, item) ? itemName(item) : null; }",
            bar,
        )
        if hidden:
            covered.append(hidden)
    return covered


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size['width']}px")
def test_save_all_covers_nothing_on_the_rate_page(context, urls, size) -> None:
    page = context.new_page()
    page.set_viewport_size(size)
    log_in(page)
    rate, _token = urls
    page.goto(rate)
    expect(page.locator(".rating-actions")).to_be_visible()
    assert covered_when_scrolled(page, ".rating-actions") == []
    assert covered_when_tabbed(page, ".rating-actions", presses=90) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size['width']}px")
def test_the_questionnaires_buttons_cover_nothing(context, urls, size) -> None:
    page = context.new_page()
    page.set_viewport_size(size)
    _rate, token = urls
    page.goto(f"/r/{token}")
    expect(page.locator(".respond-actions")).to_be_visible()
    assert covered_when_scrolled(page, ".respond-actions") == []
    assert covered_when_tabbed(page, ".respond-actions", presses=90) == []


def open_rate_page(page: Page, rate: str, language: str) -> None:
    log_in(page)
    if language == "nl":
        page.context.add_cookies([{"name": "django_language", "value": "nl", "url": page.url}])
    page.goto(rate)


def factor(page: Page, key: str):
    return page.locator(f"#factor-{key}")


@pytest.mark.parametrize(
    ("language", "key", "typed", "saved"),
    [("en", "trust", "3,5", "Saved: 3.5."), ("nl", "competences", "3,5", "Opgeslagen: 3,5.")],
)
def test_a_score_typed_with_a_decimal_comma_is_three_and_a_half(
    context, urls, language, key, typed, saved
) -> None:
    page = context.new_page()
    open_rate_page(page, urls[0], language)
    trust = factor(page, key)
    expect(trust.get_by_role("slider")).to_have_class(re.compile(r"\bis-unset\b"))
    trust.locator(".rating-number").fill(typed)
    trust.locator(".rating-number").blur()
    expect(trust.locator(".rating-status")).to_have_text(saved)
    expect(trust.get_by_role("slider")).to_have_value("3.5")
    expect(trust.get_by_role("slider")).not_to_have_class(re.compile(r"\bis-unset\b"))


def test_save_all_saves_the_middle_set_with_space(context, urls) -> None:
    page = context.new_page()
    open_rate_page(page, urls[0], "en")
    flexibility = factor(page, "flexibility")
    slider = flexibility.get_by_role("slider")
    slider.focus()
    page.keyboard.press("Space")
    expect(flexibility.locator(".rating-number")).to_have_value("4")
    expect(flexibility.locator("input[name=touched]")).to_have_value("flexibility")
    page.get_by_role("button", name="Save all changes", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"\d+ ratings? saved\."))
    expect(factor(page, "flexibility").locator(".rating-number")).to_have_value("4")
    expect(factor(page, "flexibility").locator(".rating-status")).to_have_text("Rated.")


def test_without_scripts_the_score_is_typed_and_the_page_saved(browser, server, urls) -> None:
    """No script: no slider, the score fields take the scores (a decimal comma
    too), and "Save all changes" saves the factors typed in, the middle too."""
    context = browser.new_context(base_url=server.url, locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        log_in(page)
        page.goto(urls[0])
        emotions = factor(page, "emotional_frame")
        expect(emotions.get_by_role("slider")).to_be_hidden()
        expect(emotions.locator(".score-unset")).to_have_text("Not rated yet")
        emotions.get_by_label(re.compile(r"^Score")).fill("4")
        factor(page, "value_creation").get_by_label(re.compile(r"^Score")).fill("5,5")
        page.get_by_role("button", name="Save all changes", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("2 ratings saved.")
        expect(factor(page, "emotional_frame").locator(".rating-number")).to_have_value("4")
        expect(factor(page, "value_creation").locator(".rating-number")).to_have_value("5.5")
    finally:
        context.close()
