"""Two people opening the same register entry at once: the one who comes second
waits for the first (the case row is locked, or SQLite's write lock is held),
then finds the entry and is refused with EntryExists. One entry, never two.

The first opener runs in a thread that keeps its transaction open until the
second one has started; both are real connections to a committed database (a
SQLite file, or the suite's PostgreSQL database)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from kloof.storage import models
from kloof.storage import register as store
from tests.web import respond_support
from tests.web.factories import make_team
from tests.web.perception_support import store_perception_case

sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options

#: Generous: only a deadlock would take this long (a failure to finish, not a slow finish).
STUCK = 60


def first_opener(case, kind, parties, opened, release, outcome) -> None:
    """Open the entry, say so, and commit only when ``release`` is set."""
    try:
        with transaction.atomic():
            store.open_entry(case, "intention", *parties, {"status": "named"}, None, kind=kind)
            opened.set()
            assert release.wait(STUCK), "the second opener never started"
        outcome.append("opened")
    except Exception as error:  # reported to the test's thread
        outcome.append(error)
        opened.set()
    finally:
        connection.close()


def open_at_once(kind: str, first: tuple[str, str], second: tuple[str, str]) -> tuple[list, object]:
    """The first opener's outcome, and what the second opener got (the new
    entry, or the EntryExists it raised)."""
    case = store_perception_case(make_team().workspace)
    opened, release = threading.Event(), threading.Event()
    outcome: list = []
    args = (case, kind, first, opened, release, outcome)
    thread = threading.Thread(target=first_opener, args=args)
    thread.start()
    assert opened.wait(STUCK)
    # The first opener commits a moment after the second has begun to open.
    timer = threading.Timer(0.3, release.set)
    timer.start()
    try:
        got: object = store.open_entry(case, "intention", *second, {}, None, kind=kind)
    except store.EntryExists as exists:
        got = exists
    finally:
        release.set()
        timer.cancel()
        thread.join(STUCK)
    return outcome, got


def check_race(kind: str) -> None:
    # A position pair in either order is one difference; a perception gap has a
    # direction, so that race opens the same direction twice.
    first = ("acme", "globex")
    second = first if kind == "perception" else ("globex", "acme")
    outcome, got = open_at_once(kind, first, second)
    assert outcome == ["opened"]
    assert isinstance(got, store.EntryExists), got
    assert (got.entry.party_a.key, got.entry.party_b.key) == first
    entries = models.Difference.objects.filter(kind=kind, factor="intention")
    assert list(entries.values_list("party_a__key", "party_b__key", "status")) == [
        ("acme", "globex", "named")
    ]


@pytest.mark.parametrize("kind", ["perception", "position"])
def test_opening_an_entry_twice_at_once_on_a_sqlite_file_keeps_one(sqlite_file, kind):
    check_race(kind)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["perception", "position"])
def test_opening_an_entry_twice_at_once_on_postgresql_keeps_one(kind):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (KLOOF_TEST_DATABASE_URL); SQLite: the test above")
    check_race(kind)
