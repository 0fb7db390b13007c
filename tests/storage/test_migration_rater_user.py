"""Migration 0004: raters linked to a member by their key get a user link instead."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("storage", "0003_register_history_evidence")]
AFTER = [("storage", "0004_rater_user")]


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_afterwards():
    """Leave the database at the newest migration for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_member_keys_become_user_links_with_keys_from_the_name():
    apps = migrate(BEFORE)
    user_model = apps.get_model("auth", "User")
    workspace_model = apps.get_model("storage", "Workspace")
    membership_model = apps.get_model("storage", "Membership")
    case_model = apps.get_model("storage", "Case")
    party_model = apps.get_model("storage", "Party")
    rater_model = apps.get_model("storage", "Rater")
    member = user_model.objects.create(username="ann", email="ann@example.org")
    stranger = user_model.objects.create(username="bob", email="bob@example.org")
    workspace = workspace_model.objects.create(name="Team", slug="team-0004")
    membership_model.objects.create(user=member, workspace=workspace, role="editor")
    case = case_model.objects.create(workspace=workspace, title="Deal", framework_ref="hopmans-9")
    party = party_model.objects.create(case=case, key="us", name="Us")
    for key, name in (
        (f"member-{member.pk}", "Ann de Vries"),
        (f"member-{stranger.pk}", "Bob"),
        ("ann_de_vries", "Ann (earlier)"),
        ("member-x", "Not a link"),
    ):
        rater_model.objects.create(case=case, key=key, name=name, party=party)

    apps = migrate(AFTER)
    rater_model = apps.get_model("storage", "Rater")
    rows = list(rater_model.objects.order_by("id").values_list("key", "name", "user_id"))
    assert rows == [
        ("ann_de_vries_2", "Ann de Vries", member.pk),
        # Bob is no member of the workspace: his id leaves the key, no link is made.
        ("bob", "Bob", None),
        ("ann_de_vries", "Ann (earlier)", None),
        ("member-x", "Not a link", None),
    ]
