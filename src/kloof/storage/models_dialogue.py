"""Tables for the method's steps after the analysis: interviews held to learn
more, the agenda of the open conversation with the other side, its outcomes,
and the secret links through which the other side reads its version.

Like every other secret, an agenda link's token is stored only as its SHA-256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kloof.storage.models import Case, Difference, EvidenceNote, Party


class Interview(models.Model):
    """A conversation held to learn more about ``about`` on some factors."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interviews")
    #: The interview's id in the case file, unique per case.
    key = models.TextField()
    interviewee = models.TextField()
    #: The party the interviewee belongs to, if known.
    party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The party the answers tell about: their evidence goes to this party.
    about = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    role = models.TextField(null=True, blank=True)
    #: A rater's key or any name.
    interviewer = models.TextField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    #: The factor keys planned, in the guide's order.
    factors = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(fields=["case", "key"], name="interview_key_unique_in_case"),
        )


class InterviewAnswer(models.Model):
    """What the interview told about one factor; its evidence note carries it
    into the analysis (source ``interview``)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="answers")
    factor = models.TextField()
    text = models.TextField(blank=True, default="")
    evidence = models.OneToOneField(
        EvidenceNote,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_answer",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["interview", "factor"], name="one_answer_per_interview_factor"
            ),
        )


class Agenda(models.Model):
    """The agenda of the conversation "how do we want to do business together"."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agenda")
    #: The planned date of the conversation.
    date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)


class AgendaItem(models.Model):
    """One item of the agenda; its texts are the team's words.

    ``kind`` is ``position``, ``perception`` or ``other`` (a difference outside
    the framework's factors: ``factor`` empty). For a perception item
    ``party_a`` is the subject and ``party_b`` the viewer, as in the register.
    ``difference`` is the register entry the item's outcome goes to.
    """

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=16, default="position")
    factor = models.TextField(null=True, blank=True)
    party_a = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    party_b = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.TextField()
    see = models.TextField(blank=True, default="")
    ask = models.TextField(blank=True, default="")
    offer = models.TextField(blank=True, default="")
    #: Possible mitigations, one per line.
    mitigations = models.TextField(blank=True, default="")
    #: The team allows this item into the counterparty's version.
    shareable = models.BooleanField(default=False)
    difference = models.ForeignKey(
        Difference, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    #: named, accepted_both, mitigation_agreed or open; None: not discussed yet.
    outcome = models.CharField(max_length=20, null=True, blank=True)
    outcome_note = models.TextField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("position", "id")


class AgendaLink(models.Model):
    """A secret link through which the other side reads the counterparty
    version of the agenda (and, once written, the minutes) without an account."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agenda_links")
    #: The team's own label for the link; internal, never shown through the link.
    name = models.TextField(blank=True, default="")
    language = models.CharField(max_length=8, default="en")
    token_hash = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created", "id")
