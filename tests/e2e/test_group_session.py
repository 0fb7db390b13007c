"""A group session in a real browser: a trainer starts one on a built-in
scenario, three participants join on 375 px phones in browser contexts of their
own (no account), rate, flag and send; the trainer's live screen shows them
coming in without a reload; the trainer reveals the reference and a participant
reads its reasoning. In English and in Dutch, axe-core on every page, no page
wider than the phone. Screenshots (1280 trainer, 375 participant) are written to
``KLOOF_SCREENSHOTS`` when it is set."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.shots import shoot_page as shoot
from tests.e2e.test_walk import PHONE, TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

WORDS = {
    "en": {
        "nav": "Group sessions",
        "language": "Language of the participants' pages",
        "start": "Start the session",
        "link": "Link to the session",
        "live": "Open the live screen (new tab)",
        "nickname": "Your nickname",
        "join": "Join",
        "send": "Send my answers",
        "score": "Your score:",
        "submitted": "3 submitted",
        "reveal": "Reveal the reference",
        "reasoning": "The reference's reasoning",
        "taken": "already called",
    },
    "nl": {
        "nav": "Groepssessies",
        "language": "Taal van de pagina's voor deelnemers",
        "start": "Sessie starten",
        "link": "Link naar de sessie",
        "live": "Open het live scherm (nieuw tabblad)",
        "nickname": "Je bijnaam",
        "join": "Meedoen",
        "send": "Mijn antwoorden versturen",
        "score": "Je score:",
        "submitted": "3 verstuurd",
        "reveal": "Referentie tonen",
        "reasoning": "De redenering van de referentie",
        "taken": "heet al",
    },
}


def participate(walk: Walk, words: dict[str, str], link: str, nickname: str, score: str) -> None:
    page = walk.page
    page.goto(link)
    walk.accessible("the nickname page")
    walk.control(words["nickname"] + ":").fill(nickname)
    page.get_by_role("button", name=words["join"], exact=True).click()
    expect(page.get_by_role("button", name=words["send"], exact=True)).to_be_visible()
    for field in page.locator("input.respond-number").all():
        field.fill(score)
    page.locator("input[name=blocking]").first.check()
    page.locator("input[name=first_move]").first.check()
    walk.accessible("the questions")
    if nickname == "Ann":
        shoot(page, f"group-questions-{walk.text.language}-375")
    page.get_by_role("button", name=words["send"], exact=True).click()
    expect(page.locator("#group-score")).to_contain_text(words["score"])
    walk.accessible("the feedback")


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_a_trainer_runs_a_group_session_with_three_phones(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    trainer_context = browser.new_context(
        locale=text.locale, base_url=server.url, viewport={"width": 1280, "height": 900}
    )
    trainer_context.set_default_timeout(TIMEOUT_MS)
    phones = []
    try:
        page = trainer_context.new_page()
        trainer = Walk(page, text, axe, title="Group")
        sign_up(trainer, email=f"trainer.{text.language}@example.org")
        create_workspace(trainer, f"Training {text.language}")
        page.get_by_role("link", name=words["nav"], exact=True).click()
        trainer.accessible("the group sessions page")
        page.get_by_label(words["language"] + ":", exact=True).select_option(text.language)
        page.get_by_role("button", name=words["start"], exact=True).click()
        link = page.get_by_label(words["link"], exact=True).input_value()
        assert "/g/" in link
        trainer.accessible("the new session's link")
        shoot(page, f"group-link-{text.language}-1280")
        live_url = page.get_by_role("link", name=words["live"], exact=True).get_attribute("href")
        page.goto(live_url)
        trainer.accessible("the live screen")
        for number, (nickname, score) in enumerate((("Ann", "4"), ("Bob", "5,5"), ("Cas", "2"))):
            context = browser.new_context(locale=text.locale, base_url=server.url, viewport=PHONE)
            context.set_default_timeout(TIMEOUT_MS)
            phones.append(context)
            walk = Walk(context.new_page(), text, axe, title="Group")
            participate(walk, words, link, nickname, score)
            if number == 0:
                shoot(walk.page, f"group-feedback-{text.language}-375")
        # A fourth phone picks a nickname already taken: a clear message.
        context = browser.new_context(locale=text.locale, base_url=server.url, viewport=PHONE)
        phones.append(context)
        late = context.new_page()
        late.goto(link)
        late.get_by_label(words["nickname"] + ":", exact=True).fill("ann")
        late.get_by_role("button", name=words["join"], exact=True).click()
        expect(late.get_by_role("main")).to_contain_text(words["taken"])
        # The live screen updated itself (polling), without a reload.
        expect(page.locator("#group-counts")).to_contain_text(words["submitted"])
        expect(page.locator("svg.group-strip").first).to_be_visible()
        trainer.accessible("the live screen with answers")
        shoot(page, f"group-live-{text.language}-1280")
        page.get_by_role("button", name=words["reveal"], exact=True).click()
        first = phones[0].pages[0]
        first.reload()
        expect(first.get_by_role("heading", name=words["reasoning"])).to_be_visible()
        shoot(first, f"group-reasoning-{text.language}-375")
        assert not trainer.problems, trainer.problems
    finally:
        for context in phones:
            context.close()
        trainer_context.close()
