"""Evidence: what was heard, seen or read about a party on a factor.

Evidence is a note from an interview, an observation or a document. It is kept
in one of two places, and both count the same: an *evidence note* that
supports ratings of the same party on the same factor, or a rating's *own
note* when the rating's source is an interview, an observation or a document.
A position with evidence for at least one of its ratings counts as
*confirmed*, and so does one with an interview's answer on it (an evidence note
of :mod:`kloof.storage.interviews`); one that rests on ratings alone as *estimated*; a party nobody
rated on a factor is *unrated*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kloof.domain import model as domain
from kloof.formats.framework import load_framework, parse_factor
from kloof.storage.anonymity import held_back_ratings, hidden_rater_ids
from kloof.storage.history import field_changes, record_change
from kloof.storage.models import Case, ChangeLog, EvidenceNote, Party, Rater, Rating
from kloof.storage.versions import StaleVersion, compare_and_set

PositionEvidence = Literal["confirmed", "estimated", "unrated"]
NOTE_FIELDS = ("source", "date", "text")
#: The sources of evidence; a rating with one of them and a note is evidence itself.
EVIDENCE_SOURCES = tuple(EvidenceNote.Source.values)
#: Ratings whose own note is evidence: an evidence source and a note with text.
OWN_EVIDENCE = Q(source__in=EVIDENCE_SOURCES, note__isnull=False) & ~Q(note__regex=r"^\s*$")


def case_factors(case_row: Case) -> tuple[domain.Factor, ...]:
    """The case's factors in order: the framework's, then its own."""
    framework = load_framework(case_row.framework_ref)
    own = tuple(
        parse_factor(row.data, defaults=framework.thresholds, custom=True, where=("factors", index))
        for index, row in enumerate(case_row.own_factors.all())
    )
    return framework.factors + own


def position_evidence(
    case_row: Case,
    factors: Iterable[str] | None = None,
    parties: Iterable[str] | None = None,
) -> dict[tuple[str, str], PositionEvidence]:
    """For every (party key, factor key) of the case: confirmed, estimated or unrated.

    Only ratings with a score count (a "no opinion" rating places nobody); one
    has evidence when an evidence note supports it or its own note is evidence
    (:data:`OWN_EVIDENCE`). Answers the anonymity promise holds back do not
    count: "estimated" would tell that a small group has answered. A caller
    that has the case's factor and party keys at hand passes them: one query then.
    """
    evidence_per_position = (
        Rating.objects.filter(case=case_row, score__isnull=False)
        .exclude(held_back_ratings(case_row))
        .values_list("subject__key", "factor")
        .annotate(
            notes=Count("evidence", distinct=True),
            own=Count("pk", filter=OWN_EVIDENCE, distinct=True),
            # An interview's answer is evidence for its party and factor, whether
            # the rating came before the answer or after it.
            answered=Exists(
                EvidenceNote.objects.filter(
                    case=case_row,
                    party=OuterRef("subject"),
                    factor=OuterRef("factor"),
                    interview_answer__isnull=False,
                )
            ),
        )
        .order_by()
    )
    rated = {
        (party, factor): notes + own + answered
        for party, factor, notes, own, answered in evidence_per_position
    }
    if factors is None:
        factors = [factor.key for factor in case_factors(case_row)]
    if parties is None:
        parties = list(Party.objects.filter(case=case_row).values_list("key", flat=True))
    parties = list(parties)
    result: dict[tuple[str, str], PositionEvidence] = {}
    for factor in factors:
        for party in parties:
            notes = rated.get((party, factor))
            if notes is None:
                result[(party, factor)] = "unrated"
            else:
                result[(party, factor)] = "confirmed" if notes else "estimated"
    return result


def is_own_evidence(rating: Rating) -> bool:
    """Whether ``rating``'s own note is evidence (as :data:`OWN_EVIDENCE` says)."""
    return rating.source in EVIDENCE_SOURCES and bool((rating.note or "").strip())


def rating_evidence(case_row: Case) -> QuerySet[Rating]:
    """The ratings whose own note is evidence, as the team may see them (no
    respondent one by one under the anonymity promise, no held-back answer)."""
    return (
        Rating.objects.filter(case=case_row)
        .filter(OWN_EVIDENCE)
        .exclude(rater_id__in=hidden_rater_ids(case_row))
        .exclude(held_back_ratings(case_row))
        .select_related("rater", "subject")
        .order_by("subject__position", "factor", "rater__position", "rater_id")
    )


