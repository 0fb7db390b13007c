"""Start the next review of a relationship from any of its cases.

The new case keeps who and what is rated — parties, the team's raters (with
their member accounts), framework, own factors, language, scale, title,
description and the anonymity promise — and nothing of the last conversation:
no ratings, register, evidence, interviews or agenda
(:func:`kloof.domain.review.next_review`). It is dated the chosen day, of kind
``review``, names the case it follows (``Case.previous``) and belongs to the
same relationship.

Respondents: a respondent link's token exists in clear only once, when it is
made, and is kept as its SHA-256 only; it can neither be copied nor shown again,
and an old link must never open the new case. So no link is carried over, and
neither are the raters that respondents' answers made (a new link makes a new
one). The anonymity promise and its minimum group are kept, and the new case's
respondents page offers fresh links; :class:`NextReview` says how many links the
previous case had, so the page can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from kloof.domain.review import next_review
from kloof.storage.dashboard import load_case
from kloof.storage.history import record_change
from kloof.storage.mapping import case_from_domain
from kloof.storage.models import Case, ChangeLog, Rater, RespondentLink
from kloof.storage.relationships import InvalidRelationship
from kloof.storage.summaries import kept

__all__ = ["NextReview", "previous_reference", "start_next_review"]


@dataclass(frozen=True)
class NextReview:
    case: Case
    #: Respondent links of the previous case: none is carried over (see above).
    links_not_carried: int


def previous_reference(case: Case) -> str:
    """How a case file names the case it follows: its title and date,
    ``"Renewal (2025-12-03)"`` (the title alone when it has no date)."""
    return f"{case.title} ({case.date.isoformat()})" if case.date else case.title


@kept
def start_next_review(previous: Case, on: date, user: AbstractBaseUser | None) -> NextReview:
    """The next review after ``previous``, dated ``on``: a new case of the same
    workspace and relationship (``previous`` must belong to one)."""
    if previous.relationship_id is None:
        raise InvalidRelationship("relationship", "none")
    respondent_raters = set(
        RespondentLink.objects.filter(case=previous, rater__isnull=False).values_list(
            "rater__key", flat=True
        )
    )
    fresh = next_review(load_case(previous), on, previous_reference(previous))
    fresh = replace(fresh, raters=tuple(r for r in fresh.raters if r.id not in respondent_raters))
    row = case_from_domain(previous.workspace, fresh)
    Case.objects.filter(pk=row.pk).update(
        relationship_id=previous.relationship_id,
        previous=previous,
        kind=Case.Kind.REVIEW,
        anonymous=previous.anonymous,
        min_group=previous.min_group,
    )
    members = dict(
        Rater.objects.filter(case=previous, user__isnull=False).values_list("key", "user_id")
    )
    for key, user_id in members.items():
        Rater.objects.filter(case=row, key=key).update(user_id=user_id)
    row.refresh_from_db()
    record_change(
        row,
        user,
        f"started as the review after {previous_reference(previous)}",
        {"previous": (None, previous.pk)},
        kind=ChangeLog.Kind.CREATE,
        model="case",
        object_id=row.pk,
    )
    return NextReview(row, RespondentLink.objects.filter(case=previous).count())
