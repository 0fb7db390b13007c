"""Helpers of the respondent tests: links, sessions, whole questionnaires, and a
real SQLite file under Django's default connection (locks, a full disk and
threads need one; the suite's own SQLite database lives in memory)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.utils import timezone

from kloof.storage import models
from kloof.storage.rating import case_factors
from kloof.storage.respondents import create_link, subjects_of

OWN, OTHER = "halvorsen", "cartwright"  # the demo case's parties


def make_link(
    case: models.Case,
    *,
    rates: str = "both",
    language: str = "en",
    name: str = "Ann",
    greeting: str = "",
    party: str = OWN,
    days: float = 7,
) -> tuple[models.RespondentLink, str]:
    return create_link(
        case,
        party=case.parties.get(key=party),
        rates=rates,
        language=language,
        expires=timezone.now() + timedelta(days=days),
        name=name,
        greeting=greeting,
    )


def open_session(client: Client, token: str) -> None:
    """Exchange ``token`` for a respondent session in ``client``."""
    response = client.get(f"/r/{token}")
    assert (response.status_code, response["Location"]) == (302, "/respond/")


def question_keys(link: models.RespondentLink) -> list[str]:
    factors = case_factors(link.case)
    return [f"{party.key}-{factor.key}" for party in subjects_of(link) for factor in factors]


def full_answers(link: models.RespondentLink, action: str = "submit", **extra: Any) -> dict:
    """Every question answered: scores 1, 1.5, 2, … round the 1–7 scale."""
    data: dict[str, Any] = {"action": action}
    for index, key in enumerate(question_keys(link)):
        data[f"score-{key}"] = str(1 + (index % 13) / 2)
        data[f"confidence-{key}"] = ("low", "medium", "high")[index % 3]
        data[f"note-{key}"] = f"Note {index}"
    data.update(extra)
    return data


_TEMPLATE: dict[str, Path] = {}


def _migrated_template(folder: Path) -> Path:
    """A migrated, vacuumed SQLite file (made once per test session)."""
    if "path" not in _TEMPLATE:
        path = folder / "template.sqlite3"
        with _default_connection_on(path):
            call_command("migrate", interactive=False, verbosity=0)
        with sqlite3.connect(path) as database:
            database.execute("VACUUM")  # no free pages: a full-disk limit bites at once
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


@contextmanager
def _default_connection_on(path: Path, **options: Any) -> Iterator[None]:
    """Point the default connection (in every thread) at the SQLite file ``path``.

    The in-memory test database is kept open meanwhile: closing its last
    connection would drop it."""
    connection = connections["default"]
    settings = connection.settings_dict
    saved_name, saved_options = settings["NAME"], dict(settings["OPTIONS"])
    kept = connection.connection
    connection.connection = None
    settings["NAME"] = str(path)
    settings["OPTIONS"].update(options)
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = saved_name
        settings["OPTIONS"].clear()
        settings["OPTIONS"].update(saved_options)
        connection.connection = kept


@pytest.fixture
def sqlite_options() -> dict[str, Any]:
    """Connection options of :func:`sqlite_file`; a test parametrizes it to change
    them (``@pytest.mark.parametrize("sqlite_options", [{"timeout": 0.3}])``)."""
    return {}


@pytest.fixture
def sqlite_file(sqlite_options, tmp_path_factory, tmp_path, django_db_blocker) -> Iterator[Path]:
    """A fresh migrated SQLite file as the default database for one test (no
    ``django_db`` mark: what the test writes is committed, as in production)."""
    if connections["default"].vendor != "sqlite":
        pytest.skip("a SQLite file test (the suite runs on PostgreSQL)")
    options = sqlite_options
    with django_db_blocker.unblock():
        template = _migrated_template(tmp_path_factory.getbasetemp())
        path = tmp_path / "kloof.sqlite3"
        shutil.copyfile(template, path)
        with _default_connection_on(path, **options):
            yield path


def other_postgresql_connection() -> Any:
    """A second connection to the suite's PostgreSQL database, outside Django's:
    another server process holding a lock or an uncommitted change."""
    import psycopg

    settings = connections["default"].settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
    )
