"""``kloof remind``: mail each relationship owner the reviews that are due.

One mail per owner, listing what is newly due soon, due today or overdue
(:mod:`kloof.storage.reminders`). For each owner, in one transaction: claim the
items (insert their ReminderSent rows), send the mail, commit. The order matters:

- claimed before sending, so a second run at the same moment (another server)
  finds the rows taken, waits for this transaction, and sends nothing again;
- sent before committing, so a mail that cannot be sent rolls the claims back
  and the next run tries again.

A run that stops between the mail server's acceptance and the commit (a crash
in that instant) would mail once more on the next run: a second reminder rather
than none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, transaction

from kloof.i18n.reminders import ReminderLine, reminder_mail
from kloof.storage.reminders import Owed, claim, owed_reminders

# DatabaseError: what remind raises when the database cannot be read (for the CLI,
# which imports no Django itself).
__all__ = ["FALLBACK_BASE_URL", "DatabaseError", "Mail", "Outcome", "base_url", "remind"]

#: Where the links point when neither KLOOF_BASE_URL nor KLOOF_CSRF_TRUSTED_ORIGINS says.
FALLBACK_BASE_URL = "http://localhost:8000"


@dataclass(frozen=True, slots=True)
class Mail:
    """One owner's reminder: to whom, and about what."""

    email: str
    items: tuple[Owed, ...]


@dataclass
class Outcome:
    """What a run did: mails sent (or, dry, to send) and mails that failed."""

    sent: list[Mail] = field(default_factory=list)
    failed: list[tuple[Mail, str]] = field(default_factory=list)


def base_url() -> tuple[str, bool]:
    """The address of kloof for links in mails, and whether it was configured:
    KLOOF_BASE_URL, else the first of KLOOF_CSRF_TRUSTED_ORIGINS, else localhost."""
    configured = settings.BASE_URL or next(iter(settings.CSRF_TRUSTED_ORIGINS), "")
    return (configured or FALLBACK_BASE_URL).rstrip("/"), bool(configured)


def relationship_url(root: str, item: Owed) -> str:
    return f"{root}/w/{item.workspace_slug}/relationships/{item.relationship_id}/"


def remind(
    today: date,
    *,
    dry_run: bool = False,
    on_mail: Callable[[Mail, bool], None] | None = None,
) -> Outcome:
    """Mail every owner what is newly due on ``today``; with ``dry_run`` only say
    what would be sent. ``on_mail(mail, sent)`` hears of every mail as it goes."""
    root, _configured = base_url()
    outcome = Outcome()
    for email, items in _by_owner(owed_reminders(today)):
        mail = Mail(email, items)
        if dry_run:
            outcome.sent.append(mail)
            _tell(on_mail, mail, True)
            continue
        try:
            claimed = _claim_and_send(mail, root)
        except (SMTPException, OSError) as error:
            outcome.failed.append((mail, _reason(error)))
            _tell(on_mail, mail, False)
            continue
        if claimed is not None:
            outcome.sent.append(claimed)
            _tell(on_mail, claimed, True)
    return outcome


def _by_owner(owed: Iterable[Owed]) -> Iterable[tuple[str, tuple[Owed, ...]]]:
    for (_owner, email), items in groupby(owed, key=lambda item: (item.owner_id, item.email)):
        yield email, tuple(items)


def _claim_and_send(mail: Mail, root: str) -> Mail | None:
    """Claim the items and send the mail of those claimed, in one transaction;
    None when another run had claimed them all."""
    with transaction.atomic():
        # Claimed in one order (by relationship) in every run: two runs wait for
        # each other's claims, never for each other in a circle.
        ordered = sorted(mail.items, key=lambda item: (item.relationship_id, item.kind))
        taken = {item.relationship_id for item in ordered if claim(item)}
        claimed = tuple(item for item in mail.items if item.relationship_id in taken)
        if not claimed:
            return None
        language = claimed[0].language
        lines = [
            ReminderLine(
                relationship=item.relationship,
                workspace=item.workspace,
                due=item.due.date,
                days=item.due.days,
                url=relationship_url(root, item),
            )
            for item in claimed
        ]
        subject, body = reminder_mail(lines, language)
        # Raises when the mail cannot be sent: the claims roll back with it.
        send_mail(subject, body, None, [mail.email], fail_silently=False)
    return Mail(mail.email, claimed)


def _tell(on_mail: Callable[[Mail, bool], None] | None, mail: Mail, sent: bool) -> None:
    if on_mail is not None:
        on_mail(mail, sent)


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
