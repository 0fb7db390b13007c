"""Relationships for the ``kloof remind`` tests, and mail backends that fail or
take their time (set by a test, or by a child process, through EMAIL_BACKEND)."""

from __future__ import annotations

import time
from datetime import date
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected
from typing import ClassVar

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend

from kloof.storage import models
from tests.web.factories import add_member, make_user, make_workspace

TODAY = date(2026, 12, 3)


def relationship(workspace, name, owner, last_review, *, archived=False, cadence=12):
    """A relationship whose latest dated case is ``last_review`` (None: no case)."""
    row = models.Relationship.objects.create(
        workspace=workspace, name=name, owner=owner, cadence_months=cadence, archived=archived
    )
    if last_review is not None:
        models.Case.objects.create(
            workspace=workspace, title=f"{name} review", date=last_review, relationship=row
        )
    return row


def portfolio():
    """Every case of the brief, seen from TODAY (2026-12-03), cadence 12 months:

    - ann@example.org (English): Acme due in 12 days, Bolt due today, Crane
      overdue by 13 days, Delta scheduled (2027-02-01), Echo without any review;
    - bea@example.org (Dutch): Fjord due in 30 days (the last day of "soon");
    - nobody: Gamma (no owner), Hotel (owner without e-mail), Index (archived),
      Juno (the owner left the workspace).
    """
    ann = make_user("ann@example.org")
    bea = make_user("bea@example.org")
    models.Profile.objects.create(user=bea, language="nl")
    mute = make_user("mute@example.org")
    mute.email = ""
    mute.save()
    gone = make_user("gone@example.org")
    workspace = make_workspace("Purchasing", ann)
    add_member(workspace, bea, "editor")
    add_member(workspace, mute, "editor")
    relationship(workspace, "Acme", ann, date(2025, 12, 15))
    relationship(workspace, "Bolt", ann, date(2025, 12, 3))
    relationship(workspace, "Crane", ann, date(2025, 11, 20))
    relationship(workspace, "Delta", ann, date(2026, 2, 1))
    relationship(workspace, "Echo", ann, None)
    relationship(workspace, "Fjord", bea, date(2026, 1, 2))
    relationship(workspace, "Gamma", None, date(2025, 12, 10))
    relationship(workspace, "Hotel", mute, date(2025, 12, 10))
    relationship(workspace, "Index", ann, date(2025, 12, 10), archived=True)
    relationship(workspace, "Juno", gone, date(2025, 12, 10))
    return workspace


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesAnnBackend(BaseEmailBackend):
    """A mail server that refuses one recipient and takes the others (kept in
    ``accepted``)."""

    accepted: ClassVar[list] = []

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["ann@example.org"]:
                raise SMTPRecipientsRefused({"ann@example.org": (550, b"mailbox unavailable")})
            RefusesAnnBackend.accepted.append(message)
        return len(email_messages)


class SlowFileBackend(FileBackend):
    """Writes each mail as a file, after a second: long enough for a second
    ``kloof remind`` started at the same moment to run into this one's claims."""

    def send_messages(self, email_messages):
        time.sleep(1.0)
        return super().send_messages(email_messages)
