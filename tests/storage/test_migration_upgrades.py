"""Upgrades: a database made by an earlier release, with data in it, migrates forward
to the newest schema; the data survives and new columns get their defaults."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

FIRST = [("storage", "0001_initial")]
BEFORE_LATEST = [("storage", "0008_respondent_link_greeting")]


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture(autouse=True)
def _latest_afterwards():
    """Leave the database at the newest migration for the tests that follow."""
    yield
    migrate(latest())


def fill(apps, **workspace_fields: str) -> dict[str, int]:
    """One workspace with a member, a case, two parties, two raters, their ratings and
    a register entry with an action, written with the models of that schema."""
    user = apps.get_model("auth", "User").objects.create(username="ann", email="a@example.org")
    workspace = apps.get_model("storage", "Workspace").objects.create(
        name="Inkoop", **workspace_fields
    )
    apps.get_model("storage", "Membership").objects.create(
        user=user, workspace=workspace, role="editor"
    )
    case = apps.get_model("storage", "Case").objects.create(
        workspace=workspace, title="Raamcontract", framework_ref="hopmans-9", language="nl"
    )
    party = apps.get_model("storage", "Party")
    us = party.objects.create(case=case, key="us", name="Wij", side="own", position=0)
    them = party.objects.create(case=case, key="them", name="Zij", side="other", position=1)
    rater = apps.get_model("storage", "Rater")
    ann = rater.objects.create(case=case, key="ann", name="Ann", party=us, position=0)
    bob = rater.objects.create(case=case, key="bob", name="Bob", party=them, position=1)
    rating = apps.get_model("storage", "Rating")
    rating.objects.create(case=case, rater=ann, subject=us, factor="trust", score=5.0)
    rating.objects.create(case=case, rater=ann, subject=them, factor="trust", score=3.0)
    rating.objects.create(case=case, rater=bob, subject=them, factor="power", score=6.5)
    difference = apps.get_model("storage", "Difference").objects.create(
        case=case, factor="trust", party_a=us, party_b=them, blocking=True, reason="Levering"
    )
    apps.get_model("storage", "Action").objects.create(
        difference=difference, text="Bel de leverancier", owner="Ann"
    )
    return {"workspace": workspace.pk, "case": case.pk, "user": user.pk}


def check(ids: dict[str, int]) -> None:
    from kloof.storage import models

    workspace = models.Workspace.objects.get(pk=ids["workspace"])
    assert workspace.name == "Inkoop"
    assert list(workspace.memberships.values_list("user__username", "role")) == [("ann", "editor")]
    case = models.Case.objects.get(pk=ids["case"])
    assert (case.title, case.language, case.workspace_id) == ("Raamcontract", "nl", workspace.pk)
    assert list(case.parties.order_by("position").values_list("key", "name", "side")) == [
        ("us", "Wij", "own"),
        ("them", "Zij", "other"),
    ]
    raters = case.raters.order_by("position").values_list("key", "party__key", "user_id")
    assert list(raters) == [("ann", "us", None), ("bob", "them", None)]
    ratings = case.ratings.order_by("id").values_list(
        "rater__key", "subject__key", "factor", "score"
    )
    assert list(ratings) == [
        ("ann", "us", "trust", 5.0),
        ("ann", "them", "trust", 3.0),
        ("bob", "them", "power", 6.5),
    ]
    difference = case.differences.get()
    assert (difference.factor, difference.blocking, difference.reason) == (
        "trust",
        True,
        "Levering",
    )
    action = difference.actions.get()
    assert (action.text, action.owner, action.done) == ("Bel de leverancier", "Ann", False)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_the_first_migration_upgrades_with_its_data():
    ids = fill(migrate(FIRST))

    migrate(latest())

    check(ids)
    from kloof.storage import models

    workspace = models.Workspace.objects.get(pk=ids["workspace"])
    assert workspace.slug == f"workspace-{workspace.pk}"
    case = models.Case.objects.get(pk=ids["case"])
    assert (case.anonymous, case.min_group, case.round_closed) == (False, 3, None)
    difference = case.differences.get()
    assert (difference.kind, difference.updated_by_id) == ("position", None)
    action = difference.actions.get()
    assert (action.version, action.updated_by_id, action.agenda_item_id) == (1, None, None)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_the_migration_before_the_latest_upgrades_with_its_data():
    ids = fill(migrate(BEFORE_LATEST), slug="inkoop")  # 0002 on: slugs

    migrate(latest())

    check(ids)
    from kloof.storage import models

    action = models.Action.objects.get(difference__case_id=ids["case"])
    assert (action.version, action.agenda_item_id) == (1, None)
