"""Relationships: a counterparty of a workspace with its cases over time.

Commands here run in one transaction each. A relationship carries a ``version``
like the other edited rows: a save built from an older version is refused with
:class:`StaleVersion`. Linking and unlinking a case write the case's history
(``ChangeLog``) in the same transaction. Starting the next review:
:mod:`kloof.storage.reviews`; contract phases: :mod:`kloof.storage.phases`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from kloof.domain.cadence import Due
from kloof.storage.history import record_change
from kloof.storage.models import Case, Membership, Relationship, Workspace
from kloof.storage.relationship_due import due_by_relationship, last_review_dates
from kloof.storage.versions import StaleVersion

__all__ = [
    "MAX_CADENCE",
    "MIN_CADENCE",
    "InvalidRelationship",
    "RelationshipFields",
    "RelationshipRow",
    "create_relationship",
    "link_case",
    "relationship_rows",
    "set_relationship_archived",
    "unlink_case",
    "update_relationship",
]

MIN_CADENCE = 1
MAX_CADENCE = 60


class InvalidRelationship(ValueError):  # noqa: N818 -- the name says what it is
    """A value the relationship cannot take; ``field`` names it, ``code`` says why
    (``name``, ``cadence``, ``owner``, ``workspace``); the caller words it."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


@dataclass(frozen=True)
class RelationshipFields:
    """What a person sets on a relationship."""

    name: str
    note: str = ""
    owner_id: int | None = None
    cadence_months: int = 12


def _checked(workspace: Workspace, fields: RelationshipFields) -> RelationshipFields:
    name = fields.name.strip()
    if not name:
        raise InvalidRelationship("name", "name")
    if not MIN_CADENCE <= fields.cadence_months <= MAX_CADENCE:
        raise InvalidRelationship("cadence_months", "cadence")
    if (
        fields.owner_id is not None
        and not Membership.objects.filter(workspace=workspace, user_id=fields.owner_id).exists()
    ):
        raise InvalidRelationship("owner", "owner")
    return RelationshipFields(name, fields.note.strip(), fields.owner_id, fields.cadence_months)


@transaction.atomic
def create_relationship(workspace: Workspace, fields: RelationshipFields) -> Relationship:
    """A new relationship of ``workspace``; the owner must be a member of it."""
    checked = _checked(workspace, fields)
    return Relationship.objects.create(
        workspace=workspace,
        name=checked.name,
        note=checked.note,
        owner_id=checked.owner_id,
        cadence_months=checked.cadence_months,
    )


@transaction.atomic
def update_relationship(
    relationship: Relationship, version: int, fields: RelationshipFields
) -> Relationship:
    """Save ``fields`` if the relationship still has ``version``; else
    :class:`StaleVersion` with the newer row."""
    checked = _checked(relationship.workspace, fields)
    written = Relationship.objects.filter(pk=relationship.pk, version=version).update(
        name=checked.name,
        note=checked.note,
        owner_id=checked.owner_id,
        cadence_months=checked.cadence_months,
        version=F("version") + 1,
        updated=timezone.now(),
    )
    if not written:
        raise StaleVersion(Relationship.objects.filter(pk=relationship.pk).first())
    return Relationship.objects.get(pk=relationship.pk)


@transaction.atomic
def set_relationship_archived(relationship: Relationship, archived: bool) -> None:
    """Archive or bring back a relationship; its cases stay linked."""
    Relationship.objects.filter(pk=relationship.pk).update(
        archived=archived, version=F("version") + 1, updated=timezone.now()
    )


@transaction.atomic
def link_case(case: Case, relationship: Relationship, user: AbstractBaseUser | None) -> None:
    """Make ``case`` one of ``relationship``'s cases (same workspace only)."""
    if relationship.workspace_id != case.workspace_id:
        raise InvalidRelationship("relationship", "workspace")
    before = case.relationship_id
    if before == relationship.pk:
        return
    Case.objects.filter(pk=case.pk).update(relationship=relationship)
    case.relationship = relationship
    record_change(
        case,
        user,
        f"linked to relationship {relationship.name}",
        {"relationship": (before, relationship.pk)},
        model="case",
        object_id=case.pk,
    )


@transaction.atomic
def unlink_case(case: Case, user: AbstractBaseUser | None) -> bool:
    """Take ``case`` out of its relationship; False when it had none."""
    before = case.relationship_id
    if before is None:
        return False
    Case.objects.filter(pk=case.pk).update(relationship=None)
    case.relationship = None
    record_change(
        case,
        user,
        "unlinked from its relationship",
        {"relationship": (before, None)},
        model="case",
        object_id=case.pk,
    )
    return True


@dataclass(frozen=True)
class RelationshipRow:
    """One line of the relationship list."""

    relationship: Relationship
    cases: int
    last_review: date | None
    due: Due


def relationships_of(workspace: Workspace, *, archived: bool = False) -> QuerySet[Relationship]:
    """The workspace's relationships (the archived ones with ``archived``),
    with ``case_count`` (not archived cases) and ``owner``."""
    return (
        Relationship.objects.filter(workspace=workspace, archived=archived)
        .select_related("owner")
        .annotate(case_count=Count("cases", filter=Q(cases__archived=False)))
    )


def relationship_rows(
    workspace: Workspace, today: date, *, archived: bool = False
) -> list[RelationshipRow]:
    """The relationship list, the soonest due first (overdue ones on top);
    three queries however many relationships."""
    rows = list(relationships_of(workspace, archived=archived))
    due = due_by_relationship(rows, today)
    last = last_review_dates(row.pk for row in rows)
    items = [
        RelationshipRow(
            relationship=row,
            cases=row.case_count,  # type: ignore[attr-defined]  # annotated
            last_review=last.get(row.pk),
            due=due[row.pk],
        )
        for row in rows
    ]
    items.sort(key=lambda item: (item.due.date, item.relationship.name.casefold()))
    return items
