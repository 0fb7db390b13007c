"""Run the kloof core benchmarks and print median, min, max and verdict of each.

    .venv/bin/python benchmarks/run.py                  # all of them
    .venv/bin/python benchmarks/run.py --only startup   # a group, or one by name
    .venv/bin/python benchmarks/run.py --repeat 9       # runs per benchmark
    .venv/bin/python benchmarks/run.py --imports        # what start-up imports

Exit status 0, also when a target is missed (the machine may just be busy); with
``--check`` 1 when a target is missed; 2 on bad usage or a benchmark that fails.
See benchmarks/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.importtime import import_costs
from benchmarks.suite import DEMO_CASE, BenchmarkError, Result, build_suite, select

RELIABLE_RUNS = 5
TOP_IMPORTS = 12


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        chosen = select(build_suite(), args.only or ())
    except BenchmarkError as error:
        print(f"run.py: error: {error}", file=sys.stderr)
        return 2
    print(machine_line())
    if args.repeat is not None and args.repeat < RELIABLE_RUNS:
        print(f"note: fewer than {RELIABLE_RUNS} runs; the medians are not reliable")
    results = []
    for benchmark in chosen:
        runs = args.repeat or benchmark.runs
        print(f"running {benchmark.name} ({benchmark.summary}), {runs} runs ...", flush=True)
        try:
            results.append(benchmark.run(runs))
        except BenchmarkError as error:
            print(f"run.py: {benchmark.name} failed: {error}", file=sys.stderr)
            return 2
    print()
    print(results_table(results))
    print()
    for result in results:
        for note in result.notes:
            print(f"- {result.name}: {note}")
    if args.imports:
        print()
        print(imports_report())
    missed = [r.name for r in results if r.verdict == "MISSES"]
    return 1 if args.check and missed else 0


def machine_line() -> str:
    """When and where: date, CPUs, CPU model, Python version."""
    cpus = os.cpu_count()
    return (
        f"{datetime.now():%Y-%m-%d %H:%M} · {cpus} CPUs ({cpu_model()}) · "
        f"Python {platform.python_version()} · {platform.system()}"
    )


def cpu_model() -> str:
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def results_table(results: Sequence[Result]) -> str:
    """A Markdown table: readable here, and pasted as is into docs/performance.md."""
    header = ("benchmark", "target", "median", "min", "max", "runs", "verdict")
    rows = [
        (
            r.name,
            f"< {r.shown(r.target)}" if r.target is not None else "-",
            r.shown(r.median),
            r.shown(min(r.samples)),
            r.shown(max(r.samples)),
            str(len(r.samples)),
            r.verdict,
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [_row(header, widths), _row(tuple("-" * w for w in widths), widths)]
    lines += [_row(row, widths) for row in rows]
    return "\n".join(lines)


def imports_report() -> str:
    """The costliest imports of ``kloof analyse DEMO`` and who imports them."""
    lines = [f"costliest imports of `kloof analyse {DEMO_CASE.name}` (cumulative, one run):"]
    for cost in import_costs(["analyse", str(DEMO_CASE)])[:TOP_IMPORTS]:
        by = cost.importer or "the script, or a function at run time"
        lines.append(
            f"  {cost.cumulative_us / 1000:6.1f} ms  (self {cost.self_us / 1000:5.1f} ms)  "
            f"{cost.module}  [by {by}]"
        )
    return "\n".join(lines)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "| " + " | ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)) + " |"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py", description="Benchmarks of the kloof core."
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        metavar="N",
        help="runs per benchmark (default: 21 for analyse-*, 15 for startup-*, 7 for chart-*, "
        "5 for typical-10k, 3 for memory-heavy); quote medians, this machine is noisy",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark, or group (analyse, startup, chart, ...); repeatable",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a median misses its target"
    )
    parser.add_argument(
        "--imports",
        action="store_true",
        help="also show what `kloof analyse` imports at start-up (python -X importtime)",
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
