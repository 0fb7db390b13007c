"""The register with perception gaps, in a real browser: upload a case whose only
blocking difference is how Globex sees ACME, find it in the register with both
views, open its entry and confirm that it blocks, then open an entry for another
perception gap with the form's kind switch — in English and in Dutch, axe-core
checking every page."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

SUPPORT = Path(__file__).resolve().parents[1] / "web" / "perception_support.py"
REASON = "They told us they expect us to squeeze them."


def perception_case() -> str:
    """The case file of tests/web/perception_support.py (read, not imported: that
    module needs Django's settings, which the browser tests do not load)."""
    for node in ast.parse(SUPPORT.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PERCEPTION_CASE":
            return str(ast.literal_eval(node.value))
    raise LookupError("PERCEPTION_CASE")


@dataclass(frozen=True)
class Words:
    perception: str
    about: str
    scores: str
    kind_perception: str
    kind_position: str
    subject: str
    viewer: str
    first_party: str
    confirmed: str
    another: str
    unrated: str
    factor: str


WORDS = {
    "en": Words(
        perception="perception gap",
        about="how Globex Sales sees ACME Purchasing",
        scores="Globex Sales sees ACME Purchasing at 2.5, ACME Purchasing sees itself at 5.25",
        kind_perception="Perception gap: how one party sees another, against how it sees itself",
        kind_position="Position difference: where two parties stand apart",
        subject="Party being seen:",
        viewer="Party whose view it is:",
        first_party="First party:",
        confirmed="blocking (the team confirmed that it blocks)",
        another="Open an entry for another difference",
        unrated="Not rated yet: how ACME Purchasing sees Globex Sales, "
        "and how Globex Sales sees itself",
        factor="Factor:",
    ),
    "nl": Words(
        perception="beeldverschil",
        about="hoe Globex Sales ACME Purchasing ziet",
        scores="Globex Sales ziet ACME Purchasing op 2,5, ACME Purchasing ziet zichzelf op 5,25",
        kind_perception="Beeldverschil: hoe de ene partij de andere ziet, "
        "tegenover hoe die zichzelf ziet",
        kind_position="Positieverschil: waar twee partijen uit elkaar liggen",
        subject="Partij die gezien wordt:",
        viewer="Partij die kijkt:",
        first_party="Eerste partij:",
        confirmed="blokkerend (het team bevestigde dat het blokkeert)",
        another="Een registerregel openen voor een ander verschil",
        unrated="Nog niet beoordeeld: hoe ACME Purchasing Globex Sales ziet, "
        "en hoe Globex Sales zichzelf ziet",
        factor="Factor:",
    ),
}


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_a_blocking_perception_gap_is_registered_and_confirmed(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    words = WORDS[text.language]
    case_file = tmp_path / "globex.yaml"
    case_file.write_text(perception_case(), encoding="utf-8")
    context = browser.new_context(locale=text.locale, base_url=server.url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title="Globex renewal")
        sign_up(walk, email=f"perception.{text.language}@example.org")
        create_workspace(walk, name=f"Perception {text.language}")
        upload(walk, case_file)
        row = see_the_perception_gap_in_the_register(walk, words)
        confirm_it_blocks(walk, words, row)
        open_another_perception_entry(walk, words)
        assert walk.problems == []
    finally:
        context.close()


def upload(walk: Walk, case_file: Path) -> None:
    page = walk.page
    page.locator("main a[href$='/cases/upload/']").first.click()
    page.locator("input[type=file]").set_input_files(str(case_file))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(walk.title)


def see_the_perception_gap_in_the_register(walk: Walk, words: Words):
    page, text = walk.page, walk.text
    walk.case_link(text.register).click()
    intention = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=text.factors["intention"], exact=True)
    )
    cells = intention.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(f"{words.perception} {words.about}{words.scores}")
    expect(cells.nth(1)).to_have_text(text.blocking_word)
    walk.accessible("the register with perception gaps")
    return intention


def confirm_it_blocks(walk: Walk, words: Words, row) -> None:
    page, text = walk.page, walk.text
    row.get_by_role("link", name=re.compile(rf"^{re.escape(text.start_entry)}\b")).click()
    expect(page.get_by_role("radio", name=words.kind_perception, exact=True)).to_be_checked()
    expect(walk.control(words.subject)).to_be_visible()
    expect(walk.control(words.first_party)).to_be_hidden()
    walk.accessible("the new perception entry")
    page.locator("input[name=decision][value=blocking]").check()
    walk.control(text.reason).fill(REASON)
    page.get_by_role("button", name=text.open_entry, exact=True).click()
    heading = f"{text.factors['intention']}: {words.about}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    decided = page.get_by_role("definition").filter(has_text=words.confirmed)
    expect(decided).to_have_text(words.confirmed)
    expect(page.get_by_role("main")).to_contain_text(words.scores)
    walk.accessible("the confirmed perception entry")


def open_another_perception_entry(walk: Walk, words: Words) -> None:
    page, text = walk.page, walk.text
    walk.case_link(text.register).click()
    page.get_by_role("link", name=words.another, exact=True).click()
    expect(page.get_by_role("radio", name=words.kind_position, exact=True)).to_be_checked()
    expect(walk.control(words.subject)).to_be_hidden()
    page.get_by_role("radio", name=words.kind_perception, exact=True).check()
    expect(walk.control(words.subject)).to_be_visible()
    walk.control(words.factor).select_option(label=text.factors["dependency"])
    walk.control(words.subject).select_option(label="Globex Sales")
    walk.control(words.viewer).select_option(label="ACME Purchasing")
    page.get_by_role("button", name=text.open_entry, exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(words.unrated)
    walk.accessible("a perception entry without ratings")
