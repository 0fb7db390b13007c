"""Relationships, their phases and the next review, stored (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kloof.domain.cadence import DUE_SOON, NO_REVIEW, OVERDUE, Phase
from kloof.storage import models
from kloof.storage.dashboard import load_case
from kloof.storage.phases import InvalidPhase, add_phase, phase_warning, remove_phase, update_phase
from kloof.storage.relationships import (
    InvalidRelationship,
    RelationshipFields,
    create_relationship,
    link_case,
    relationship_rows,
    set_relationship_archived,
    unlink_case,
    update_relationship,
)
from kloof.storage.respondents import create_link
from kloof.storage.reviews import previous_reference, start_next_review
from kloof.storage.versions import StaleVersion
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


@pytest.fixture
def team():
    return make_team()


def acme(team, **extra):
    return create_relationship(team.workspace, RelationshipFields(name=" Acme ", **extra))


def test_a_relationship_is_created_with_its_fields_trimmed(team):
    row = acme(team, note="key supplier", owner_id=team.editor.pk, cadence_months=6)
    row.refresh_from_db()
    assert (row.name, row.note, row.owner, row.cadence_months, row.version) == (
        "Acme",
        "key supplier",
        team.editor,
        6,
        1,
    )


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (RelationshipFields(name="  "), "name"),
        (RelationshipFields(name="Acme", cadence_months=0), "cadence"),
        (RelationshipFields(name="Acme", cadence_months=61), "cadence"),
    ],
)
def test_a_relationship_without_name_or_with_a_cadence_outside_1_to_60_is_refused(
    team, fields, code
):
    with pytest.raises(InvalidRelationship) as raised:
        create_relationship(team.workspace, fields)
    assert raised.value.code == code
    assert models.Relationship.objects.count() == 0


def test_the_owner_must_be_a_member_of_the_workspace(team):
    with pytest.raises(InvalidRelationship) as raised:
        acme(team, owner_id=team.outsider.pk)
    assert (raised.value.field, raised.value.code) == ("owner", "owner")


def test_an_edit_from_an_older_version_is_refused_and_writes_nothing(team):
    row = acme(team)
    update_relationship(row, 1, RelationshipFields(name="Acme Ltd", cadence_months=24))
    with pytest.raises(StaleVersion) as raised:
        update_relationship(row, 1, RelationshipFields(name="Other"))
    assert raised.value.current.name == "Acme Ltd"
    row.refresh_from_db()
    assert (row.name, row.cadence_months, row.version) == ("Acme Ltd", 24, 2)


def test_linking_a_case_writes_its_history_and_unlinking_too(team):
    row = acme(team)
    case = make_demo_case(team.workspace)
    link_case(case, row, team.editor)
    case.refresh_from_db()
    assert case.relationship == row
    assert unlink_case(case, team.editor) is True
    assert unlink_case(case, team.editor) is False
    changes = list(case.changes.order_by("id").values_list("changes", "user_label"))
    assert changes == [
        ({"relationship": [None, row.pk]}, "editor@purchasing.example"),
        ({"relationship": [row.pk, None]}, "editor@purchasing.example"),
    ]


def test_a_case_of_another_workspace_cannot_be_linked(team):
    row = acme(team)
    foreign = make_demo_case(team.other_workspace)
    with pytest.raises(InvalidRelationship):
        link_case(foreign, row, None)
    foreign.refresh_from_db()
    assert foreign.relationship is None


def test_the_list_shows_cases_last_review_and_due_status_soonest_first(team):
    old, recent, empty = (
        acme(team),
        create_relationship(team.workspace, RelationshipFields(name="Bolt")),
        create_relationship(team.workspace, RelationshipFields(name="Cargo")),
    )
    for row, day in ((old, date(2025, 11, 1)), (recent, date(2026, 1, 1))):
        case = make_demo_case(team.workspace)
        models.Case.objects.filter(pk=case.pk).update(date=day)
        link_case(case, row, None)
    rows = relationship_rows(team.workspace, TODAY)
    assert [
        (item.relationship.name, item.cases, item.last_review, item.due.date, item.due.status)
        for item in rows
    ] == [
        ("Acme", 1, date(2025, 11, 1), date(2026, 11, 1), OVERDUE),
        ("Cargo", 0, None, TODAY, NO_REVIEW),
        ("Bolt", 1, date(2026, 1, 1), date(2027, 1, 1), DUE_SOON),
    ]
    set_relationship_archived(empty, True)
    assert [item.relationship.name for item in relationship_rows(team.workspace, TODAY)] == [
        "Acme",
        "Bolt",
    ]


def test_phases_are_added_changed_and_removed_and_must_end_after_they_start(team):
    row = acme(team)
    phase = add_phase(row, date(2027, 1, 1), date(2027, 3, 31), " tender ")
    assert phase.note == "tender"
    with pytest.raises(InvalidPhase):
        add_phase(row, date(2027, 5, 1), date(2027, 4, 1))
    with pytest.raises(InvalidPhase):
        update_phase(row, phase.pk, date(2027, 5, 1), date(2027, 4, 1))
    assert update_phase(row, phase.pk, date(2027, 1, 1), date(2027, 2, 28)).end == date(2027, 2, 28)
    other = acme(team)
    assert update_phase(other, phase.pk, date(2027, 1, 1), date(2027, 1, 2)) is None
    assert remove_phase(other, phase.pk) is False
    assert remove_phase(row, phase.pk) is True
    assert models.ContractPhase.objects.count() == 0


def test_the_database_refuses_a_phase_that_ends_before_it_starts(team):
    row = acme(team)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.ContractPhase.objects.create(
            relationship=row, start=date(2027, 2, 1), end=date(2027, 1, 1)
        )


def test_a_date_in_a_phase_is_warned_with_the_nearest_date_outside(team):
    row = acme(team)
    add_phase(row, date(2027, 1, 1), date(2027, 3, 31), "tender")
    add_phase(row, date(2027, 4, 1), date(2027, 4, 10), "")
    assert phase_warning(row, date(2026, 12, 31)) is None
    assert phase_warning(row, date(2027, 1, 3)) == (
        Phase(date(2027, 1, 1), date(2027, 3, 31), "tender"),
        date(2026, 12, 31),
    )
    assert phase_warning(row, date(2027, 4, 8)) == (
        Phase(date(2027, 4, 1), date(2027, 4, 10), ""),
        date(2027, 4, 11),
    )


def test_the_next_review_keeps_who_and_what_and_nothing_of_the_last_conversation(team):
    row = acme(team)
    previous = make_demo_case(team.workspace)
    models.Case.objects.filter(pk=previous.pk).update(
        date=date(2025, 12, 1), anonymous=True, min_group=4
    )
    previous.refresh_from_db()
    rater = previous.raters.first()
    rater.user = team.editor
    rater.save()
    link_case(previous, row, None)
    before = load_case(previous)
    assert before.ratings and before.differences

    made = start_next_review(previous, TODAY, team.owner)

    new = made.case
    after = load_case(new)
    assert (new.kind, new.date, new.previous, new.relationship) == ("review", TODAY, previous, row)
    assert (new.anonymous, new.min_group, new.title) == (True, 4, previous.title)
    assert after.parties == before.parties
    assert after.raters == before.raters
    assert after.factors == before.factors
    assert (after.scale, after.language, after.framework_ref) == (
        before.scale,
        before.language,
        before.framework_ref,
    )
    assert (after.ratings, after.differences) == ((), ())
    assert new.raters.get(key=rater.key).user == team.editor
    assert new.evidence_notes.count() == 0
    assert new.changes.get().changes == {"previous": [None, previous.pk]}
    assert made.links_not_carried == 0
    assert previous_reference(previous) == f"{previous.title} (2025-12-01)"


def test_the_next_review_copies_no_respondent_link_nor_the_raters_respondents_made(team):
    row = acme(team)
    previous = make_demo_case(team.workspace)
    link_case(previous, row, None)
    party = previous.parties.first()
    link, _token = create_link(
        previous,
        party=party,
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=7),
    )
    respondent = models.Rater.objects.create(
        case=previous, key="respondent-1", name="Respondent 1", party=party, position=99
    )
    models.RespondentLink.objects.filter(pk=link.pk).update(rater=respondent)

    made = start_next_review(previous, TODAY, None)

    assert made.links_not_carried == 1
    assert made.case.respondent_links.count() == 0
    assert not made.case.raters.filter(key="respondent-1").exists()
    assert models.RespondentLink.objects.count() == 1


def test_a_case_outside_a_relationship_starts_no_review(team):
    case = make_demo_case(team.workspace)
    with pytest.raises(InvalidRelationship):
        start_next_review(case, TODAY, None)
    assert models.Case.objects.count() == 1
