"""Who may use the practice pages: any logged-in user, for their own things.

A journal entry (and a practice attempt) belongs to its user: anybody else,
members of the same workspace included, gets 404 as if it did not exist;
an entry shared to a workspace is readable (not changeable) by its members.
"""

from __future__ import annotations

from typing import Any

from kloof.domain.practice import reference_attempt, score
from kloof.services.practice import builtin_scenario
from kloof.storage.journal import create_entry
from kloof.storage.practice import finish_attempt
from tests.web.access_table import World, logged_in
from tests.web.practice_support import journal_values


def private_entry_kwargs(world: World) -> dict[str, Any]:
    """The editor's private entry."""
    row = create_entry(world.team.editor, journal_values())
    return {"entry_id": row.pk}


def shared_entry_kwargs(world: World) -> dict[str, Any]:
    """The editor's entry shared with the world's workspace."""
    row = create_entry(world.team.editor, journal_values(workspace=world.team.workspace))
    return {"entry_id": row.pk}


def attempt_kwargs(world: World) -> dict[str, Any]:
    """The editor's finished attempt at the built-in scenario."""
    scenario = builtin_scenario(SCENARIO)
    attempt = reference_attempt(scenario)
    row = finish_attempt(world.team.editor, scenario, "en", attempt, score(scenario, attempt))
    return {"attempt_id": row.pk}


def own_only(method: str, editor: int, **extra: Any) -> dict[str, Any]:
    """The editor's entry: the editor gets ``editor``; every other user 404."""
    return logged_in(method, 404, editor=editor, **extra)


SCENARIO = "supplier-price-rise"

ACCESS_ENTRIES = {
    "practice_home": logged_in(),
    "practice_scenario": logged_in(kwargs=lambda world: {"scenario_id": SCENARIO}),
    "practice_progress": logged_in(),
    "practice_attempt": own_only("GET", 200, kwargs=attempt_kwargs),
    "journal_list": logged_in(),
    "journal_new": logged_in(),
    "journal_export": logged_in(kwargs=lambda world: {"fmt": "csv"}),
    "journal_entry": own_only("GET", 200, kwargs=private_entry_kwargs),
    "journal_edit": own_only("GET", 200, kwargs=private_entry_kwargs),
    "journal_delete": own_only(
        "POST", 302, kwargs=shared_entry_kwargs, data=lambda world: {"version": "1"}
    ),
}


def _api_entries() -> dict[str, dict[str, Any]]:
    """The practice API: a session (or nobody) gets 401 from every operation."""
    from tests.web.access_api import post_only, session_refused

    def journal_arg(world: World) -> dict[str, Any]:
        return {"journal": private_entry_kwargs(world)["entry_id"]}

    def attempt_arg(world: World) -> dict[str, Any]:
        return {"attempt": attempt_kwargs(world)["attempt_id"]}

    return {
        "api_practice_scenarios": session_refused(),
        "api_practice_scenario": session_refused(kwargs=lambda world: {"scenario": SCENARIO}),
        "api_practice_attempts": session_refused(),
        "api_practice_attempt_create": session_refused(),
        "api_practice_attempt": session_refused(kwargs=attempt_arg),
        "api_practice_attempt_score": post_only(kwargs=attempt_arg),
        "api_journal": session_refused(),
        "api_journal_create": session_refused(),
        "api_journal_entry": session_refused(kwargs=journal_arg),
        "api_journal_update": session_refused(kwargs=journal_arg),
        "api_journal_delete": session_refused(kwargs=journal_arg),
    }


ACCESS_ENTRIES.update(_api_entries())
