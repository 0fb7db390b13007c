"""Issue 11's "Done when" walk in one go, in a real browser, in English and in
Dutch: log in to ``kloof demo``, create a relationship, link the demo case to
it, start the next review, rate it on the rate page (trust and dependency of
both parties, so that something moved), read what moved on the trend page and
see its chart, open the portfolio and its heat map at 1280 px and at 375 px
(nothing wider than the phone but the heat map's own scroll box), and download
the relationship's .ics and parse it with ``icalendar``. axe-core checks every
page on the way. Screenshots go to ``$KLOOF_SCREENSHOTS`` when that is set.

With ``KLOOF_TEST_DATABASE_URL=postgresql://…`` the demo runs on a fresh
PostgreSQL database next to that one (made and dropped here), else on SQLite."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server, free_port, kloof_command, server_env, wait_healthy
from tests.e2e.shots import shoot
from tests.e2e.test_walk import TIMEOUT_MS, Walk
from tests.e2e.texts import DUTCH, ENGLISH, Texts

pytestmark = pytest.mark.e2e

TITLE = "Packaging contract renewal 2027"
COUNTERPARTY = "Cartwright Packaging"
OWN = "Halvorsen Foods"
RATER = "Maria Lindqvist"
DEMO_EMAIL = "demo@example.com"
SCREEN = {"width": 1280, "height": 900}
RATER_LABEL = {"en": "Rater", "nl": "Beoordelaar"}
#: Maria's scores in the new review. The demo team (four raters) put Halvorsen's
#: trust at 5 and its dependency at 2.5, Cartwright's at 3 and 5: trust moves
#: on Cartwright's side only, dependency on both; each factor's new positions lie
#: one point apart (a nuance on the heat map).
SCORES = {
    COUNTERPARTY: {"trust": "6", "dependency": "4"},
    OWN: {"trust": "5", "dependency": "5"},
}


@dataclass(frozen=True)
class Words:
    log_in: str
    relationships: str
    cases: str
    new: str
    counterparty: str
    save: str
    link_case: str
    link: str
    next_review: str
    start_review: str
    ready: str
    part_of: str
    trend_across: str
    trend: str
    moved: str
    moves: tuple[str, ...]
    portfolio: str
    heatmap: str
    heatmap_heading: str
    due: str
    nuance: str
    summary: str


WORDS = {
    "en": Words(
        log_in="Log in",
        relationships="Relationships",
        cases="Cases",
        new="New relationship",
        counterparty="Counterparty:",
        save="Save",
        link_case="Link a case",
        link="Link the case",
        next_review="Start the next review",
        start_review="Start the review",
        ready="The next review is ready",
        part_of="Part of the relationship with",
        trend_across="Trend across the reviews",
        trend="Trend",
        moved="What moved since the previous review",
        moves=(
            f"Trust: {OWN} stayed at 5, {COUNTERPARTY} moved from 3 to 6.",
            f"Dependency: {OWN} moved from 2.5 to 5, {COUNTERPARTY} moved from 5 to 4.",
        ),
        portfolio="Portfolio",
        heatmap="Heat map",
        heatmap_heading="Portfolio heat map",
        due="due in 365 days",
        nuance="nuance",
        summary=f"Trust review with {COUNTERPARTY}",
    ),
    "nl": Words(
        log_in="Inloggen",
        relationships="Relaties",
        cases="Casussen",
        new="Nieuwe relatie",
        counterparty="Wederpartij:",
        save="Opslaan",
        link_case="Koppel een casus",
        link="Koppel de casus",
        next_review="Begin de volgende review",
        start_review="Begin de review",
        ready="De volgende review staat klaar",
        part_of="Hoort bij de relatie met",
        trend_across="Verloop over de reviews",
        trend="Verloop",
        moved="Wat er verschoof sinds de vorige review",
        moves=(
            f"Vertrouwen: {OWN} bleef op 5, {COUNTERPARTY} ging van 3 naar 6.",
            f"Afhankelijkheid: {OWN} ging van 2,5 naar 5, {COUNTERPARTY} ging van 5 naar 4.",
        ),
        portfolio="Portfolio",
        heatmap="Heatmap",
        heatmap_heading="Heatmap van het portfolio",
        due="over 365 dagen aan de beurt",
        nuance="nuance",
        summary=f"Vertrouwensreview met {COUNTERPARTY}",
    ),
}


@dataclass
class Demo:
    server: Server
    email: str
    password: str


POSTGRES_URL = os.environ.get("KLOOF_TEST_DATABASE_URL", "")


@contextmanager
def database() -> Iterator[dict[str, str]]:
    """The server's database variables: a fresh PostgreSQL database when the
    tests run on PostgreSQL, else none (SQLite in the data folder)."""
    if not POSTGRES_URL.startswith(("postgres://", "postgresql://")):
        yield {}
        return
    import psycopg

    server, _slash, base = POSTGRES_URL.rpartition("/")
    name = f"{base}_years_walk"

    def drop() -> None:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"KLOOF_DATABASE_URL": f"{server}/{name}"}
    finally:
        drop()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    """A ``kloof demo`` of its own (each language starts from the untouched demo
    case, on a database of its own), with the login it printed."""
    with database() as variables:
        yield from run_demo(tmp_path, variables)


def run_demo(tmp_path: Path, variables: dict[str, str]) -> Iterator[Demo]:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    port, log = free_port(), tmp_path / "kloof-demo.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(kloof_command()), "demo", "--host", "127.0.0.1", "--port", str(port)],
            env=server_env(data, **variables),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        wait_healthy(server)
        printed = re.search(r"log in as (\S+) with password (\S+)", log.read_text("utf-8"))
        assert printed, server.log_tail()
        yield Demo(server, printed[1], printed[2])
    finally:
        server.stop()


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_a_relationship_over_the_years_from_demo_to_calendar(
    browser: Browser, demo: Demo, axe: str, text: Texts, tmp_path: Path
) -> None:
    words = WORDS[text.language]
    context = browser.new_context(locale=text.locale, base_url=demo.server.url, viewport=SCREEN)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title=TITLE)
        log_in(walk, words, demo)
        create_the_relationship(walk, words)
        link_the_demo_case(walk, words)
        start_the_next_review(walk, words)
        rate_the_review(walk)
        read_the_trend(walk, words)
        open_the_portfolio(walk, words)
        download_the_calendar(walk, words, tmp_path)
        assert walk.problems == []
    finally:
        context.close()


def log_in(walk: Walk, words: Words, demo: Demo) -> None:
    page, text = walk.page, walk.text
    page.goto("/")
    if text.switch_to:
        page.get_by_role("button", name=text.switch_to, exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", text.language)
    walk.control(text.email).fill(demo.email)
    walk.control(text.password).fill(demo.password)
    page.get_by_role("main").get_by_role("button", name=words.log_in, exact=True).click()
    expect(page.get_by_role("banner")).to_contain_text(demo.email)
    page.get_by_role("link", name="Demo", exact=True).click()
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()


def nav(walk: Walk, name: str) -> None:
    walk.page.get_by_role("navigation").get_by_role("link", name=name, exact=True).click()


def create_the_relationship(walk: Walk, words: Words) -> None:
    page = walk.page
    nav(walk, words.relationships)
    page.get_by_role("link", name=words.new, exact=True).click()
    walk.control(words.counterparty).fill(COUNTERPARTY)
    walk.accessible("the new-relationship form")
    page.get_by_role("button", name=words.save, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COUNTERPARTY)


def link_the_demo_case(walk: Walk, words: Words) -> None:
    page = walk.page
    walk.control(words.link_case).select_option(label=TITLE)
    page.get_by_role("button", name=words.link, exact=True).click()
    expect(page.get_by_role("rowheader", name=TITLE)).to_be_visible()
    walk.accessible("the relationship page with the demo case")


def start_the_next_review(walk: Walk, words: Words) -> None:
    page = walk.page
    page.get_by_role("link", name=words.next_review, exact=True).click()
    walk.accessible("the next-review page")
    shoot(walk, "next-review")
    page.get_by_role("button", name=words.start_review, exact=True).click()
    expect(page.locator("main")).to_contain_text(words.ready)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    # The review says which relationship it belongs to, and leads to its trend.
    expect(page.locator(".case-relationship")).to_have_text(
        f"{words.part_of} {COUNTERPARTY} · {words.trend_across}"
    )
    walk.accessible("the dashboard of the new review")
    shoot(walk, "review-dashboard")


def rate_the_review(walk: Walk) -> None:
    page, text = walk.page, walk.text
    walk.case_link(text.rate).click()
    for subject, scores in SCORES.items():
        walk.control(RATER_LABEL[text.language]).select_option(label=f"{RATER} ({OWN})")
        walk.control(text.party_rated).select_option(label=subject)
        page.get_by_role("button", name=text.show, exact=True).click()
        for key, score in scores.items():
            factor = page.locator(f"#factor-{key}")
            factor.locator(".rating-number").fill(score)
            factor.locator(".rating-number").blur()
            expect(factor.locator(".rating-status")).to_have_text(text.saved.format(score=score))
    walk.accessible("the rate page of the review")
    shoot(walk, "rate")


def read_the_trend(walk: Walk, words: Words) -> None:
    page = walk.page
    walk.case_link(walk.text.analysis).click()
    page.locator(".case-relationship").get_by_role("link", name=words.trend_across).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COUNTERPARTY)
    expect(page.get_by_role("heading", level=2, name=words.moved)).to_be_visible()
    expect(page.locator(".trend-moves li")).to_have_text(list(words.moves))
    # The chart: an image named by its title, with the parties in its legend.
    chart = page.locator(".trend-figure").get_by_role("img").first
    expect(chart).to_be_visible()
    expect(chart).to_contain_text(OWN)
    expect(chart).to_contain_text(COUNTERPARTY)
    walk.accessible("the trend page")
    shoot(walk, "trend")


def open_the_portfolio(walk: Walk, words: Words) -> None:
    page = walk.page
    page.locator("nav.subnav").get_by_role("link", name=words.portfolio, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.portfolio)
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    # The relationship's name leads to it, its latest case's title to the review.
    name = row.get_by_role("rowheader")
    expect(name.get_by_role("link")).to_have_text([COUNTERPARTY, TITLE])
    expect(name.get_by_role("link", name=COUNTERPARTY)).to_have_attribute(
        "href", re.compile(r"/relationships/\d+/$")
    )
    cells = row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(DEMO_EMAIL)
    expect(cells.nth(2)).to_contain_text(words.due)
    expect(cells.nth(3)).to_have_text("17")  # toughness of trust and dependency only
    expect(cells.nth(4)).to_have_text("0")  # nothing blocks in the new review
    walk.accessible("the portfolio")  # at 1280 px and at 375 px
    shoot(walk, "portfolio")
    page.locator("main .portfolio-tabs").get_by_role("link", name=words.heatmap).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words.heatmap_heading)
    heat = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=COUNTERPARTY))
    trust = heat.get_by_role("cell").nth(3)  # the fourth factor of the framework
    expect(page.locator("main table thead th").nth(4)).to_have_text(walk.text.factors["trust"])
    expect(trust).to_have_text(f"N {words.nuance}")
    expect(trust).to_have_class("heat heat-nuance")
    walk.accessible("the heat map")  # its table scrolls in its own box on a phone
    shoot(walk, "heatmap")
    # The relationship's name leads to the relationship.
    heat.get_by_role("link", name=COUNTERPARTY, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COUNTERPARTY)


def download_the_calendar(walk: Walk, words: Words, folder: Path) -> None:
    page = walk.page
    walk.accessible("the relationship page")
    shoot(walk, "relationship")
    with page.expect_download() as started:
        page.locator("a[href$='/review.ics']").click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    assert target.name == "cartwright-packaging-review.ics"
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == words.summary
    # The review started today is the latest: the next is due a year on.
    today = date.today()
    assert events[0].decoded("dtstart") == today.replace(year=today.year + 1)
    nav(walk, words.relationships)
    expect(page.get_by_role("rowheader", name=COUNTERPARTY)).to_be_visible()
    walk.accessible("the relationship list")
    shoot(walk, "relationships")
    nav(walk, words.cases)
    expect(page.locator(".case-review").first).to_contain_text(COUNTERPARTY)
    walk.accessible("the case list with review dates")
    shoot(walk, "cases")
