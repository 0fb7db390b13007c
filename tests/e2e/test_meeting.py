"""The conversation in a real browser: upload a case with an agenda, run the
meeting view at 1280 × 720 by keyboard, record one outcome of each kind, find
the agreed action in the register and download the minutes as a PDF — in
English and in Dutch, axe-core checking the pages."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from tests.e2e.server import Server
from tests.e2e.test_register_perception import upload
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
TITLE = "Packaging contract renewal 2027"
SCREEN = {"width": 1280, "height": 720}
#: Where the walk leaves its screenshots, to look at.
SHOTS = Path("/tmp")

AGENDA = """
agenda:
  date: 2027-01-15
  items:
    - title: What each side wants from the deal
      factor: intention
      parties: [halvorsen, cartwright]
      see: "We lean towards winning together; Cartwright looks after itself first."
      ask: "What would a good year look like for you?"
      offer: "Open books on volume forecasts."
      mitigations: ["Agree on a shared goal", "Review the deal together each quarter"]
      shareable: true
    - title: How Cartwright sees our trust
      kind: perception
      factor: trust
      parties: [halvorsen, cartwright]
      see: "Cartwright thinks we trust only what is in writing."
      ask: "Where did that impression come from?"
      offer: "A named contact who answers within a day."
      shareable: true
    - title: When things go wrong
      factor: flexibility
      parties: [halvorsen, cartwright]
      see: "Both sides say they adapt."
      ask: "What did you do in the last shortage?"
      offer: "Room to move delivery dates."
      shareable: true
    - title: Payment terms
      kind: other
      see: "Invoices are paid in 60 days; Cartwright wants 30."
      ask: "What would 30 days mean for your prices?"
      offer: "45 days with electronic invoices."
      shareable: true
"""


@dataclass(frozen=True)
class Words:
    meeting: str
    record: str
    save: str
    outcomes: dict[str, str]
    note: str
    agreed: str
    owner: str
    due: str
    recorded: str
    other_actions: str
    minutes_pdf: str
    count: str


WORDS = {
    "en": Words(
        meeting="Meeting",
        record="Record the outcome",
        save="Save the outcome",
        outcomes={
            "named": "named",
            "accepted_both": "accepted by both sides",
            "mitigation_agreed": "mitigation agreed",
            "open": "still open",
        },
        note="Short note:",
        agreed="What was agreed:",
        owner="Owner:",
        due="Due date:",
        recorded="Outcome recorded",
        other_actions="Actions agreed outside the factors",
        minutes_pdf="team (PDF)",
        count="Item {number} of 4",
    ),
    "nl": Words(
        meeting="Gesprek",
        record="De uitkomst vastleggen",
        save="Uitkomst opslaan",
        outcomes={
            "named": "benoemd",
            "accepted_both": "door beide kanten geaccepteerd",
            "mitigation_agreed": "mitigatie afgesproken",
            "open": "nog open",
        },
        note="Korte notitie:",
        agreed="Wat is afgesproken:",
        owner="Eigenaar:",
        due="Uiterste datum:",
        recorded="Uitkomst vastgelegd",
        other_actions="Acties afgesproken buiten de factoren",
        minutes_pdf="team (pdf)",
        count="Punt {number} van 4",
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_the_meeting_is_run_by_keyboard_and_ends_in_minutes(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    words = WORDS[text.language]
    case_file = tmp_path / "renewal.yaml"
    case_file.write_text(DEMO.read_text(encoding="utf-8") + AGENDA, encoding="utf-8")
    context = browser.new_context(locale=text.locale, base_url=server.url, viewport=SCREEN)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        sign_up(walk, email=f"meeting.{text.language}@example.org")
        create_workspace(walk, name=f"Meeting {text.language}")
        upload(walk, case_file)
        open_the_meeting(walk, words, tmp_path)
        walk_by_keyboard(walk, words)
        record_each_outcome(walk, words)
        see_the_action_in_the_register(walk, words)
        download_the_minutes(walk, words, tmp_path)
        assert walk.problems == []
    finally:
        context.close()


def item_number(walk: Walk) -> int:
    match = re.search(r"/meeting/(\d+)/$", walk.page.url)
    return int(match.group(1)) if match else 1


def open_the_meeting(walk: Walk, words: Words, folder: Path) -> None:
    page = walk.page
    walk.case_link(words.meeting).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "What each side wants from the deal"
    )
    expect(page.locator(".meeting-count")).to_have_text(words.count.format(number=1))
    expect(page.locator(".meeting-chart svg")).to_be_visible()
    # At 1280 × 720 the whole item fits: nothing to scroll.
    height, screen = page.evaluate(
        "() => [document.documentElement.scrollHeight, window.innerHeight]"
    )
    assert height <= screen, f"the meeting view is {height} px high on a {screen} px screen"
    page.screenshot(path=str(folder / f"meeting-{walk.text.language}.png"))
    walk.accessible("the meeting view")


def walk_by_keyboard(walk: Walk, words: Words) -> None:
    page = walk.page
    steps = [("ArrowRight", 2), ("n", 3), ("p", 2), ("ArrowLeft", 1), ("End", 4)]
    steps += [("Home", 1), ("3", 3), ("2", 2)]
    for key, number in steps:
        page.keyboard.press(key)
        expect(page.locator(".meeting-count")).to_have_text(words.count.format(number=number))
    page.get_by_role("link", name=re.compile(r"^1\. ")).click()  # the jump list
    assert item_number(walk) == 1


def record(walk: Walk, words: Words, outcome: str, **fields: str) -> None:
    page = walk.page
    page.get_by_text(words.record, exact=True).click()
    page.get_by_label(words.outcomes[outcome], exact=True).check()
    for label, value in fields.items():
        walk.control(getattr(words, label)).fill(value)
    page.get_by_role("button", name=words.save, exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(words.recorded)
    expect(page.locator(".meeting-about .outcome")).to_have_text(words.outcomes[outcome])


def record_each_outcome(walk: Walk, words: Words) -> None:
    page = walk.page
    record(walk, words, "named", note="Both sides see it the same way.")
    page.keyboard.press("n")
    page.get_by_text(words.record, exact=True).click()
    page.screenshot(path=str(SHOTS / f"meeting-form-{walk.text.language}.png"))
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SHOTS / f"meeting-phone-{walk.text.language}.png"), full_page=True)
    page.set_viewport_size(SCREEN)
    page.get_by_text(words.record, exact=True).click()
    record(walk, words, "accepted_both")
    page.keyboard.press("n")
    record(walk, words, "open")
    page.keyboard.press("n")
    record(walk, words, "mitigation_agreed", agreed="Try 45 days", owner="Maria", due="2027-02-01")
    expect(page.locator(".meeting-outcome-done")).to_contain_text("Try 45 days — Maria")
    walk.accessible("the meeting view after an outcome")


def see_the_action_in_the_register(walk: Walk, words: Words) -> None:
    page = walk.page
    page.locator(".meeting-exit").click()
    walk.case_link(walk.text.register).click()
    section = page.get_by_role("region", name=words.other_actions)
    expect(section).to_contain_text("Payment terms")
    expect(section).to_contain_text("Try 45 days")
    walk.accessible("the register with an agreed action")


def download_the_minutes(walk: Walk, words: Words, folder: Path) -> None:
    page = walk.page
    walk.case_link(words.meeting).click()
    with page.expect_download() as started:
        page.get_by_role("link", name=words.minutes_pdf, exact=True).click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    assert target.name == "packaging-contract-renewal-2027-minutes-team.pdf"
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Payment terms", "Try 45 days", words.outcomes["accepted_both"]):
        assert expected in text, expected
