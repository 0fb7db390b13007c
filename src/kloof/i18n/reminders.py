"""The text of a reminder mail (``kloof remind``), in the owner's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kloof.i18n import format_date, translator

__all__ = ["ReminderLine", "days_text", "reminder_mail"]


@dataclass(frozen=True, slots=True)
class ReminderLine:
    """One review in a reminder: the relationship, its workspace, the date and
    days from today (negative: overdue), and the link to its page."""

    relationship: str
    workspace: str
    due: date
    days: int
    url: str


def days_text(days: int, language: str) -> str:
    """``due in 12 days``, ``due today``, ``overdue by 3 days``."""
    t = translator(language)
    if days > 0:
        return t.ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}
    if days == 0:
        return t.gettext("due today")
    late = -days
    return t.ngettext("overdue by %(days)d day", "overdue by %(days)d days", late) % {"days": late}


def reminder_mail(lines: Sequence[ReminderLine], language: str) -> tuple[str, str]:
    """The subject and the plain-text body of one owner's reminder."""
    t = translator(language)
    count = len(lines)
    subject = t.ngettext(
        "kloof: %(count)d relationship review is due",
        "kloof: %(count)d relationship reviews are due",
        count,
    ) % {"count": count}
    parts = [t.gettext("Hello,"), "", t.gettext("These reviews of relationships you keep are due:")]
    for line in lines:
        parts.append("")
        parts.append(
            t.gettext("- %(relationship)s (workspace %(workspace)s)")
            % {"relationship": line.relationship, "workspace": line.workspace}
        )
        parts.append(
            "  "
            + t.gettext("next review %(date)s, %(days)s")
            % {"date": format_date(line.due, language), "days": days_text(line.days, language)}
        )
        parts.append(f"  {line.url}")
    parts += [
        "",
        t.gettext(
            "Review trust and the other factors with your partner at least once a year, "
            "outside the contract negotiation: the stress of a deal colours the answers."
        ),
        t.gettext(
            "You get one mail per review date when it comes near, and one more when it has passed."
        ),
        "",
        "-- kloof",
    ]
    return subject, "\n".join(parts) + "\n"
