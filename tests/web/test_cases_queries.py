"""The case list reads a workspace's cases in a fixed number of queries."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kloof.storage.models import Action
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def list_queries(client, workspace) -> tuple[int, float]:
    url = reverse("case_list", kwargs={"slug": workspace.slug})
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - start
    assert response.status_code == 200
    return len(queries), seconds


def test_the_case_list_costs_the_same_queries_for_1_and_50_cases(client):
    team = make_team()
    client.force_login(team.viewer)
    first = make_demo_case(team.workspace, "Case 0")
    Action.objects.create(difference=first.differences.first(), text="Call the buyer")
    one, _seconds = list_queries(client, team.workspace)
    for number in range(1, 50):
        make_demo_case(team.workspace, f"Case {number}")
    fifty, seconds = list_queries(client, team.workspace)
    print(f"case list: 1 case {one} queries; 50 cases {fifty} queries, {seconds * 1000:.0f} ms")
    assert fifty == one
