"""Outcomes of the open conversation: kept on the agenda item, carried into the
register with history, one transaction each, with optimistic locking."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q

from kloof.storage import models
from kloof.storage import outcomes as store
from kloof.storage.outcomes import Outcome, OutcomeRefused
from kloof.storage.versions import StaleVersion
from tests.web.agenda_factory import make_agenda
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 1, 15)


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


@pytest.fixture
def agenda(case):
    return make_agenda(case)


def record(case, item, outcome: Outcome, user=None):
    item.refresh_from_db()
    return store.record_outcome(case, item.pk, item.version, outcome, user)


def test_named_outcome_links_the_existing_entry_and_keeps_its_status(case, agenda, team):
    entry = case.differences.get(factor="intention")
    item = record(case, agenda.intention, Outcome("named", note="Both see it"), team.editor)
    entry.refresh_from_db()
    assert (item.outcome, item.outcome_note, item.version) == ("named", "Both see it", 2)
    assert (item.difference_id, item.updated_by) == (entry.pk, team.editor)
    assert (entry.status, entry.version) == ("named", 1)  # was named already


def test_accepted_by_both_opens_a_perception_entry_with_the_new_status(case, agenda, team):
    record(case, agenda.trust, Outcome("accepted_both"), team.editor)
    entry = case.differences.get(factor="trust", kind="perception")
    assert (entry.party_a.key, entry.party_b.key, entry.status) == (
        "halvorsen",
        "cartwright",
        "accepted_both",
    )
    agenda.trust.refresh_from_db()
    assert agenda.trust.difference_id == entry.pk
    # The position entry on trust is another difference and stays as it was.
    assert case.differences.get(factor="trust", kind="position").status == "named"


def test_mitigation_agreed_sets_mitigated_and_adds_the_action_to_the_entry(case, agenda, team):
    outcome = Outcome("mitigation_agreed", "Quarterly review", "Plan a review", "maria", DUE)
    record(case, agenda.flexibility, outcome, team.editor)
    entry = case.differences.get(factor="flexibility")
    assert (entry.kind, entry.status) == ("position", "mitigated")
    actions = [(a.text, a.owner, a.due, a.done, a.agenda_item_id) for a in entry.actions.all()]
    assert actions == [("Plan a review", "maria", DUE, False, agenda.flexibility.pk)]
    agenda.flexibility.refresh_from_db()
    assert [a.text for a in store.agreed_actions(agenda.flexibility)] == ["Plan a review"]


def test_still_open_marks_the_entry_discussed(case, agenda):
    record(case, agenda.intention, Outcome("open", note="Next time"))
    assert case.differences.get(factor="intention").status == "discussed"


def test_mitigation_on_an_other_item_hangs_the_action_on_the_item(case, agenda, team):
    before = models.Difference.objects.filter(case=case).count()
    outcome = Outcome("mitigation_agreed", None, "Try 45 days", "Jan", None)
    item = record(case, agenda.payment, outcome, team.editor)
    assert models.Difference.objects.filter(case=case).count() == before
    assert item.difference_id is None
    actions = store.other_actions(case)
    assert [(a.text, a.owner, a.agenda_item_id, a.difference_id) for a in actions] == [
        ("Try 45 days", "Jan", agenda.payment.pk, None)
    ]


def test_every_outcome_writes_history(case, agenda, team):
    record(case, agenda.flexibility, Outcome("mitigation_agreed", "ok", "Plan", None, None))
    log = list(case.changes.order_by("id").values_list("model", "kind", "changes"))
    assert log == [
        ("difference", "create", {"status": [None, "open"]}),
        (
            "outcome",
            "update",
            {"outcome": [None, "mitigation_agreed"], "outcome_note": [None, "ok"]},
        ),
        ("difference", "update", {"status": ["open", "mitigated"]}),
        ("action", "create", {"text": [None, "Plan"], "done": [None, False]}),
    ]


def test_a_stale_version_is_refused_and_nothing_is_written(case, agenda):
    item = agenda.intention
    store.record_outcome(case, item.pk, 1, Outcome("named"), None)
    with pytest.raises(StaleVersion) as refused:
        store.record_outcome(case, item.pk, 1, Outcome("open"), None)
    assert refused.value.current.outcome == "named"
    assert case.differences.get(factor="intention").status == "named"


def test_a_mitigation_without_what_is_refused_before_anything_is_written(case, agenda):
    with pytest.raises(OutcomeRefused) as refused:
        store.record_outcome(case, agenda.flexibility.pk, 1, Outcome("mitigation_agreed"), None)
    assert refused.value.field == "action"
    assert not case.differences.filter(factor="flexibility").exists()
    with pytest.raises(OutcomeRefused):
        store.record_outcome(case, agenda.flexibility.pk, 1, Outcome("settled"), None)


def test_an_item_of_another_case_is_not_found(team, agenda):
    other = make_demo_case(team.other_workspace)
    with pytest.raises(StaleVersion):
        store.record_outcome(other, agenda.intention.pk, 1, Outcome("named"), None)


def test_a_failing_register_write_rolls_the_outcome_back(case, agenda, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.register, "add_action", broken)
    with pytest.raises(RuntimeError):
        record(case, agenda.intention, Outcome("mitigation_agreed", None, "Plan", None, None))
    agenda.intention.refresh_from_db()
    assert (agenda.intention.outcome, agenda.intention.version) == (None, 1)
    assert case.differences.get(factor="intention").status == "named"


def test_a_downloaded_case_keeps_every_agreed_action_once_when_uploaded_again(case, agenda, team):
    from kloof.storage.cases import load_case
    from kloof.storage.mapping import case_from_domain

    record(case, agenda.flexibility, Outcome("mitigation_agreed", None, "Plan", "maria", DUE))
    record(case, agenda.payment, Outcome("mitigation_agreed", None, "Pay in 45", None, None))
    written = load_case(case)
    items = {item.title: item for item in written.agenda.items}
    assert [a.text for a in items["When things go wrong"].actions] == ["Plan"]
    assert [a.text for a in items["Payment terms"].actions] == ["Pay in 45"]
    flexibility = next(d for d in written.differences if d.factor == "flexibility")
    assert [a.text for a in flexibility.actions] == ["Plan"]
    again = case_from_domain(team.other_workspace, written)
    rows = models.Action.objects.filter(
        Q(difference__case=again) | Q(agenda_item__agenda__case=again)
    ).distinct()
    agreed = [a for a in rows if a.text in ("Plan", "Pay in 45")]
    assert sorted(
        (a.text, a.difference is not None, a.agenda_item is not None) for a in agreed
    ) == [
        ("Pay in 45", False, True),
        ("Plan", True, True),
    ]
