"""Crash: the server killed with SIGKILL at random moments during submissions, again
and again; after every restart each acknowledged submission is there, exactly,
nothing is half-written and SQLite's integrity check says ok.

    .venv/bin/python benchmarks/respondents_crash.py            # 100 kills, SQLite file

Respondents (10 links on the demo case) submit full questionnaires without
pause, each with new answers. The whole ``kloof serve`` process group (gunicorn
master and workers) gets SIGKILL after a random 0.2–1.5 s of that, and is
started again; meanwhile the respondents wait. The first kill comes only once
every respondent has had a submission acknowledged, however long that takes on
a busy machine, so every restart checks every link. After every restart, before they
go on, the database is checked:

- ``PRAGMA integrity_check`` is ``ok``;
- every link holds the answers of its last acknowledged submission (303 to
  /respond/done), or of a later one that was in flight at the kill (its
  transaction may have committed just before the kill; nobody was told), never
  an older one, and never one answered 503;
- none is half-written: a link with a Submission has one rating per question,
  all of one submission; a link without one has no ratings.

Exit status 0 when every check passed, 1 when one failed, 2 when the run could
not be made.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.respondents_client import Answers, FlowError, Respondent, is_done, make_answers
from benchmarks.respondents_common import Server, database_for, kind_of
from benchmarks.respondents_seed import Database, Link, Seeded, seed
from benchmarks.respondents_state import Stored, integrity, read_state
from benchmarks.web_server import ServerError, free_port

VERSION = re.compile(r"^v(\d+) ")
RETRY_PAUSE_SECONDS = 0.02
#: How long to wait for every respondent's first acknowledged submission before
#: calling the server stuck: a bound for a runaway, not a speed limit.
FIRST_ACKNOWLEDGEMENT_LIMIT_SECONDS = 120


@dataclass(frozen=True)
class Options:
    kills: int = 100
    respondents: int = 10
    workers: int = 2
    shortest: float = 0.2  # seconds of submissions before a kill, at least
    longest: float = 1.5  # and at most
    seed: int = 11


@dataclass
class Track:
    """One respondent's submissions: each version's answers and what came back."""

    link: Link
    answers: dict[int, Answers] = field(default_factory=dict)
    outcome: dict[int, str] = field(default_factory=dict)  # kind_of the reply
    floor: int = 0  # no version older than this may be stored any more
    busy: bool = False

    def last_acknowledged(self) -> int:
        return max((v for v, kind in self.outcome.items() if kind == "done"), default=0)

    def allowed(self) -> set[int]:
        """The versions the database may hold now: the last acknowledged one, or a
        later one whose answer never came (in flight at the kill)."""
        low = max(self.floor, self.last_acknowledged())
        return {
            v
            for v, kind in self.outcome.items()
            if v >= low and kind in ("done", "connection", "pending")
        }


@dataclass
class Tally:
    kills: int = 0
    acknowledged: int = 0
    checks: int = 0  # (restart, link) checks of a link with an acknowledged submission
    exact: int = 0  # of those, holding exactly the last acknowledged answers
    later: int = 0  # of those, holding a later submission that was in flight
    interrupted: int = 0  # submissions cut off by a kill (no answer came)
    refused: int = 0  # answered, but not acknowledged (503, a lost session): should be 0
    failures: list[str] = field(default_factory=list)
    restart_seconds: list[float] = field(default_factory=list)


class Respondents:
    """The respondents' threads, paused and resumed around every kill."""

    def __init__(self, port: int, seeded: Seeded, options: Options) -> None:
        self.port, self.seeded, self.options = port, seeded, options
        self.tracks = [Track(link) for link in seeded.links]
        self.go = threading.Event()
        self.finished = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(t,)) for t in self.tracks]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def pause(self) -> None:
        """Stop sending, and wait until no request is in flight."""
        self.go.clear()
        while any(track.busy for track in self.tracks):
            time.sleep(RETRY_PAUSE_SECONDS)

    def wait_until_everyone_acknowledged(self) -> None:
        """Until every respondent has had a submission acknowledged (at once after
        the first time: an acknowledgement stays)."""
        deadline = time.monotonic() + FIRST_ACKNOWLEDGEMENT_LIMIT_SECONDS
        while any(track.last_acknowledged() == 0 for track in self.tracks):
            if time.monotonic() > deadline:
                raise ServerError(
                    f"not every respondent had a submission acknowledged within "
                    f"{FIRST_ACKNOWLEDGEMENT_LIMIT_SECONDS} s"
                )
            time.sleep(RETRY_PAUSE_SECONDS)

    def end(self) -> None:
        self.finished.set()
        self.go.set()
        for thread in self.threads:
            thread.join()

    def _run(self, track: Track) -> None:
        rng = random.Random(self.options.seed * 1009 + track.link.id)
        questions = [(s.key, f) for s in track.link.subjects for f in self.seeded.factors]
        respondent: Respondent | None = None
        version = 0
        while True:
            self.go.wait()
            if self.finished.is_set():
                return
            track.busy = True
            if not self.go.is_set():  # paused between the wait and now
                track.busy = False
                continue
            try:
                if respondent is None:
                    respondent = Respondent(self.port, track.link.token)
                    respondent.start()
                version += 1
                answers = make_answers(questions, self.seeded.scale, version, rng)
                track.answers[version] = answers
                track.outcome[version] = "pending"
                reply = respondent.post("submit", answers)
                track.outcome[version] = kind_of(reply)
                if reply.status == 0:
                    time.sleep(RETRY_PAUSE_SECONDS)
                elif not is_done(reply):
                    respondent = None  # a lost session: open the link again
            except FlowError:
                respondent = None  # the server is down; try again when it is back
                time.sleep(RETRY_PAUSE_SECONDS)
            finally:
                track.busy = False


