"""Tables for kloof over the years: relationships with a counterparty and their
cases over time, contract phases (when a review would be coloured by deal
stress), the per-case summaries the portfolio reads, and the reminders sent.

A case belongs to at most one relationship (``Case.relationship``) and may name
the case it follows (``Case.previous``): a yearly review points to the review
or negotiation before it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kloof.storage.models import Case, Workspace

#: A review is due this many months after the last one, unless set otherwise.
DEFAULT_CADENCE_MONTHS = 12


class Relationship(models.Model):
    """A counterparty (an organisation) of a workspace, with its cases over time."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="relationships")
    #: The counterparty's name, as the team calls it.
    name = models.TextField()
    note = models.TextField(blank=True, default="")
    #: The workspace member who keeps the relationship and gets its reminders.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Months from one review to the next.
    cadence_months = models.PositiveSmallIntegerField(default=DEFAULT_CADENCE_MONTHS)
    archived = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")
        indexes = (models.Index(fields=["workspace", "name"]),)

    def __str__(self) -> str:
        return self.name


class ContractPhase(models.Model):
    """A period of contract negotiation with the counterparty: reviews planned
    inside it would be coloured by the stress of the deal."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="phases")
    start = models.DateField()
    end = models.DateField()
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("start", "id")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="phase_ends_after_start"
            ),
        )


class CaseSummary(models.Model):
    """What the portfolio shows of a case, kept up to date in the transaction of
    every change that alters it (ratings, register, parties, factors, actions).

    ``factors`` maps a factor key to ``{"position": severity, "perception":
    severity}`` (severity values of :class:`kloof.domain.model.Severity`, the
    worst over the party pairs; ``perception`` only when the other side rated).
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    toughness = models.FloatField(null=True, blank=True)
    blocking_positions = models.PositiveIntegerField(default=0)
    blocking_perceptions = models.PositiveIntegerField(default=0)
    significant = models.PositiveIntegerField(default=0)
    unknown = models.PositiveIntegerField(default=0)
    open_actions = models.PositiveIntegerField(default=0)
    ratings = models.PositiveIntegerField(default=0)
    factors = models.JSONField(default=dict, blank=True)
    updated = models.DateTimeField(auto_now=True)


class CaseFactorSummary(models.Model):
    """One factor of a case's summary as a row, so that the portfolio filters
    and the heat map select by factor and severity in SQL."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="factor_summaries")
    factor = models.TextField()
    #: The worst position difference on the factor (a Severity value).
    position = models.CharField(max_length=16, default="unknown")
    #: The worst perception gap on the factor, empty when none was measured.
    perception = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["case", "factor"], name="one_summary_per_factor"),
        )
        indexes = (models.Index(fields=["factor", "position"]),)


class ReminderSent(models.Model):
    """A reminder mailed for one relationship's review due on one date: the
    unique key makes ``kloof remind`` idempotent, also when two servers run it."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon"
        OVERDUE = "overdue"

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    #: The review date the reminder is about: a new due date is a new period.
    due = models.DateField()
    recipient = models.TextField()
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["relationship", "kind", "due"], name="one_reminder_per_period"
            ),
        )
