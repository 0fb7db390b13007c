"""Tables for practice: attempts at a scenario, the spotting journal, and
trainer-led group sessions with their participants.

Built-in scenarios ship as data files in the package; a workspace may hold
scenarios its trainers wrote (``PracticeScenario``, the YAML text as uploaded).
A scenario is named by its ``key``; a workspace scenario's key is unique in its
workspace and never equal to a built-in one (the upload checks that).

A group session's link token is stored only as its SHA-256, like every other
secret; so is the secret a participant's browser keeps to find its own answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kloof.storage.models import Workspace


class PracticeScenario(models.Model):
    """A scenario a trainer wrote, kept for one workspace."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="practice_scenarios"
    )
    key = models.TextField()
    #: The scenario file as uploaded (validated before it is stored).
    source = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("key", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["workspace", "key"], name="scenario_key_unique_in_workspace"
            ),
        )


class PracticeAttempt(models.Model):
    """One user's go at a scenario, with what they answered and its feedback.

    ``answers`` holds ``{"positions": {party: {factor: score}}, "blocking":
    [{"factor", "kind", "parties"}], "first_move": key}``; ``feedback`` the
    scoring's result as in ``kloof practice score --format json``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    scenario = models.TextField()
    #: Set when the scenario is a workspace's own; None: a built-in one.
    workspace_scenario = models.ForeignKey(
        PracticeScenario, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    level = models.CharField(max_length=16, blank=True, default="")
    answers = models.JSONField(default=dict, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    #: None until the attempt is scored.
    score = models.FloatField(null=True, blank=True)
    recall = models.FloatField(null=True, blank=True)
    precision = models.FloatField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")
        indexes = (models.Index(fields=["user", "-created"]),)


class JournalEntry(models.Model):
    """A difference noticed in daily life: private to its user unless shared."""

    class Severity(models.TextChoices):
        NUANCE = "nuance"
        BLOCKING = "blocking"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    #: Shared with this workspace's members; None: private.
    workspace = models.ForeignKey(
        Workspace, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date = models.DateField()
    situation = models.TextField()
    parties = models.TextField(blank=True, default="")
    factor = models.TextField()
    severity = models.CharField(max_length=16, choices=Severity.choices)
    next = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-date", "-id")
        indexes = (models.Index(fields=["user", "-date"]),)


class GroupSession(models.Model):
    """A trainer's session on one scenario, joined through one secret link."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="group_sessions"
    )
    scenario = models.TextField()
    workspace_scenario = models.ForeignKey(
        PracticeScenario, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    name = models.TextField(blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    #: When the trainer showed the reference analysis (None: not yet).
    revealed = models.DateTimeField(null=True, blank=True)
    #: When the trainer closed the session: its link stops working.
    closed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")


class GroupParticipant(models.Model):
    """Someone who joined a group session under a nickname, without an account."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="participants")
    nickname = models.TextField()
    #: SHA-256 of the secret in the participant's cookie.
    secret_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    joined = models.DateTimeField(auto_now_add=True)
    submitted = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("joined", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["session", "nickname"], name="nickname_unique_in_session"
            ),
        )
