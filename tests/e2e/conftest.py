"""Fixtures of the browser tests: one real ``kloof serve`` and one headless Debian
Chromium for the whole session, a fresh browser context (cookies, language) per test.

``scripts/test`` installs what these need on a fresh machine: Debian's
``chromium`` and the npm packages of ``tests/e2e/package.json`` (axe-core)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.e2e import server as kloof_server
from tests.e2e.axe import axe_source

CHROMIUM = Path("/usr/bin/chromium")
#: Headless in a container as root, without a GPU or a big /dev/shm, and quiet:
#: no updates, sync or other traffic of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kloof_server.Server]:
    running = kloof_server.start(tmp_path_factory.mktemp("kloof-serve") / "data")
    try:
        yield running
    finally:
        running.stop()


# Package scope: Playwright's sync API runs an event loop in the main thread while
# open, and Django refuses database work under a running loop; closing it after
# the browser tests lets the tests that follow use the database.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need Debian's Chromium at {CHROMIUM} — "
            "install it with: apt-get install chromium (scripts/test does it as root)"
        )
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def axe() -> str:
    """The source of axe-core, to evaluate in a page."""
    try:
        return axe_source()
    except FileNotFoundError as missing:
        pytest.fail(str(missing))
