"""Respondents submitting at once, some submissions sent twice at the same moment,
against a real ``kloof serve``: nothing lost, nothing duplicated, no errors.

The short version of ``benchmarks/respondents_concurrency.py`` (10 respondents for
3 s instead of 50 for 60 s), on the suite's database: a SQLite file, or PostgreSQL
when ``KLOOF_TEST_DATABASE_URL`` is set (then in a database of its own, made and
dropped here). The control switches the guard off and shows what gets through.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from benchmarks.respondents_common import database_for
from benchmarks.respondents_concurrency import Options, report, run
from benchmarks.respondents_seed import Database

POSTGRES_URL = os.environ.get("KLOOF_TEST_DATABASE_URL", "")
ON_POSTGRES = POSTGRES_URL.startswith(("postgres://", "postgresql://"))
SHORT = Options(respondents=10, seconds=3.0)


@contextmanager
def suite_database() -> Iterator[Database]:
    """The suite's kind of database, new and empty, for the server to use."""
    if not ON_POSTGRES:
        with database_for("sqlite", "") as database:
            yield database
        return
    server, _slash, name = POSTGRES_URL.rpartition("/")
    with database_for("postgresql", f"{name}_respond_{os.getpid()}", server) as database:
        yield database


def test_simultaneous_submissions_lose_nothing_duplicate_nothing_and_fail_none() -> None:
    with suite_database() as database:
        result = run(database, SHORT)
    verdict = result.verdict
    assert result.doubles >= SHORT.respondents, report(result)  # every first one, at least
    assert verdict.links == SHORT.respondents, report(result)
    assert (verdict.lost, verdict.duplicated, verdict.unacknowledged) == (0, 0, 0), report(result)
    assert result.errors == 0, report(result)
    assert result.replies["503"] == 0, report(result)
    # Every POST was acknowledged: two for a double, one otherwise.
    assert result.replies["done"] == result.submissions + result.doubles, report(result)


@pytest.mark.skipif(not ON_POSTGRES, reason="the control runs on PostgreSQL only")
def test_control_without_the_unique_constraints_lets_duplicates_through() -> None:
    """With the guard's constraints dropped (one submission per link, one rater per
    link key, one rating per question), the second of two simultaneous first
    submissions makes a second rater: the respondent would count twice."""
    with suite_database() as database:
        result = run(database, Options(respondents=10, seconds=2.0, control="all"))
    assert result.verdict.duplicate_raters >= 1, report(result)
    assert result.verdict.duplicate_ratings >= 1, report(result)
    assert result.errors == 0, report(result)
