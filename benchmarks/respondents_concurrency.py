"""Concurrency: many respondents submitting at once, some submissions sent twice at
the same moment; afterwards nothing lost, nothing duplicated, no errors.

    .venv/bin/python benchmarks/respondents_concurrency.py --database sqlite
    .venv/bin/python benchmarks/respondents_concurrency.py --database postgresql
    .venv/bin/python benchmarks/respondents_concurrency.py --database postgresql --control

50 respondents (links on the demo case: half of the own party, half of the
counterparty, each rating both parties) submit full questionnaires for 60 s, each
submission with new answers. Every link's first submission and 20 % of the rest
are sent twice at the same moment, on two connections of the same session. At the
end the database must hold, for every link that was acknowledged (303 to
/respond/done), exactly its last acknowledged answers: one Submission, one rater,
one rating per question. Exit status 0 when all counts are 0, 1 when not, 2 when
the run could not be made. ``--control`` drops the guard's unique constraint
first (``--control all`` also its two backups) and reports what that lets through.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.respondents_client import (
    Answers,
    FlowError,
    Reply,
    Respondent,
    is_done,
    make_answers,
    percentile,
)
from benchmarks.respondents_common import DATABASES, database_for, errors_in, kind_of, running
from benchmarks.respondents_seed import BACKUPS, GUARD, Database, Link, Seeded, seed
from benchmarks.respondents_state import Verdict, read_state, verify_last
from benchmarks.web_server import ServerError, free_port

CONTROLS = {"submission": (GUARD,), "all": (GUARD, *BACKUPS)}


@dataclass(frozen=True)
class Options:
    respondents: int = 50
    seconds: float = 60.0
    double_share: float = 0.2
    workers: int = 4
    pause: float = 0.05  # at most this long between a respondent's submissions
    control: str | None = None
    seed: int = 4


@dataclass
class Tally:
    """What one respondent's thread saw; merged at the end."""

    replies: Counter[str] = field(default_factory=Counter)
    submissions: int = 0  # questionnaires submitted (a double counts once)
    doubles: int = 0
    seconds: list[float] = field(default_factory=list)
    acknowledged: Answers | None = None
    problems: list[str] = field(default_factory=list)

    def add(self, reply: Reply) -> None:
        self.replies[kind_of(reply)] += 1
        self.seconds.append(reply.seconds)
        if reply.error and len(self.problems) < 3:
            self.problems.append(reply.error)


@dataclass(frozen=True)
class Result:
    database: str
    control: str | None
    seconds: float
    replies: Counter[str]
    submissions: int
    doubles: int
    verdict: Verdict
    p50: float
    p99: float
    problems: tuple[str, ...]

    @property
    def errors(self) -> int:
        return errors_in(self.replies)

    @property
    def healthy(self) -> bool:
        return (
            self.errors == 0
            and self.replies["503"] == 0
            and self.verdict.lost == 0
            and self.verdict.duplicated == 0
            and self.verdict.unacknowledged == 0
        )


def questions_of(seeded: Seeded, link: Link) -> list[tuple[str, str]]:
    return [(s.key, factor) for s in link.subjects for factor in seeded.factors]


def fire_twice(respondent: Respondent, answers: Answers) -> list[Reply]:
    """The same submission on two connections of one session, released together."""
    twin = respondent.twin()
    barrier = threading.Barrier(2)
    theirs: list[Reply] = []

    def other() -> None:
        barrier.wait()
        theirs.append(twin.post("submit", answers))

    thread = threading.Thread(target=other)
    thread.start()
    barrier.wait()
    mine = respondent.post("submit", answers)
    thread.join()
    return [mine, *theirs]


def respond(
    port: int, seeded: Seeded, link: Link, options: Options, deadline: float, tally: Tally
) -> None:
    """One respondent until ``deadline``: submit, change the answers, submit again."""
    rng = random.Random(options.seed * 100_003 + link.id)
    respondent = Respondent(port, link.token)
    try:
        respondent.start()
        tally.replies["ok"] += 2  # the link's 302 and the form's 200
    except FlowError as error:
        tally.replies["flow"] += 1
        tally.problems.append(str(error))
        return
    questions = questions_of(seeded, link)
    version = 0
    while version == 0 or time.monotonic() < deadline:  # each submits at least once
        version += 1
        answers = make_answers(questions, seeded.scale, version, rng)
        double = version == 1 or rng.random() < options.double_share
        replies = (
            fire_twice(respondent, answers) if double else [respondent.post("submit", answers)]
        )
        tally.submissions += 1
        tally.doubles += double
        for reply in replies:
            tally.add(reply)
        if any(is_done(reply) for reply in replies):
            tally.acknowledged = answers
        time.sleep(rng.uniform(0, options.pause))


