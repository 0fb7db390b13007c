"""Contract phases of a relationship: periods of contract negotiation, when a
review would be coloured by the stress of the deal.

Each command runs in one transaction; a phase must end on or after its start
(the database refuses it too, ``phase_ends_after_start``).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kloof.domain.cadence import Phase, nearest_date_outside, phase_at
from kloof.storage.models import ContractPhase, Relationship

__all__ = [
    "InvalidPhase",
    "add_phase",
    "domain_phases",
    "phase_warning",
    "remove_phase",
    "update_phase",
]


class InvalidPhase(ValueError):  # noqa: N818 -- the name says what it is
    """The phase ends before it starts."""


def _check(start: date, end: date) -> None:
    if end < start:
        raise InvalidPhase("the end of a contract phase lies before its start")


@transaction.atomic
def add_phase(relationship: Relationship, start: date, end: date, note: str = "") -> ContractPhase:
    _check(start, end)
    return ContractPhase.objects.create(
        relationship=relationship, start=start, end=end, note=note.strip()
    )


@transaction.atomic
def update_phase(
    relationship: Relationship, phase_id: int, start: date, end: date, note: str = ""
) -> ContractPhase | None:
    """Change one phase of ``relationship``; None when it has no such phase."""
    _check(start, end)
    written = ContractPhase.objects.filter(pk=phase_id, relationship=relationship).update(
        start=start, end=end, note=note.strip()
    )
    return ContractPhase.objects.get(pk=phase_id) if written else None


@transaction.atomic
def remove_phase(relationship: Relationship, phase_id: int) -> bool:
    deleted, _ = ContractPhase.objects.filter(pk=phase_id, relationship=relationship).delete()
    return bool(deleted)


def domain_phases(relationship: Relationship) -> list[Phase]:
    return [
        Phase(start=row.start, end=row.end, note=row.note)
        for row in ContractPhase.objects.filter(relationship=relationship)
    ]


def phase_warning(
    relationship: Relationship, day: date, not_before: date | None = None
) -> tuple[Phase, date] | None:
    """The phase ``day`` falls in and the nearest date outside every phase (not
    before ``not_before``); None when ``day`` is outside them all."""
    phases = domain_phases(relationship)
    phase = phase_at(day, phases)
    if phase is None:
        return None
    return phase, nearest_date_outside(day, phases, not_before)
