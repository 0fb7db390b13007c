"""``kloof token`` through the installed console script against a SQLite file:
the token on stdout and nothing else, clear errors with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

KLOOF = Path(sys.executable).with_name("kloof")

SETUP = """
from django.contrib.auth import get_user_model
from kloof.storage.models import Membership, Workspace
User = get_user_model()
ann = User.objects.create_user(username="ann@example.com", email="ann@example.com")
bob = User.objects.create_user(username="bob@example.com", email="bob@example.com")
team = Workspace.objects.create(name="Purchasing")
Membership.objects.create(user=ann, workspace=team, role="editor")
Workspace.objects.create(name="Twin")
Workspace.objects.create(name="Twin")
"""

CHECK = """
import sys
from kloof.storage.api_tokens import check_token
use = check_token(sys.stdin.read().strip()).use
print(use.user.email, use.workspace.name, use.role) if use else print("refused")
"""


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLOOF_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["KLOOF_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [str(KLOOF), *args], env=env, input=stdin, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kloof-data")
    assert run(folder, "manage", "migrate", "--verbosity", "0").returncode == 0
    done = run(folder, "manage", "shell", "-c", SETUP)
    assert done.returncode == 0, done.stderr
    return folder


def test_create_prints_only_the_token_and_it_works(data_dir):
    made = run(
        data_dir,
        "token",
        "create",
        "--user",
        "ANN@example.com",
        "--workspace",
        "Purchasing",
        "--name",
        "cron",
    )
    assert made.returncode == 0, made.stderr
    lines = made.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kloof_") and len(lines[0]) == 49
    assert "shown only now" in made.stderr and lines[0] not in made.stderr
    checked = run(data_dir, "manage", "shell", "-c", CHECK, stdin=lines[0])
    assert checked.stdout.splitlines()[-1] == "ann@example.com Purchasing editor"


def test_list_and_revoke(data_dir):
    made = run(
        data_dir, "token", "create", "--user", "ann@example.com", "--workspace", "purchasing"
    )
    token = made.stdout.strip()
    listing = run(
        data_dir, "token", "list", "--user", "ann@example.com", "--workspace", "Purchasing"
    )
    assert listing.returncode == 0
    assert token not in listing.stdout
    row = next(line for line in listing.stdout.splitlines() if token[:12] in line)
    token_id = row.split("\t")[0]
    revoked = run(
        data_dir,
        "token",
        "revoke",
        "--user",
        "ann@example.com",
        "--workspace",
        "Purchasing",
        token_id,
    )
    assert (revoked.returncode, revoked.stdout) == (0, "")
    assert "revoked" in revoked.stderr
    checked = run(data_dir, "manage", "shell", "-c", CHECK, stdin=token)
    assert checked.stdout.splitlines()[-1] == "refused"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--user", "nobody@example.com", "--workspace", "Purchasing"),
            "no user with email address",
        ),
        (("--user", "ann@example.com", "--workspace", "Sales"), "no workspace named 'Sales'"),
        (
            ("--user", "bob@example.com", "--workspace", "Purchasing"),
            "is not a member of 'Purchasing'",
        ),
        (
            ("--user", "ann@example.com", "--workspace", "Twin"),
            "give the slug instead (twin, twin-2)",
        ),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(data_dir, args, message):
    result = run(data_dir, "token", "create", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_revoking_an_unknown_id_is_exit_2(data_dir):
    result = run(
        data_dir, "token", "revoke", "--user", "ann@example.com", "--workspace", "Purchasing", "999"
    )
    assert result.returncode == 2
    assert "see 'kloof token list'" in result.stderr


def test_an_unmigrated_database_names_the_fix(tmp_path):
    result = run(tmp_path / "empty", "token", "create", "--user", "a@b.c", "--workspace", "X")
    assert result.returncode == 2
    assert "kloof manage migrate" in result.stderr
    assert "Traceback" not in result.stderr
