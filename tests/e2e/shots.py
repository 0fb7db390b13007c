"""Screenshots of the browser walks, for a person to look at: written only when
``$KLOOF_SCREENSHOTS`` names a folder (a test never reads them back)."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.test_walk import PHONE, Walk

SCREEN = {"width": 1280, "height": 900}


def _folder() -> Path | None:
    folder = os.environ.get("KLOOF_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def shoot_page(page: Page, name: str) -> None:
    """The page as it is, full length, as ``<name>.png``."""
    folder = _folder()
    if folder is not None:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def shoot(walk: Walk, name: str) -> None:
    """The walk's page at 1280 px and on a phone (375 px), full length, as
    ``<name>-<language>-<width>.png``; the window keeps its size afterwards."""
    folder = _folder()
    if folder is None:
        return
    page, language = walk.page, walk.text.language
    size = page.viewport_size
    for viewport in (SCREEN, PHONE):
        page.set_viewport_size(viewport)
        path = folder / f"{name}-{language}-{viewport['width']}.png"
        page.screenshot(path=str(path), full_page=True)
    if size:
        page.set_viewport_size(size)
