"""Fixtures for the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the language of KLOOF_LANG or LANG; the tests pin
    English, so a developer with a Dutch machine gets the same results. A test of
    the Dutch messages sets KLOOF_LANG=nl itself."""
    monkeypatch.setenv("KLOOF_LANG", "en")
