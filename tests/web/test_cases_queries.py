"""The case list reads a workspace's cases in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kloof.storage.models import Action
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def list_queries(client, workspace) -> int:
    url = reverse("case_list", kwargs={"slug": workspace.slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_case_list_costs_the_same_queries_for_1_and_50_cases(client):
    team = make_team()
    client.force_login(team.viewer)
    first = make_demo_case(team.workspace, "Case 0")
    Action.objects.create(difference=first.differences.first(), text="Call the buyer")
    one = list_queries(client, team.workspace)
    for number in range(1, 50):
        make_demo_case(team.workspace, f"Case {number}")
    fifty = list_queries(client, team.workspace)
    assert fifty == one
