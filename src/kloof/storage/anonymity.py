"""The anonymity a case owner may promise respondents, and how it is kept.

Under the promise (``Case.anonymous``):

- a respondent's rater never carries the respondent's name: stored raters get a
  neutral name (:func:`set_anonymity`, :func:`kloof.storage.respondents.respondent_label`),
  and the case loaded for display or export (:func:`anonymise`, applied by
  :func:`kloof.storage.dashboard.load_cases`) renames them again, with keys that
  do not point back to the link (the link list names the person);
- a *group* of respondents — those of one party rating one subject party — is
  left out of the analysis and every export until at least ``Case.min_group``
  of them gave a score about that subject. The team learns only how many more
  answers the group needs.

The team's own raters are never touched. Without the promise, respondents are
shown by the name their link was given, like any rater.

Turning the promise off, or lowering the group size, is refused once anyone has
answered (or started answering) under it: a promise is a promise.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from kloof.domain import model as domain
from kloof.storage.history import record_change
from kloof.storage.models import Case, Rater, Rating
from kloof.storage.models_exchange import DraftAnswer, RespondentLink, Submission
from kloof.storage.summaries import kept

#: The allowed minimum group sizes (2 at least: one answer is one person's).
MIN_GROUP_LOW = 2
MIN_GROUP_HIGH = 20
DEFAULT_MIN_GROUP = 3
#: The stored name of a respondent's rater under the promise.
NEUTRAL_NAME = "Anonymous respondent"
#: The names of respondents in a loaded anonymous case, per case language.
NUMBERED_NAMES = {"nl": "Anonieme respondent {n}", "en": "Anonymous respondent {n}"}
NEUTRAL_KEY = "anonymous_{n}"


@dataclass(frozen=True)
class Group:
    """The respondents of party ``party`` about party ``subject`` (keys)."""

    party: str
    subject: str
    answers: int  # respondents with at least one score about the subject
    needed: int  # answers still needed before the group is shown; 0: shown

    @property
    def shown(self) -> bool:
        return self.needed == 0


@dataclass(frozen=True)
class Anonymised:
    case: domain.Case
    groups: tuple[Group, ...]


def groups_of(case: domain.Case, respondents: Collection[str], min_group: int) -> tuple[Group, ...]:
    """Every group that has at least one respondent's score, in the case's party order."""
    party_of = {rater.id: rater.party for rater in case.raters}
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rating in case.ratings:
        if rating.rater in respondents and rating.score is not None:
            members[(party_of[rating.rater], rating.subject)].add(rating.rater)
    order = [party.id for party in case.parties]
    return tuple(
        Group(party, subject, len(raters), max(min_group - len(raters), 0))
        for (party, subject), raters in sorted(
            members.items(), key=lambda item: (order.index(item[0][0]), order.index(item[0][1]))
        )
    )


def anonymise(
    case: domain.Case, respondents: Collection[str], min_group: int, salt: str = ""
) -> Anonymised:
    """``case`` as the team may see it under the promise (see the module text).

    ``respondents`` are the rater ids made by respondent links. The remaining
    respondents are numbered in an order drawn from ``salt`` and their ids, not
    from when they answered, and their ratings follow the team's in that order.
    """
    groups = groups_of(case, respondents, min_group)
    shown = {(group.party, group.subject) for group in groups if group.shown}
    party_of = {rater.id: rater.party for rater in case.raters}
    kept = [
        rating
        for rating in case.ratings
        if rating.rater not in respondents or (party_of[rating.rater], rating.subject) in shown
    ]
    rated = {rating.rater for rating in kept}
    visible = sorted(
        (rater for rater in case.raters if rater.id in respondents and rater.id in rated),
        key=lambda rater: hashlib.sha256(f"{salt}:{rater.id}".encode()).hexdigest(),
    )
    new_ids = _neutral_ids(
        [rater.id for rater in visible],
        taken={rater.id for rater in case.raters if rater.id not in respondents},
    )
    name = NUMBERED_NAMES.get(case.language or "en", NUMBERED_NAMES["en"])
    raters = tuple(rater for rater in case.raters if rater.id not in respondents) + tuple(
        domain.Rater(id=new_ids[rater.id], name=name.format(n=number), party=rater.party)
        for number, rater in enumerate(visible, start=1)
    )
    team = tuple(rating for rating in kept if rating.rater not in respondents)
    answers = sorted(
        (
            replace(rating, rater=new_ids[rating.rater])
            for rating in kept
            if rating.rater in new_ids
        ),
        key=lambda rating: (_number(rating.rater), rating.subject, rating.factor),
    )
    return Anonymised(replace(case, raters=raters, ratings=team + tuple(answers)), groups)


def _neutral_ids(ids: list[str], taken: set[str]) -> dict[str, str]:
    """``anonymous_1``, ``anonymous_2``, … for ``ids`` in order, skipping taken ones."""
    result: dict[str, str] = {}
    number = 0
    for old in ids:
        number += 1
        while NEUTRAL_KEY.format(n=number) in taken:
            number += 1
        result[old] = NEUTRAL_KEY.format(n=number)
    return result


def _number(key: str) -> int:
    return int(key.rsplit("_", 1)[1])


def salt_of(case_row: Case) -> str:
    """A per-case secret for :func:`anonymise`'s order: the team cannot rebuild
    it from the link ids they see."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:anonymity:{case_row.pk}".encode()).hexdigest()