def supporting_notes(case_row: Case, rater: Rater, subject: Party) -> dict[str, list[EvidenceNote]]:
    """Per factor key: the notes that support ``rater``'s rating of ``subject``
    (for the rate page), newest first; one query."""
    notes = (
        EvidenceNote.objects.filter(case=case_row, supports__rater=rater, supports__subject=subject)
        .distinct()
        .order_by("factor", "-date", "-id")
    )
    result: dict[str, list[EvidenceNote]] = {}
    for note in notes:
        result.setdefault(note.factor, []).append(note)
    return result


def case_notes(case_row: Case) -> QuerySet[EvidenceNote]:
    return (
        EvidenceNote.objects.filter(case=case_row)
        .select_related("party", "author", "interview_answer__interview")
        .prefetch_related("supports__rater")
    )


def find_note(case_row: Case, note_id: int) -> EvidenceNote | None:
    return case_notes(case_row).select_related("updated_by").filter(pk=note_id).first()


def supportable_ratings(case_row: Case, party: Party, factor: str) -> QuerySet[Rating]:
    """The ratings a note on ``party`` and ``factor`` may support; under the
    anonymity promise no respondent's single answer is among them."""
    return (
        Rating.objects.filter(case=case_row, subject=party, factor=factor)
        .exclude(rater_id__in=hidden_rater_ids(case_row))
        .select_related("rater")
        .order_by("rater__position", "rater_id")
    )


@transaction.atomic
def add_note(
    case_row: Case,
    party: Party,
    factor: str,
    values: Mapping[str, Any],
    user: AbstractBaseUser | None,
    supports: Iterable[Rating] = (),
) -> EvidenceNote:
    author = user if user is not None and user.is_authenticated else None
    fields = {name: values.get(name) for name in NOTE_FIELDS}
    note = EvidenceNote.objects.create(
        case=case_row, party=party, factor=factor, author=author, updated_by=author, **fields
    )
    linked = _linkable(case_row, note, supports)
    note.supports.set(linked)
    before = dict.fromkeys((*NOTE_FIELDS, "supports"))
    changes = field_changes(before, {**fields, "supports": {r.pk for r in linked} or None})
    _log(case_row, user, note, changes, ChangeLog.Kind.CREATE)
    return note


@transaction.atomic
def update_note(
    case_row: Case,
    note_id: int,
    version: int,
    values: Mapping[str, Any],
    supports: Iterable[Rating],
    user: AbstractBaseUser | None,
) -> EvidenceNote:
    """Save source, date, text and the supported ratings, if ``version`` is current;
    raises :class:`StaleVersion` with the newer note otherwise."""
    note = find_note(case_row, note_id)
    if note is None or note.version != version:
        raise StaleVersion(note)
    linked = _linkable(case_row, note, supports)
    before = {name: getattr(note, name) for name in NOTE_FIELDS}
    before["supports"] = {rating.pk for rating in note.supports.all()}
    after = {**values, "supports": {rating.pk for rating in linked}}
    changes = field_changes(before, after, (*NOTE_FIELDS, "supports"))
    if not changes:
        return note
    new = {name: values[name] for name in changes if name != "supports"}
    # The version rises even when only the links change: they are part of the note.
    compare_and_set(EvidenceNote, {"pk": note.pk}, version, new, user)
    note.supports.set(linked)
    _log(case_row, user, note, changes, ChangeLog.Kind.UPDATE)
    return find_note(case_row, note_id)  # type: ignore[return-value]


@transaction.atomic
def delete_note(case_row: Case, note_id: int, version: int, user: AbstractBaseUser | None) -> None:
    """Delete a note if ``version`` is current; raises :class:`StaleVersion` otherwise
    (someone changed it since: they may not want it gone)."""
    note = find_note(case_row, note_id)
    if note is None or note.version != version:
        raise StaleVersion(note)
    before = {name: getattr(note, name) for name in NOTE_FIELDS}
    deleted, _ = EvidenceNote.objects.filter(pk=note.pk, version=version).delete()
    if not deleted:
        raise StaleVersion(find_note(case_row, note_id))
    changes = field_changes(before, dict.fromkeys(NOTE_FIELDS))
    _log(case_row, user, note, changes, ChangeLog.Kind.DELETE)


def _linkable(case_row: Case, note: EvidenceNote, ratings: Iterable[Rating]) -> list[Rating]:
    """The ratings among ``ratings`` that this note may support (same case, party, factor)."""
    wanted = {rating.pk for rating in ratings}
    return list(supportable_ratings(case_row, note.party, note.factor).filter(pk__in=wanted))


def _log(
    case_row: Case,
    user: AbstractBaseUser | None,
    note: EvidenceNote,
    changes: dict[str, list[Any]],
    kind: str,
) -> None:
    record_change(
        case_row,
        user,
        f"evidence note on {note.party.key}, {note.factor}",
        changes,
        kind=kind,
        model="evidence",
        object_id=note.pk,
        subject={"party": note.party.key, "factor": note.factor},
    )
