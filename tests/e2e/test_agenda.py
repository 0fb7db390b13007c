"""The dialogue agenda in a real browser: upload the demo case, generate the
agenda, reword an item, share it, move it, make a link for the other side and
open that link in a fresh browser (no account) on a 375 px phone — in English
and in Dutch, axe-core checking every page and no page wider than the phone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.test_walk import PHONE, TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"
TITLE = "Packaging contract renewal 2027"
REWORDED = "How we want to win together"


@dataclass(frozen=True)
class Words:
    agenda: str
    heading: str
    generate: str
    first_see: str
    edit: str
    title: str
    save: str
    share: str
    shared: str
    move_down: str
    links: str
    link_name: str
    link_language: str
    language_option: str
    make_link: str
    link_label: str
    shared_heading: str
    download: str
    ask_label: str


WORDS = {
    "en": Words(
        agenda="Agenda",
        heading="Agenda of the open conversation",
        generate="Generate the agenda from the analysis",
        first_see="Halvorsen Foods stands close to “Win together, let the other gain too”",
        edit="Edit",
        title="Title:",
        save="Save the item",
        share="Share with the other side",
        shared="shared with the other side",
        move_down="Move down",
        links="Links for the other side",
        link_name="Name for the team (not shown to the other side):",
        link_language="Language of the page:",
        language_option="English",
        make_link="Make the link",
        link_label="Link to the agenda",
        shared_heading="Agenda: how we want to do business together",
        download="Download as PDF",
        ask_label="What we want to ask",
    ),
    "nl": Words(
        agenda="Agenda",
        heading="Agenda van het open gesprek",
        generate="Maak de agenda uit de analyse",
        # The items are in the case's language (the demo case is English); the page is Dutch.
        first_see="Halvorsen Foods stands close to “Win together, let the other gain too”",
        edit="Bewerken",
        title="Titel:",
        save="Punt opslaan",
        share="Delen met de andere kant",
        shared="gedeeld met de andere kant",
        move_down="Omlaag",
        links="Links voor de andere kant",
        link_name="Naam voor het team (de andere kant ziet die niet):",
        link_language="Taal van de pagina:",
        language_option="Nederlands",
        make_link="Link maken",
        link_label="Link naar de agenda",
        shared_heading="Agenda: hoe we samen zaken willen doen",
        download="Downloaden als PDF",
        ask_label="Wat we willen vragen",
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_the_agenda_is_generated_edited_shared_and_read_on_a_phone(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(locale=text.locale, base_url=server.url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        sign_up(walk, email=f"agenda.{text.language}@example.org")
        create_workspace(walk, name=f"Agenda {text.language}")
        upload_the_demo(walk)
        generate(walk, words)
        reword_and_share(walk, words)
        url = make_a_link(walk, words)
        assert walk.problems == []
    finally:
        context.close()
    read_on_a_phone(browser, axe, text, words, url)


def upload_the_demo(walk: Walk) -> None:
    page = walk.page
    page.locator("main a[href$='/cases/upload/']").first.click()
    page.locator("input[type=file]").set_input_files(str(DEMO))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def generate(walk: Walk, words: Words) -> None:
    page = walk.page
    walk.case_link(words.agenda).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.heading)
    walk.accessible("the empty agenda")
    page.get_by_role("button", name=words.generate, exact=True).click()
    items = page.locator("main ol.agenda-items > li")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text(words.first_see)
    walk.accessible("the generated agenda")


def reword_and_share(walk: Walk, words: Words) -> None:
    page = walk.page
    items = page.locator("main ol.agenda-items > li")
    first_title = items.first.get_by_role("heading", level=2).inner_text()
    items.first.get_by_role("link", name=re.compile(rf"^{words.edit}\b")).click()
    walk.accessible("an agenda item's form")
    walk.control(words.title).fill(REWORDED)
    page.get_by_role("button", name=words.save, exact=True).click()
    first = page.locator("main ol.agenda-items > li").first
    expect(first.get_by_role("heading", level=2)).to_have_text(f"1. {REWORDED}")
    assert first_title != f"1. {REWORDED}"
    first.get_by_role("button", name=re.compile(rf"^{words.share}\b")).click()
    first = page.locator("main ol.agenda-items > li").first
    expect(first).to_contain_text(words.shared)
    # The keyboard moves it: focus the button, press Enter.
    down = first.get_by_role("button", name=re.compile(rf"^{words.move_down}\b"))
    down.focus()
    page.keyboard.press("Enter")
    second = page.locator("main ol.agenda-items > li").nth(1)
    expect(second.get_by_role("heading", level=2)).to_have_text(f"2. {REWORDED}")
    walk.accessible("the agenda with a shared item")


def make_a_link(walk: Walk, words: Words) -> str:
    page = walk.page
    page.get_by_role("link", name=words.links, exact=True).click()
    walk.accessible("the links for the other side")
    walk.control(words.link_name).fill("Bob at Cartwright")
    walk.control(words.link_language).select_option(label=words.language_option)
    page.get_by_role("button", name=words.make_link, exact=True).click()
    box = page.get_by_label(words.link_label, exact=True)
    url = box.input_value()
    assert "/a/" in url
    walk.accessible("the new link")
    return url


def read_on_a_phone(browser: Browser, axe: str, text: Texts, words: Words, url: str) -> None:
    phone = browser.new_context(locale=text.locale, viewport=PHONE)
    phone.set_default_timeout(TIMEOUT_MS)
    try:
        page = phone.new_page()
        walk = Walk(page, text, axe, title=TITLE)
        response = page.goto(url)
        assert response is not None and response.status == 200
        assert response.headers["referrer-policy"] == "no-referrer"
        expect(page.get_by_role("heading", level=1)).to_have_text(words.shared_heading)
        items = page.locator("main ol.agenda-items > li")
        expect(items).to_have_count(1)
        expect(items.first.get_by_role("heading", level=2)).to_have_text(f"1. {REWORDED}")
        expect(items.first).to_contain_text(words.ask_label)
        main = page.get_by_role("main").inner_text()
        assert TITLE not in main and "Bob at Cartwright" not in main
        walk.accessible("the other side's page")
        with page.expect_download() as download:
            page.get_by_role("link", name=words.download, exact=True).click()
        assert download.value.suggested_filename == "agenda.pdf"
        assert walk.problems == []
    finally:
        phone.close()
