"""Run the kloof web benchmarks against a real server and print the figures.

    .venv/bin/python benchmarks/web.py                 # all: about 3 minutes
    .venv/bin/python benchmarks/web.py --only demo     # dashboard, demo or rating
    .venv/bin/python benchmarks/web.py --check         # exit 1 when a target is missed

Needs ``wrk`` for the dashboard (``apt-get install -y wrk``). Exit status 0, also
when a target is missed (the machine may just be busy); with ``--check`` 1 when a
target is missed; 2 on bad usage or when a benchmark cannot run. See
benchmarks/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import machine_line
from benchmarks.suite import three_figures
from benchmarks.web_dashboard import Load, Round, measure_rounds, pages_of
from benchmarks.web_demo import time_demo_starts
from benchmarks.web_load import LoadError, wrk
from benchmarks.web_rating import time_saves
from benchmarks.web_seed import Seeded, seed_data_dir
from benchmarks.web_server import ServerError, Session, log_in, serving

GROUPS = ("dashboard", "demo", "rating")
WORKERS = 2
DASHBOARD_MS = 30.0
SHARE = 0.25
DEMO_SECONDS = 5.0
SAVE_MS = 50.0


@dataclass(frozen=True)
class Unit:
    name: str
    scale: float  # a sample divided by this is shown


MS = Unit("ms", 1e-3)
SECONDS = Unit("s", 1.0)
PER_SECOND = Unit("req/s", 1.0)
PERCENT = Unit("%", 0.01)


@dataclass(frozen=True)
class Figure:
    """The samples of one figure and its target: the median must stay below it,
    or, with ``at_least``, reach it."""

    name: str
    samples: tuple[float, ...]
    unit: Unit
    target: float | None = None
    at_least: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "report only"
        met = self.median >= self.target if self.at_least else self.median < self.target
        return "meets" if met else "MISSES"

    @property
    def goal(self) -> str:
        if self.target is None:
            return "-"
        return f"{'≥' if self.at_least else '<'} {self.shown(self.target)}"

    def shown(self, value: float) -> str:
        return f"{three_figures(value / self.unit.scale)} {self.unit.name}"


@dataclass(frozen=True)
class Options:
    """Sizes and durations; the smoke test passes tiny ones."""

    raters: int = 50  # per party of the judged dashboard case
    rounds: int = 3
    load: Load = field(default_factory=Load)
    saves: int = 200
    demo_runs: int = 5


def dashboard_figures(rounds: Sequence[Round], names: Sequence[str]) -> list[Figure]:
    """Server time at concurrency 1, requests/s at 4, and each dashboard's share."""

    def over(value: Callable[[Round], float]) -> tuple[float, ...]:
        return tuple(value(one) for one in rounds)

    all_names = ["healthz", *names]
    figures = [
        Figure(
            f"{name}-c1",
            over(lambda r, name=name: r.single[name].p50),
            MS,
            None if name == "healthz" else DASHBOARD_MS * 1e-3,
        )
        for name in all_names
    ]
    figures += [
        Figure(f"{name}-c4", over(lambda r, name=name: r.busy[name].per_second), PER_SECOND)
        for name in all_names
    ]
    figures += [
        Figure(f"{name}-share", over(lambda r, name=name: r.share(name)), PERCENT, SHARE, True)
        for name in names
    ]
    return figures


def dashboard_notes(rounds: Sequence[Round], names: Sequence[str]) -> list[str]:
    notes = []
    for name in ["healthz", *names]:
        p90 = statistics.median(one.single[name].p90 for one in rounds)
        p99 = statistics.median(one.single[name].p99 for one in rounds)
        requests = sum(one.single[name].requests + one.busy[name].requests for one in rounds)
        notes.append(
            f"{name}: at concurrency 1, p90 {p90 * 1e3:.1f} ms and p99 {p99 * 1e3:.1f} ms "
            f"(medians over the rounds); {requests} requests in all, every answer a 200"
        )
    return notes


def run_server_benchmarks(
    seeded: Seeded, options: Options, groups: Sequence[str]
) -> tuple[list[Figure], list[str]]:
    """The dashboard and rating benchmarks on one ``kloof serve`` of ``seeded``."""
    figures: list[Figure] = []
    notes: list[str] = []
    heavy, light = seeded.cases
    with serving(seeded.data_dir, workers=WORKERS) as port:
        session = log_in(port, seeded.email, seeded.password)
        if "dashboard" in groups:
            dashboards = [("dashboard", heavy.path), ("dashboard-light", light.path)]
            names = [name for name, _path in dashboards]
            rounds = measure_rounds(session, pages_of(dashboards), options.rounds, options.load)
            figures += dashboard_figures(rounds, names)
            notes += dashboard_notes(rounds, names)
            notes.append(_case_note("dashboard", heavy.raters, heavy.ratings))
            notes.append(_case_note("dashboard-light", light.raters, light.ratings))
        if "rating" in groups:  # after the dashboard: its saves change the case
            figures.append(_rating_figure(session, heavy.path, options.saves))
            notes.append(_rating_note(figures[-1], heavy.raters))
    return figures, notes


