"""Respondent links and their answers: create, find, revoke, save as they go,
submit exactly once.

A link's token is 24 random bytes from :mod:`secrets` (192 bits), shown once to
whoever creates it; only its SHA-256 is stored. No HTTP here.

Submitting copies the link's answers into ratings of the link's own rater (made
by the first submission) and records one :class:`Submission`. Two submissions of
the same link at the same moment (a double click, two tabs, a retry) meet at the
unique constraints on the submission, the rater key and the rating; the loser's
transaction is rolled back and tried again, and then finds the winner's rows and
updates them. So a link has one submission and one rating per question, whatever
the browser does.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kloof.storage.models import (
    Case,
    DraftAnswer,
    Party,
    Rater,
    Rating,
    RespondentLink,
    Submission,
)
from kloof.storage.rating import touch
from kloof.storage.summaries import keeping

TOKEN_BYTES = 24
#: How often a submission that lost a race is tried again.
SUBMIT_TRIES = 5
#: The rating ``source`` of a questionnaire answer given about the respondent's
#: own party, and about another party.
SOURCE_SELF = "self"
SOURCE_OTHER = "estimate"


class LinkState(enum.Enum):
    OPEN = "open"
    REVOKED = "revoked"
    EXPIRED = "expired"
    CLOSED = "closed"  # the owner closed the case's round


@dataclass(frozen=True)
class Answer:
    """One answer: ``score`` None and ``no_opinion`` False is "not answered yet"."""

    subject_id: int
    factor: str
    score: float | None
    no_opinion: bool = False
    confidence: str | None = None
    note: str | None = None


class LinkNotOpenError(Exception):
    """The link was revoked, expired or its round closed while the respondent
    was answering: nothing was written."""

    def __init__(self, state: LinkState) -> None:
        super().__init__(state.value)
        self.state = state


@dataclass(frozen=True)
class SubmitResult:
    revision: int  # 1 for the first submission, then 2, 3, ...
    ratings: int  # ratings written


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_link(
    case: Case,
    *,
    party: Party,
    rates: str,
    language: str,
    expires: datetime,
    name: str = "",
    greeting: str = "",
    created_by: AbstractBaseUser | None = None,
) -> tuple[RespondentLink, str]:
    """A new link and its token (the only time the token exists in clear).

    ``name`` is the team's own label for the link and never reaches the
    respondent; ``greeting`` is what the respondent reads above the questions."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = RespondentLink.objects.create(
        case=case,
        name=name.strip(),
        greeting=tidy_greeting(greeting),
        party=party,
        rates=rates,
        language=language,
        expires=expires,
        token_hash=token_hash(token),
        created_by=created_by,
    )
    return link, token


def tidy_greeting(text: str) -> str:
    """Each line with single spaces, no empty lines; line breaks stay (a greeting
    may end with a signature on a line of its own)."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def find_link(token: str) -> RespondentLink | None:
    """The link of ``token``, whatever its state (``link_state`` tells)."""
    if not token or len(token) > 200:
        return None
    return (
        RespondentLink.objects.select_related("case", "party")
        .filter(token_hash=token_hash(token))
        .first()
    )


def link_state(link: RespondentLink, now: datetime | None = None) -> LinkState:
    if link.revoked is not None:
        return LinkState.REVOKED
    if link.expires <= (now or timezone.now()):
        return LinkState.EXPIRED
    if link.case.round_closed is not None:
        return LinkState.CLOSED
    return LinkState.OPEN


def revoke_link(case: Case, link_id: int) -> bool:
    """Revoke an open link of ``case``; False if there is none by that id."""
    changed = RespondentLink.objects.filter(pk=link_id, case=case, revoked__isnull=True).update(
        revoked=timezone.now()
    )
    return changed == 1


def subjects_of(link: RespondentLink) -> list[Party]:
    """The parties the respondent rates, in the case's order."""
    parties = list(link.case.parties.all())
    if link.rates == RespondentLink.Rates.OWN:
        return [party for party in parties if party.pk == link.party_id]
    if link.rates == RespondentLink.Rates.OTHER:
        return [party for party in parties if party.pk != link.party_id]
    return parties


def drafts_of(link: RespondentLink) -> dict[tuple[int, str], DraftAnswer]:
    """The saved answers by (subject id, factor key)."""
    return {(row.subject_id, row.factor): row for row in link.drafts.all()}


def submission_of(link: RespondentLink) -> Submission | None:
    return Submission.objects.filter(link=link).first()


