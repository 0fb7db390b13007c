"""Queries and commands of the rating area: raters of a case and their ratings.

No HTTP here; the input has been checked by the forms. Every command that
changes a case's ratings or raters also raises ``Case.updated`` (the case list
shows the last change), in the same transaction. ``Case.version`` is left alone:
it guards the case's own fields (title, parties, scale), which a rating does not
touch, so rating while someone edits the title does not make their form stale.

A respondent's rater (made by a respondent link) holds the respondent's own
answers: the team reads them but never changes them, and when the case promised
respondents anonymity the team does not see them one by one at all
(:func:`team_visible_raters`; the analysis counts them, see
:mod:`kloof.storage.anonymity`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from kloof.domain.model import Factor
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage.anonymity import respondent_rater_ids
from kloof.storage.models import Case, Membership, Party, Rater, Rating
from kloof.storage.summaries import kept, mark_changed


@dataclass(frozen=True)
class RatingValues:
    """What one rater says about one subject on one factor; ``score`` None is
    "no opinion"."""

    score: float | None
    confidence: str | None = None
    source: str | None = None
    note: str | None = None


def case_factors(case: Case) -> tuple[Factor, ...]:
    """The case's effective factors: the framework's, then the case's own."""
    framework = load_framework(case.framework_ref)
    own = tuple(
        parse_factor(row.data, defaults=framework.thresholds, custom=True, where=("factors", index))
        for index, row in enumerate(case.own_factors.all())
    )
    return framework.factors + own


def parties_of(case: Case) -> list[Party]:
    return list(case.parties.all())


def raters_of(case: Case) -> list[Rater]:
    return list(case.raters.select_related("party"))


def respondent_ids(case: Case) -> set[int]:
    """The ids of the case's raters that are respondents (read-only to the team)."""
    return respondent_rater_ids(case)


def team_visible_raters(case: Case) -> tuple[list[Rater], set[int]]:
    """The raters the team may pick one by one, and which of them are respondents.

    Under the anonymity promise no respondent is among them."""
    raters, respondents = raters_of(case), respondent_ids(case)
    if case.anonymous:
        raters = [rater for rater in raters if rater.pk not in respondents]
    return raters, respondents


def find_rater(case: Case, rater_id: int) -> Rater | None:
    return Rater.objects.select_related("party").filter(pk=rater_id, case=case).first()


def find_party(case: Case, party_id: int) -> Party | None:
    return Party.objects.filter(pk=party_id, case=case).first()


def linked_members(case: Case) -> dict[int, Membership]:
    """The workspace's memberships by user id, to show and check rater links."""
    rows = Membership.objects.filter(workspace_id=case.workspace_id).select_related("user")
    return {row.user_id: row for row in rows}


def rater_of_user(case: Case, user_id: int) -> Rater | None:
    """The rater linked to the user in this case, if there is one."""
    return Rater.objects.filter(case=case, user_id=user_id).first()


def linked_user_ids(case: Case) -> set[int]:
    """The users who are a rater of the case already (one rater per member)."""
    return set(case.raters.filter(user__isnull=False).values_list("user_id", flat=True))


def ratings_by_factor(case: Case, rater: Rater, subject: Party) -> dict[str, Rating]:
    rows = Rating.objects.filter(case=case, rater=rater, subject=subject)
    return {row.factor: row for row in rows}


def rating_counts(case: Case) -> dict[tuple[int, int], tuple[int, int]]:
    """Per (rater id, subject id): how many factors are scored and how many
    have "no opinion". Pairs without ratings are absent."""
    scored: Counter[tuple[int, int]] = Counter()
    no_opinion: Counter[tuple[int, int]] = Counter()
    for rater_id, subject_id, score in case.ratings.values_list("rater_id", "subject_id", "score"):
        (no_opinion if score is None else scored)[(rater_id, subject_id)] += 1
    return {pair: (scored[pair], no_opinion[pair]) for pair in scored | no_opinion}


def ratings_per_rater(case: Case) -> Counter[int]:
    return Counter(case.ratings.values_list("rater_id", flat=True))


@kept
def save_ratings(
    case: Case, rater: Rater, subject: Party, values: Iterable[tuple[str, RatingValues]]
) -> int:
    """Store the ratings of ``rater`` about ``subject`` per factor key: insert,
    or update the one that exists (one statement per batch, on the unique
    constraint, so two saves at the same moment cannot make two rows)."""
    now = timezone.now()
    rows = [
        Rating(
            case=case,
            rater=rater,
            subject=subject,
            factor=factor,
            score=value.score,
            confidence=value.confidence,
            source=value.source,
            note=value.note,
            updated=now,
        )
        for factor, value in values
    ]
    if not rows:
        return 0
    Rating.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["case", "rater", "subject", "factor"],
        update_fields=["score", "confidence", "source", "note", "updated"],
    )
    touch(case, now)
    return len(rows)


def touch(case: Case, now: object | None = None) -> None:
    """Raise the case's last change (without touching its version)."""
    Case.objects.filter(pk=case.pk).update(updated=now or timezone.now())
    mark_changed(case.pk)


@kept
def add_rater(case: Case, name: str, party: Party, user: AbstractBaseUser | None = None) -> Rater:
    """A new rater at the end of the case's list; ``user`` links a member.

    The rater's id in the case file is made from the name, also for a member:
    a downloaded case file names people, never the user ids of this server."""
    last = case.raters.order_by("-position").values_list("position", flat=True).first()
    rater = Rater.objects.create(
        case=case,
        key=free_key(case, name),
        name=name,
        party=party,
        user=user,
        position=0 if last is None else last + 1,
    )
    touch(case)
    return rater


def free_key(case: Case, name: str) -> str:
    """A rater id for the case file made from ``name``: lower case, ascii,
    words joined by ``_``, numbered when taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:40] or "rater"
    taken = set(case.raters.values_list("key", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


@kept
def rename_rater(rater: Rater, name: str) -> None:
    Rater.objects.filter(pk=rater.pk).update(name=name)
    touch(rater.case)


@kept
def remove_rater(rater: Rater) -> int:
    """Remove the rater and their ratings; the number of ratings removed."""
    removed = Rating.objects.filter(rater=rater).delete()[0]
    case = rater.case
    rater.delete()
    touch(case)
    return removed