def _rating_figure(session: Session, path: str, saves: int) -> Figure:
    return Figure("rating-save", tuple(time_saves(session, path, saves)), MS, SAVE_MS * 1e-3)


def _rating_note(figure: Figure, raters: tuple[int, ...]) -> str:
    p95 = statistics.quantiles(figure.samples, n=20)[-1] if len(figure.samples) > 1 else 0.0
    return (
        f"rating-save: {len(figure.samples)} saves one after the other on the "
        f"{' + '.join(map(str, raters))} raters case, p95 {p95 * 1e3:.1f} ms"
    )


def _case_note(name: str, raters: tuple[int, ...], ratings: int) -> str:
    return (
        f"{name}: 2 parties × 9 factors, {' + '.join(map(str, raters))} raters, "
        f"{ratings} ratings (every rater rates both parties)"
    )


def measure(options: Options, groups: Sequence[str], work: Path) -> tuple[list[Figure], list[str]]:
    figures: list[Figure] = []
    notes: list[str] = []
    if "dashboard" in groups or "rating" in groups:
        light = (options.raters - options.raters // 2, max(1, options.raters // 2))
        seeded = seed_data_dir(work / "data", [(options.raters, options.raters), light])
        figures, notes = run_server_benchmarks(seeded, options, groups)
    if "demo" in groups:
        starts = time_demo_starts(work, options.demo_runs)
        figures.append(Figure("demo-start", tuple(starts), SECONDS, DEMO_SECONDS))
    return figures, notes


def results_table(figures: Sequence[Figure]) -> str:
    """A Markdown table, pasted as is into docs/performance.md."""
    header = ("benchmark", "target", "median", "min", "max", "runs", "verdict")
    rows = [
        (
            f.name,
            f.goal,
            f.shown(f.median),
            f.shown(min(f.samples)),
            f.shown(max(f.samples)),
            str(len(f.samples)),
            f.verdict,
        )
        for f in figures
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options = Options(
        raters=args.raters,
        rounds=args.rounds,
        load=Load(
            single_seconds=args.single_seconds,
            busy_seconds=args.busy_seconds,
            warm_up_seconds=args.warm_up_seconds,
        ),
        saves=args.saves,
        demo_runs=args.demo_runs,
    )
    groups = tuple(args.only or GROUPS)
    try:
        if "dashboard" in groups:
            wrk()  # fail now, with how to install it, not after seeding
    except LoadError as error:
        print(f"web.py: error: {error}", file=sys.stderr)
        return 2
    print(f"{machine_line()} · load average {os.getloadavg()[0]:.2f} · {WORKERS} workers")
    print(f"running {', '.join(groups)} ...", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="kloof-web-bench-") as work:
            figures, notes = measure(options, groups, Path(work))
    except (LoadError, ServerError, RuntimeError) as error:
        print(f"web.py: a benchmark failed: {error}", file=sys.stderr)
        return 2
    print()
    print(results_table(figures))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"- load average after the run: {os.getloadavg()[0]:.2f}")
    missed = [f.name for f in figures if f.verdict == "MISSES"]
    return 1 if args.check and missed else 0


def _parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="benchmarks/web.py", description="Benchmarks of kloof web, on a real server."
    )
    parser.add_argument(
        "--only", action="append", choices=GROUPS, help="run only this group; repeatable"
    )
    parser.add_argument(
        "--rounds",
        type=_positive,
        default=defaults.rounds,
        metavar="N",
        help=f"dashboard rounds (default {defaults.rounds})",
    )
    parser.add_argument(
        "--single-seconds",
        type=_positive,
        default=defaults.load.single_seconds,
        metavar="S",
        help="seconds per page at concurrency 1 (default 5)",
    )
    parser.add_argument(
        "--busy-seconds",
        type=_positive,
        default=defaults.load.busy_seconds,
        metavar="S",
        help="seconds per page at concurrency 4 (default 10)",
    )
    parser.add_argument(
        "--warm-up-seconds",
        type=int,
        choices=range(0, 61),
        default=defaults.load.warm_up_seconds,
        metavar="S",
        help="untimed seconds of load per page before the rounds (default 2; 0: none)",
    )
    parser.add_argument(
        "--saves",
        type=_positive,
        default=defaults.saves,
        metavar="N",
        help=f"timed rating saves (default {defaults.saves})",
    )
    parser.add_argument(
        "--demo-runs",
        type=_positive,
        default=defaults.demo_runs,
        metavar="N",
        help=f"starts of kloof demo (default {defaults.demo_runs})",
    )
    parser.add_argument(
        "--raters",
        type=_positive,
        default=defaults.raters,
        metavar="N",
        help="raters per party of the dashboard case (default 50; the light case has N in all)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a median misses its target"
    )
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text}")
    return value


if __name__ == "__main__":
    sys.exit(main())
