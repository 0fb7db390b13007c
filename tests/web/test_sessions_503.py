"""A session the database cannot store answers 503 "try again in a minute", not a
500: the session is saved after the view, outside the views' own handling.

The failure is real: on a SQLite file, a trigger makes every update of a stored
session write to a table that is gone ("no such table", an OperationalError, as
a locked or full database gives), while inserting a new session still works.
"""

from __future__ import annotations

import logging
import sqlite3

from django.contrib.sessions.models import Session

from tests.web import respond_support
from tests.web.factories import PASSWORD, make_demo_case, make_team, make_user
from tests.web.respond_support import make_link

sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options


def break_session_updates(path) -> None:
    table = Session._meta.db_table
    with sqlite3.connect(path) as database:
        database.executescript(
            f"""
            CREATE TABLE gone (x);
            CREATE TRIGGER break_updates BEFORE UPDATE ON {table}
            BEGIN INSERT INTO gone VALUES (1); END;
            DROP TABLE gone;
            """
        )


def test_a_link_whose_session_cannot_be_stored_answers_503_without_the_token(
    sqlite_file, client, caplog
):
    case = make_demo_case(make_team().workspace)
    _link, token = make_link(case)
    break_session_updates(sqlite_file)
    with caplog.at_level(logging.WARNING, logger="kloof.web"):
        response = client.get(f"/r/{token}")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "Not available just now" in html
    assert token not in html
    assert "session not saved, answered 503: OperationalError" in caplog.text
    assert token not in caplog.text


def test_a_login_whose_session_cannot_be_stored_answers_503(sqlite_file, client):
    make_user("ann@example.com", PASSWORD)
    break_session_updates(sqlite_file)
    response = client.post(
        "/accounts/login/", {"username": "ann@example.com", "password": PASSWORD}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Not available just now / Even niet beschikbaar" in response.content.decode()
