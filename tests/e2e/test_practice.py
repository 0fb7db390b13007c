"""Practice in a real browser, in English and in Dutch: practise the built-in
scenario to its feedback at 1280 px (one score set with the rate page's slider,
the others typed, in Dutch with a decimal comma), then add a spotting-journal
entry on a 375 px phone. axe-core checks every page; screenshots at 1280 and
375 px go to ``$KLOOF_SCREENSHOTS`` when that is set."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, expect

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_scenario
from tests.e2e.server import Server
from tests.e2e.shots import shoot
from tests.e2e.test_walk import PHONE, TIMEOUT_MS, Walk, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

SCENARIO = "supplier-price-rise"
ADVANCED = "regional-bus-strike"


@dataclass(frozen=True)
class Words:
    practice: str
    title: str
    submit: str
    feedback: str
    score: str
    progress: str
    blocking_label: str  # the checkbox of the blocking difference
    move: str
    journal: str
    add: str
    situation: str
    factor: str
    trust: str
    blocking: str
    save: str
    saved: str


WORDS = {
    "en": Words(
        practice="Practice",
        title="A fourteen per cent price rise",
        submit="Submit and see the feedback",
        feedback="Feedback: A fourteen per cent price rise",
        score="Your score: 100 of 100",
        progress="Your progress",
        blocking_label="Korrel (purchasing, Inge Baker) and Vos Packaging (Ruud Vos)",
        move="First make discussable what each wants from this relationship",
        journal="Spotting journal",
        add="Add an entry",
        situation="Situation:",
        factor="Factor:",
        trust="Trust",
        blocking="Blocking: in the way of an agreement",
        save="Save",
        saved="Journal entry saved.",
    ),
    "nl": Words(
        practice="Oefenen",
        title="Een prijsstijging van veertien procent",
        submit="Insturen en de feedback bekijken",
        feedback="Feedback: Een prijsstijging van veertien procent",
        score="Je score: 100 van 100",
        progress="Je voortgang",
        blocking_label="Korrel (inkoop, Inge Bakker) en Kartonnage Vos (Ruud Vos)",
        move="Eerst bespreekbaar maken wat ieder van deze relatie wil",
        journal="Verschillendagboek",
        add="Een notitie toevoegen",
        situation="Situatie:",
        factor="Factor:",
        trust="Vertrouwen",
        blocking="Blokkerend: staat een akkoord in de weg",
        save="Opslaan",
        saved="Dagboeknotitie opgeslagen.",
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_practise_a_scenario_and_keep_a_journal_on_a_phone(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(
        locale=text.locale, base_url=server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=words.title)
        sign_up(walk, email=f"practice.{text.language}@example.org")
        practise(walk, words)
        keep_a_journal(walk, words)
        assert walk.problems == []
    finally:
        context.close()


def practise(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("banner").get_by_role("link", name=words.practice, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.practice)
    walk.accessible("the scenario list")
    shoot(walk, "list")
    page.get_by_role("link", name=words.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.title)
    walk.accessible("the scenario page")
    # The slider of the rate page sets the field beside it.
    slider = page.locator("#trust-korrel-slider")
    slider.focus()
    slider.press("End")
    expect(page.locator("#id_pos__korrel__trust")).to_have_value("7")
    attempt = reference_attempt(builtin_scenario(SCENARIO))
    comma = walk.text.language == "nl"
    for (party, factor), value in attempt.positions.items():
        typed = f"{value:g}".replace(".", ",") if comma else f"{value:g}"
        page.locator(f"#id_pos__{party}__{factor}").fill(typed)
    intention = page.locator("#factor-intention")
    intention.get_by_label(words.blocking_label, exact=True).check()
    page.get_by_label(words.move, exact=False).check()
    shoot(walk, "scenario")
    page.get_by_role("button", name=words.submit, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.feedback)
    expect(page.get_by_role("heading", level=2, name=words.score)).to_be_visible()
    expect(page.locator("figure.practice-chart svg[role=img]")).to_have_count(2)
    walk.accessible("the feedback page")
    shoot(walk, "feedback")
    page.get_by_role("link", name=words.progress, exact=True).first.click()
    expect(page.locator("svg.learning-curve polyline")).to_have_count(2)
    walk.accessible("the progress page")
    shoot(walk, "progress")
    page.goto(f"/practice/scenarios/{ADVANCED}/")
    walk.accessible("an advanced scenario")
    shoot(walk, "advanced")


def keep_a_journal(walk: Walk, words: Words) -> None:
    page = walk.page
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name=words.journal, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.journal)
    page.get_by_role("link", name=words.add, exact=True).click()
    walk.accessible("the new journal entry")
    walk.control(words.situation).fill("The neighbour wants the hedge lower, before the summer.")
    walk.control(words.factor).select_option(label=words.trust)
    page.get_by_label(words.blocking, exact=True).check()
    shoot(walk, "journal-new")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name=words.save, exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(words.saved)
    expect(page.locator("main")).to_contain_text("The neighbour wants the hedge lower")
    walk.accessible("the journal entry")
    page.get_by_role("link", name=words.journal, exact=True).click()
    walk.accessible("the journal list")
    shoot(walk, "journal-list")
