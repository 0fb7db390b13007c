"""Participants of one group session joining and sending at the same moment, in
threads with connections of their own: every submission is kept, on a SQLite
file (writers queue at ``BEGIN IMMEDIATE``) and on PostgreSQL; two phones
choosing the same nickname at once get one participant and one clear refusal."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from kloof.domain.practice import reference_attempt
from kloof.services.practice import builtin_scenario
from kloof.storage import group_sessions as store
from kloof.storage.models_practice import GroupParticipant
from tests.web import respond_support
from tests.web.factories import make_workspace

sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options
SCENARIO = "supplier-price-rise"
PHONES = 12


def all_at_once(work, count: int) -> list[object]:
    """``work(number)`` in ``count`` threads released together; their results."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(number: int) -> None:
        try:
            barrier.wait()
            results[number] = work(number)
        except Exception as error:  # the test reports it
            results[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def simultaneous_submissions() -> None:
    session, _token = store.create_session(
        make_workspace("Training"),
        scenario=SCENARIO,
        language="en",
        expires=timezone.now() + timedelta(hours=1),
    )
    attempt = reference_attempt(builtin_scenario(SCENARIO))
    answers = store.Answers(dict(attempt.positions), attempt.blocking, attempt.first_move)

    def phone(number: int) -> float:
        participant, _secret = store.join(session, f"Phone {number}")
        return store.submit(participant, answers).score

    results = all_at_once(phone, PHONES)
    assert results == [100] * PHONES
    stored = GroupParticipant.objects.filter(session=session, submitted__isnull=False)
    assert sorted(stored.values_list("nickname", flat=True)) == sorted(
        f"Phone {n}" for n in range(PHONES)
    )
    assert set(stored.values_list("score", flat=True)) == {100.0}
    # The same nickname from two phones at once: one joins, one is told.
    outcomes = all_at_once(lambda _n: store.join(session, "Twin")[0].nickname, 2)
    assert sorted(type(item).__name__ for item in outcomes) == ["NicknameTakenError", "str"]
    assert GroupParticipant.objects.filter(session=session, nickname="Twin").count() == 1


def test_simultaneous_submissions_on_a_sqlite_file(sqlite_file) -> None:
    simultaneous_submissions()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_on_postgresql() -> None:
    if connections["default"].vendor != "postgresql":
        pytest.skip("the PostgreSQL run (KLOOF_TEST_DATABASE_URL); SQLite: the test above")
    simultaneous_submissions()
