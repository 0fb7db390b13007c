"""A respondent on a phone (375 px wide), in a real browser against a real
``kloof serve``: the secret link becomes a session, the questionnaire fits one
column with big touch targets, a slider starts unset and counts once it is set
(a tap in the middle included), a score typed with a decimal comma stays
three and a half, answers save as one goes and survive a reload, sending with
questions open asks first, and the thank-you page shows only their own answers
— in English and in Dutch, with axe-core on every page; and the bar of buttons
at the bottom hides no control or heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.axe import describe, serious_violations
from tests.e2e.server import Server, server_env
from tests.web.processes import run_python

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 740}
#: The smallest touch target we accept (WCAG 2.5.5 asks 44 CSS px).
TOUCH = 44
TIMEOUT_MS = 60_000  # a runaway bound for each step, not a speed limit
OWN = "halvorsen"

MAKE_LINKS = """
import sys
from kloof.web.runner import setup
setup()
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import make_link
team = make_team(sys.argv[1])
case = make_demo_case(team.workspace)
for language in ("en", "nl"):
    print(language, make_link(case, language=language, name="Ann " + language)[1])
"""


@dataclass(frozen=True)
class Words:
    language: str
    heading: str
    no_opinion: str
    answered: str
    unanswered: str
    saved: str
    send: str
    send_anyway: str
    open_questions: str  # the heading that asks before sending with 15 questions open
    thanks: str
    switch_to: str
    question: str  # the start of the intention question about Halvorsen Foods
    typed: str  # three and a half, typed the language's way


ENGLISH = Words(
    "en",
    "Your view",
    "No opinion",
    "Answered",
    "Not answered yet",
    "Saved.",
    "Send my answers",
    "Send anyway",
    "Send with 14 questions unanswered?",
    "Thank you: your answers have been sent",
    "Nederlands",
    "What is Halvorsen Foods after",
    "3.5",
)
DUTCH = Words(
    "nl",
    "Uw kijk",
    "Geen mening",
    "Beantwoord",
    "Nog niet beantwoord",
    "Opgeslagen.",
    "Mijn antwoorden versturen",
    "Toch versturen",
    "Versturen met 14 onbeantwoorde vragen?",
    "Bedankt: uw antwoorden zijn verstuurd",
    "English",
    "Waar is Halvorsen Foods op uit",
    "3,5",
)


def make_tokens(server: Server, team: str) -> dict[str, str]:
    """One link per language in the running server's database, for a new team."""
    made = run_python(MAKE_LINKS, server_env(server.log.parent / "data"), team)
    assert made.returncode == 0, made.stderr
    return dict(line.split(" ", 1) for line in made.stdout.strip().splitlines())


@pytest.fixture(scope="module")
def tokens(server: Server) -> dict[str, str]:
    return make_tokens(server, "Respond phone")


def accessible(page: Page, axe: str, where: str) -> None:
    violations = serious_violations(page, axe)
    assert not violations, describe(violations, f"{where} ({page.url})")


