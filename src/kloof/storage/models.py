"""The database tables of kloof web.

Text columns are ``TextField``: the case format sets no length limits, and a
limit PostgreSQL enforces but SQLite does not would make the two differ. Ids
written by people (party ``id``, factor ``key``, rater ``id``) are kept as ``key``
columns, unique per case, so a case file round-trips unchanged. Ratings and
differences point to party and rater rows; factors stay keys, because most come
from the framework, which is not stored. ``position`` keeps the order of the file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

NAME_LENGTH = 200
SLUG_LENGTH = 60
#: Slugs that would clash with the URLs under ``/w/``.
RESERVED_SLUGS = frozenset({"new"})


class Workspace(models.Model):
    """A team or organisation; every case lives in one."""

    name = models.CharField(max_length=NAME_LENGTH)
    #: The workspace in URLs (``/w/<slug>/``); made from the name on first save.
    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.slug:
            super().save(*args, **kwargs)  # type: ignore[arg-type]
            return
        # Two workspaces created at the same moment may pick the same free slug;
        # the unique index refuses the second, which then takes the next number.
        base = slugify(self.name)[: SLUG_LENGTH - 8].strip("-") or "workspace"
        for number in range(1, 1000):
            candidate = base if number == 1 else f"{base}-{number}"
            if candidate in RESERVED_SLUGS or Workspace.objects.filter(slug=candidate).exists():
                continue
            self.slug = candidate
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)  # type: ignore[arg-type]
            except IntegrityError:
                self.slug = ""
                continue
            return
        raise IntegrityError(f"no free slug for workspace {self.name!r}")


class Profile(models.Model):
    """What kloof remembers about a user beyond Django's user table."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kloof_profile"
    )
    #: The chosen interface language ("nl" or "en"); empty: the browser's preference.
    language = models.CharField(max_length=8, blank=True, default="")


class Invitation(models.Model):
    """A link an owner hands out to let someone join a workspace with a role.

    Only the SHA-256 of the token is stored: a copy of the database does not
    let anyone join. A link works once, until it expires or is revoked.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=10, default="viewer")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner"
        EDITOR = "editor"
        VIEWER = "viewer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "workspace"], name="one_membership_per_user"),
        )


class Case(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="cases")
    title = models.TextField()
    description = models.TextField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, default="en")
    framework_ref = models.TextField(default="hopmans-9")
    scale_min = models.FloatField(default=1.0)
    scale_max = models.FloatField(default=7.0)
    archived = models.BooleanField(default=False)
    #: Respondents were promised anonymity: their answers are never shown with
    #: names, and a group of respondents shows only from ``min_group`` answers.
    anonymous = models.BooleanField(default=False)
    min_group = models.PositiveSmallIntegerField(default=3)
    #: When the owner closed the round of respondent answers (None: open).
    round_closed = models.DateTimeField(null=True, blank=True)
    #: Raised on every save: a save that carries an older number is refused.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    #: The relationship (counterparty over the years) the case belongs to.
    relationship = models.ForeignKey(
        "storage.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    #: The case this one follows (a review names the review or negotiation before it).
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_cases"
    )

    class Kind(models.TextChoices):
        NEGOTIATION = "negotiation"
        REVIEW = "review"

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NEGOTIATION)

    def __str__(self) -> str:
        return self.title


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    key = models.TextField()
    name = models.TextField()
    role = models.TextField(null=True, blank=True)
    side = models.CharField(max_length=16, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(fields=["case", "key"], name="party_key_unique_in_case"),
        )


class Rater(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="raters")
    key = models.TextField()
    name = models.TextField()
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="raters")
    position = models.PositiveIntegerField(default=0)
    #: The workspace member who rates under this name, if any: the rate page opens
    #: with their own rater. Not part of the case file (``key`` is what it keeps).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(fields=["case", "key"], name="rater_key_unique_in_case"),
            # One rater per member per case; raters without a member are not counted
            # (NULLs are distinct in SQLite and PostgreSQL alike).
            models.UniqueConstraint(fields=["case", "user"], name="one_rater_per_member_in_case"),
        )


class CaseFactor(models.Model):
    """A factor of the case's own, added after the framework's factors.

    ``data`` holds its texts, weight and thresholds as in the case file format.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="own_factors")
    key = models.TextField()
    data = models.JSONField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(fields=["case", "key"], name="factor_key_unique_in_case"),
        )