@transaction.atomic
def save_answers(link: RespondentLink, answers: Iterable[Answer]) -> int:
    """Save the answers as they are now (insert or update, one statement).
    Raises :class:`LinkNotOpenError` when the link is no longer open."""
    _require_open(link)
    allowed = {party.pk for party in subjects_of(link)}
    rows = [
        DraftAnswer(
            link=link,
            subject_id=answer.subject_id,
            factor=answer.factor,
            score=None if answer.no_opinion else answer.score,
            no_opinion=answer.no_opinion,
            confidence=answer.confidence,
            note=answer.note,
        )
        for answer in answers
        if answer.subject_id in allowed
    ]
    if rows:
        DraftAnswer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["link", "subject", "factor"],
            update_fields=["score", "no_opinion", "confidence", "note", "updated"],
        )
    return len(rows)


def submit(link: RespondentLink, answers: Iterable[Answer]) -> SubmitResult:
    """Save ``answers`` and turn all of the link's answers into ratings, once.

    Raises :class:`LinkNotOpenError` when the link is no longer open (checked
    inside the transaction), ``IntegrityError`` only if the races go on for
    ``SUBMIT_TRIES`` tries; a database that cannot write raises ``OperationalError``.
    """
    answers = list(answers)
    for attempt in range(SUBMIT_TRIES):
        try:
            with keeping():
                return _submit_once(link, answers)
        except IntegrityError:
            if attempt == SUBMIT_TRIES - 1:
                raise
            link.refresh_from_db(fields=["rater"])
    raise AssertionError("unreachable")


def _require_open(link: RespondentLink) -> None:
    """Check the link's state again inside the writing transaction, with the rows
    that revoking it or closing the round change locked (PostgreSQL; SQLite lets
    one writer in at a time and refuses a write on a stale reading). The state the
    view checked may be a moment old: a submission racing a revocation must not
    land after it."""
    case = Case.objects.select_for_update(no_key=True).filter(pk=link.case_id).first()
    fresh = RespondentLink.objects.select_for_update(no_key=True).filter(pk=link.pk).first()
    if case is None or fresh is None:
        raise LinkNotOpenError(LinkState.REVOKED)
    fresh.case = case
    state = link_state(fresh)
    if state is not LinkState.OPEN:
        raise LinkNotOpenError(state)


def _submit_once(link: RespondentLink, answers: list[Answer]) -> SubmitResult:
    save_answers(link, answers)
    rater = _rater_of(link)
    written = _write_ratings(link, rater)
    now = timezone.now()
    updated = Submission.objects.filter(link=link).update(submitted=now, revision=F("revision") + 1)
    if not updated:
        Submission.objects.create(link=link, submitted=now)
    touch(link.case, now)
    revision = Submission.objects.filter(link=link).values_list("revision", flat=True)
    return SubmitResult(revision=max(revision), ratings=written)


def _rater_of(link: RespondentLink) -> Rater:
    """The link's rater, made on first use under a key unique to the link."""
    if link.rater_id is not None:
        rater = Rater.objects.filter(pk=link.rater_id).first()
        if rater is not None:
            return rater
    case = link.case
    last = case.raters.order_by("-position").values_list("position", flat=True).first()
    rater = Rater.objects.create(
        case=case,
        key=f"respondent_{link.pk}",
        name=respondent_label(link),
        party_id=link.party_id,
        position=0 if last is None else last + 1,
    )
    RespondentLink.objects.filter(pk=link.pk).update(rater=rater)
    link.rater = rater
    return rater


def respondent_label(link: RespondentLink) -> str:
    """The rater name of a link: the respondent's name, or a neutral one.

    Under the case's anonymity promise always the neutral name, whatever the
    link is called. The flag is read afresh (inside the submitting transaction):
    the case row the link came with may predate the promise."""
    from kloof.storage.anonymity import NEUTRAL_NAME  # the anonymity area owns the name

    anonymous = Case.objects.filter(pk=link.case_id).values_list("anonymous", flat=True).first()
    if anonymous:
        return NEUTRAL_NAME
    return link.name or f"Respondent {link.pk}"


def _write_ratings(link: RespondentLink, rater: Rater) -> int:
    """Replace the rater's ratings with the link's answered drafts."""
    drafts = [row for row in link.drafts.all() if row.no_opinion or row.score is not None]
    allowed = {party.pk for party in subjects_of(link)}
    Rating.objects.filter(rater=rater).delete()
    now = timezone.now()
    rows = [
        Rating(
            case_id=link.case_id,
            rater=rater,
            subject_id=row.subject_id,
            factor=row.factor,
            score=None if row.no_opinion else row.score,
            confidence=row.confidence,
            source=SOURCE_SELF if row.subject_id == link.party_id else SOURCE_OTHER,
            note=row.note,
            updated=now,
        )
        for row in drafts
        if row.subject_id in allowed
    ]
    Rating.objects.bulk_create(rows)
    return len(rows)
