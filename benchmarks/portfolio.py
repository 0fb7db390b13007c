"""The portfolio's server time at scale: the median of several requests of the
table (first page, and filtered by factor and severity) and the heat map, with
Django's test client in one process (the server's own time: middleware, access
check, queries, template; no network).

    .venv/bin/python benchmarks/portfolio.py DATA_DIR [--database-url URL] [--seed]

``--seed`` first fills the database with ``benchmarks/portfolio_seed.py``
(2,000 relationships, 10,000 cases, 1,080,000 ratings); without it, the
workspace seeded last is measured. Prints one line of JSON with the medians in
milliseconds. The target (issue 11): every median under 500 ms on SQLite and
on PostgreSQL. Figures: docs/performance.md, "Portfolio".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.portfolio_seed import setup_django

RUNS = 7
TARGET_MS = 500.0


def requests(slug: str) -> dict[str, tuple[str, dict[str, str]]]:
    """What is measured: name to (URL, query)."""
    from django.urls import reverse

    table = reverse("portfolio", kwargs={"slug": slug})
    heatmap = reverse("portfolio_heatmap", kwargs={"slug": slug})
    return {
        "table": (table, {}),
        "table_filtered": (table, {"factor": "trust", "severity": "significant"}),
        "table_sorted": (table, {"sort": "toughness", "order": "desc"}),
        "heatmap": (heatmap, {}),
    }


def measure(
    client: Any, slug: str, runs: int = RUNS, clock: Any = time.perf_counter
) -> dict[str, float]:
    """The median time in ms of each request (one warm-up first); ``clock``
    ``time.process_time`` gives this process's CPU time instead of wall time."""
    medians = {}
    for name, (url, query) in requests(slug).items():
        times = []
        for attempt in range(runs + 1):
            start = clock()
            response = client.get(url, query)
            elapsed = (clock() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{name}: HTTP {response.status_code}")
            if attempt:
                times.append(elapsed)
        medians[name] = round(statistics.median(times), 1)
    return medians


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--relationships", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    setup_django(args.data_dir, args.database_url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from benchmarks.portfolio_seed import seed
    from kloof.storage import models

    call_command("migrate", interactive=False, verbosity=0)
    seconds = None
    if args.seed:
        start = time.perf_counter()
        seed(args.relationships)
        seconds = round(time.perf_counter() - start, 1)
    workspace = models.Workspace.objects.filter(name__startswith="Portfolio bench").last()
    if workspace is None:
        raise SystemExit("no seeded workspace: run with --seed")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(workspace.memberships.first().user)
    medians = measure(client, workspace.slug, args.runs)
    # The CPU time of this process (Django, and SQLite's own work; not the
    # PostgreSQL server's): a figure that a busy machine inflates less.
    cpu = measure(client, workspace.slug, args.runs, clock=time.process_time)
    result = {
        "database": connection.vendor,
        "relationships": models.Relationship.objects.filter(workspace=workspace).count(),
        "cases": models.Case.objects.filter(workspace=workspace).count(),
        "ratings": models.Rating.objects.filter(case__workspace=workspace).count(),
        "seed_seconds": seconds,
        "median_ms": medians,
        "median_cpu_ms": cpu,
        "load_average": [round(value, 1) for value in os.getloadavg()],
        "under_target": all(value < TARGET_MS for value in medians.values()),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
