"""The trend of a relationship in a real browser (issue 11 §2): three reviews
uploaded, linked to one relationship, and the trend page read at 1280 px and
375 px in English and Dutch, axe-core checking it; the chart downloads as SVG
and PNG. Screenshots go to ``$KLOOF_SCREENSHOTS`` when that is set.

The relationship pages come from another part of the work: here the
relationship is made, and the cases linked to it, in the server's database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.server import Server
from tests.e2e.shots import shoot_page as shoot
from tests.e2e.test_register_perception import upload
from tests.e2e.test_walk import TIMEOUT_MS, Walk, create_workspace, sign_up
from tests.e2e.texts import DUTCH, ENGLISH, Texts
from tests.png import png_size

pytestmark = pytest.mark.e2e

SERIES = Path(__file__).resolve().parents[1] / "data" / "trend"
YEARS = (2024, 2025, 2026)
WORDS = {
    "en": (
        "No trend yet",
        "What moved since the previous review",
        "Intention: Acme moved from 4 to 5, Globex hardly moved (5.5 to 6).",
        "Download the trend chart (SVG)",
        "Download as a picture for slides (PNG)",
    ),
    "nl": (
        "Nog geen verloop",
        "Wat er verschoof sinds de vorige review",
        "Intentie: Acme ging van 4 naar 5, Globex bewoog nauwelijks (5,5 naar 6).",
        "Grafiek van het verloop downloaden (SVG)",
        "Downloaden als afbeelding voor dia's (PNG)",
    ),
}


def link_to_a_relationship(server: Server, slug: str, name: str) -> int:
    """The relationship ``name`` of workspace ``slug`` (made the first time),
    with every case of the workspace linked to it; its id."""
    database = server.log.parent / "data" / "kloof.sqlite3"
    now = datetime.now(UTC).isoformat(sep=" ")
    with sqlite3.connect(database) as connection:
        (workspace,) = connection.execute(
            "SELECT id FROM storage_workspace WHERE slug = ?", (slug,)
        ).fetchone()
        found = connection.execute(
            "SELECT id FROM storage_relationship WHERE workspace_id = ? AND name = ?",
            (workspace, name),
        ).fetchone()
        if found is None:
            cursor = connection.execute(
                "INSERT INTO storage_relationship (workspace_id, name, note, cadence_months,"
                " archived, version, created, updated) VALUES (?, ?, '', 12, 0, 1, ?, ?)",
                (workspace, name, now, now),
            )
            found = (cursor.lastrowid,)
        relationship = int(found[0])
        connection.execute(
            "UPDATE storage_case SET relationship_id = ? WHERE workspace_id = ?",
            (relationship, workspace),
        )
    return relationship


@pytest.mark.parametrize("text", [ENGLISH, DUTCH], ids=lambda text: text.language)
def test_the_trend_page_reads_well_and_downloads_its_chart(
    browser: Browser, server: Server, axe: str, text: Texts, tmp_path: Path
) -> None:
    needed, moved, sentence, svg_link, png_link = WORDS[text.language]
    context = browser.new_context(
        locale=text.locale, base_url=server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        walk = Walk(context.new_page(), text, axe, title="")
        page = walk.page
        sign_up(walk, email=f"trend.{text.language}@example.org")
        create_workspace(walk, name=f"Trend {text.language}")
        cases = page.url
        slug = cases.rstrip("/").split("/w/")[1].split("/")[0]
        for year in YEARS:
            walk.title = f"Acme and Globex {year}-03-01"
            page.goto(cases)
            upload(walk, SERIES / f"review-{year}.yaml")
            if year == YEARS[0]:  # one review: the page says what is needed
                relationship = link_to_a_relationship(server, slug, f"Acme {text.language}")
                page.goto(f"/w/{slug}/relationships/{relationship}/trend/")
                expect(page.get_by_role("heading", level=2, name=needed)).to_be_visible()
                walk.accessible("the trend page with one review")
                shoot(page, f"trend-{text.language}-one-review")
        link_to_a_relationship(server, slug, f"Acme {text.language}")
        page.goto(f"/w/{slug}/relationships/{relationship}/trend/")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Acme {text.language}")
        expect(page.get_by_role("heading", level=2, name=moved)).to_be_visible()
        expect(page.locator(".trend-moves li").first).to_have_text(sentence)
        expect(page.get_by_role("img").first).to_be_visible()  # the chart, by its title
        walk.accessible("the trend page")
        shoot(page, f"trend-{text.language}-1280")
        # On a phone the chart scrolls sideways in its own box, which the keyboard reaches.
        page.set_viewport_size({"width": 375, "height": 800})
        walk.accessible("the trend page on a phone")
        shoot(page, f"trend-{text.language}-375")
        page.set_viewport_size({"width": 1280, "height": 900})
        downloaded = {}
        for name in (svg_link, png_link):
            with page.expect_download() as started:
                page.get_by_role("link", name=name, exact=True).click()
            target = tmp_path / started.value.suggested_filename
            started.value.save_as(target)
            downloaded[target.name] = target.read_bytes()
        stem = f"acme-{text.language}-trend"
        assert sorted(downloaded) == [f"{stem}.png", f"{stem}.svg"]
        assert downloaded[f"{stem}.svg"].startswith(b"<svg ")
        assert png_size(downloaded[f"{stem}.png"]) == (1920, 724)
        assert walk.problems == []
    finally:
        context.close()
