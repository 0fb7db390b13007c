"""Fixtures for the whole suite."""

from __future__ import annotations

import pytest
from hypothesis import settings

# No per-example deadline anywhere: on a busy machine an example may take longer
# than Hypothesis's default 200 ms, and tests assert results, not speed.
settings.register_profile("kloof", deadline=None)
settings.load_profile("kloof")


@pytest.fixture(autouse=True)
def _english_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the language of KLOOF_LANG or LANG; the tests pin
    English, so a developer with a Dutch machine gets the same results. A test of
    the Dutch messages sets KLOOF_LANG=nl itself."""
    monkeypatch.setenv("KLOOF_LANG", "en")
