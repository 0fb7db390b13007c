"""Interviews of a case: plan, change, delete, and the answers per factor.

An answer with text is kept twice in one transaction: as the interview's answer
and as an evidence note (source ``interview``, about the interview's ``about``
party, on the answer's factor, dated as the interview) that supports the ratings
of that party on that factor. An empty answer removes both. So an answer counts
as evidence wherever evidence notes do (:func:`kloof.storage.evidence.position_evidence`).
Every change goes into the case's history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, QuerySet

from kloof.domain import model as domain
from kloof.storage.evidence import supportable_ratings
from kloof.storage.history import field_changes, record_change
from kloof.storage.models import Case, ChangeLog, EvidenceNote, Party
from kloof.storage.models_dialogue import Interview, InterviewAnswer
from kloof.storage.versions import StaleVersion, compare_and_set

#: The fields of an interview the forms and the API change.
INTERVIEW_FIELDS = ("interviewee", "party", "about", "role", "interviewer", "date", "factors")
#: Longest answer kept, in characters.
MAX_ANSWER = 20_000


def case_interviews(case_row: Case) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(case=case_row)
        .select_related("party", "about", "updated_by")
        .prefetch_related("answers")
    )


def find_interview(case_row: Case, key: str) -> Interview | None:
    return case_interviews(case_row).filter(key=key).first()


def answers_of(interview: Interview) -> dict[str, str]:
    """Per factor key, the interview's answer text."""
    return {answer.factor: answer.text for answer in interview.answers.all()}


def new_key(case_row: Case) -> str:
    """A fresh interview id: ``int-N``, one above the highest of that form."""
    keys = Interview.objects.filter(case=case_row).values_list("key", flat=True)
    numbers = [int(m.group(1)) for k in keys if (m := re.fullmatch(r"int-(\d+)", k))]
    return f"int-{max(numbers, default=0) + 1}"


def _values(interview: Interview) -> dict[str, Any]:
    return {
        "interviewee": interview.interviewee,
        "party": interview.party.key if interview.party else None,
        "about": interview.about.key,
        "role": interview.role,
        "interviewer": interview.interviewer,
        "date": interview.date,
        "factors": list(interview.factors),
    }


def _party_rows(case_row: Case, values: Mapping[str, Any]) -> dict[str, Party | None]:
    keys = {values.get("party"), values.get("about")} - {None}
    rows = {row.key: row for row in Party.objects.filter(case=case_row, key__in=keys)}
    return {
        name: rows.get(values[name]) if values.get(name) else None for name in ("party", "about")
    }


@transaction.atomic
def create_interview(
    case_row: Case, values: Mapping[str, Any], user: AbstractBaseUser | None, key: str | None = None
) -> Interview:
    """Plan an interview; ``values`` holds :data:`INTERVIEW_FIELDS` with party keys."""
    parties = _party_rows(case_row, values)
    about = parties["about"] or parties["party"]
    assert about is not None, "an interview needs a party it is about"
    last = Interview.objects.filter(case=case_row).aggregate(last=Max("position"))["last"]
    author = user if user is not None and user.is_authenticated else None
    interview = Interview.objects.create(
        case=case_row,
        key=key or new_key(case_row),
        interviewee=values["interviewee"],
        party=parties["party"],
        about=about,
        role=values.get("role") or None,
        interviewer=values.get("interviewer") or None,
        date=values.get("date"),
        factors=list(values.get("factors") or []),
        position=(last or 0) + 1,
        updated_by=author,
    )
    changes = field_changes(dict.fromkeys(INTERVIEW_FIELDS), _values(interview))
    _log(case_row, user, interview, changes, ChangeLog.Kind.CREATE)
    return interview


@transaction.atomic
def update_interview(
    case_row: Case, key: str, version: int, values: Mapping[str, Any], user: AbstractBaseUser | None
) -> Interview:
    """Change an interview if ``version`` is current (else :class:`StaleVersion`).
    A new ``about`` or ``date`` moves its answers' evidence notes along."""
    interview = find_interview(case_row, key)
    if interview is None or interview.version != version:
        raise StaleVersion(interview)
    after = {**_values(interview), **{k: v for k, v in values.items() if k in INTERVIEW_FIELDS}}
    changes = field_changes(_values(interview), after, INTERVIEW_FIELDS)
    if not changes:
        return interview
    parties = _party_rows(case_row, after)
    new = {
        "interviewee": after["interviewee"],
        "party": parties["party"],
        "about": parties["about"] or parties["party"] or interview.about,
        "role": after["role"] or None,
        "interviewer": after["interviewer"] or None,
        "date": after["date"],
        "factors": list(after["factors"] or []),
    }
    compare_and_set(Interview, {"pk": interview.pk}, version, new, user)
    if "about" in changes or "date" in changes or "party" in changes:
        _move_evidence(case_row, interview.pk, new["about"], new["date"])
    _log(case_row, user, interview, changes, ChangeLog.Kind.UPDATE)
    return find_interview(case_row, key)  # type: ignore[return-value]


@transaction.atomic
def delete_interview(case_row: Case, key: str, version: int, user: AbstractBaseUser | None) -> None:
    """Delete an interview with its answers and their evidence notes."""
    interview = find_interview(case_row, key)
    if interview is None or interview.version != version:
        raise StaleVersion(interview)
    before = _values(interview)
    EvidenceNote.objects.filter(interview_answer__interview=interview).delete()
    interview.delete()
    _log(
        case_row,
        user,
        interview,
        field_changes(before, dict.fromkeys(before)),
        ChangeLog.Kind.DELETE,
    )


