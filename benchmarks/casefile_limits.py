"""How long reading a case file takes at kloof's limits, and how fast a file past
them is refused.

    .venv/bin/python benchmarks/casefile_limits.py [--repeat 5] [--check]

Eight files, each read in a new process (``kloof.formats.casefile.parse_case``) so
the peak memory (``VmHWM``) is the reading's own:

- ``largest-yaml`` / ``largest-json``: the largest case kloof is built for (3
  parties × 200 raters, everyone rating every party on the nine factors: 16,200
  ratings, under the 20,000-rating and 400,000-value limits); it must load;
- ``hostile-yaml`` / ``hostile-json``: 100,000 ratings; they must be refused with
  a clear message within 5 s and 256 MB (issue 4's bad-input target);
- ``raters-*`` (55,000 raters) and ``references-*`` (19,000 ratings naming
  raters who are not there): hostile files under the value budget, caught by the
  list limits and the cap on problems gathered; the same target.

Prints a Markdown table of the median, min and max wall time and the peak memory
per file; paste it into docs/performance.md. ``--check`` exits 1 when a file
misses its target: the largest case not loaded, a hostile file not refused, or
refused in more than 5 s (median) or 256 MB (the tests check the outcome and
the memory, never the time).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
REFUSAL_SECONDS = 5.0
PEAK_MB = 256
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"

_CHILD = """
import re, sys
from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError
data = open(sys.argv[1], "rb").read()
try:
    case = parse_case(data, sys.argv[1])
    print(f"loaded {len(case.ratings)} ratings")
except InputError as error:
    print("refused: " + error.problem)
# Not ru_maxrss: Linux carries that over from the parent across exec.
print(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
"""


def demo_data() -> dict[str, Any]:
    from kloof.formats.casefile import case_to_data, load_case

    data: dict[str, Any] = json.loads(json.dumps(case_to_data(load_case(DEMO)), default=str))
    return data


def largest(data: dict[str, Any], raters: int = 200) -> dict[str, Any]:
    """The largest case: 3 parties x ``raters`` raters each, everyone rating every
    party on every factor (16,200 ratings with 200 raters per party)."""
    parties = [*[party["id"] for party in data["parties"]][:2], "third"]
    everyone = [
        {"id": f"r{side}{n}", "name": f"Rater {side}-{n}", "party": party}
        for side, party in enumerate(parties)
        for n in range(raters)
    ]
    factors = sorted({rating["factor"] for rating in data["ratings"]})
    ratings = [
        {"rater": r["id"], "subject": s, "factor": f, "score": 1 + (i % 7), "confidence": "high"}
        for i, (r, s, f) in enumerate((r, s, f) for r in everyone for s in parties for f in factors)
    ]
    parties_data = [*data["parties"][:2], {"id": "third", "name": "Third party"}]
    return {
        **data,
        "parties": parties_data,
        "raters": everyone,
        "ratings": ratings,
        "differences": [],
    }


def hostile(data: dict[str, Any]) -> dict[str, Any]:
    rating = {"rater": "maria", "subject": "halvorsen", "factor": "intention", "score": 5}
    return {**data, "ratings": [{**rating, "note": f"n{i}"} for i in range(100_000)]}


def many_raters(data: dict[str, Any]) -> dict[str, Any]:
    """55,000 raters: under the value budget, over the raters limit."""
    party = data["parties"][0]["id"]
    return {
        **data,
        "raters": [{"id": f"r{i}", "name": f"n{i}", "party": party} for i in range(55_000)],
    }


def unknown_references(data: dict[str, Any]) -> dict[str, Any]:
    """2,000 raters and 19,000 ratings each naming a rater who is not there: every
    one would cost a did-you-mean guess over 2,000 names."""
    party = data["parties"][0]["id"]
    rating = {"subject": "halvorsen", "factor": "intention", "score": 5}
    return {
        **data,
        "raters": [{"id": f"r{i}", "name": f"n{i}", "party": party} for i in range(2_000)],
        "ratings": [{**rating, "rater": f"zz{i}"} for i in range(19_000)],
    }


def write_case(content: dict[str, Any], path: Path) -> Path:
    """``content`` written to ``path`` as JSON or YAML, by its extension."""
    if path.suffix == ".json":
        path.write_text(json.dumps(content), encoding="utf-8")
    else:
        # The C emitter: the pure-Python one takes half a minute for these.
        text = yaml.dump(content, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return path


def write_files(folder: Path) -> dict[str, Path]:
    data = demo_data()
    files = {}
    for name, content in (
        ("largest", largest(data)),
        ("hostile", hostile(data)),
        ("raters", many_raters(data)),
        ("references", unknown_references(data)),
    ):
        files[f"{name}-json"] = write_case(content, folder / f"{name}.json")
        files[f"{name}-yaml"] = write_case(content, folder / f"{name}.yaml")
    return files


def run_once(path: Path) -> tuple[float, str, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, check=True, text=True
    )
    elapsed = time.perf_counter() - started
    outcome, peak_kb = done.stdout.strip().splitlines()
    return elapsed, outcome, int(peak_kb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    print("| file | size | outcome | median | min | max | peak memory | runs | verdict |")
    print("|---|---|---|---|---|---|---|---|---|")
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, path in write_files(Path(folder)).items():
            runs = [run_once(path) for _ in range(args.repeat)]
            times = [run[0] for run in runs]
            peak = max(run[2] for run in runs) / 1024
            size = path.stat().st_size / 1024 / 1024
            verdict = judge(name, runs[0][1], statistics.median(times), peak)
            missed += verdict != "meets"
            print(
                f"| {name} | {size:.1f} MB | {runs[0][1]} | {statistics.median(times):.2f} s "
                f"| {min(times):.2f} s | {max(times):.2f} s | {peak:.0f} MB | {args.repeat} "
                f"| {verdict} |"
            )
    return 1 if args.check and missed else 0


def judge(name: str, outcome: str, seconds: float, peak_mb: float) -> str:
    """The largest case must load; every other file must be refused within the
    bounds of issue 4."""
    if name.startswith("largest"):
        return "meets" if outcome.startswith("loaded") else "MISSES (not loaded)"
    if not outcome.startswith("refused"):
        return "MISSES (not refused)"
    if seconds >= REFUSAL_SECONDS or peak_mb >= PEAK_MB:
        return f"MISSES (< {REFUSAL_SECONDS:g} s and < {PEAK_MB} MB)"
    return "meets"


if __name__ == "__main__":
    raise SystemExit(main())
