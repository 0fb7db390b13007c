"""The walk a new team takes, in a real browser against a real ``kloof serve``:
sign up, make a workspace and a case, rate both parties, see the blocking
difference, overrule a severity in the register, plan an action, download the
report — once in English, once in Dutch. axe-core checks every page on the way,
and every page must fit a 375 px phone: nothing wider than the screen.

The locators are the ones a screen reader offers (roles, accessible names,
labels): a control without a proper name fails the walk, not only axe."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from tests.e2e.axe import describe, serious_violations
from tests.e2e.server import Server
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

OWN, OTHER = "Acme Buying", "Boxit Supplies"
#: Ann belongs to Acme: her scores of Acme are its self view, of Boxit an outside
#: view. Intention is 5 points apart (blocking), relationship 2 (significant),
#: the rest at most 1 (nuance or aligned).
SCORES = {
    OWN: {
        "intention": 7,
        "relationship": 6,
        "value_creation": 5,
        "trust": 5,
        "dependency": 4,
        "flexibility": 5,
        "claiming_sharing": 5,
        "competences": 4,
        "emotional_frame": 5,
    },
    OTHER: {
        "intention": 2,
        "relationship": 4,
        "value_creation": 5,
        "trust": 4,
        "dependency": 4,
        "flexibility": 4,
        "claiming_sharing": 4,
        "competences": 4,
        "emotional_frame": 5,
    },
}
#: The intention slider is moved by keyboard (steps of 0.5 on the 1–7 scale);
#: the other sliders are set directly.
KEYS = {OWN: ["End"], OTHER: ["Home", "ArrowRight", "ArrowRight"]}
#: What Ann heard about Boxit's relationship, kept as her rating's own note.
HEARD = "Their buyer said the relationship comes after the price."
REASON = "Their buyer calls the relationship a side issue; for us the deal depends on it."
ACTION = "Plan a working session on how we cooperate after the contract"
DUE = "2026-12-15"
#: Playwright's waits, shorter than its 30 s: a page of this app takes milliseconds.
TIMEOUT_MS = 60_000  # a runaway bound for each step, not a speed limit
#: The narrowest phone every page must fit.
PHONE = {"width": 375, "height": 800}


#: The elements whose right edge lies past the screen outside a scrolling box,
#: for the message of a failure.
WIDER_THAN_THE_SCREEN = """() => Array.from(document.querySelectorAll("body *"))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => !e.parentElement.closest(".table-wrap"))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className) : ""))"""


@dataclass
class Walk:
    """One person's browser tab, their language, and the accessibility check."""

    page: Page
    text: Texts
    axe: str
    title: str
    #: Script errors and Content-Security-Policy refusals the pages reported.
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"{message.type}: {message.text}")

    def accessible(self, where: str) -> None:
        """axe-core finds no serious or critical violation on the page as it is now,
        and the page fits a phone."""
        violations = serious_violations(self.page, self.axe)
        assert not violations, describe(violations, f"{where} ({self.page.url})")
        self.fits_a_phone(where)

    def fits_a_phone(self, where: str) -> None:
        """At 375 px the page is no wider than the screen: what does not fit
        (a wide table) scrolls in a box of its own."""
        size = self.page.viewport_size
        self.page.set_viewport_size(PHONE)
        try:
            width, screen = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            wide = self.page.evaluate(WIDER_THAN_THE_SCREEN)
        finally:
            if size:
                self.page.set_viewport_size(size)
        assert width <= screen, (
            f"{where} ({self.page.url}) is {width} px wide on a {screen} px phone; "
            f"reaching past the screen: {wide}"
        )

    def case_link(self, name: str) -> Locator:
        nav = self.page.get_by_role("navigation", name=self.text.case_nav.format(title=self.title))
        return nav.get_by_role("link", name=name, exact=True)

    def control(self, label: str, scope: Page | Locator | None = None) -> Locator:
        return (scope or self.page).get_by_label(label, exact=True)


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_a_new_team_walks_from_sign_up_to_the_report(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    context = browser.new_context(locale=text.locale, base_url=server.url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        walk = Walk(page, text, axe, title=f"Packaging 2026 ({text.language})")
        sign_up(walk, email=f"ann.{text.language}@example.org")
        create_workspace(walk, name=f"Purchasing {text.language}")
        create_case(walk)
        add_rater(walk, "Ann", party=OWN)
        for subject in (OWN, OTHER):
            rate(walk, subject)
        see_the_evidence(walk)
        see_the_blocking_difference(walk)
        see_who_has_rated_whom(walk)
        invite_a_respondent(walk)
        overrule_in_the_register(walk)
        add_an_action(walk)
        download_the_report(walk, tmp_path)
        assert walk.problems == []
    finally:
        context.close()


def sign_up(walk: Walk, email: str) -> None:
    page, text = walk.page, walk.text
    page.goto("/")
    # The browser's preference first; then the switch, where the walk uses it.
    expect(page.locator("html")).to_have_attribute("lang", text.locale[:2])
    if text.switch_to:
        page.get_by_role("button", name=text.switch_to, exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", text.language)
    walk.accessible("the log-in page")
    page.get_by_role("banner").get_by_role("link", name=text.sign_up, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text.signup_heading)
    walk.accessible("the sign-up page")
    walk.control(text.email).fill(email)
    walk.control(text.password).fill("a long walk 2026")
    walk.control(text.password_again).fill("a long walk 2026")
    page.get_by_role("button", name=text.create_account, exact=True).click()
    expect(page.get_by_role("banner")).to_contain_text(email)
    walk.accessible("the workspace list")


def create_workspace(walk: Walk, name: str) -> None:
    page, text = walk.page, walk.text
    walk.control(text.workspace_name).fill(name)
    page.get_by_role("button", name=text.create_workspace, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    walk.accessible("the case list")


def create_case(walk: Walk) -> None:
    page, text = walk.page, walk.text
    page.get_by_role("link", name=text.new_case, exact=True).click()
    walk.accessible("the new-case page")
    scratch = page.get_by_role("region", name=text.from_scratch, exact=True)
    walk.control(text.title, scratch).fill(walk.title)
    for number, (party, side) in enumerate(((OWN, text.our_side), (OTHER, text.other_side)), 1):
        fields = scratch.get_by_role("group", name=re.compile(rf"^{text.party} {number}\b"))
        walk.control(text.name, fields).fill(party)
        walk.control(text.side, fields).select_option(label=side)
    scratch.get_by_role("button", name=text.create_case, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)
    walk.accessible("the dashboard of a new case")


def add_rater(walk: Walk, name: str, party: str) -> None:
    """The new case's first call to action: nobody to rate as yet, so the
    raters; once there is one, the raters page leads on to rating."""
    page, text = walk.page, walk.text
    page.get_by_role("main").get_by_role("link", name=text.add_raters, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(walk.title)
    expect(page).to_have_url(re.compile(r"/raters/$"))
    walk.accessible("the raters page")
    walk.control(text.name).fill(name)
    walk.control(text.belongs_to).select_option(label=party)
    # Linked to the signed-up member, so the rate page opens with her name.
    walk.control(text.member).select_option(index=1)
    page.get_by_role("button", name=text.add_rater, exact=True).click()
    expect(page.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    walk.accessible("the raters page with a rater")
    page.get_by_role("main").get_by_role("link", name=text.rate_the_parties, exact=True).click()
    expect(page).to_have_url(re.compile(r"/rate/$"))


def rate(walk: Walk, subject: str) -> None:
    """Every factor of ``subject``; each slider saves itself (no page reload)."""
    page, text = walk.page, walk.text
    walk.case_link(text.rate).click()
    page.get_by_label(text.party_rated, exact=True).select_option(label=subject)
    page.get_by_role("button", name=text.show, exact=True).click()
    expect(page.get_by_role("heading", level=2, name=re.compile(rf"\b{subject}$"))).to_be_visible()
    scores = SCORES[subject]
    # The keyboard: focus the slider, press the keys, and it saves on its own.
    intention = factor_group(walk, "intention")
    slider = intention.get_by_role("slider")
    slider.focus()
    for key in KEYS[subject]:
        page.keyboard.press(key)
    expect(slider).to_have_value(str(scores["intention"]))
    expect_saved(walk, intention, scores["intention"])
    # Dependency stands in the middle (4 of 1–7): a click right where the unset
    # slider stands sets it, and it saves like any other score.
    dependency = factor_group(walk, "dependency").get_by_role("slider")
    assert scores["dependency"] == 4
    expect(dependency).to_have_class(re.compile(r"\bis-unset\b"))
    dependency.scroll_into_view_if_needed()
    box = dependency.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect_saved(walk, factor_group(walk, "dependency"), 4)
    # The others at once; their saves run side by side.
    for key, score in scores.items():
        if key not in ("intention", "dependency"):
            factor_group(walk, key).get_by_role("slider").fill(str(score))
    for key, score in scores.items():
        expect_saved(walk, factor_group(walk, key), score)
    if subject == OTHER:
        # Heard in an interview: the rating's own note is evidence for the position.
        relationship = factor_group(walk, "relationship")
        walk.control(text.source, relationship).select_option(label=text.interview)
        walk.control(text.note, relationship).fill(HEARD)
        walk.control(text.note, relationship).blur()
        expect_saved(walk, relationship, scores["relationship"])
    walk.accessible(f"the rate page of {subject}, saved")


def see_the_evidence(walk: Walk) -> None:
    """The rating's own note from an interview confirms Boxit's relationship
    position, the same as an evidence note would."""
    page, text = walk.page, walk.text
    walk.case_link(text.evidence).click()
    relationship = (
        page.locator(".evidence-factor")
        .filter(
            has=page.get_by_role("heading", level=3, name=re.compile(text.factors["relationship"]))
        )
        .filter(has_text=HEARD)
    )
    expect(relationship.locator(".evidence-state")).to_have_text(text.confirmed_word)
    walk.accessible("the evidence page")


def factor_group(walk: Walk, key: str) -> Locator:
    return walk.page.get_by_role("group", name=walk.text.factors[key], exact=True)


def expect_saved(walk: Walk, group: Locator, score: int) -> None:
    # The factor's state line, the last status of its group.
    expect(group.get_by_role("status").last).to_have_text(walk.text.saved.format(score=score))


def see_the_blocking_difference(walk: Walk) -> None:
    page, text = walk.page, walk.text
    walk.case_link(text.analysis).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)
    rows = difference_rows(walk)
    # Worst first: intention is the one blocking difference, relationship next.
    assert rows[:2] == [
        (text.factors["intention"], text.blocking_word),
        (text.factors["relationship"], text.significant_word),
    ]
    assert [factor for factor, word in rows if word == text.blocking_word] == [
        text.factors["intention"]
    ]
    walk.accessible("the dashboard with ratings")


def see_who_has_rated_whom(walk: Walk) -> None:
    """Ann (of Acme) rated both parties: our two perspectives are complete, the
    two of Boxit are missing, and the owner gets a link to invite respondents.
    On a 375 px phone the table scrolls sideways in its own focusable region."""
    page, text = walk.page, walk.text
    region = page.get_by_role("region", name=text.perspectives, exact=True)
    rows = region.get_by_role("table", name=text.perspectives, exact=True).get_by_role("row")
    expect(rows).to_have_count(5)  # the header and the four perspectives
    first, last = rows.nth(1), rows.nth(4)
    expect(first.get_by_role("rowheader")).to_have_text(text.our_self_view.format(party=OWN))
    factors = text.factors_rated.format(rated=9, total=9)
    expect(first.get_by_role("cell")).to_have_text(["1", "0", text.complete_word, "9", factors])
    expect(last.get_by_role("rowheader")).to_have_text(
        text.their_view_of_us.format(viewer=OTHER, subject=OWN)
    )
    status = last.get_by_role("cell").nth(2)
    expect(status).to_contain_text(text.missing_word)
    invite = status.get_by_role("link", name=text.invite.format(viewer=OTHER), exact=True)
    expect(invite).to_have_attribute("href", re.compile(r"/respondents/$"))
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        box = region.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())
        # The whole dashboard: every scrolling table is a focusable, named region.
        violations = serious_violations(page, walk.axe)
        assert not violations, describe(violations, "the dashboard at 375 px")
    finally:
        if size:
            page.set_viewport_size(size)


def invite_a_respondent(walk: Walk) -> None:
    """From the missing perspective to a link for someone of Boxit, greeted by
    name; the name the team gives the link is its own."""
    page, text = walk.page, walk.text
    walk.case_link(text.analysis).click()
    region = walk.page.get_by_role("region", name=text.perspectives, exact=True)
    region.get_by_role("link", name=text.invite.format(viewer=OTHER), exact=True).first.click()
    walk.accessible("the respondents page")
    page.get_by_role("link", name=text.make_a_link, exact=True).click()
    walk.accessible("the new-link form")
    walk.control(text.link_name).fill("Bo, their buyer")
    walk.control(text.greeting).fill("Dear Bo,\nthank you for your view. — Ann")
    page.get_by_role("button", name=text.make_the_link, exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(text.greeted)
    expect(page.locator("blockquote")).to_have_text("Dear Bo,thank you for your view. — Ann")
    walk.accessible("the new link")
    page.get_by_role("link", name=text.back_to_respondents, exact=True).click()
    expect(page.get_by_role("rowheader", name="Bo, their buyer", exact=True)).to_be_visible()
    walk.accessible("the respondents page with a link")


def difference_rows(walk: Walk) -> list[tuple[str, str]]:
    """(factor, first word of the severity) of each row of the difference table."""
    region = walk.page.get_by_role("region", name=walk.text.differences, exact=True)
    table = region.get_by_role("table")
    found = []
    for row in table.get_by_role("row").all()[1:]:
        factor = row.get_by_role("rowheader").inner_text().strip()
        # The cells after the factor: positions, gap, severity, why.
        severity = row.get_by_role("cell").nth(2).inner_text().split()
        found.append((factor, severity[0]))
    return found


def overrule_in_the_register(walk: Walk) -> None:
    """The team treats the significant relationship gap as blocking, and says why."""
    page, text = walk.page, walk.text
    walk.case_link(text.register).click()
    walk.accessible("the difference register")
    relationship = text.factors["relationship"]
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=relationship, exact=True)
    )
    row.get_by_role("link", name=re.compile(rf"^{re.escape(text.start_entry)}\b")).click()
    walk.accessible("the new register entry")
    page.get_by_role("radio", name=text.decide_blocking, exact=True).check()
    walk.control(text.reason).fill(REASON)
    page.get_by_role("button", name=text.open_entry, exact=True).click()
    decided = page.get_by_role("definition").filter(has_text=text.team_decision)
    expect(decided).to_have_text(f"{text.blocking_word} ({text.team_decision})")
    expect(page.get_by_role("main")).to_contain_text(REASON)
    walk.accessible("the register entry")


def add_an_action(walk: Walk) -> None:
    page, text = walk.page, walk.text
    walk.control(text.action).fill(ACTION)
    walk.control(text.owner).fill("Ann")
    walk.control(text.due).fill(DUE)
    page.get_by_role("button", name=text.add_action, exact=True).click()
    action = page.get_by_role("row").filter(has_text=ACTION)
    expect(action.get_by_role("cell").nth(1)).to_have_text("Ann")
    expect(action.locator(f'time[datetime="{DUE}"]')).to_have_count(1)
    walk.accessible("the register entry with an action")


def download_the_report(walk: Walk, folder: Path) -> None:
    page, text = walk.page, walk.text
    walk.case_link(text.analysis).click()
    relationship = dict(difference_rows(walk))[text.factors["relationship"]]
    assert relationship == text.blocking_word
    expect(page.get_by_role("main")).to_contain_text(
        text.decided_note.format(computed=text.significant_word)
    )
    walk.accessible("the dashboard after the decision")
    with page.expect_download() as started:
        page.get_by_role("link", name=text.download_report, exact=True).click()
    report = folder / started.value.suggested_filename
    started.value.save_as(report)
    html = report.read_text(encoding="utf-8")
    assert walk.title in html
    assert "<svg" in html
