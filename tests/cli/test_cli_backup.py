"""``kloof backup`` and ``kloof restore`` through the installed console script: a
backup taken while ratings are being written restores into a fresh place as a
consistent snapshot (SQLite), the same on PostgreSQL without load, and bad input
is refused before anything is touched."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

KLOOF = Path(sys.executable).with_name("kloof")

#: Makes a case with two parties and two raters, prints "ready", then writes one
#: rating per transaction until the file WRITER_STOP exists (or WRITER_MAX are
#: written), printing how many after every 25.
WRITER = """
import itertools, os, sys
from django.contrib.auth import get_user_model
from kloof.storage.models import Case, Membership, Party, Rater, Rating, Workspace
stop = os.environ["WRITER_STOP"]
user = get_user_model().objects.create_user(username="ann@example.org", email="ann@example.org")
team = Workspace.objects.create(name="Inkoop", slug="inkoop")
Membership.objects.create(user=user, workspace=team, role="owner")
case = Case.objects.create(workspace=team, title="Raamcontract")
us = Party.objects.create(case=case, key="us", name="Wij", position=0)
them = Party.objects.create(case=case, key="them", name="Zij", position=1)
raters = [Rater.objects.create(case=case, key=f"r{n}", name=f"R{n}", party=us) for n in (1, 2)]
print("ready", flush=True)
for n in itertools.count(1):
    Rating.objects.create(
        case=case, rater=raters[n % 2], subject=them, factor=f"f{n}", score=float(n % 7 + 1)
    )
    if n % 25 == 0:
        print(n, flush=True)
    if os.path.exists(stop) or n >= int(os.environ.get("WRITER_MAX", "100000")):
        break
print("done", n, flush=True)
"""


def environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLOOF_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["KLOOF_DATA_DIR"] = str(data_dir)
    env["KLOOF_LANG"] = "en"
    if database_url:
        env["KLOOF_DATABASE_URL"] = database_url
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KLOOF), *args], env=env, capture_output=True, text=True, timeout=120)


def migrated(env: dict[str, str], *target: str) -> None:
    done = run(env, "manage", "migrate", *target, "--verbosity", "0")
    assert done.returncode == 0, done.stderr


def sqlite_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in a fixed order."""
    with closing(sqlite3.connect(path)) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}


