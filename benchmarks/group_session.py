"""Load: a group session of 40 participants who join and submit within a minute,
on SQLite, against a real ``kloof serve``; the latency of every request by kind,
and no lost submission.

    .venv/bin/python benchmarks/group_session.py               # 3 runs of 40 in 60 s

Each participant does what a phone's browser does: ``GET /g/<token>`` (302),
``GET /group/`` (200, the nickname form), ``POST /group/join`` (303), ``GET
/group/`` (200, the scenario and questions), ``POST /group/answer`` with every
score, a few flagged differences and a first move (303). They start one after
the other, evenly spread over the window, without pausing between steps. Before
the clock starts, 2 more participants go through it untimed (every worker has
loaded its templates). The client is the respondent benchmarks' (threads,
``http.client`` on loopback, a new connection per request). Afterwards every
acknowledged submission must be stored with exactly what was sent.

The figures: p50, p95, p99, max per kind (medians over the runs), against the
target p99 of the submission < 300 ms with nothing lost. Exit 0, also when the
target is missed; with ``--check`` 1 then; 2 when the run cannot be made.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.respondents_client import CSRF_FIELD, Respondent, percentile
from benchmarks.respondents_common import database_for, running
from benchmarks.respondents_seed import SEED_TIMEOUT_SECONDS, Database
from benchmarks.web_seed import clean_env
from benchmarks.web_server import ServerError, free_port

KINDS = ("open link", "nickname form", "join", "questions", "submit")
EXPECTED = {"open link": 302, "nickname form": 200, "join": 303, "questions": 200, "submit": 303}
P99_TARGET_SECONDS = 0.300
SHARES = {"p50": 0.50, "p95": 0.95, "p99": 0.99, "max": 1.0}
SCENARIO = "supplier-price-rise"


@dataclass(frozen=True)
class Options:
    participants: int = 40
    window: float = 60.0
    workers: int = 2
    runs: int = 3
    seed: int = 11
    warm_up: int = 2


@dataclass(frozen=True)
class Seeded:
    token: str
    session: int
    cells: tuple[tuple[str, str], ...]  # (party, factor)
    differences: tuple[str, ...]  # checkbox values
    moves: tuple[str, ...]


@dataclass
class Run:
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    replies: Counter[str] = field(default_factory=Counter)
    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)
    lost: int = 0
    wrong: int = 0

    def figure(self, kind: str, name: str) -> float:
        return percentile(self.seconds[kind], SHARES[name])

    @property
    def errors(self) -> int:
        return sum(n for kind, n in self.replies.items() if kind != "ok") + self.lost + self.wrong


def seed(database: Database) -> Seeded:
    """Migrate and start one session, in a child process (Django's settings)."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--seed", str(database.data_dir)],
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
        token=found["token"],
        session=found["session"],
        cells=tuple((party, factor) for party, factor in found["cells"]),
        differences=tuple(found["differences"]),
        moves=tuple(found["moves"]),
    )


def seed_here(data_dir: Path) -> dict[str, Any]:
    os.environ["KLOOF_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kloof.web.settings"
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from kloof.domain.practice import possible_differences
    from kloof.services.practice import builtin_scenario
    from kloof.storage.group_sessions import create_session
    from kloof.storage.models import Workspace
    from kloof.web.forms.group import difference_value

    call_command("migrate", interactive=False, verbosity=0)
    workspace = Workspace.objects.create(name="Group session benchmark")
    session, token = create_session(
        workspace,
        scenario=SCENARIO,
        language="en",
        expires=timezone.now() + timedelta(hours=2),
    )
    scenario = builtin_scenario(SCENARIO)
    return {
        "token": token,
        "session": session.pk,
        "cells": [[party.id, factor] for factor in scenario.factors for party in scenario.parties],
        "differences": [difference_value(key) for key in possible_differences(scenario)],
        "moves": [option.key for option in scenario.reference.first_move.options],
    }


def make_answers(seeded: Seeded, rng: random.Random) -> dict[str, Any]:
    return {
        "scores": {f"{p}-{f}": 1 + rng.randint(0, 12) / 2 for p, f in seeded.cells},
        "blocking": sorted(rng.sample(seeded.differences, k=min(3, len(seeded.differences)))),
        "first_move": rng.choice(seeded.moves),
    }


def form_body(csrf: str, answers: dict[str, Any]) -> list[tuple[str, str]]:
    body = [("csrfmiddlewaretoken", csrf)]
    body += [(f"score-{cell}", f"{value:g}") for cell, value in answers["scores"].items()]
    body += [("blocking", value) for value in answers["blocking"]]
    body.append(("first_move", answers["first_move"]))
    return body


class Phone(Respondent):
    """A participant's browser: the respondent client with list bodies."""

    def _post_raw(self, path: str, encoded: str) -> Any:
        import http.client
        import http.cookies

        from benchmarks.respondents_client import HOST, TIMEOUT_SECONDS, Reply

        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items())),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        started = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request("POST", path, body=encoded.encode("utf-8"), headers=headers)
            response = connection.getresponse()
            self.last_body = response.read().decode("utf-8", errors="replace")
            seconds = time.perf_counter() - started
        except (OSError, http.client.HTTPException) as error:
            return Reply(0, "", time.perf_counter() - started, f"{type(error).__name__}: {error}")
        finally:
            connection.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return Reply(response.status, response.getheader("Location") or "", seconds)


