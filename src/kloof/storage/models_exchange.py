"""Tables for collecting views from outside the team and for moving data in and out:
respondent links and their answers, personal API tokens, remembered import
mappings and uploads waiting for their mapping.

Every secret (a link's or an API token) is stored only as its SHA-256: a copy of
the database lets nobody answer a questionnaire or call the API.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kloof.storage.models import Case, Party, Rater, Workspace


class RespondentLink(models.Model):
    """A secret link that lets one person without an account answer the
    questionnaire of one case, as a member of ``party``."""

    class Rates(models.TextChoices):
        OWN = "own"  # their own party only (a self view)
        OTHER = "other"  # every party but their own
        BOTH = "both"  # all parties of the case

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="respondent_links")
    #: The team's own name for the link (whom they sent it to); empty: anonymous.
    #: Internal: never shown to the respondent.
    name = models.TextField(blank=True, default="")
    #: A greeting the respondent reads above the questionnaire; empty: none.
    greeting = models.TextField(blank=True, default="")
    #: The party the respondent belongs to (their answers are that party's view).
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    rates = models.CharField(max_length=8, choices=Rates.choices, default=Rates.BOTH)
    language = models.CharField(max_length=8, default="en")
    token_hash = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)
    #: When the token was first exchanged for a session.
    first_used = models.DateTimeField(null=True, blank=True)
    #: The rater the answers go to; made by the first submission.
    rater = models.OneToOneField(
        Rater, on_delete=models.SET_NULL, null=True, blank=True, related_name="respondent_link"
    )

    class Meta:
        ordering = ("created", "id")


class DraftAnswer(models.Model):
    """An answer saved while the respondent works; copied into a rating on submit.

    ``score`` None with ``no_opinion`` False: not answered yet.
    """

    link = models.ForeignKey(RespondentLink, on_delete=models.CASCADE, related_name="drafts")
    subject = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    factor = models.TextField()
    score = models.FloatField(null=True, blank=True)
    no_opinion = models.BooleanField(default=False)
    confidence = models.CharField(max_length=16, null=True, blank=True)
    note = models.TextField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["link", "subject", "factor"], name="one_draft_per_question"
            ),
        )


class Submission(models.Model):
    """That a respondent has submitted: at most one per link, whatever the
    browser does (the unique constraint is the guard; a later submission of
    the same link updates ``revision`` and ``submitted``)."""

    link = models.ForeignKey(RespondentLink, on_delete=models.CASCADE, related_name="submissions")
    submitted = models.DateTimeField()
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("id",)
        constraints = (models.UniqueConstraint(fields=["link"], name="one_submission_per_link"),)


class ApiToken(models.Model):
    """A personal API token: acts as ``user`` in ``workspace`` only, with the
    user's role there at the moment of each call."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.TextField(blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    #: The first characters of the token, to tell tokens apart in a list.
    prefix = models.CharField(max_length=16)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")


class ImportMappingMemory(models.Model):
    """The mapping last used to import into a case, offered again next time.

    ``data`` is a mapping document as ``kloof import --mapping`` reads it.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="import_mapping")
    data = models.JSONField()
    updated = models.DateTimeField(auto_now=True)


class PendingUpload(models.Model):
    """An uploaded file between the upload and the confirmed import (at most
    10 MB); deleted when imported, cancelled or a day old."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.TextField()
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)
