"""How fast the command line starts, side by side with a bare interpreter, and how
fast the largest case loads from YAML and from JSON.

    .venv/bin/python benchmarks/cli_startup.py [--rounds 21] [--check]

Start-up: ``python -c pass`` (the interpreter of kloof's console script),
``kloof analyse examples/demo-contract-renewal.yaml`` and the same with
``--format json`` run in turns, one of each per round, so a burst of other load
hits all three alike. Each is a new process; its wall time (start to exit) and
its CPU time (user + system, steadier on a busy machine) are taken. The targets
are ratios of medians: ``kloof analyse`` at most 6 times a bare start.

Loading: the largest case kloof is built for (3 parties x 200 raters, 16,200
ratings: ``benchmarks/casefile_limits.py`` writes it) as YAML and as JSON, each
read in a new process: ``load_case`` timed inside it (wall and CPU time), and
then the analysis of what was read (CPU time, median of 21), so a reader that
makes the analysis slower shows. Targets: the YAML file loads in under 1 s of
CPU time (what the wall time is on a quiet machine; on a busy one the wall time
shows the queue for the CPUs too), and its analysis takes at most 10 % longer
than the JSON one's.

The children run with a clean ``PYTHONDONTWRITEBYTECODE`` (some shells set it)
after one untimed run each, so Python's compiled modules exist, as they do for
an installed kloof. Prints Markdown tables; ``--check`` exits 1 when a target
is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
STARTUP_RATIO = 6.0
YAML_LOAD_SECONDS = 1.0
ANALYSIS_RATIO = 1.10

_LOAD_CHILD = """
import json, statistics, sys, time
from pathlib import Path
from kloof.domain.analysis import analyse
from kloof.formats.casefile import load_case
started, cpu = time.perf_counter(), time.process_time()
case = load_case(Path(sys.argv[1]))
loaded, loaded_cpu = time.perf_counter() - started, time.process_time() - cpu
analyse(case)
times = []
for _ in range(int(sys.argv[2])):
    cpu = time.process_time()
    analyse(case)
    times.append(time.process_time() - cpu)
print(json.dumps({"load": loaded, "load_cpu": loaded_cpu, "analyse": statistics.median(times),
                  "ratings": len(case.ratings)}))
"""


@dataclass(frozen=True)
class Samples:
    name: str
    command: tuple[str, ...]
    wall: tuple[float, ...]
    cpu: tuple[float, ...]


def child_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: Sequence[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``; a failing run stops the benchmark."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()}")
    return wall, children_cpu() - cpu


def startup(rounds: int) -> list[Samples]:
    kloof = str(Path(sys.executable).with_name("kloof"))
    commands = {
        "python -c pass": (sys.executable, "-c", "pass"),
        "kloof analyse (table)": (kloof, "analyse", str(DEMO)),
        "kloof analyse (json)": (kloof, "analyse", str(DEMO), "--format", "json"),
    }
    environment = child_environment()
    for command in commands.values():  # untimed: writes the compiled modules
        run_timed(command, environment)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            wall, cpu = run_timed(command, environment)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return [
        Samples(name, command, tuple(walls[name]), tuple(cpus[name]))
        for name, command in commands.items()
    ]


def startup_table(samples: list[Samples]) -> tuple[list[str], bool]:
    bare = samples[0]
    lines = [
        "| command | wall median | wall min | × bare (wall) | CPU median | × bare (CPU) | target |",
        "|---|---|---|---|---|---|---|",
    ]
    met = True
    for item in samples:
        wall_ratio = statistics.median(item.wall) / statistics.median(bare.wall)
        cpu_ratio = statistics.median(item.cpu) / statistics.median(bare.cpu)
        if item is bare:
            verdict = "-"
        else:
            ok = wall_ratio <= STARTUP_RATIO
            met = met and ok
            verdict = f"≤ {STARTUP_RATIO:g}× {'meets' if ok else 'MISSES'}"
        lines.append(
            f"| {item.name} | {ms(statistics.median(item.wall))} | {ms(min(item.wall))} "
            f"| {wall_ratio:.1f} | {ms(statistics.median(item.cpu))} | {cpu_ratio:.1f} "
            f"| {verdict} |"
        )
    return lines, met


def loading(runs: int, raters: int) -> tuple[list[str], bool]:
    from benchmarks.casefile_limits import demo_data, largest, write_case

    lines = [
        "| file | size | ratings | load (wall) | load (CPU) | load min (CPU) | analysis (CPU)"
        " | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    figures: dict[str, tuple[float, float]] = {}
    environment = child_environment()
    with tempfile.TemporaryDirectory() as folder:
        data = largest(demo_data(), raters=raters)
        for kind in ("yaml", "json"):
            path = write_case(data, Path(folder) / f"largest.{kind}")
            results = [load_once(path, environment) for _ in range(runs)]
            load = [result["load_cpu"] for result in results]
            wall = statistics.median(result["load"] for result in results)
            analysis = statistics.median(result["analyse"] for result in results)
            figures[kind] = (statistics.median(load), analysis)
            target = (
                f"load < {YAML_LOAD_SECONDS:g} s"
                if kind == "yaml"
                else f"YAML's analysis ≤ {ANALYSIS_RATIO:.2f}× this"
            )
            lines.append(
                f"| largest.{kind} | {path.stat().st_size / 1024 / 1024:.1f} MB "
                f"| {int(results[0]['ratings']):,} | {seconds(wall)} "
                f"| {seconds(statistics.median(load))} | {seconds(min(load))} | {ms(analysis)} "
                f"| {target} |"
            )
    yaml_load, yaml_analysis = figures["yaml"]
    analysis_ratio = yaml_analysis / figures["json"][1]
    met = yaml_load < YAML_LOAD_SECONDS and analysis_ratio <= ANALYSIS_RATIO
    lines.append("")
    load_verdict = "meets" if yaml_load < YAML_LOAD_SECONDS else "MISSES"
    analysis_verdict = "meets" if analysis_ratio <= ANALYSIS_RATIO else "MISSES"
    lines.append(
        f"YAML load {seconds(yaml_load)} CPU ({load_verdict} < {YAML_LOAD_SECONDS:g} s); "
        f"analysis after YAML / after JSON: {analysis_ratio:.2f} "
        f"({analysis_verdict} ≤ {ANALYSIS_RATIO:.2f})"
    )
    return lines, met


def load_once(path: Path, environment: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_CHILD, str(path), "21"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21, help="start-up rounds (default 21)")
    parser.add_argument("--loads", type=int, default=5, help="loads per file (default 5)")
    parser.add_argument(
        "--raters", type=int, default=200, help="raters per party of the largest case"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average at the start: {load_average:.2f}; {os.cpu_count()} CPUs\n")
    lines, startup_met = startup_table(startup(args.rounds))
    print("\n".join(lines))
    print(f"\n{args.rounds} rounds; ratios are of medians against `python -c pass`.\n")
    lines, loading_met = loading(args.loads, args.raters)
    print("\n".join(lines))
    return 1 if args.check and not (startup_met and loading_met) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
