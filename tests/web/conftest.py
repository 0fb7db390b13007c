"""Fixtures of the web tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet, as on a first start."""
    return tmp_path / "kloof-data"


@pytest.fixture
def team():
    """A workspace with an owner, an editor and a viewer, and another workspace
    (see tests.web.factories.make_team); a test file may define its own."""
    from tests.web.factories import make_team

    return make_team()


@pytest.fixture
def case(team):
    """The demo case in the team's workspace."""
    from tests.web.factories import make_demo_case

    return make_demo_case(team.workspace)


@pytest.fixture
def editor(client, team):
    """The test client, logged in as the team's editor."""
    client.force_login(team.editor)
    return client