def test_a_backup_under_load_restores_as_a_consistent_snapshot(tmp_path):
    source_env = environment(tmp_path / "source")
    migrated(source_env)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [str(KLOOF), "manage", "shell", "-c", WRITER],
        env={**source_env, "WRITER_STOP": str(stop)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        lines = iter(writer.stdout.readline, "")
        assert "ready" in (line.strip() for line in lines)  # after the shell's own notes
        assert writer.stdout.readline().strip() == "25"  # writing is under way
        copy = tmp_path / "kloof-backup.sqlite3"
        made = run(source_env, "backup", "-o", str(copy))
        # The writer is still writing: it stops only when told to, after the backup.
        assert writer.poll() is None
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert made.returncode == 0, made.stderr
    assert made.stderr == f"kloof: backed up {tmp_path}/source/kloof.sqlite3 into {copy}\n"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not copy.with_name(copy.name + "-wal").exists()
    written = int(out.split()[-1])

    restored_env = environment(tmp_path / "restored")
    done = run(restored_env, "restore", str(copy))
    assert done.returncode == 0, done.stderr
    restored = tmp_path / "restored" / "kloof.sqlite3"
    assert done.stderr == f"kloof: restored {copy} into {restored}\n"

    with closing(sqlite3.connect(restored)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    source_rows = sqlite_tables(tmp_path / "source" / "kloof.sqlite3")
    copy_rows = sqlite_tables(restored)
    assert sorted(copy_rows) == sorted(source_rows)
    source_ratings = source_rows.pop("storage_rating")
    copy_ratings = copy_rows.pop("storage_rating")
    assert len(source_ratings) == written
    # A snapshot: the ratings of the first k transactions, no more, no fewer, unchanged.
    assert 25 <= len(copy_ratings) < written
    by_id = sorted(source_ratings, key=lambda row: row[0])
    assert sorted(copy_ratings, key=lambda row: row[0]) == by_id[: len(copy_ratings)]
    # Every other table (nothing else changed while writing) is equal row for row.
    assert copy_rows == source_rows


def test_a_backup_of_an_older_schema_restores_and_migrates_forward(tmp_path):
    source_env = environment(tmp_path / "source")
    migrated(source_env, "storage", "0008_respondent_link_greeting")
    copy = tmp_path / "old.sqlite3"
    assert run(source_env, "backup", "-o", str(copy)).returncode == 0

    done = run(environment(tmp_path / "restored"), "restore", str(copy))

    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(tmp_path / "restored" / "kloof.sqlite3")) as db:
        applied = {row[0] for row in db.execute("SELECT name FROM django_migrations")}
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "0009_dialogue" in applied
    assert "storage_agendaitem" in tables


def test_restore_refuses_a_database_with_data_unless_forced(tmp_path):
    source_env = environment(tmp_path / "source")
    migrated(source_env)
    filled = run(
        {**source_env, "WRITER_STOP": str(tmp_path / "no"), "WRITER_MAX": "1"},
        "manage",
        "shell",
        "-c",
        WRITER,
    )
    assert filled.returncode == 0, filled.stderr
    copy = tmp_path / "copy.sqlite3"
    assert run(source_env, "backup", "-o", str(copy)).returncode == 0

    refused = run(source_env, "restore", str(copy))
    assert refused.returncode == 2
    assert refused.stderr == (
        f"kloof: error: the database {tmp_path}/source/kloof.sqlite3 holds users, "
        "workspaces or cases: kloof keeps them — restore into an empty data folder or "
        "database, or add --force to replace it\n"
    )
    dutch = run({**source_env, "KLOOF_LANG": "nl"}, "restore", str(copy))
    assert dutch.stderr.startswith(f"kloof: fout: de database {tmp_path}/source/kloof.sqlite3 ")
    forced = run(source_env, "restore", "--force", str(copy))
    assert forced.returncode == 0, forced.stderr


def test_restore_refuses_a_file_that_is_no_kloof_backup_before_touching_anything(tmp_path):
    env = environment(tmp_path / "data")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    text = tmp_path / "notes.txt"
    text.write_text("not a backup\n", encoding="utf-8")

    for candidate in (other, text, tmp_path / "missing.sqlite3"):
        done = run(env, "restore", str(candidate))
        assert done.returncode == 2
        assert done.stderr.startswith(f"kloof: error: {candidate} ")
    assert run(env, "restore", str(text)).stderr == (
        f"kloof: error: {text} is not a kloof backup — give the file kloof backup wrote\n"
    )
    assert not (tmp_path / "data").exists()


def test_backup_without_a_database_names_the_data_folder(tmp_path):
    done = run(environment(tmp_path / "nothing"), "backup", "-o", str(tmp_path / "b"))
    assert done.returncode == 2
    assert done.stderr == (
        f"kloof: error: there is no kloof database at {tmp_path}/nothing/kloof.sqlite3 — "
        "set KLOOF_DATA_DIR to the data folder kloof serve uses\n"
    )
    assert not (tmp_path / "b").exists()


def postgres_url() -> str | None:
    url = os.environ.get("KLOOF_TEST_DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture
def pg_databases():
    """Two fresh PostgreSQL databases beside the test database (names *_bk_src, *_bk_dst)."""
    import psycopg

    url = postgres_url()
    if url is None:
        pytest.skip("KLOOF_TEST_DATABASE_URL names no PostgreSQL database")
    base, _, name = url.rpartition("/")
    names = [f"{name}_bk_src", f"{name}_bk_dst"]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for each in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{each}"')
            admin.execute(f'CREATE DATABASE "{each}"')
    yield [f"{base}/{each}" for each in names]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for each in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{each}" WITH (FORCE)')


def pg_tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    import psycopg

    with psycopg.connect(url) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {name: sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}


@pytest.mark.skipif(postgres_url() is None, reason="PostgreSQL only")
def test_postgresql_backup_restores_every_table(tmp_path, pg_databases):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump is not installed")
    source, destination = pg_databases
    source_env = environment(tmp_path / "data", source)
    migrated(source_env)
    filled = run(
        {**source_env, "WRITER_STOP": str(tmp_path / "no"), "WRITER_MAX": "60"},
        "manage",
        "shell",
        "-c",
        WRITER,
    )
    assert filled.returncode == 0, filled.stderr
    dump = tmp_path / "kloof.dump"

    made = run(source_env, "backup", "-o", str(dump))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    done = run(environment(tmp_path / "data", destination), "restore", str(dump))
    assert done.returncode == 0, done.stderr

    copied = pg_tables(destination)
    assert copied == pg_tables(source)
    assert len(copied["storage_rating"]) == 60
