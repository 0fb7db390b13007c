"""A trainer's own scenario in a real browser, in English and in Dutch: on the
workspace's scenarios page, upload a file with problems (each shown with its
line and fix, nothing stored), then a good one; practise it to its feedback.
axe-core checks every page; screenshots at 1280 and 375 px go to
``$KLOOF_SCREENSHOTS`` when that is set."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, expect

from kloof.domain.practice import reference_attempt
from kloof.formats.scenario_problems import checked_scenario
from kloof.web.forms.practice import difference_value
from tests.e2e.server import Server
from tests.e2e.shots import shoot
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts
from tests.web.own_scenario_support import KEY, TITLE_EN, TITLE_NL, bad_yaml, good_yaml

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Words:
    scenarios: str
    file: str
    upload: str
    problems: str
    line: str
    fix: str
    stored: str
    title: str
    submit: str
    score: str


WORDS = {
    "en": Words(
        scenarios="Practice scenarios",
        file="Scenario file",
        upload="Upload",
        problems="The file has 2 problems; nothing was stored:",
        line="Line 3: 'level' is the text 'expert', which is not one of: basic, advanced",
        fix="Fix: use one of: basic, advanced",
        stored=f"Scenario {KEY} is stored.",
        title=TITLE_EN,
        submit="Submit and see the feedback",
        score="Your score: 100 of 100",
    ),
    "nl": Words(
        scenarios="Oefenscenario's",
        file="Scenariobestand",
        upload="Uploaden",
        problems="Het bestand heeft 2 problemen; er is niets bewaard:",
        line="Regel 3: 'level' is de tekst 'expert', en dat is geen van deze: basic, advanced",
        fix="Oplossing: gebruik een van: basic, advanced",
        stored=f"Scenario {KEY} is bewaard.",
        title=TITLE_NL,
        submit="Insturen en de feedback bekijken",
        score="Je score: 100 van 100",
    ),
}


def choose(walk: Walk, words: Words, name: str, data: bytes) -> None:
    page = walk.page
    page.locator("#id_file").set_input_files(
        {"name": name, "mimeType": "application/yaml", "buffer": data}
    )
    page.get_by_role("button", name=words.upload, exact=True).click()


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_upload_a_scenario_and_practise_it(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(
        locale=text.locale, base_url=server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=words.title)
        sign_up(walk, email=f"own.{text.language}@example.org")
        create_workspace(walk, f"Trainers {text.language}")
        upload(walk, words)
        practise(walk, words)
        assert walk.problems == []
    finally:
        context.close()


def upload(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("link", name=words.scenarios, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.scenarios)
    walk.accessible("the scenarios page")
    shoot(walk, "empty")
    choose(walk, words, "mine.yaml", bad_yaml())
    problems = page.locator("#scenario-problems")
    expect(problems).to_contain_text(words.problems)
    expect(problems.get_by_role("listitem").first).to_contain_text(words.line)
    expect(problems.get_by_role("listitem").first).to_contain_text(words.fix)
    expect(problems.get_by_role("listitem")).to_have_count(2)
    walk.accessible("the problems of a bad file")
    shoot(walk, "problems")
    choose(walk, words, "mine.yaml", good_yaml())
    expect(page.get_by_role("status")).to_contain_text(words.stored)
    expect(page.get_by_role("link", name=words.title, exact=True)).to_be_visible()
    walk.accessible("the scenarios page with one")
    shoot(walk, "list")


def practise(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("link", name=words.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.title)
    walk.accessible("the own scenario's page")
    attempt = reference_attempt(checked_scenario(good_yaml(), "mine.yaml"))
    comma = walk.text.language == "nl"
    for (party, factor), value in attempt.positions.items():
        typed = f"{value:g}".replace(".", ",") if comma else f"{value:g}"
        page.locator(f"#id_pos__{party}__{factor}").fill(typed)
    for key in attempt.blocking:
        page.locator(f'input[name="blocking"][value="{difference_value(key)}"]').check()
    page.locator(f'input[name="first_move"][value="{attempt.first_move}"]').check()
    page.get_by_role("button", name=words.submit, exact=True).click()
    expect(page.get_by_role("heading", level=2, name=words.score)).to_be_visible()
    walk.accessible("the feedback on the own scenario")
    shoot(walk, "feedback")