def version_of(stored: Stored) -> set[int]:
    """The submission versions the link's ratings come from (one, if whole)."""
    found = set()
    for _question, answer in stored.ratings:
        match = VERSION.match(answer.note or "")
        found.add(int(match.group(1)) if match else -1)
    return found


def check(database: Database, tracks: Sequence[Track], questions: int, tally: Tally) -> None:
    """The checks after a restart (the respondents paused)."""
    connection = database.connect()
    try:
        verdict = integrity(connection)
        state = read_state(connection)
    finally:
        connection.close()
    if verdict != "ok":
        tally.failures.append(f"kill {tally.kills}: integrity_check: {verdict}")
    for track in tracks:
        problem = _check_link(track, state.get(track.link.id, Stored()), questions, tally)
        if problem:
            tally.failures.append(f"kill {tally.kills}, link {track.link.id}: {problem}")


def _check_link(track: Track, stored: Stored, questions: int, tally: Tally) -> str:
    problem = _compare(track, stored, questions, tally)
    # An answer that never came, for a submission not stored now, never will be:
    # the process that had it is gone.
    for v, kind in track.outcome.items():
        if kind in ("connection", "pending") and v > track.floor:
            track.outcome[v] = "not stored"
    return problem


def _compare(track: Track, stored: Stored, questions: int, tally: Tally) -> str:
    acknowledged = track.last_acknowledged()
    if stored.submissions == 0:
        if stored.ratings or stored.raters:
            return f"{len(stored.ratings)} ratings without a submission (half-written)"
        return f"version {acknowledged} was acknowledged and is gone" if acknowledged else ""
    versions = version_of(stored)
    if stored.submissions != 1 or len(stored.ratings) != questions or len(versions) != 1:
        return (
            f"half-written or doubled: {stored.submissions} submissions, "
            f"{len(stored.ratings)} ratings of versions {sorted(versions)}"
        )
    [version] = versions
    if version not in track.allowed():
        return (
            f"holds version {version} ({track.outcome.get(version)}); "
            f"last acknowledged {acknowledged}, allowed {sorted(track.allowed())}"
        )
    if stored.answers() != track.answers[version]:
        return f"version {version} is stored with other answers than were sent"
    track.floor = version
    if acknowledged:
        tally.checks += 1
        tally.exact += version == acknowledged
        tally.later += version > acknowledged
    return ""


def run(database: Database, options: Options) -> Tally:
    seeded = seed(database, options.respondents)
    questions = len(seeded.links[0].subjects) * len(seeded.factors)
    rng = random.Random(options.seed)
    server = Server(database, free_port(), options.workers)
    respondents = Respondents(server.port, seeded, options)
    tally = Tally()
    respondents.start()
    try:
        for _kill in range(options.kills + 1):
            started = time.monotonic()
            server.start()
            tally.restart_seconds.append(time.monotonic() - started)
            check(database, respondents.tracks, questions, tally)
            if tally.kills == options.kills:
                break
            respondents.go.set()
            time.sleep(rng.uniform(options.shortest, options.longest))
            respondents.wait_until_everyone_acknowledged()
            server.kill()
            tally.kills += 1
            respondents.pause()
    finally:
        server.stop()
        respondents.end()
    outcomes = [kind for t in respondents.tracks for kind in t.outcome.values()]
    tally.acknowledged = outcomes.count("done")
    tally.interrupted = sum(kind in ("connection", "not stored") for kind in outcomes)
    tally.refused = len(outcomes) - tally.acknowledged - tally.interrupted
    return tally


def report(tally: Tally, seconds: float) -> str:
    restart = sorted(tally.restart_seconds)
    sound = not any("integrity" in failure for failure in tally.failures)
    lines = [
        f"crash on sqlite: {tally.kills} kills (SIGKILL to the server's process group) "
        f"in {seconds:.0f} s",
        f"  submissions acknowledged: {tally.acknowledged}; cut off by a kill (no answer): "
        f"{tally.interrupted}; answered otherwise (503, 4xx): {tally.refused}",
        f"  checks after restarts of a link with an acknowledged submission: {tally.checks}, "
        f"holding the last acknowledged answers: {tally.exact}, a later one that was in "
        f"flight at the kill: {tally.later}",
        f"  restart to /healthz: median {restart[len(restart) // 2]:.2f} s, "
        f"max {restart[-1]:.2f} s",
        f"  integrity_check ok after every restart: {sound}",
        f"  failures: {len(tally.failures)}",
    ]
    lines += [f"  FAIL: {failure}" for failure in tally.failures[:20]]
    lines.append(f"  verdict: {'PASS' if not tally.failures else 'FAIL'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options = Options(kills=args.kills, respondents=args.respondents, workers=args.workers)
    print(f"killing the server {options.kills} times ...", flush=True)
    started = time.monotonic()
    try:
        with database_for("sqlite", "") as database:
            tally = run(database, options)
    except (ServerError, RuntimeError) as error:
        print(f"respondents_crash.py: the run failed: {error}", file=sys.stderr)
        return 2
    print(report(tally, time.monotonic() - started))
    return 0 if not tally.failures else 1


def _parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="benchmarks/respondents_crash.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--kills", type=int, default=defaults.kills)
    parser.add_argument("--respondents", type=int, default=defaults.respondents)
    parser.add_argument("--workers", type=int, default=defaults.workers, help="gunicorn workers")
    return parser


if __name__ == "__main__":
    sys.exit(main())
