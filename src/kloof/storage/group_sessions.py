"""Group sessions: a trainer's session on one scenario, joined by participants
through one secret link, without accounts.

The link's token follows the rules of every secret in kloof: 24 random bytes
from :mod:`secrets` (192 bits), shown once to the trainer who starts the
session, stored only as its SHA-256. Closing the session stops the link (that
is its revocation); so does its expiry. A participant's browser keeps a secret
of its own (the same kind of token) to find its answers again; only its SHA-256
is stored as well.

Answers: a participant may change and send them again until the trainer
reveals the reference; from then on they stand (the group has seen the
reasoning). Each submission is one short transaction that writes one row
(SQLite queues writers with ``BEGIN IMMEDIATE``, see :mod:`kloof.web.config`),
so submissions arriving together are all kept. No HTTP here.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from kloof.domain.practice import Attempt, DifferenceKey, Feedback, Scenario, score
from kloof.formats.scenariofile import parse_scenario
from kloof.services.practice import builtin_scenario, feedback_data
from kloof.storage.models import Workspace
from kloof.storage.models_practice import GroupParticipant, GroupSession, PracticeScenario
from kloof.storage.respondents import token_hash

TOKEN_BYTES = 24
NICKNAME_LENGTH = 40
NAME_LENGTH = 200


class SessionState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    EXPIRED = "expired"


class NotOpenError(Exception):
    """The session closed or expired while the participant was answering."""

    def __init__(self, state: SessionState) -> None:
        super().__init__(state.value)
        self.state = state


class RevealedError(Exception):
    """The trainer revealed the reference: answers can no longer change."""


class NicknameTakenError(Exception):
    """Somebody in the session already has this nickname."""


@dataclass(frozen=True)
class Answers:
    """What a participant sent: scores by (party, factor), flagged differences,
    the first move."""

    positions: Mapping[tuple[str, str], float | None]
    blocking: frozenset[DifferenceKey]
    first_move: str | None

    def as_data(self) -> dict[str, object]:
        positions: dict[str, dict[str, float | None]] = {}
        for (party, factor), value in self.positions.items():
            positions.setdefault(party, {})[factor] = value
        return {
            "positions": positions,
            "blocking": [key.as_data() for key in sorted(self.blocking)],
            "first_move": self.first_move,
        }


def scenario_of(session: GroupSession) -> Scenario:
    """The session's scenario: its workspace's own one when it has one."""
    if session.workspace_scenario_id is not None:
        row = PracticeScenario.objects.get(pk=session.workspace_scenario_id)
        return parse_scenario(row.source.encode("utf-8"), f"{row.key}.yaml")
    return builtin_scenario(session.scenario)


def create_session(
    workspace: Workspace,
    *,
    scenario: str,
    language: str,
    expires: datetime,
    name: str = "",
    created_by: AbstractBaseUser | None = None,
    own: PracticeScenario | None = None,
) -> tuple[GroupSession, str]:
    """A new session and its link's token (the only time the token exists in
    clear). ``scenario`` is a built-in id (``InputError`` otherwise) unless
    ``own``, the workspace's own scenario of that key, is given."""
    if own is None:
        builtin_scenario(scenario)
    elif own.workspace_id != workspace.pk or own.key != scenario:
        raise ValueError("the scenario is not this workspace's")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    user = created_by if created_by is not None and created_by.is_authenticated else None
    session = GroupSession.objects.create(
        workspace=workspace,
        scenario=scenario,
        workspace_scenario=own,
        language=language,
        name=" ".join(name.split())[:NAME_LENGTH],
        token_hash=token_hash(token),
        expires=expires,
        created_by=user,
    )
    return session, token


def find_session(token: str) -> GroupSession | None:
    """The session of ``token`` in any state; None when no session has it."""
    if not token or len(token) > 200:
        return None
    return GroupSession.objects.filter(token_hash=token_hash(token)).first()


def session_state(session: GroupSession, now: datetime | None = None) -> SessionState:
    if session.closed is not None:
        return SessionState.CLOSED
    if session.expires <= (now or timezone.now()):
        return SessionState.EXPIRED
    return SessionState.OPEN