@transaction.atomic
def save_answer(
    case_row: Case, interview: Interview, factor: str, text: str, user: AbstractBaseUser | None
) -> InterviewAnswer | None:
    """Save the answer on ``factor`` and its evidence note together; an empty
    text removes both. Returns the answer (None when removed)."""
    text = text.strip()[:MAX_ANSWER]
    # One save of an interview's answers at a time: two first answers on a factor
    # would otherwise both create one.
    Interview.objects.select_for_update().filter(pk=interview.pk).first()
    answer = (
        InterviewAnswer.objects.filter(interview=interview, factor=factor)
        .select_related("evidence")
        .first()
    )
    old = answer.text if answer else ""
    if old == text:
        return answer
    author = user if user is not None and user.is_authenticated else None
    if not text:
        assert answer is not None
        if answer.evidence_id:
            EvidenceNote.objects.filter(pk=answer.evidence_id).delete()
        answer.delete()
        answer = None
    elif answer is None:
        note = _new_note(case_row, interview, factor, text, author)
        answer = InterviewAnswer.objects.create(
            interview=interview, factor=factor, text=text, evidence=note
        )
    else:
        if answer.evidence is None:
            answer.evidence = _new_note(case_row, interview, factor, text, author)
        else:
            EvidenceNote.objects.filter(pk=answer.evidence.pk).update(text=text, updated_by=author)
        answer.text = text
        answer.save(update_fields=["text", "evidence", "updated"])
    Interview.objects.filter(pk=interview.pk).update(updated_by=author)
    record_change(
        case_row,
        user,
        f"answer of interview {interview.key} on {factor}",
        {"answer": [old or None, text or None]},
        kind=ChangeLog.Kind.UPDATE,
        model="interview_answer",
        object_id=interview.pk,
        subject={"interview": interview.key, "factor": factor, "party": interview.about.key},
    )
    return answer


def _new_note(
    case_row: Case, interview: Interview, factor: str, text: str, author: Any
) -> EvidenceNote:
    note = EvidenceNote.objects.create(
        case=case_row,
        party=interview.about,
        factor=factor,
        source=EvidenceNote.Source.INTERVIEW,
        date=interview.date,
        text=text,
        author=author,
        updated_by=author,
    )
    note.supports.set(supportable_ratings(case_row, interview.about, factor))
    return note


def _move_evidence(case_row: Case, interview_pk: int, about: Party, when: date | None) -> None:
    for answer in InterviewAnswer.objects.filter(interview_id=interview_pk).select_related(
        "evidence"
    ):
        if answer.evidence is None:
            continue
        note = answer.evidence
        note.party, note.date = about, when
        note.save(update_fields=["party", "date", "updated"])
        note.supports.set(supportable_ratings(case_row, about, answer.factor))


def _log(
    case_row: Case,
    user: AbstractBaseUser | None,
    interview: Interview,
    changes: dict[str, list[Any]],
    kind: str,
) -> None:
    record_change(
        case_row,
        user,
        f"interview {interview.key} with {interview.interviewee}",
        changes,
        kind=kind,
        model="interview",
        object_id=interview.pk,
        subject={"interview": interview.key, "party": interview.about.key},
    )


# --- the case file ---------------------------------------------------------------


def store_interviews(
    case_row: Case, interviews: Sequence[domain.Interview], user: AbstractBaseUser | None = None
) -> None:
    """Store a case file's interviews in a new case (no history: the case is new)."""
    parties = {row.key: row for row in Party.objects.filter(case=case_row)}
    author = user if user is not None and user.is_authenticated else None
    for index, item in enumerate(interviews, start=1):
        row = Interview.objects.create(
            case=case_row,
            key=item.id,
            interviewee=item.interviewee,
            party=parties.get(item.party) if item.party else None,
            about=parties[item.about],
            role=item.role,
            interviewer=item.interviewer,
            date=item.date,
            factors=list(item.factors),
            position=index,
            updated_by=author,
        )
        for answer in item.answers:
            text = answer.text.strip()
            if not text:
                continue
            note = _new_note(case_row, row, answer.factor, text, author)
            InterviewAnswer.objects.create(
                interview=row, factor=answer.factor, text=text, evidence=note
            )


def load_interviews(case_row: Case) -> tuple[domain.Interview, ...]:
    """The case's interviews as domain objects (for downloads and the guide)."""
    return tuple(to_domain(row) for row in case_interviews(case_row))


def to_domain(row: Interview) -> domain.Interview:
    return domain.Interview(
        id=row.key,
        interviewee=row.interviewee,
        about=row.about.key,
        party=row.party.key if row.party else None,
        role=row.role,
        interviewer=row.interviewer,
        date=row.date,
        factors=tuple(row.factors or ()),
        answers=tuple(
            domain.InterviewAnswer(answer.factor, answer.text)
            for answer in row.answers.all()
            if answer.text
        ),
    )


def interview_evidence_keys(case_row: Case) -> Iterable[tuple[str, str]]:
    """(party key, factor) of every interview answer with text (one query)."""
    return (
        EvidenceNote.objects.filter(case=case_row, interview_answer__isnull=False)
        .values_list("party__key", "factor")
        .distinct()
    )
