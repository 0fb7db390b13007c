"""A database for the respondent benchmarks: migrated, the demo case, respondent links.

The database is a SQLite file in a data dir, or a PostgreSQL database made for
the run (dropped first if it exists). Seeding runs in a child process with
``kloof.web.settings`` (Django reads its settings once per process), like
``web_seed.py``:

    .venv/bin/python benchmarks/respondents_seed.py DATA_DIR --links 50

prints one line of JSON: the case's scale and factors, and per link its id,
token, party and the parties it rates. ``--drop NAME`` drops a unique
constraint after migrating (the control runs: the guard switched off).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.web_seed import clean_env

SETTINGS = "kloof.web.settings"
SEED_TIMEOUT_SECONDS = 180
SQLITE_FILE = "kloof.sqlite3"  # kloof.web.config.SQLITE_FILE
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432"
#: The unique constraints that keep one submission per link (the guard), and the
#: two that back it up (one rater per link key, one rating per question).
GUARD = "one_submission_per_link"
BACKUPS = ("rater_key_unique_in_case", "one_rating_per_question")
CONSTRAINTS = (GUARD, *BACKUPS)


@dataclass(frozen=True)
class Subject:
    id: int
    key: str


@dataclass(frozen=True)
class Link:
    id: int
    token: str
    party: str  # the key of the respondent's party
    subjects: tuple[Subject, ...]  # the parties the respondent rates


@dataclass(frozen=True)
class Seeded:
    scale: tuple[float, float]
    factors: tuple[str, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Database:
    """Where a run's data lives: ``url`` None is SQLite in ``data_dir``."""

    data_dir: Path
    url: str | None = None

    @property
    def kind(self) -> str:
        return "sqlite" if self.url is None else "postgresql"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / SQLITE_FILE

    def server_env(self) -> dict[str, str]:
        """The variables a ``kloof`` child needs for this database."""
        return {} if self.url is None else {"KLOOF_DATABASE_URL": self.url}

    def connect(self) -> Any:
        """A DB-API connection of this process (for reading the results)."""
        if self.url is None:
            import sqlite3

            return sqlite3.connect(self.sqlite_path, timeout=30)
        import psycopg

        return psycopg.connect(self.url, autocommit=True)


def postgres_database(data_dir: Path, name: str, server: str = DEFAULT_POSTGRES) -> Database:
    """A new, empty PostgreSQL database ``name`` on ``server`` (dropped first)."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    data_dir.mkdir(parents=True, exist_ok=True)
    return Database(data_dir, f"{server}/{name}")


def drop_postgres_database(database: Database) -> None:
    """Drop a database made by :func:`postgres_database`."""
    if database.url is None:
        return
    import psycopg

    server, _slash, name = database.url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(database: Database, links: int, drop: Sequence[str] = ()) -> Seeded:
    """Migrate ``database``, store the demo case and ``links`` links, in a child."""
    command = [sys.executable, str(Path(__file__).resolve()), str(database.data_dir)]
    command += ["--links", str(links)]
    for name in drop:
        command += ["--drop", name]
    done = subprocess.run(
        command,
        env=clean_env(database.data_dir, **database.server_env()),
        capture_output=True,
        text=True,
        timeout=SEED_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding {database.data_dir} failed:\n{done.stderr.strip()}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Seeded(
        scale=(found["scale"][0], found["scale"][1]),
        factors=tuple(found["factors"]),
        links=tuple(
            Link(
                id=row["id"],
                token=row["token"],
                party=row["party"],
                subjects=tuple(Subject(s["id"], s["key"]) for s in row["subjects"]),
            )
            for row in found["links"]
        ),
    )


def seed_here(links: int, drop: Sequence[str]) -> dict[str, object]:
    """In this process: migrate, then a workspace with the demo case and its links:
    the first half for members of the own party, the rest for the counterparty,
    every link rating both parties."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kloof.storage.mapping import case_from_domain
    from kloof.storage.models import RespondentLink, Workspace
    from kloof.storage.rating import case_factors
    from kloof.storage.respondents import create_link, subjects_of
    from kloof.web.demo import demo_case

    call_command("migrate", interactive=False, verbosity=0)
    expires = timezone.now() + timedelta(days=7)
    rows = []
    with transaction.atomic():
        workspace = Workspace.objects.create(name="Respondents benchmark")
        case = case_from_domain(workspace, demo_case())
        own, other = list(case.parties.all())[:2]
        for number in range(links):
            party = own if number < (links + 1) // 2 else other
            link, token = create_link(
                case,
                party=party,
                rates=RespondentLink.Rates.BOTH,
                language="en",
                expires=expires,
                name=f"Respondent {number + 1}",
            )
            subjects = [{"id": s.pk, "key": s.key} for s in subjects_of(link)]
            rows.append({"id": link.pk, "token": token, "party": party.key, "subjects": subjects})
    for name in drop:
        _drop_constraint(connection, name)
    return {
        "scale": [case.scale_min, case.scale_max],
        "factors": [factor.key for factor in case_factors(case)],
        "links": rows,
    }


def _drop_constraint(connection: Any, name: str) -> None:
    """Switch one guard off through Django's schema editor: PostgreSQL drops the
    constraint (``ALTER TABLE ... DROP CONSTRAINT``); SQLite keeps it inside the
    table (``sqlite_autoindex_*``, which ``DROP INDEX`` refuses), so the table is
    copied into a new one without it."""
    from django.apps import apps

    for model in apps.get_app_config("storage").get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                # SQLite rebuilds the table from the model's constraints: without
                # this one (this child process ends right after seeding).
                model._meta.constraints = [
                    c for c in model._meta.constraints if c is not constraint
                ]
                with connection.schema_editor() as editor:
                    editor.remove_constraint(model, constraint)
                return
    raise LookupError(f"no constraint {name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--links", type=int, required=True)
    parser.add_argument("--drop", action="append", default=[], choices=CONSTRAINTS)
    args = parser.parse_args(argv)
    os.environ["KLOOF_DATA_DIR"] = str(args.data_dir)
    print(json.dumps(seed_here(args.links, args.drop)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
