"""The data folder is its owner's only (0700), and so are the files that hold
secrets (0600): the SQLite database with its -wal and -shm files (it holds the
sessions), the secret key (it signs them), and the folder of mailed reset
links. Looser ones left by an earlier start are tightened, with a warning.

All under the common umask 022, which left them 0755 and 0644 before."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kloof.web import config, mail
from tests.web.processes import clean_env, run_python


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    saved = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(saved)


def test_a_first_start_makes_the_folder_0700_and_the_database_and_key_0600(data_dir):
    database = config.database({}, data_dir)
    config.secret_key({}, data_dir)
    assert mode(data_dir) == 0o700
    assert database["NAME"] == str(data_dir / "kloof.sqlite3")
    assert {path.name: mode(path) for path in data_dir.iterdir()} == {
        "kloof.sqlite3": 0o600,
        "secret_key": 0o600,
    }


#: A real start: Django's settings, the migrations, and a write that leaves the
#: write-ahead log open; the modes are read while SQLite has its files open.
MIGRATE_AND_WRITE = """
import os, stat, sys
from kloof.web.runner import setup
setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
get_user_model().objects.create_user("ann@example.org", "ann@example.org", "a long secret 2026")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    print(name, oct(stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)))
print("folder", oct(stat.S_IMODE(os.stat(folder).st_mode)))
"""


def test_a_real_start_keeps_the_database_its_log_files_and_the_key_private(data_dir):
    made = run_python(MIGRATE_AND_WRITE, clean_env(data_dir), str(data_dir))
    assert made.returncode == 0, made.stderr
    lines = dict(line.split(" ", 1) for line in made.stdout.splitlines())
    assert lines == {
        "journal": "wal",
        "kloof.sqlite3": "0o600",
        "kloof.sqlite3-shm": "0o600",
        "kloof.sqlite3-wal": "0o600",
        "secret_key": "0o600",
        "folder": "0o700",
    }
    assert "could be read by other users" not in made.stderr  # nothing to tighten


def test_looser_modes_left_from_before_are_tightened_with_a_warning(data_dir, caplog):
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    files = ("kloof.sqlite3", "kloof.sqlite3-wal", "kloof.sqlite3-shm", "secret_key")
    for name in files:
        (data_dir / name).write_text("x" * 60 if name == "secret_key" else "", encoding="ascii")
        os.chmod(data_dir / name, 0o644)
    with caplog.at_level(logging.WARNING, logger="kloof.security"):
        config.database({}, data_dir)
        config.secret_key({}, data_dir)
    assert mode(data_dir) == 0o700
    assert {path.name: mode(path) for path in data_dir.iterdir()} == dict.fromkeys(files, 0o600)
    warnings = [record.getMessage() for record in caplog.records]
    assert warnings == [
        f"kloof: {path} could be read by other users of this machine (mode {was}); "
        f"it is now {now}, for its owner only"
        for path, was, now in [
            (data_dir, "0755", "0700"),
            (data_dir / "kloof.sqlite3", "0644", "0600"),
            (data_dir / "kloof.sqlite3-wal", "0644", "0600"),
            (data_dir / "kloof.sqlite3-shm", "0644", "0600"),
            (data_dir / "secret_key", "0644", "0600"),
        ]
    ]
    # Tight already: nothing more to say on the next start.
    caplog.clear()
    config.database({}, data_dir)
    config.secret_key({}, data_dir)
    assert caplog.records == []


def test_a_sqlite_database_elsewhere_is_made_0600_too(tmp_path):
    path = tmp_path / "elsewhere" / "team.sqlite3"
    path.parent.mkdir()
    config.database({"KLOOF_DATABASE_URL": f"sqlite:///{path}"}, tmp_path / "unused")
    assert mode(path) == 0o600
    assert path.stat().st_size == 0  # an empty file is an empty database to SQLite
    assert not (tmp_path / "unused").exists()


def test_an_in_memory_database_touches_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config.database({"KLOOF_DATABASE_URL": "sqlite://"}, tmp_path / "unused")
    assert list(tmp_path.iterdir()) == []


def test_the_folder_of_mailed_reset_links_is_its_owners_only(tmp_path):
    folder = tmp_path / "mails"
    values = mail.settings({"KLOOF_EMAIL_FILE_PATH": str(folder)})
    assert values["EMAIL_FILE_PATH"] == str(folder)
    assert mode(folder) == 0o700
