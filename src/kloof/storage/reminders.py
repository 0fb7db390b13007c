"""The reminders ``kloof remind`` owes, and claiming one before it is sent.

A reminder is owed for a relationship (not archived) whose owner is still an
active member of its workspace with an e-mail address, when its next review is
due soon, today or overdue (:func:`kloof.domain.reminders.reminder_kind`), and
no ReminderSent row holds that (relationship, kind, due date) yet.

Claiming inserts that row. The unique key decides between two runs at the same
moment (a second server's timer): the second insert waits for the first
transaction and then fails, so only one of them sends. The caller claims and
sends inside one transaction: a mail that cannot be sent rolls its claims back,
and the next run tries again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F

from kloof.domain.cadence import Due, review_due
from kloof.domain.reminders import reminder_kind
from kloof.i18n import SUPPORTED
from kloof.storage.models import Relationship, ReminderSent
from kloof.storage.relationship_due import last_review_dates

__all__ = ["Owed", "claim", "owed_reminders"]


@dataclass(frozen=True, slots=True)
class Owed:
    """One reminder to send: which relationship, to whom, about which date."""

    relationship_id: int
    relationship: str
    workspace: str
    workspace_slug: str
    owner_id: int
    email: str
    language: str
    kind: str
    due: Due


def owed_reminders(today: date) -> list[Owed]:
    """Every reminder owed on ``today``, by owner, then due date and name."""
    rows = list(
        Relationship.objects.filter(
            archived=False,
            owner__isnull=False,
            owner__is_active=True,
            # Still a member: a former member hears nothing of the workspace.
            workspace__memberships__user=F("owner"),
        )
        .exclude(owner__email="")
        .values(
            "id",
            "name",
            "cadence_months",
            "workspace__name",
            "workspace__slug",
            "owner_id",
            "owner__email",
            "owner__kloof_profile__language",
        )
        .distinct()
    )
    last = last_review_dates(row["id"] for row in rows)
    sent = set(
        ReminderSent.objects.filter(relationship_id__in=last).values_list(
            "relationship_id", "kind", "due"
        )
    )
    owed = []
    for row in rows:
        due = review_due(last.get(row["id"]), row["cadence_months"], today)
        kind = reminder_kind(due)
        if kind is None or (row["id"], kind, due.date) in sent:
            continue
        owed.append(
            Owed(
                relationship_id=row["id"],
                relationship=row["name"],
                workspace=row["workspace__name"],
                workspace_slug=row["workspace__slug"],
                owner_id=row["owner_id"],
                email=row["owner__email"],
                language=_language(row["owner__kloof_profile__language"]),
                kind=kind,
                due=due,
            )
        )
    owed.sort(
        key=lambda item: (item.owner_id, item.due.date, item.relationship, item.relationship_id)
    )
    return owed


def _language(chosen: str | None) -> str:
    """The owner's chosen language; English when none (or an unknown one) is set."""
    return chosen if chosen in SUPPORTED else "en"


def claim(item: Owed) -> bool:
    """Insert the ReminderSent row of ``item``; False when it is there already
    (another run claimed it) or the relationship is gone. Call it inside the
    transaction that sends the mail."""
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the rest intact
            ReminderSent.objects.create(
                relationship_id=item.relationship_id,
                kind=item.kind,
                due=item.due.date,
                recipient=item.email,
            )
    except IntegrityError:
        return False
    return True