def run(database: Database, options: Options) -> Result:
    """Seed, serve, let the respondents loose, stop the server, check the database."""
    drop = CONTROLS[options.control] if options.control else ()
    seeded = seed(database, options.respondents, drop)
    tallies = {link.id: Tally() for link in seeded.links}
    with running(database, free_port(), options.workers) as server:
        started = time.monotonic()
        deadline = started + options.seconds
        threads = [
            threading.Thread(
                target=respond,
                args=(server.port, seeded, link, options, deadline, tallies[link.id]),
            )
            for link in seeded.links
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    connection = database.connect()
    try:
        state = read_state(connection)
    finally:
        connection.close()
    acknowledged = {i: t.acknowledged for i, t in tallies.items() if t.acknowledged is not None}
    replies: Counter[str] = Counter()
    for tally in tallies.values():
        replies.update(tally.replies)
    seconds = [s for t in tallies.values() for s in t.seconds]
    return Result(
        database=database.kind,
        control=options.control,
        seconds=elapsed,
        replies=replies,
        submissions=sum(t.submissions for t in tallies.values()),
        doubles=sum(t.doubles for t in tallies.values()),
        verdict=verify_last(state, acknowledged),
        p50=percentile(seconds, 0.5),
        p99=percentile(seconds, 0.99),
        problems=tuple(p for t in tallies.values() for p in t.problems)[:5],
    )


def report(result: Result) -> str:
    v = result.verdict
    control = f" · CONTROL: guard off ({result.control})" if result.control else ""
    lines = [
        f"concurrency on {result.database}{control}: {result.seconds:.1f} s",
        f"  submissions: {result.submissions} ({result.doubles} sent twice at once), "
        f"answers: {dict(sorted(result.replies.items()))}",
        f"  request time: p50 {result.p50 * 1e3:.0f} ms, p99 {result.p99 * 1e3:.0f} ms",
        f"  links acknowledged: {v.links}; lost: {v.lost}; duplicated: {v.duplicated} "
        f"(submissions {v.duplicate_submissions}, ratings {v.duplicate_ratings}, "
        f"raters {v.duplicate_raters}); stored unacknowledged: {v.unacknowledged}",
        f"  errors: {result.errors}; 503: {result.replies['503']}",
    ]
    if v.lost_links:
        lines.append(f"  lost links: {list(v.lost_links)[:20]}")
    lines += [f"  problem: {problem}" for problem in result.problems]
    lines.append(f"  verdict: {'PASS' if result.healthy else 'FAIL'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options = Options(
        respondents=args.respondents,
        seconds=args.seconds,
        double_share=args.double_share,
        workers=args.workers,
        control=args.control,
    )
    print(f"running {options.respondents} respondents for {options.seconds:g} s ...", flush=True)
    try:
        with database_for(args.database, args.postgres_name, args.postgres_server) as database:
            result = run(database, options)
    except (ServerError, RuntimeError, FlowError) as error:
        print(f"respondents_concurrency.py: the run failed: {error}", file=sys.stderr)
        return 2
    print(report(result))
    if options.control:
        return 0  # a control run shows what gets through; it does not pass or fail
    return 0 if result.healthy else 1


def _parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="benchmarks/respondents_concurrency.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--respondents", type=int, default=defaults.respondents)
    parser.add_argument("--seconds", type=float, default=defaults.seconds)
    parser.add_argument("--double-share", type=float, default=defaults.double_share)
    parser.add_argument("--workers", type=int, default=defaults.workers, help="gunicorn workers")
    parser.add_argument(
        "--control",
        nargs="?",
        const="submission",
        choices=sorted(CONTROLS),
        help=f"drop {GUARD} first (all: also {', '.join(BACKUPS)})",
    )
    parser.add_argument("--postgres-name", default="krel_bench_concurrency")
    parser.add_argument("--postgres-server", default="postgresql://postgres@127.0.0.1:5432")
    return parser


if __name__ == "__main__":
    sys.exit(main())
