"""A workspace's own practice scenarios: upload, replace and delete.

The uploaded file is checked by the same loader as a built-in one (every
problem listed, see :mod:`kloof.formats.scenario_problems`) before anything is
stored; the row keeps the file's text as uploaded. The key is the file's ``id``:
never a built-in id, unique in the workspace; a replacement must keep it.

A scenario a group session uses is not deleted: the session's live screen,
its participants' feedback and its results need it (closed sessions too, their
results stay). Replace it with a new version instead. No HTTP here.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from kloof.domain.practice import Scenario
from kloof.formats.scenario_problems import checked_scenario
from kloof.services.practice import builtin_ids
from kloof.storage.models import Workspace
from kloof.storage.models_practice import GroupSession, PracticeScenario

#: As large as a case file may be (the YAML reader refuses more anyway).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class BuiltinKeyError(Exception):
    """The file's id is that of a built-in scenario."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class KeyTakenError(Exception):
    """The workspace already has a scenario with this key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class KeyChangedError(Exception):
    """A replacement names another id than the scenario it replaces."""

    def __init__(self, key: str, found: str) -> None:
        super().__init__(found)
        self.key = key
        self.found = found


class InUseError(Exception):
    """Group sessions use the scenario: it cannot be deleted."""

    def __init__(self, sessions: list[GroupSession]) -> None:
        super().__init__(len(sessions))
        self.sessions = sessions


def rows_of(workspace: Workspace) -> list[PracticeScenario]:
    return list(PracticeScenario.objects.filter(workspace=workspace).order_by("key", "id"))


def row_of(workspace: Workspace, key: str) -> PracticeScenario | None:
    return PracticeScenario.objects.filter(workspace=workspace, key=key).first()


def parsed(row: PracticeScenario) -> Scenario:
    """The stored row's scenario (its text passed the loader when stored)."""
    return checked_scenario(row.source.encode("utf-8"), f"{row.key}.yaml")


def _text(data: bytes) -> str:
    # checked_scenario decoded it already (UTF-8, with or without a BOM).
    return data.decode("utf-8-sig")


def add(
    workspace: Workspace, data: bytes, filename: str, user: AbstractBaseUser | None = None
) -> PracticeScenario:
    """Store a new scenario. Raises ``ScenarioProblemsError``, :class:`BuiltinKeyError`,
    :class:`KeyTakenError`; nothing is stored then."""
    scenario = checked_scenario(data, filename)
    if scenario.id in builtin_ids():
        raise BuiltinKeyError(scenario.id)
    author = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            if PracticeScenario.objects.filter(workspace=workspace, key=scenario.id).exists():
                raise KeyTakenError(scenario.id)
            return PracticeScenario.objects.create(
                workspace=workspace, key=scenario.id, source=_text(data), created_by=author
            )
    except IntegrityError as error:  # the same key, uploaded at the same moment
        raise KeyTakenError(scenario.id) from error


def replace(row: PracticeScenario, data: bytes, filename: str) -> PracticeScenario:
    """Put a new version in place of ``row``; its id must stay the same
    (:class:`KeyChangedError`), problems as :func:`add`."""
    scenario = checked_scenario(data, filename)
    if scenario.id != row.key:
        raise KeyChangedError(row.key, scenario.id)
    row.source = _text(data)
    row.save(update_fields=["source", "updated"])
    return row


def sessions_using(row: PracticeScenario) -> list[GroupSession]:
    return list(GroupSession.objects.filter(workspace_scenario=row))


def delete(row: PracticeScenario) -> None:
    """Delete ``row`` unless a group session uses it (:class:`InUseError`)."""
    with transaction.atomic():
        sessions = sessions_using(row)
        if sessions:
            raise InUseError(sessions)
        row.delete()
