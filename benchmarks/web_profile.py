"""Where the time of one dashboard request goes, step by step, in one process.

    .venv/bin/python benchmarks/web_profile.py              # 50 raters per party
    .venv/bin/python benchmarks/web_profile.py --raters 2   # a tiny case, same page
    .venv/bin/python benchmarks/web_profile.py --cprofile   # also cProfile's top functions

Seeds a fresh data dir (SQLite, ``kloof.web.settings``), then sends the
dashboard through Django's whole stack (``django.test.Client``: every middleware,
the session, the access check, the view, the template) and times each step of
the view by wrapping the functions it calls, without a profiler's overhead.
SQL time is measured apart (a database execute wrapper) and overlaps the steps
that run queries. For scale it also times ``/healthz`` and the workspace list
(``/w/``, a small logged-in page) the same way. What HTTP and gunicorn add on top
is the difference with ``healthz-c1`` of ``benchmarks/web.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.web_seed import EMAIL, seed_here

#: (label, module, attribute): top-level steps of a dashboard request, which do
#: not overlap. A name the code no longer has is skipped (and listed).
STEPS = (
    ("session: load (1 query)", "django.contrib.sessions.backends.db", "SessionStore.load"),
    ("auth: the user (1 query)", "django.contrib.auth", "get_user"),
    ("access: membership, workspace and case (1 query)", "kloof.web.access", "check_access"),
    ("load_case: the stored case", "kloof.web.views.dashboard", "load_case"),
    ("analyse", "kloof.web.views.dashboard", "analyse"),
    ("chart_svg", "kloof.web.views.dashboard", "chart_svg"),
    ("chart options form", "kloof.web.views.dashboard", "ChartOptionsForm"),
    ("evidence (1 query)", "kloof.web.views.dashboard", "_evidence"),
    ("links", "kloof.web.views.dashboard", "_links"),
    ("rows: differences", "kloof.web.views.dashboard_rows", "difference_rows"),
    ("rows: next steps", "kloof.web.views.dashboard_rows", "step_rows"),
    ("rows: perspectives", "kloof.web.views.dashboard_rows", "perspective_rows"),
    ("rows: evidence", "kloof.web.views.dashboard_rows", "evidence_rows"),
    ("rows: blind spots", "kloof.web.views.dashboard_rows", "blind_spot_rows"),
    ("rows: pairs", "kloof.web.views.dashboard_rows", "pair_rows"),
    ("rows: agreement", "kloof.web.views.dashboard_rows", "agreement_rows"),
    ("render the template", "kloof.web.views.dashboard", "render"),
)
REST = "the rest: middleware, URL, the case query, response"
SQL = "of which SQL (all queries)"


class Stopwatch:
    """Seconds spent per label during the current request."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.queries = 0

    def add(self, label: str, seconds: float) -> None:
        self.spent[label] = self.spent.get(label, 0.0) + seconds


def wrap_steps(watch: Stopwatch) -> list[str]:
    """Time each step of ``STEPS``; the labels whose function was not found."""
    missing = []
    for label, module_name, attribute in STEPS:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        if owner is None or not hasattr(owner, name):
            missing.append(label)
            continue
        setattr(owner, name, _timed(getattr(owner, name), label, watch))
    return missing


def _timed(function: Callable[..., Any], label: str, watch: Stopwatch) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            watch.add(label, time.perf_counter() - start)

    return timed


@contextmanager
def sql_timing(watch: Stopwatch) -> Iterator[None]:
    from django.db import connection

    def timed(execute: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(*args)
        finally:
            watch.add(SQL, time.perf_counter() - start)
            watch.queries += 1

    with connection.execute_wrapper(timed):
        yield


def breakdown(client: Any, path: str, requests: int, watch: Stopwatch) -> list[tuple[str, float]]:
    """(label, median ms) per step, the whole request first."""
    for _ in range(10):  # warm-up: templates, translations, the framework
        _get(client, path)
    per: dict[str, list[float]] = {}
    for _ in range(requests):
        watch.spent.clear()
        watch.queries = 0
        start = time.perf_counter()
        _get(client, path)
        total = time.perf_counter() - start
        steps = {k: v for k, v in watch.spent.items() if k != SQL}
        per.setdefault("whole request", []).append(total)
        per.setdefault(REST, []).append(total - sum(steps.values()))
        for label, seconds in watch.spent.items():
            per.setdefault(label, []).append(seconds)
        per.setdefault(f"queries: {watch.queries}", []).append(0.0)
    medians = [(label, statistics.median(values) * 1e3) for label, values in per.items()]
    return sorted(medians, key=lambda item: (item[0] != "whole request", -item[1]))


def whole_request_ms(client: Any, path: str, requests: int) -> float:
    for _ in range(10):
        _get(client, path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        _get(client, path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def _get(client: Any, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/web_profile.py", description=__doc__)
    parser.add_argument("--raters", type=int, default=50, help="raters per party (default 50)")
    parser.add_argument("--requests", type=int, default=60, help="timed requests (default 60)")
    parser.add_argument("--cprofile", action="store_true", help="also cProfile's top functions")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kloof-web-profile-") as work:
        os.environ["KLOOF_DATA_DIR"] = work
        os.environ.pop("KLOOF_DATABASE_URL", None)
        seeded = seed_here([(args.raters, args.raters)])
        report(seeded["cases"][0]["path"], args.requests, args.cprofile)  # type: ignore[index]
    return 0


def report(path: str, requests: int, with_cprofile: bool) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # an allowed host of kloof.web.settings
    client.force_login(get_user_model().objects.get(username=EMAIL))
    print(f"reference: /healthz {whole_request_ms(client, '/healthz', requests):.2f} ms, ", end="")
    print(f"/w/ (a small logged-in page) {whole_request_ms(client, '/w/', requests):.2f} ms")
    watch = Stopwatch()
    missing = wrap_steps(watch)
    print(f"{path}: medians of {requests} requests through Django's test client")
    with sql_timing(watch):
        for label, ms in breakdown(client, path, requests, watch):
            print(f"  {ms:7.2f} ms  {label}" if ms or "queries" not in label else f"  {label}")
    if missing:
        print(f"(steps not found in the code, not timed: {', '.join(missing)})")
    if with_cprofile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [_get(client, path) for _ in range(requests)])
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    sys.exit(main())
