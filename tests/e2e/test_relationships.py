"""Relationships in a real browser, in English and in Dutch, at 1280 and 375 px:
create a relationship, add a contract phase, link the demo case, start the next
review (the phase warning proposes the nearest date outside; one click takes
it), and download the relationship's .ics and parse it — axe-core checking the
pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.shots import shoot
from tests.e2e.test_register_perception import upload
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
TITLE = "Packaging contract renewal 2027"
SCREEN = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class Words:
    relationships: str
    cases: str
    new: str
    counterparty: str
    months: str
    save: str
    start: str
    end: str
    note: str
    add_phase_summary: str
    add_phase: str
    link_case: str
    link: str
    next_review: str
    warning: str
    use_instead: str
    ready: str
    summary: str


WORDS = {
    "en": Words(
        relationships="Relationships",
        cases="Cases",
        new="New relationship",
        counterparty="Counterparty:",
        months="Months between reviews:",
        save="Save",
        start="Start:",
        end="End:",
        note="Note:",
        add_phase_summary="Add a contract phase",
        add_phase="Add the phase",
        link_case="Link a case",
        link="Link the case",
        next_review="Start the next review",
        warning="This date falls in the contract phase from",
        use_instead="Use {day} instead",
        ready="The next review is ready",
        summary="Trust review with Cartwright Packaging",
    ),
    "nl": Words(
        relationships="Relaties",
        cases="Casussen",
        new="Nieuwe relatie",
        counterparty="Wederpartij:",
        months="Maanden tussen reviews:",
        save="Opslaan",
        start="Begin:",
        end="Einde:",
        note="Notitie:",
        add_phase_summary="Voeg een contractfase toe",
        add_phase="Fase toevoegen",
        link_case="Koppel een casus",
        link="Koppel de casus",
        next_review="Begin de volgende review",
        warning="Deze datum valt in de contractfase van",
        use_instead="Neem {day}",
        ready="De volgende review staat klaar",
        summary="Vertrouwensreview met Cartwright Packaging",
    ),
}

#: How each language writes the proposed date on the button (Django's DATE_FORMAT).
MONTHS = {
    "en": [
        "Jan.",
        "Feb.",
        "March",
        "April",
        "May",
        "June",
        "July",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def long_date(day: date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    return f"{month} {day.day}, {day.year}" if language == "en" else f"{day.day} {month} {day.year}"


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_a_relationship_gets_its_next_review_outside_the_contract_phase(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(locale=text.locale, base_url=server.url, viewport=SCREEN)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        sign_up(walk, email=f"relationships.{text.language}@example.org")
        create_workspace(walk, name=f"Relationships {text.language}")
        upload(walk, DEMO)
        create_the_relationship(walk, words)
        phase_end = add_a_phase_around_today(walk, words)
        link_the_demo_case(walk, words)
        start_the_next_review(walk, words, phase_end + timedelta(days=1))
        download_the_calendar(walk, words, tmp_path, phase_end + timedelta(days=1))
        assert walk.problems == []
    finally:
        context.close()


def create_the_relationship(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("navigation").get_by_role("link", name=words.relationships, exact=True).click()
    walk.accessible("the empty relationship list")
    page.get_by_role("link", name=words.new, exact=True).click()
    walk.control(words.counterparty).fill("Cartwright Packaging")
    walk.control(words.months).fill("12")
    walk.accessible("the new-relationship form")
    page.get_by_role("button", name=words.save, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cartwright Packaging")


def add_a_phase_around_today(walk: Walk, words: Words) -> date:
    page = walk.page
    today = date.today()
    # Nearer its end than its start: the proposed date lies after it.
    start, end = today - timedelta(days=25), today + timedelta(days=5)
    # Open by itself while the relationship has no phase yet.
    expect(page.get_by_text(words.add_phase_summary, exact=True)).to_be_visible()
    walk.control(words.start).fill(start.isoformat())
    walk.control(words.end).fill(end.isoformat())
    walk.control(words.note).fill("tender")
    page.get_by_role("button", name=words.add_phase, exact=True).click()
    expect(page.locator("main")).to_contain_text("tender")
    return end


def link_the_demo_case(walk: Walk, words: Words) -> None:
    page = walk.page
    walk.control(words.link_case).select_option(label=TITLE)
    page.get_by_role("button", name=words.link, exact=True).click()
    expect(page.get_by_role("rowheader", name=TITLE)).to_be_visible()
    walk.accessible("the relationship page")
    shoot(walk, "relationship")
    page.get_by_role("navigation").get_by_role("link", name=words.relationships, exact=True).click()
    expect(page.get_by_role("rowheader", name="Cartwright Packaging")).to_be_visible()
    walk.accessible("the relationship list")
    shoot(walk, "relationships")
    page.get_by_role("link", name="Cartwright Packaging", exact=True).click()


def start_the_next_review(walk: Walk, words: Words, proposed: date) -> None:
    page = walk.page
    page.get_by_role("link", name=words.next_review, exact=True).click()
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text(words.warning)
    expect(warning).to_contain_text("tender")
    walk.accessible("the next-review page with its phase warning")
    shoot(walk, "review-warning")
    button = words.use_instead.format(day=long_date(proposed, walk.text.language))
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("main")).to_contain_text(words.ready)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    # The case list names the relationship and when its next review is due.
    page.get_by_role("navigation").get_by_role("link", name=words.cases, exact=True).click()
    expect(page.locator(".case-review").first).to_contain_text("Cartwright Packaging")
    walk.accessible("the case list with review dates")
    shoot(walk, "cases")


def download_the_calendar(walk: Walk, words: Words, folder: Path, proposed: date) -> None:
    page = walk.page
    page.get_by_role("navigation").get_by_role("link", name=words.relationships, exact=True).click()
    page.get_by_role("link", name="Cartwright Packaging", exact=True).click()
    expect(page.locator("main table tbody tr")).to_have_count(2)
    with page.expect_download() as started:
        page.locator("a[href$='/review.ics']").click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    assert target.name == "cartwright-packaging-review.ics"
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == words.summary
    # The review just started is the last one: the next is a year after it.
    assert events[0].decoded("dtstart") == proposed.replace(year=proposed.year + 1)
