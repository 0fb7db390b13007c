"""A write the database cannot make is answered 503 with the input kept in the
form: never a 500, never a thank-you for answers that were not stored.

For real: a SQLite file locked by another connection (``BEGIN EXCLUSIVE``) with
a short busy timeout, a SQLite file that may not grow (``PRAGMA
max_page_count``: "database or disk is full"), and on PostgreSQL a table locked
by another connection with a short ``lock_timeout``."""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client

from kloof.storage import models
from kloof.storage.respondents import drafts_of
from tests.web import respond_support
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import (
    OWN,
    full_answers,
    make_link,
    open_session,
)

# The fixtures of a SQLite file under the default connection.
sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options

NOT_SAVED = (
    "Your answers could not be saved just now. They are still in the form: try again in a minute."
)
SHORT_TIMEOUT = [{"timeout": 0.3}]


def respondent(client: Client):
    case = make_demo_case(make_team().workspace)
    link, token = make_link(case)
    open_session(client, token)
    return link


@contextmanager
def locked(path):
    """Another connection holds the SQLite file's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def assert_input_kept(response, data: dict) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert NOT_SAVED in html
    assert "Thank you" not in html
    for name, value in data.items():
        if name.startswith("score-"):
            assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', html), name
        if name.startswith("note-"):
            assert f">{value}</textarea>" in html, name


def stored(link) -> tuple[int, int, int]:
    """(saved answers, submissions, ratings of the link)."""
    link.refresh_from_db()
    ratings = models.Rating.objects.filter(rater_id=link.rater_id).count() if link.rater_id else 0
    return len(drafts_of(link)), models.Submission.objects.filter(link=link).count(), ratings


@pytest.mark.parametrize("sqlite_options", SHORT_TIMEOUT)
@pytest.mark.parametrize("action", ["submit", "save"])
def test_a_locked_database_answers_503_with_the_input_kept(sqlite_file, client, action):
    link = respondent(client)
    data = full_answers(link, action=action)
    with locked(sqlite_file):
        response = client.post("/respond/", data)
    assert_input_kept(response, data)
    assert stored(link) == (0, 0, 0)
    # A minute later (here: at once) the same post goes through.
    retry = client.post("/respond/", data)
    assert retry.status_code == 303
    assert stored(link) == ((18, 1, 18) if action == "submit" else (18, 0, 0))


@pytest.mark.parametrize("sqlite_options", SHORT_TIMEOUT)
def test_a_locked_database_answers_an_autosave_with_a_503_message(sqlite_file, client):
    link = respondent(client)
    with locked(sqlite_file):
        response = client.post(
            "/respond/",
            {"action": "save", f"score-{OWN}-trust": "4"},
            headers={"X-Kloof-Autosave": "1"},
        )
    assert response.status_code == 503
    assert response.json() == {"message": NOT_SAVED}
    assert stored(link) == (0, 0, 0)


def test_a_full_disk_answers_503_with_the_input_kept(sqlite_file, client):
    link = respondent(client)
    # Long notes: the answers need new pages, which the file may not get.
    data = full_answers(link, **{f"note-{OWN}-trust": "Long note." * 200})
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        response = client.post("/respond/", data)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    assert_input_kept(response, data)
    assert stored(link) == (0, 0, 0)
    assert client.post("/respond/", data).status_code == 303
    assert stored(link) == (18, 1, 18)


@pytest.mark.parametrize("sqlite_options", SHORT_TIMEOUT)
def test_a_locked_database_on_opening_the_link_answers_503_not_500(sqlite_file, client):
    case = make_demo_case(make_team().workspace)
    _link, token = make_link(case)
    with locked(sqlite_file):
        response = client.get(f"/r/{token}")
    assert response.status_code == 503
    assert "Not available just now" in response.content.decode()
    assert token not in response.content.decode()
    open_session(client, token)  # and it opens once the lock is gone


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_on_postgresql_answers_503_with_the_input_kept(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (KLOOF_TEST_DATABASE_URL)")
    link = respondent(client)
    data = full_answers(link)
    other = respond_support.other_postgresql_connection()
    draft_table = models.DraftAnswer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
    try:
        with other.transaction():
            # Readers may go on; writers wait, and give up after the lock timeout.
            other.execute(f'LOCK TABLE "{draft_table}" IN EXCLUSIVE MODE')
            response = client.post("/respond/", data)
    finally:
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert_input_kept(response, data)
    assert stored(link) == (0, 0, 0)
    assert client.post("/respond/", data).status_code == 303
    assert stored(link) == (18, 1, 18)
