"""Practice attempts: a user's drafts and finished attempts at a scenario.

An attempt belongs to its user: every lookup goes through the user, so
anybody else is told it does not exist. A draft (``finished`` None) keeps the
answers so far; one draft per user and scenario, overwritten by each save.
Scoring is the engine's (:func:`kloof.domain.practice.score`); this module
keeps its answer in the JSON of ``kloof practice score --format json``
(:func:`kloof.services.practice.feedback_data`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kloof.domain.model import POSITION
from kloof.domain.practice import Attempt, DifferenceKey, Feedback, Scenario
from kloof.services.practice import feedback_data
from kloof.storage.models_practice import PracticeAttempt, PracticeScenario

__all__ = [
    "answers_data",
    "attempt_of",
    "attempts_of",
    "draft_of",
    "finish_attempt",
    "own_attempt",
    "save_draft",
]


def key_of(data: Mapping[str, Any]) -> DifferenceKey:
    """A difference from its JSON form (position: ``parties``; perception:
    ``viewer`` and ``subject``, or ``parties`` as [viewer, subject])."""
    factor = str(data["factor"])
    if data.get("kind", POSITION) == POSITION:
        first, second = data["parties"]
        return DifferenceKey.position(factor, str(first), str(second))
    viewer = data.get("viewer") or data["parties"][0]
    subject = data.get("subject") or data["parties"][1]
    return DifferenceKey.perception(factor, str(viewer), str(subject))


def answers_data(attempt: Attempt) -> dict[str, Any]:
    """An attempt as ``PracticeAttempt.answers``."""
    positions: dict[str, dict[str, float]] = {}
    for (party, factor), value in attempt.positions.items():
        if value is not None:
            positions.setdefault(party, {})[factor] = value
    return {
        "positions": positions,
        "blocking": [key.as_data() for key in sorted(attempt.blocking)],
        "first_move": attempt.first_move,
    }


def attempt_of(scenario: Scenario, answers: Mapping[str, Any]) -> Attempt:
    """``answers`` (as stored) as the engine's attempt; unknown cells left out."""
    stored = answers.get("positions") or {}
    positions: dict[tuple[str, str], float | None] = {}
    for party in scenario.parties:
        for factor in scenario.factors:
            value = (stored.get(party.id) or {}).get(factor)
            positions[party.id, factor] = float(value) if value is not None else None
    return Attempt(
        scenario=scenario.id,
        positions=positions,
        blocking=frozenset(key_of(item) for item in answers.get("blocking") or ()),
        first_move=answers.get("first_move") or None,
    )


def attempts_of(user: AbstractBaseUser, *, finished: bool = True) -> QuerySet[PracticeAttempt]:
    """The user's finished attempts (or drafts), newest first."""
    rows = PracticeAttempt.objects.filter(user_id=user.pk, finished__isnull=not finished)
    return rows.order_by("-created", "-id")


def own_attempt(user: AbstractBaseUser, attempt_id: int) -> PracticeAttempt | None:
    return PracticeAttempt.objects.filter(pk=attempt_id, user_id=user.pk).first()


def draft_of(user: AbstractBaseUser, scenario_id: str) -> PracticeAttempt | None:
    return (
        PracticeAttempt.objects.filter(user_id=user.pk, scenario=scenario_id, finished__isnull=True)
        .order_by("-created", "-id")
        .first()
    )


def save_draft(
    user: AbstractBaseUser,
    scenario: Scenario,
    language: str,
    attempt: Attempt,
    source: PracticeScenario | None = None,
) -> PracticeAttempt:
    """Keep the answers so far in the user's draft of ``scenario`` (made when
    there is none)."""
    with transaction.atomic():
        row = draft_of(user, scenario.id)
        if row is None:
            row = PracticeAttempt(user=user, scenario=scenario.id)
        row.language = language
        row.level = scenario.level
        row.workspace_scenario = source
        row.answers = answers_data(attempt)
        row.save()
        return row


def finish_attempt(
    user: AbstractBaseUser,
    scenario: Scenario,
    language: str,
    attempt: Attempt,
    feedback: Feedback,
    draft: PracticeAttempt | None = None,
    source: PracticeScenario | None = None,
) -> PracticeAttempt:
    """Store a scored attempt: ``draft`` (default: the user's draft of
    ``scenario``) becomes it."""
    with transaction.atomic():
        row = draft if draft is not None else draft_of(user, scenario.id)
        if row is None:
            row = PracticeAttempt(user=user, scenario=scenario.id)
        row.language = language
        row.level = scenario.level
        row.workspace_scenario = source if source is not None else row.workspace_scenario
        row.answers = answers_data(attempt)
        row.feedback = feedback_data(scenario, feedback)
        row.score = float(feedback.score)
        row.recall = feedback.blocking.recall
        row.precision = feedback.blocking.precision
        row.finished = timezone.now()
        row.save()
        return row
