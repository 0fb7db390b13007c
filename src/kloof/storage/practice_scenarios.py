"""The scenarios a user may practise: the built-in ones and those trainers
stored for a workspace the user is a member of (``PracticeScenario``, the
file's text, validated before it was stored).

A workspace scenario's key never equals a built-in one (the upload checks
that); should two of the user's workspaces hold the same key, the first by
workspace name is the one the key names here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from kloof.domain.practice import Scenario
from kloof.formats.errors import InputError
from kloof.formats.scenariofile import parse_scenario
from kloof.services.practice import builtin_ids, builtin_scenario, find_scenarios
from kloof.storage.models_practice import PracticeScenario


@dataclass(frozen=True)
class Found:
    scenario: Scenario
    #: The stored row of a workspace's scenario; None: a built-in one.
    row: PracticeScenario | None = None


def _parsed(row: PracticeScenario) -> Scenario | None:
    """The row's scenario; None when its text no longer passes (a newer kloof
    may check more than the one that stored it)."""
    try:
        return parse_scenario(row.source.encode("utf-8"), f"{row.key}.yaml")
    except InputError:
        return None


def workspace_rows(user: AbstractBaseUser) -> list[PracticeScenario]:
    return list(
        PracticeScenario.objects.filter(workspace__memberships__user_id=user.pk)
        .select_related("workspace")
        .order_by("workspace__name", "workspace_id", "key")
    )


def scenarios_for(
    user: AbstractBaseUser, level: str | None = None, domain: str | None = None
) -> list[Found]:
    """The built-ins, then the user's workspaces' scenarios, filtered."""
    found = [Found(scenario) for scenario in find_scenarios(level=level, domain=domain)]
    seen = {item.scenario.id for item in found} | set(builtin_ids())
    for row in workspace_rows(user):
        scenario = _parsed(row)
        if scenario is None or row.key in seen:
            continue
        seen.add(row.key)
        if (level is None or scenario.level == level) and (
            domain is None or scenario.domain == domain
        ):
            found.append(Found(scenario, row))
    return found


def find_scenario(user: AbstractBaseUser, key: str) -> Found | None:
    """The scenario ``key`` names for ``user``; None when there is none."""
    if key in builtin_ids():
        return Found(builtin_scenario(key))
    for row in workspace_rows(user):
        if row.key == key:
            scenario = _parsed(row)
            return Found(scenario, row) if scenario is not None else None
    return None


def scenario_of_attempt(
    user: AbstractBaseUser, key: str, row: PracticeScenario | None
) -> Scenario | None:
    """The scenario an attempt was made on: its stored workspace scenario when
    it has one (even after the user left that workspace: the attempt is theirs)."""
    if row is not None:
        return _parsed(row)
    found = find_scenario(user, key)
    return found.scenario if found else None