def respondent_rater_ids(case_row: Case) -> set[int]:
    """The ids of the case's raters that respondent links made."""
    return set(
        RespondentLink.objects.filter(case=case_row, rater__isnull=False).values_list(
            "rater_id", flat=True
        )
    )


def held_back_ratings(case_row: Case) -> Q:
    """The respondents' ratings the promise holds back, as a filter on ratings:
    those of a group (the respondents of one party about one subject, as
    :func:`groups_of` counts them) with fewer than ``min_group`` members. Matches
    nothing without the promise."""
    nothing = Q(pk__in=[])
    if not case_row.anonymous:
        return nothing
    scored = (
        Rating.objects.filter(
            case=case_row, rater_id__in=respondent_rater_ids(case_row), score__isnull=False
        )
        .values_list("rater__party_id", "subject_id", "rater_id")
        .distinct()
    )
    members: dict[tuple[int, int], set[int]] = defaultdict(set)
    for party, subject, rater in scored:
        members[(party, subject)].add(rater)
    held = nothing
    for (_party, subject), raters in members.items():
        if len(raters) < case_row.min_group:
            held |= Q(subject_id=subject, rater_id__in=raters)
    return held


def answered(case_row: Case) -> bool:
    """Whether any respondent has submitted or saved an answer in this case."""
    links = RespondentLink.objects.filter(case=case_row)
    return (
        Submission.objects.filter(link__in=links).exists()
        or DraftAnswer.objects.filter(link__in=links).exists()
    )


class BrokenPromiseError(Exception):
    """A change that would break the promise made to respondents who answered."""

    def __init__(self, lowered: bool) -> None:
        super().__init__("lowered" if lowered else "withdrawn")
        #: True: the group size was lowered; False: the promise was withdrawn.
        self.lowered = lowered


def check_min_group(value: int) -> None:
    if not MIN_GROUP_LOW <= value <= MIN_GROUP_HIGH:
        raise ValueError(f"min_group must be {MIN_GROUP_LOW}–{MIN_GROUP_HIGH}, not {value}")


@kept
def set_anonymity(
    case_row: Case, anonymous: bool, min_group: int, user: AbstractBaseUser | None = None
) -> bool:
    """Promise anonymity (or not) with groups of ``min_group``; True if anything changed.

    Raises :class:`BrokenPromiseError` when respondents answered under a promise that
    this would withdraw or weaken. Switching on renames every respondent's rater
    to the neutral name, in the same transaction; a change is in the case's history
    (``user`` made it)."""
    check_min_group(min_group)
    fresh = Case.objects.select_for_update().get(pk=case_row.pk)
    if fresh.anonymous and answered(fresh):
        if not anonymous:
            raise BrokenPromiseError(lowered=False)
        if min_group < fresh.min_group:
            raise BrokenPromiseError(lowered=True)
    if (fresh.anonymous, fresh.min_group) == (anonymous, min_group):
        return False
    if anonymous:
        Rater.objects.filter(pk__in=respondent_rater_ids(fresh)).update(name=NEUTRAL_NAME)
    now = timezone.now()
    Case.objects.filter(pk=fresh.pk).update(anonymous=anonymous, min_group=min_group, updated=now)
    case_row.anonymous, case_row.min_group, case_row.updated = anonymous, min_group, now
    promise = f"groups from {min_group} answers" if anonymous else "none"
    record_change(
        case_row,
        user,
        f"anonymity promised to respondents: {promise}",
        {},
        model="anonymity",
        subject={"anonymous": anonymous, "min_group": min_group},
    )
    return True


def hidden_rater_ids(case_row: Case) -> set[int]:
    """The raters whose ratings the team may not see one by one: every
    respondent's under the promise, none without it. For pages that list
    single ratings (evidence, imports): leave these out."""
    return respondent_rater_ids(case_row) if case_row.anonymous else set()