class Rating(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="ratings")
    subject = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="ratings")
    factor = models.TextField()
    #: None: the rater has no opinion.
    score = models.FloatField(null=True, blank=True)
    confidence = models.CharField(max_length=16, null=True, blank=True)
    source = models.CharField(max_length=16, null=True, blank=True)
    note = models.TextField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["case", "rater", "subject", "factor"], name="one_rating_per_question"
            ),
        )


class Difference(models.Model):
    """An entry of the difference register on one factor: a position difference
    between ``party_a`` and ``party_b`` (either order), or a perception gap — how
    ``party_b`` (the viewer) sees ``party_a`` (the subject)."""

    class Kind(models.TextChoices):
        POSITION = "position"
        PERCEPTION = "perception"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="differences")
    factor = models.TextField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.POSITION)
    party_a = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    party_b = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, default="open")
    #: The team's decision; None leaves the computed severity.
    blocking = models.BooleanField(null=True, blank=True)
    reason = models.TextField(null=True, blank=True)
    note = models.TextField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)
    #: Who saved the entry last (None: loaded from a case file, or the user is gone).
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("position", "id")


class Action(models.Model):
    """Something to do about a register entry, or (``agenda_item``, no entry)
    about an agenda item outside the framework's factors."""

    difference = models.ForeignKey(
        Difference, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        "storage.AgendaItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    text = models.TextField()
    #: A rater's key, or any name.
    owner = models.TextField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    #: Raised on every save, like ``Difference.version``.
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("position", "id")


class ChangeLog(models.Model):
    """One change to a case, written in the transaction that made it.

    ``model`` and ``object_id`` name what changed (``"difference"``, 12);
    ``subject`` says what it is about in language-neutral keys (such as
    ``{"factor": "trust", "parties": ["acme", "globex"]}``), so the history page
    can name it in any language; ``summary`` is a short fallback text;
    ``changes`` maps each changed field to ``[old, new]`` (JSON values, dates in
    ISO form).
    """

    class Kind(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The user's name at the time: the history still says who after they are gone.
    user_label = models.TextField(blank=True, default="")
    when = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.UPDATE)
    model = models.CharField(max_length=40, blank=True, default="")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True, default="")
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-when", "-id")
        indexes = (models.Index(fields=["case", "-when"]),)


class EvidenceNote(models.Model):
    """What was heard, seen or read about a party on one factor, and when.

    A note *supports* ratings of that party on that factor; a position with a
    supported rating counts as confirmed rather than estimated.
    """

    class Source(models.TextChoices):
        INTERVIEW = "interview"
        OBSERVATION = "observation"
        DOCUMENT = "document"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence_notes")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="evidence_notes")
    factor = models.TextField()
    source = models.CharField(max_length=16, choices=Source.choices)
    date = models.DateField(null=True, blank=True)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supports = models.ManyToManyField(Rating, related_name="evidence", blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("party__position", "factor", "-date", "-id")
        indexes = (models.Index(fields=["case", "party", "factor"]),)


# The exchange tables (respondents, API tokens, imports) and the throttles' counts
# live in modules of their own; imported here so that Django registers them.
from kloof.storage.models_dialogue import (  # noqa: E402
    Agenda,
    AgendaItem,
    AgendaLink,
    Interview,
    InterviewAnswer,
)
from kloof.storage.models_exchange import (  # noqa: E402
    ApiToken,
    DraftAnswer,
    ImportMappingMemory,
    PendingUpload,
    RespondentLink,
    Submission,
)
from kloof.storage.models_practice import (  # noqa: E402
    GroupParticipant,
    GroupSession,
    JournalEntry,
    PracticeAttempt,
    PracticeScenario,
)
from kloof.storage.models_throttle import AttemptCount  # noqa: E402
from kloof.storage.models_years import (  # noqa: E402
    CaseFactorSummary,
    CaseSummary,
    ContractPhase,
    Relationship,
    ReminderSent,
)

__all__ = [
    "Action",
    "Agenda",
    "AgendaItem",
    "AgendaLink",
    "ApiToken",
    "AttemptCount",
    "Case",
    "CaseFactor",
    "CaseFactorSummary",
    "CaseSummary",
    "ChangeLog",
    "ContractPhase",
    "Difference",
    "DraftAnswer",
    "EvidenceNote",
    "GroupParticipant",
    "GroupSession",
    "ImportMappingMemory",
    "Interview",
    "InterviewAnswer",
    "Invitation",
    "JournalEntry",
    "Membership",
    "Party",
    "PendingUpload",
    "PracticeAttempt",
    "PracticeScenario",
    "Profile",
    "Rater",
    "Rating",
    "Relationship",
    "ReminderSent",
    "RespondentLink",
    "Submission",
    "Workspace",
]
