"""Two tabs (or a double click) sending the same questionnaire at the same
moment, through the views, in threads with their own database connections:
one submission and one rating per question, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from kloof.storage import models
from tests.bounds import RUNAWAY_SECONDS
from tests.web import respond_support
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import (
    full_answers,
    make_link,
    open_session,
)

# The fixtures of a SQLite file under the default connection.
sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options

TABS = 4


def post_at_once(cookies, posts: list[dict]) -> list[int]:
    """POST each of ``posts`` to /respond/ from its own thread, all released together."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)

    def tab(index: int) -> None:
        client = Client()
        client.cookies = cookies
        try:
            barrier.wait(timeout=RUNAWAY_SECONDS)
            statuses[index] = client.post("/respond/", posts[index]).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab, args=(index,)) for index in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=RUNAWAY_SECONDS)
    return statuses


def two_tabs_send_at_once() -> None:
    case = make_demo_case(make_team().workspace)
    link, token = make_link(case)
    client = Client()
    open_session(client, token)
    submit = full_answers(link)
    save = full_answers(link, action="save")
    statuses = post_at_once(client.cookies, [submit] * TABS + [save])
    assert statuses == [303] * (TABS + 1)
    link.refresh_from_db()
    submission = models.Submission.objects.get(link=link)
    assert submission.revision == TABS
    assert models.Rating.objects.filter(rater=link.rater).count() == 18
    assert models.Rater.objects.filter(key=f"respondent_{link.pk}").count() == 1
    assert models.DraftAnswer.objects.filter(link=link).count() == 18


def test_tabs_sending_at_once_on_a_sqlite_file_make_one_submission(sqlite_file):
    two_tabs_send_at_once()


@pytest.mark.django_db(transaction=True)
def test_tabs_sending_at_once_on_postgresql_make_one_submission():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (KLOOF_TEST_DATABASE_URL); SQLite: the test above")
    two_tabs_send_at_once()