def one_participant(
    port: int, seeded: Seeded, nickname: str, rng: random.Random, run: Run, lock: threading.Lock
) -> None:
    import urllib.parse

    phone = Phone(port, seeded.token)
    answers = make_answers(seeded, rng)

    def csrf() -> str:
        found = CSRF_FIELD.search(phone.last_body)
        return found.group(1) if found else ""

    steps = [
        ("open link", lambda: phone.request("GET", f"/g/{seeded.token}")),
        ("nickname form", lambda: phone.request("GET", "/group/")),
        (
            "join",
            lambda: phone._post_raw(
                "/group/join",
                urllib.parse.urlencode([("csrfmiddlewaretoken", csrf()), ("nickname", nickname)]),
            ),
        ),
        ("questions", lambda: phone.request("GET", "/group/")),
        (
            "submit",
            lambda: phone._post_raw(
                "/group/answer", urllib.parse.urlencode(form_body(csrf(), answers))
            ),
        ),
    ]
    for kind, step in steps:
        reply = step()
        ok = reply.status == EXPECTED[kind]
        with lock:
            run.seconds[kind].append(reply.seconds)
            run.replies["ok" if ok else f"{kind}: {reply.status or reply.error}"] += 1
        if not ok:
            return
    with lock:
        run.acknowledged[nickname] = answers


def session_run(database: Database, seeded: Seeded, options: Options, number: int) -> Run:
    run = Run()
    lock = threading.Lock()
    with running(database, free_port(), options.workers) as server:
        for warm in range(options.warm_up):
            one_participant(server.port, seeded, f"warm {warm}", random.Random(warm), Run(), lock)
        gap = options.window / max(1, options.participants)
        started = time.monotonic()
        threads = []
        for index in range(options.participants):
            time.sleep(max(0.0, started + index * gap - time.monotonic()))
            rng = random.Random(options.seed * 7919 + number * 1000 + index)
            thread = threading.Thread(
                target=one_participant,
                args=(server.port, seeded, f"Participant {index + 1}", rng, run, lock),
            )
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()
    verify(database, seeded, run)
    return run


def verify(database: Database, seeded: Seeded, run: Run) -> None:
    """Every acknowledged submission stored, with exactly its scores, flags and move."""
    connection = database.connect()
    try:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT nickname, answers FROM storage_groupparticipant "
            "WHERE session_id = %s AND submitted IS NOT NULL".replace(
                "%s", "?" if database.kind == "sqlite" else "%s"
            ),
            (seeded.session,),
        )
        stored = {
            name: (json.loads(data) if isinstance(data, str) else data)
            for name, data in cursor.fetchall()
        }
    finally:
        connection.close()
    for nickname, sent in run.acknowledged.items():
        found = stored.get(nickname)
        if found is None:
            run.lost += 1
            continue
        scores = {
            f"{party}-{factor}": value
            for party, factors in found["positions"].items()
            for factor, value in factors.items()
        }
        flags = sorted(
            ":".join((d["kind"], d["factor"], *(d.get("parties") or (d["viewer"], d["subject"]))))
            for d in found["blocking"]
        )
        if (
            scores != sent["scores"]
            or flags != sent["blocking"]
            or found["first_move"] != sent["first_move"]
        ):
            run.wrong += 1


def measure(options: Options) -> list[Run]:
    runs = []
    for number in range(options.runs):
        with database_for("sqlite", "") as database:
            runs.append(session_run(database, seed(database), options, number))
    return runs


def table(runs: Sequence[Run]) -> str:
    lines = ["| request | count | p50 | p95 | p99 | max |", "|---|---|---|---|---|---|"]
    for kind in KINDS:
        count = sum(len(r.seconds[kind]) for r in runs)
        cells = [
            f"{statistics.median(r.figure(kind, name) for r in runs) * 1e3:.0f} ms"
            for name in SHARES
        ]
        lines.append(f"| {kind} | {count} | {' | '.join(cells)} |")
    return "\n".join(lines)


def verdict(runs: Sequence[Run], participants: int) -> tuple[bool, str]:
    p99s = [r.figure("submit", "p99") for r in runs]
    p99 = statistics.median(p99s)
    errors = sum(r.errors for r in runs)
    stored = [len(r.acknowledged) for r in runs]
    met = p99 < P99_TARGET_SECONDS and errors == 0 and all(n == participants for n in stored)
    text = (
        f"submission p99 {p99 * 1e3:.0f} ms (median of {len(runs)} runs: "
        f"{', '.join(f'{value * 1e3:.0f}' for value in p99s)} ms; target < "
        f"{P99_TARGET_SECONDS * 1e3:.0f} ms); acknowledged {stored} of {participants}; "
        f"lost {sum(r.lost for r in runs)}; errors {errors}: {'meets' if met else 'MISSES'}"
    )
    return met, text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=Options.participants)
    parser.add_argument("--window", type=float, default=Options.window)
    parser.add_argument("--workers", type=int, default=Options.workers)
    parser.add_argument("--runs", type=int, default=Options.runs)
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seed is not None:
        print(json.dumps(seed_here(args.seed)))
        return 0
    options = Options(
        participants=args.participants, window=args.window, workers=args.workers, runs=args.runs
    )
    print(
        f"{options.runs} sessions of {options.participants} participants within "
        f"{options.window:g} s, {options.workers} workers ...",
        flush=True,
    )
    try:
        runs = measure(options)
    except (ServerError, RuntimeError) as error:
        print(f"cannot run: {error}", file=sys.stderr)
        return 2
    print(table(runs))
    met, text = verdict(runs, options.participants)
    print(text)
    for number, run in enumerate(runs, start=1):
        problems = {k: n for k, n in run.replies.items() if k != "ok"}
        if problems:
            print(f"run {number}: {problems}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
