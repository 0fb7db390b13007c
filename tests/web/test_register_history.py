"""The history of a case: who changed what and when, written with each change."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kloof.storage import models
from kloof.storage import register as store
from kloof.storage.history import record_change
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def case(team):
    return make_demo_case(team.workspace)


def history_url(team, case) -> str:
    return f"/w/{team.workspace.slug}/cases/{case.pk}/history/"


def test_entry_change_writes_a_history_row_with_user_and_changes(client, team, case):
    entry = case.differences.get(factor="trust")
    client.force_login(team.editor)
    client.post(
        f"/w/{team.workspace.slug}/cases/{case.pk}/register/{entry.pk}/",
        {"version": 1, "status": "discussed", "decision": "blocking", "reason": "Audit fight"},
    )
    row = models.ChangeLog.objects.get()
    assert (row.case, row.user, row.user_label, row.kind, row.model, row.object_id) == (
        case,
        team.editor,
        "editor@purchasing.example",
        "update",
        "difference",
        entry.pk,
    )
    assert row.subject == {"factor": "trust", "parties": ["halvorsen", "cartwright"]}
    assert row.changes == {
        "status": ["named", "discussed"],
        "blocking": [None, True],
        "reason": [None, "Audit fight"],
    }


def test_actions_write_history_rows_with_dates_in_iso_form(team, case):
    entry = case.differences.get(factor="trust")
    action = store.add_action(
        case,
        entry,
        {"text": "Call", "owner": "tom", "due": datetime.date(2026, 12, 1), "done": False},
        team.owner,
    )
    store.update_action(case, action.pk, 1, {"done": True}, team.editor)
    created, done = models.ChangeLog.objects.order_by("id")
    assert (created.kind, created.model, created.user, created.object_id) == (
        "create",
        "action",
        team.owner,
        action.pk,
    )
    assert created.changes == {
        "text": [None, "Call"],
        "owner": [None, "tom"],
        "due": [None, "2026-12-01"],
        "done": [None, False],
    }
    assert (done.kind, done.user, done.changes) == ("update", team.editor, {"done": [False, True]})


def test_a_refused_stale_save_writes_no_history(client, team, case):
    entry = case.differences.get(factor="trust")
    client.force_login(team.editor)
    url = f"/w/{team.workspace.slug}/cases/{case.pk}/register/{entry.pk}/"
    data = {"version": 1, "status": "discussed", "decision": "computed"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "status": "accepted"}).status_code == 409
    assert models.ChangeLog.objects.count() == 1


def test_record_change_is_open_to_other_areas_and_marks_the_case_changed(team, case):
    before = models.Case.objects.get(pk=case.pk).updated
    row = record_change(
        case,
        team.owner,
        "title changed",
        {"title": ("Old", "New")},
        model="case",
        object_id=case.pk,
    )
    assert (row.summary, row.changes, row.kind, row.user_label) == (
        "title changed",
        {"title": ["Old", "New"]},
        "update",
        "owner@purchasing.example",
    )
    assert models.Case.objects.get(pk=case.pk).updated > before


def test_history_page_lists_changes_newest_first(client, team, case):
    entry = case.differences.get(factor="trust")
    older = record_change(case, team.owner, "first", {"note": [None, "a"]}, model="difference")
    older.when = timezone.now() - datetime.timedelta(days=1)
    older.save()
    store.update_entry(
        case,
        entry.pk,
        1,
        {"status": "accepted", "blocking": None, "reason": None, "note": None},
        team.editor,
    )
    client.force_login(team.viewer)
    response = client.get(history_url(team, case))
    rows = response.context["rows"]
    assert [(row["who"], row["what"]) for row in rows] == [
        ("editor@purchasing.example", "Register entry changed"),
        ("owner@purchasing.example", "Register entry changed"),
    ]
    assert rows[0]["about"] == "Trust · Halvorsen Foods – Cartwright Packaging"
    assert rows[0]["changes"] == [("Status", "named", "accepted")]


def test_history_page_speaks_dutch(client, team, case):
    entry = case.differences.get(factor="trust")
    action = entry.actions.order_by("position").first()
    store.update_action(case, action.pk, 1, {"due": datetime.date(2026, 12, 24)}, team.editor)
    client.force_login(team.viewer)
    client.cookies["django_language"] = "nl"
    response = client.get(history_url(team, case))
    page = response.content.decode()
    assert "Actie gewijzigd" in page
    assert "Vertrouwen · Halvorsen Foods – Cartwright Packaging" in page
    assert "Uiterste datum: 30 november 2026 → 24 december 2026" in page


def test_history_page_survives_a_page_number_that_is_not_one(client, team, case):
    client.force_login(team.viewer)
    assert client.get(history_url(team, case) + "?page=abc").status_code == 200
    assert client.get(history_url(team, case) + "?page=99999999999999999999").status_code == 200
