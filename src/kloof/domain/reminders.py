"""Which reminder a relationship's next review calls for.

``kloof remind`` mails each owner once per review date and kind: "due soon"
(within :data:`~kloof.domain.cadence.SOON_DAYS`, or today) and, when the date
has passed without a review, "overdue". A relationship without any dated case
gets none: its first review is "due" on every day, so there is no period to
remind about once.
"""

from __future__ import annotations

from kloof.domain.cadence import DUE, DUE_SOON, OVERDUE, Due

__all__ = ["REMINDER_DUE_SOON", "REMINDER_OVERDUE", "reminder_kind"]

#: The kinds stored in ReminderSent.kind.
REMINDER_DUE_SOON = "due_soon"
REMINDER_OVERDUE = "overdue"


def reminder_kind(due: Due) -> str | None:
    """The kind of reminder ``due`` calls for, None when it calls for none."""
    if due.status in (DUE_SOON, DUE):
        return REMINDER_DUE_SOON
    if due.status == OVERDUE:
        return REMINDER_OVERDUE
    return None
