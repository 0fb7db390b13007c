"""Interviews in a real browser, in English and in Dutch: upload the demo case,
plan an interview about the other side (the factors come ticked in the guide's
order), type an answer (saved as you type, no button), see the position
confirmed, and download the interview guide as PDF, its text in the page's
language. axe-core checks every page."""

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

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-contract-renewal.yaml"
TITLE = "Packaging contract renewal 2027"
ANSWER = "Their account team ran two joint design projects with us."
SHOTS = Path("/tmp/kloof-interview-shots")


@dataclass(frozen=True)
class Words:
    interviews: str
    plan: str
    interviewee: str
    plan_button: str
    answer_on: str  # "Answer on {factor}"
    saved: str
    confirmed: str
    estimated: str
    guide_pdf: str
    printable: str
    propose: str
    save_rating: str
    rated: str
    first_tier: str
    competences: str
    order: tuple[str, ...]


WORDS = {
    "en": Words(
        interviews="Interviews",
        plan="Plan an interview",
        interviewee="Interviewee:",
        plan_button="Plan the interview",
        answer_on="Answer on {factor}",
        saved="Saved.",
        confirmed="confirmed",
        estimated="estimated",
        guide_pdf="Guide as PDF",
        printable="Printable guide",
        propose="Propose a rating",
        save_rating="Save the rating",
        rated="source interview",
        first_tier="First: open blocking differences and perception gaps",
        competences="Competences",
        order=("Intention", "Dependency", "Relationship"),
    ),
    "nl": Words(
        interviews="Interviews",
        plan="Interview plannen",
        interviewee="Geïnterviewde:",
        plan_button="Interview plannen",
        answer_on="Antwoord over {factor}",
        saved="Opgeslagen.",
        confirmed="bevestigd",
        estimated="geschat",
        guide_pdf="Gids als PDF",
        printable="Printbare gids",
        propose="Stel een beoordeling voor",
        save_rating="Beoordeling opslaan",
        rated="bron interview",
        first_tier="Eerst: open blokkerende verschillen en beeldverschillen",
        competences="Competenties",
        order=("Intentie", "Afhankelijkheid", "Relatie"),
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_plan_an_interview_answer_it_and_print_the_guide(
    browser: Browser, server: Server, axe: str, text: Texts
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(
        locale=text.locale, base_url=server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        sign_up(walk, email=f"interviews.{text.language}@example.org")
        create_workspace(walk, name=f"Interviews {text.language}")
        upload(walk, DEMO)
        plan_an_interview(walk, words)
        answer_as_you_go(walk, words)
        propose_a_rating(walk, words)
        download_the_guide(walk, words)
        assert walk.problems == []
    finally:
        context.close()


def _shot(walk: Walk, name: str) -> None:
    """Pictures to look at (1280 px and a 375 px phone); the test asserts nothing on them."""
    SHOTS.mkdir(exist_ok=True)
    page, language = walk.page, walk.text.language
    page.screenshot(path=str(SHOTS / f"{language}-{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SHOTS / f"{language}-{name}-phone.png"), full_page=True)
    if size:
        page.set_viewport_size(size)


def plan_an_interview(walk: Walk, words: Words) -> None:
    page = walk.page
    walk.case_link(words.interviews).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.interviews)
    walk.accessible("the interviews")
    _shot(walk, "list")
    page.get_by_role("link", name=words.plan, exact=True).click()
    walk.accessible("the interview plan")
    _shot(walk, "plan")
    boxes = page.locator("input[name=factors]")
    labels = [
        boxes.nth(i).locator("xpath=..").inner_text().split(" (")[0].strip() for i in range(3)
    ]
    assert tuple(labels) == words.order
    expect(boxes.nth(0)).to_be_checked()
    walk.control(words.interviewee).fill("Anna de Vries")
    page.get_by_role("button", name=words.plan_button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna de Vries")


def answer_as_you_go(walk: Walk, words: Words) -> None:
    page = walk.page
    group = page.get_by_role("group", name=f"{words.competences} {words.estimated}")
    expect(group).to_be_visible()
    walk.accessible("the interview")
    box = walk.control(words.answer_on.format(factor=words.competences))
    box.fill(ANSWER)
    expect(group.locator(".rating-status")).to_have_text(words.saved)
    _shot(walk, "interview")
    page.reload()
    expect(walk.control(words.answer_on.format(factor=words.competences))).to_have_value(ANSWER)
    confirmed = page.get_by_role("group", name=f"{words.competences} {words.confirmed}")
    expect(confirmed).to_be_visible()
    walk.accessible("the interview with an answer")


def propose_a_rating(walk: Walk, words: Words) -> None:
    page = walk.page
    group = page.get_by_role("group", name=f"{words.competences} {words.confirmed}")
    group.get_by_role("link", name=re.compile(rf"^{re.escape(words.propose)}\b")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(words.competences)
    expect(page.locator("textarea[name=note]")).to_have_value(ANSWER)
    walk.accessible("proposing a rating")
    _shot(walk, "rate")
    page.locator("input.rating-number").fill("5")
    page.get_by_role("button", name=words.save_rating, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna de Vries")
    expect(page.locator(".messages")).to_contain_text(words.rated)


def download_the_guide(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("link", name=words.printable, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text(ANSWER)
    walk.accessible("the printable guide")
    _shot(walk, "guide")
    page.go_back()
    with page.expect_download() as started:
        page.get_by_role("link", name=words.guide_pdf, exact=True).click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    assert words.first_tier in pdf_text
    positions = [pdf_text.index(f"\n{name}\n") for name in words.order]
    assert positions == sorted(positions)
    assert ANSWER in pdf_text.replace("\n", " ")
