"""A workspace's own practice scenarios in the route-and-role table.

Any member reads the list, a source and the example; editors and owners upload,
replace and delete (a POST without a file: 400, the form's message). The API
paths answer 401 to a session like every API path.
"""

from __future__ import annotations

from typing import Any

from kloof.storage.models_practice import PracticeScenario
from tests.web.access_api import session_refused
from tests.web.access_table import World, in_workspace, workspace_kwargs
from tests.web.own_scenario_support import KEY, good_yaml


def _row(world: World) -> PracticeScenario:
    row, _made = PracticeScenario.objects.get_or_create(
        workspace=world.team.workspace, key=KEY, defaults={"source": good_yaml().decode()}
    )
    return row


def own_kwargs(world: World) -> dict[str, Any]:
    return {"slug": world.slug, "key": _row(world).key}


def api_kwargs(world: World) -> dict[str, Any]:
    return {"key": _row(world).key}


ACCESS_ENTRIES = {
    "own_scenarios": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "own_scenario_example": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=workspace_kwargs
    ),
    "own_scenario_source": in_workspace(
        "GET", viewer=200, editor=200, owner=200, kwargs=own_kwargs
    ),
    "own_scenario_replace": in_workspace(
        "POST", viewer=403, editor=400, owner=400, kwargs=own_kwargs
    ),
    "own_scenario_delete": in_workspace(
        "POST", viewer=403, editor=302, owner=302, kwargs=own_kwargs
    ),
    "api_own_scenarios": session_refused(),
    "api_own_scenario_create": session_refused(),
    "api_own_scenario": session_refused(kwargs=api_kwargs),
    "api_own_scenario_replace": session_refused(kwargs=api_kwargs),
    "api_own_scenario_delete": session_refused(kwargs=api_kwargs),
}