def assert_fits_a_phone(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"
    boxes = [
        page.locator(f"#q-{OWN}-{key}").bounding_box() for key in ("intention", "relationship")
    ]
    assert boxes[0] and boxes[1]
    # One column: the questions stand above each other, the same width.
    assert boxes[0]["x"] == boxes[1]["x"] and boxes[0]["width"] == boxes[1]["width"]
    assert boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1


def assert_big_targets(page: Page) -> None:
    question = page.locator(f"#q-{OWN}-intention")
    targets = {
        "slider": question.locator(".respond-range"),
        "score": question.locator(".respond-number"),
        "no opinion": question.locator(".respond-noop"),
        "details": question.locator("summary"),
        "save": page.locator("button[value=save]"),
        "send": page.locator("button[value=submit]"),
    }
    for name, target in targets.items():
        box = target.bounding_box()
        assert box and box["height"] >= TOUCH, f"{name}: {box}"


@pytest.mark.parametrize("words", [ENGLISH, DUTCH], ids=lambda words: words.language)
def test_a_respondent_answers_on_a_phone(
    browser: Browser, server: Server, axe: str, tokens: dict[str, str], words: Words
) -> None:
    context = browser.new_context(
        base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        token = tokens[words.language]
        page.goto(f"/r/{token}")
        # The token is gone from the address bar: the session holds the link.
        expect(page).to_have_url(re.compile(r"/respond/$"))
        expect(page.locator("html")).to_have_attribute("lang", words.language)
        expect(page.get_by_role("heading", level=1)).to_have_text(words.heading)
        assert token not in page.content()
        assert_fits_a_phone(page)
        assert_big_targets(page)
        accessible(page, axe, "the questionnaire")

        first = page.locator(f"#q-{OWN}-intention")
        expect(page.get_by_role("group", name=re.compile(f"^{words.question}"))).to_have_count(1)
        # Unset, the slider gives no answer and says so; set by keyboard, it does.
        slider = first.get_by_role("slider")
        expect(first.locator(".respond-number")).to_have_value("")
        expect(slider).to_have_class(re.compile(r"\bis-unset\b"))
        expect(slider).to_have_attribute("aria-valuetext", words.unanswered)
        slider.focus()
        page.keyboard.press("End")
        expect(first.locator(".respond-number")).to_have_value("7")
        expect(first.locator(".respond-state")).to_have_text(words.answered)
        expect(slider).not_to_have_attribute("aria-valuetext", words.unanswered)
        # A tap right in the middle of an unset slider is an answer: 4, not nothing.
        middle = page.locator(f"#q-{OWN}-value_creation")
        tap_the_middle(page, middle.get_by_role("slider"))
        expect(middle.locator(".respond-number")).to_have_value("4")
        expect(middle.locator(".respond-state")).to_have_text(words.answered)
        second = page.locator(f"#q-{OWN}-relationship")
        second.get_by_label(words.no_opinion, exact=True).check()
        expect(second.locator(".respond-number")).to_be_disabled()
        # Typed with the language's decimal sign: three and a half, never 35.
        third = page.locator(f"#q-{OWN}-trust")
        third.locator(".respond-number").press_sequentially(words.typed)
        third.locator(".respond-number").blur()
        expect(third.get_by_role("slider")).to_have_value("3.5")
        expect(page.locator("#respond-status")).to_have_text(words.saved)

        page.reload()
        expect(first.locator(".respond-number")).to_have_value("7")
        expect(middle.locator(".respond-number")).to_have_value("4")
        expect(second.get_by_label(words.no_opinion, exact=True)).to_be_checked()
        expect(third.locator(".respond-number")).to_have_value(words.typed)
        expect(third.get_by_role("slider")).not_to_have_class(re.compile(r"\bis-unset\b"))
        accessible(page, axe, "the questionnaire with answers")

        # 14 of 18 open: sending asks first, and says how many.
        page.get_by_role("button", name=words.send, exact=True).click()
        expect(page.get_by_role("heading", level=2, name=words.open_questions)).to_be_visible()
        accessible(page, axe, "the question before sending with open questions")
        page.get_by_role("button", name=words.send_anyway, exact=True).click()
        expect(page).to_have_url(re.compile(r"/respond/done$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(words.thanks)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        accessible(page, axe, "the thank-you page")

        # The language switch keeps the session.
        page.get_by_role("button", name=words.switch_to, exact=True).click()
        expect(page).to_have_url(re.compile(r"/respond/done$"))
        expect(page.locator("html")).not_to_have_attribute("lang", words.language)
        assert problems == []
    finally:
        context.close()


def tap_the_middle(page: Page, slider: Locator) -> None:
    """A tap at the slider's centre: the middle of the scale, where an unset
    slider already stands (so its value does not change)."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_questionnaire_works_without_scripts(browser: Browser, server: Server) -> None:
    """No script: the sliders stay hidden, the score fields take the answers, and
    "Save" and "Send" post the page."""
    token = make_tokens(server, "Respond no script")["en"]
    context = browser.new_context(base_url=server.url, viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"/r/{token}")
        first = page.locator(f"#q-{OWN}-intention")
        expect(first.get_by_role("slider")).to_be_hidden()
        first.get_by_label(re.compile("^Your score")).fill("6.5")
        page.locator(f"#q-{OWN}-trust").get_by_label("No opinion", exact=True).check()
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("Your answers are saved.")
        expect(first.get_by_label(re.compile("^Your score"))).to_have_value("6.5")
        expect(page.locator("#respond-progress")).to_have_text(
            "You have answered 2 of 18 questions."
        )
        page.get_by_role("button", name="Send my answers", exact=True).click()
        open_questions = "Send with 16 questions unanswered?"
        expect(page.get_by_role("heading", level=2, name=open_questions)).to_be_visible()
        page.get_by_role("button", name="Send anyway", exact=True).click()
        expect(page).to_have_url(re.compile(r"/respond/done$"))
        expect(page.get_by_text("6.5 on the scale from 1 to 7")).to_be_visible()
    finally:
        context.close()
