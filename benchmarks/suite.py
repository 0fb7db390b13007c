"""The benchmarks of the kloof core: what each one measures, how, and its target.

Every measuring function returns raw samples (seconds, or bytes for memory), one
per run; ``Result`` turns them into median, min, max and a verdict. Sizes are
parameters so that ``tests/test_benchmarks_smoke.py`` can run every benchmark once
on a tiny case and this code cannot rot unnoticed.

The garbage collector stays enabled everywhere, as it is in real use.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import os
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import cases
from kloof.domain.analysis import analyse
from kloof.domain.model import Case
from kloof.domain.results import Analysis

REPO = Path(__file__).resolve().parent.parent
DEMO_CASE = REPO / "examples" / "demo-contract-renewal.yaml"
MS = 1e-3
MIB = 1024 * 1024

Chart = Callable[[Analysis, str], str]


class BenchmarkError(Exception):
    """A benchmark could not run (so timing it would be meaningless)."""


@dataclass(frozen=True)
class Unit:
    """How a benchmark's samples are shown: ``value / scale`` followed by ``name``."""

    name: str
    scale: float


SECONDS = Unit("s", 1.0)
MILLISECONDS = Unit("ms", MS)
MEBIBYTES = Unit("MiB", MIB)


@dataclass(frozen=True)
class Result:
    """The samples of one benchmark and what they are judged against."""

    name: str
    samples: tuple[float, ...]
    unit: Unit
    target: float | None  # in the samples' own unit (seconds or bytes); None: report only
    notes: tuple[str, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "report only"
        return "meets" if self.median < self.target else "MISSES"

    def shown(self, value: float | None) -> str:
        if value is None:
            return "-"
        return f"{three_figures(value / self.unit.scale)} {self.unit.name}"


def three_figures(value: float) -> str:
    """``value`` with three significant figures, trailing zeros kept (5.40, 183, 0.413)."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:.{decimals}f}"


@dataclass(frozen=True)
class Benchmark:
    """A named benchmark: ``run(repeat)`` measures ``repeat`` times."""

    name: str
    summary: str
    runs: int  # the default number of runs
    run: Callable[[int], Result] = field(repr=False)


@dataclass(frozen=True)
class Sizes:
    """The sizes the targets name; the smoke test passes tiny ones."""

    raters_per_party: int = 200  # target 1, heavy reading: 3 x 200 raters
    raters_in_all: int = 200  # target 1, light reading: 200 raters over 3 parties
    typical_count: int = 10_000  # target 2
    chart_number: int = 1_000  # charts drawn per timed sample (target 4)


# --- measuring ----------------------------------------------------------------------


def time_analyse(case: Case, repeat: int) -> list[float]:
    """Seconds per ``analyse(case)``, ``repeat`` times, after one warm-up run."""
    analyse(case)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        analyse(case)
        samples.append(time.perf_counter() - start)
    return samples


def time_many(batch: Sequence[Case], repeat: int) -> list[float]:
    """Seconds to analyse every case of ``batch`` one after the other, per run."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for case in batch:
            analyse(case)
        samples.append(time.perf_counter() - start)
    return samples


@contextmanager
def one_core() -> Iterator[int | None]:
    """Pin this process to one CPU (CPU 0 when allowed) and restore it afterwards.
    Yields the CPU, or None where the platform cannot pin (macOS, Windows)."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    allowed = os.sched_getaffinity(0)
    core = 0 if 0 in allowed else min(allowed)
    os.sched_setaffinity(0, {core})
    try:
        yield core
    finally:
        os.sched_setaffinity(0, allowed)


def kloof_script() -> Path:
    """The installed ``kloof`` console script beside the running interpreter."""
    script = Path(sys.executable).parent / "kloof"
    if not script.exists():
        raise BenchmarkError(
            f"no console script at {script} — install kloof in this environment "
            "(pip install -e .) and run the benchmarks with its python"
        )
    return script


def time_command(args: Sequence[str], repeat: int) -> list[float]:
    """Seconds from start to exit of ``kloof ARGS`` as a new process, per run.
    A run that fails raises ``BenchmarkError``: timing an error would mislead."""
    command = [str(kloof_script()), *args]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples.append(time.perf_counter() - start)
        if done.returncode != 0:
            problem = done.stderr.decode(errors="replace").strip()
            raise BenchmarkError(f"{' '.join(command)} exited {done.returncode}: {problem}")
    return samples


def time_chart(
    chart: Chart, analysis: Analysis, language: str, repeat: int, number: int
) -> list[float]:
    """Seconds per chart: ``repeat`` samples of ``number`` charts each (timeit)."""
    chart(analysis, language)
    timer = timeit.Timer(lambda: chart(analysis, language), setup=gc.enable)
    return [total / number for total in timer.repeat(repeat=repeat, number=number)]


def peak_memory(case: Case) -> int:
    """Bytes allocated at the peak of ``analyse(case)`` beyond what existed before."""
    analyse(case)  # warm-up: first-use allocations are not the analysis'
    gc.collect()
    tracemalloc.start()
    try:
        analyse(case)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def radar_chart_function() -> Chart | None:
    """``kloof.reports.chart_radar.radar_chart`` when it exists."""
    if importlib.util.find_spec("kloof.reports.chart_radar") is None:
        return None
    from kloof.reports import chart_radar

    found: Chart | None = getattr(chart_radar, "radar_chart", None)
    return found


def demo_analysis() -> Analysis:
    """The analysis of the demo case, read the way the CLI reads it."""
    from kloof.services.casework import analyse_file

    return analyse_file(DEMO_CASE)


# --- the suite ----------------------------------------------------------------------


def build_suite(sizes: Sizes = Sizes()) -> list[Benchmark]:
    """The benchmarks in the order they run; cases are built when a benchmark runs."""
    suite = [
        Benchmark(
            "analyse-heavy",
            "target 1, 3 parties x 200 raters each",
            21,
            lambda repeat: _analyse_heavy(sizes, repeat),
        ),
        Benchmark(
            "analyse-light",
            "target 1, 200 raters in all",
            21,
            lambda repeat: _analyse_light(sizes, repeat),
        ),
        Benchmark(
            "memory-heavy",
            "peak memory of analyse-heavy",
            3,
            lambda repeat: _memory_heavy(sizes, repeat),
        ),
        Benchmark(
            "typical-10k",
            "target 2, 10,000 typical cases on one core",
            5,
            lambda repeat: _typical(sizes, repeat),
        ),
        Benchmark(
            "startup-table",
            "target 3, kloof analyse demo (table)",
            15,
            lambda repeat: _startup(repeat, ()),
        ),
        Benchmark(
            "startup-json",
            "target 3, kloof analyse demo --format json",
            15,
            lambda repeat: _startup(repeat, ("--format", "json")),
        ),
        Benchmark(
            "chart-profile",
            "target 4, profile chart of the demo",
            7,
            lambda repeat: _chart(sizes, repeat, "profile"),
        ),
    ]
    if radar_chart_function() is not None:
        suite.append(
            Benchmark(
                "chart-radar",
                "target 4, radar chart of the demo",
                7,
                lambda repeat: _chart(sizes, repeat, "radar"),
            )
        )
    return suite


def select(suite: Sequence[Benchmark], names: Sequence[str]) -> list[Benchmark]:
    """The benchmarks named exactly, or by their group (``startup`` picks both
    ``startup-*``); all of them when ``names`` is empty."""
    if not names:
        return list(suite)
    chosen = [b for b in suite if any(b.name == n or b.name.startswith(f"{n}-") for n in names)]
    unknown = [
        n for n in names if not any(b.name == n or b.name.startswith(f"{n}-") for b in suite)
    ]
    if unknown:
        known = ", ".join(b.name for b in suite)
        raise BenchmarkError(f"unknown benchmark {', '.join(unknown)} — choose from: {known}")
    return chosen


def _analyse_heavy(sizes: Sizes, repeat: int) -> Result:
    case = cases.heavy_case(raters_per_party=sizes.raters_per_party)
    return Result(
        "analyse-heavy",
        tuple(time_analyse(case, repeat)),
        MILLISECONDS,
        20 * MS,
        (_case_note(case),),
    )


def _analyse_light(sizes: Sizes, repeat: int) -> Result:
    case = cases.light_case(raters=sizes.raters_in_all)
    return Result(
        "analyse-light",
        tuple(time_analyse(case, repeat)),
        MILLISECONDS,
        20 * MS,
        (_case_note(case),),
    )


def _memory_heavy(sizes: Sizes, repeat: int) -> Result:
    case = cases.heavy_case(raters_per_party=sizes.raters_per_party)
    samples = tuple(float(peak_memory(case)) for _ in range(repeat))
    note = f"tracemalloc peak above the case itself; {_case_note(case)}"
    return Result("memory-heavy", samples, MEBIBYTES, None, (note,))


def _typical(sizes: Sizes, repeat: int) -> Result:
    batch = cases.typical_cases(sizes.typical_count)
    ratings = sum(len(case.ratings) for case in batch)
    with one_core() as core:
        samples = time_many(batch, repeat)
    pinned = f"pinned to CPU {core}" if core is not None else "not pinned (unsupported here)"
    note = f"{len(batch):,} cases, {ratings:,} ratings in all; {pinned}"
    return Result("typical-10k", tuple(samples), SECONDS, 10.0, (note,))


def _startup(repeat: int, extra: Sequence[str]) -> Result:
    args = ("analyse", str(DEMO_CASE), *extra)
    name = "startup-json" if extra else "startup-table"
    notes = [f"{kloof_script().name} {' '.join(args)} (whole process, start to exit)"]
    return Result(name, tuple(time_command(args, repeat)), MILLISECONDS, 0.35, tuple(notes))


def _chart(sizes: Sizes, repeat: int, kind: str) -> Result:
    chart: Chart | None
    if kind == "radar":
        chart = radar_chart_function()
    else:
        from kloof.reports.chart_profile import profile_chart

        chart = profile_chart
    if chart is None:
        raise BenchmarkError(f"no {kind} chart to time")
    samples = time_chart(chart, demo_analysis(), "en", repeat, sizes.chart_number)
    note = f"demo case, 'en', {sizes.chart_number:,} charts per run, time per chart"
    return Result(f"chart-{kind}", tuple(samples), MILLISECONDS, 1 * MS, (note,))


def _case_note(case: Case) -> str:
    per_party = [sum(1 for r in case.raters if r.party == p.id) for p in case.parties]
    return (
        f"{len(case.parties)} parties, {len(case.raters)} raters "
        f"({'/'.join(map(str, per_party))} per party), {len(case.factors)} factors, "
        f"{len(case.ratings):,} ratings"
    )