def sessions_of(workspace: Workspace) -> list[GroupSession]:
    return list(GroupSession.objects.filter(workspace=workspace))


def session_of(workspace: Workspace, session_id: int) -> GroupSession | None:
    return GroupSession.objects.filter(workspace=workspace, pk=session_id).first()


def close(session: GroupSession) -> GroupSession:
    """Close the session: its link stops at once. Closing twice keeps the first moment."""
    GroupSession.objects.filter(pk=session.pk, closed__isnull=True).update(closed=timezone.now())
    session.refresh_from_db()
    return session


def reveal(session: GroupSession) -> GroupSession:
    """Show the reference to the participants; answers stand from now on."""
    GroupSession.objects.filter(pk=session.pk, revealed__isnull=True).update(
        revealed=timezone.now()
    )
    session.refresh_from_db()
    return session


# --- participants ------------------------------------------------------------------


def tidy_nickname(text: str) -> str:
    return " ".join(text.split())


def join(session: GroupSession, nickname: str) -> tuple[GroupParticipant, str]:
    """A new participant and the secret for their browser. Raises
    :class:`NicknameTakenError` (compared without regard to case) and
    :class:`NotOpenError`."""
    nickname = tidy_nickname(nickname)
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        with transaction.atomic():
            _require_open(session)
            if GroupParticipant.objects.filter(session=session, nickname__iexact=nickname).exists():
                raise NicknameTakenError(nickname)
            participant = GroupParticipant.objects.create(
                session=session, nickname=nickname, secret_hash=token_hash(secret)
            )
    except IntegrityError as error:  # the same nickname, at the same moment
        raise NicknameTakenError(nickname) from error
    return participant, secret


def find_participant(session: GroupSession, secret: str | None) -> GroupParticipant | None:
    if not secret or len(secret) > 200:
        return None
    return GroupParticipant.objects.filter(session=session, secret_hash=token_hash(secret)).first()


def participants_of(session: GroupSession) -> list[GroupParticipant]:
    return list(GroupParticipant.objects.filter(session=session))


def submit(participant: GroupParticipant, answers: Answers) -> Feedback:
    """Score ``answers`` and keep them with their feedback, in one transaction
    that checks the session again (closed, expired, revealed)."""
    session = participant.session
    scenario = scenario_of(session)
    attempt = Attempt(
        scenario=scenario.id,
        positions=dict(answers.positions),
        blocking=answers.blocking,
        first_move=answers.first_move,
    )
    feedback = score(scenario, attempt)
    with transaction.atomic():
        fresh = _require_open(session)
        if fresh.revealed is not None:
            raise RevealedError()
        GroupParticipant.objects.filter(pk=participant.pk).update(
            answers=answers.as_data(),
            feedback=feedback_data(scenario, feedback),
            score=float(feedback.score),
            submitted=timezone.now(),
        )
    participant.refresh_from_db()
    return feedback


def _require_open(session: GroupSession) -> GroupSession:
    """The session read again inside the writing transaction (locked on
    PostgreSQL; SQLite lets one writer in at a time)."""
    fresh = GroupSession.objects.select_for_update(no_key=True).filter(pk=session.pk).first()
    if fresh is None:
        raise NotOpenError(SessionState.CLOSED)
    state = session_state(fresh)
    if state is not SessionState.OPEN:
        raise NotOpenError(state)
    return fresh


def answers_from_data(data: Mapping[str, object]) -> Answers:
    """The stored JSON of a participant's answers back as :class:`Answers`."""
    positions: dict[tuple[str, str], float | None] = {}
    raw = data.get("positions")
    if isinstance(raw, dict):
        for party, factors in raw.items():
            if isinstance(factors, dict):
                for factor, value in factors.items():
                    positions[(party, factor)] = None if value is None else float(value)
    keys = set()
    for item in data.get("blocking") or []:  # type: ignore[attr-defined]
        if item.get("kind") == "perception":
            keys.add(DifferenceKey.perception(item["factor"], item["viewer"], item["subject"]))
        else:
            keys.add(DifferenceKey.position(item["factor"], *item["parties"]))
    move = data.get("first_move")
    return Answers(positions, frozenset(keys), move if isinstance(move, str) else None)
