"""A data dir for the web benchmarks: migrated SQLite, a user, a workspace, cases.

The seeding runs in a child process (``seed_data_dir``), because Django's settings
are read once per process from ``KLOOF_DATA_DIR``: the benchmark process (or the
test process that runs the smoke test) keeps its own settings untouched.

    .venv/bin/python benchmarks/web_seed.py DATA_DIR --case 50 --case 25,25

prints one line of JSON: the log-in and, per case, its dashboard URL path.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETTINGS = "kloof.web.settings"
EMAIL = "bench@example.com"
WORKSPACE = "Benchmark"
SEED_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class SeededCase:
    """A stored case: raters per party, how many ratings, its dashboard path."""

    raters: tuple[int, ...]
    ratings: int
    path: str


@dataclass(frozen=True)
class Seeded:
    """What the benchmarks need of a seeded data dir."""

    data_dir: Path
    email: str
    password: str
    cases: tuple[SeededCase, ...]


def clean_env(data_dir: Path, **variables: str) -> dict[str, str]:
    """This process's environment without Django's or kloof's variables, plus
    ``KLOOF_DATA_DIR`` and ``variables``: a child sees only what we give it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KLOOF_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["KLOOF_DATA_DIR"] = str(data_dir)
    env.update(variables)
    return env


def seed_data_dir(data_dir: Path, cases: Sequence[Sequence[int]]) -> Seeded:
    """Migrate a new SQLite database in ``data_dir`` and store one generated case
    per entry of ``cases`` (raters per party), in a child process."""
    spec = [",".join(str(count) for count in raters) for raters in cases]
    command = [sys.executable, str(Path(__file__).resolve()), str(data_dir)]
    for entry in spec:
        command += ["--case", entry]
    done = subprocess.run(
        command,
        env=clean_env(data_dir),
        capture_output=True,
        text=True,
        timeout=SEED_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding {data_dir} failed:\n{done.stderr.strip()}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Seeded(
        data_dir=data_dir,
        email=found["email"],
        password=found["password"],
        cases=tuple(
            SeededCase(tuple(case["raters"]), case["ratings"], case["path"])
            for case in found["cases"]
        ),
    )


def seed_here(cases: Sequence[Sequence[int]]) -> dict[str, object]:
    """In this process (``KLOOF_DATA_DIR`` already set): migrate, then store a user
    (owner of a workspace) and the generated cases. Returns what ``Seeded`` holds."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.urls import reverse

    from benchmarks.cases import generated_case
    from kloof.storage.mapping import case_from_domain
    from kloof.storage.models import Membership, Profile, Workspace

    call_command("migrate", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(16)
    stored = []
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=password)
        Profile.objects.create(user=user, language="en")
        workspace = Workspace.objects.create(name=WORKSPACE)
        Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
        for seed, raters in enumerate(cases, start=1):
            case = generated_case(tuple(raters), seed=seed)
            row = case_from_domain(workspace, case)
            kwargs = {"slug": workspace.slug, "case_id": row.pk}
            stored.append(
                {
                    "raters": list(raters),
                    "ratings": len(case.ratings),
                    "path": reverse("dashboard", kwargs=kwargs),
                }
            )
    return {"email": EMAIL, "password": password, "cases": stored}


def _raters(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from None
    if len(counts) < 2 or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"need two parties or more, each with a rater: {text}")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--case",
        type=_raters,
        action="append",
        required=True,
        metavar="N,N",
        help="raters per party of one case; repeatable",
    )
    args = parser.parse_args(argv)
    os.environ["KLOOF_DATA_DIR"] = str(args.data_dir)
    print(json.dumps(seed_here(args.case)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
