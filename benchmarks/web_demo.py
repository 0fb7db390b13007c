"""``kloof demo`` on a fresh data dir: seconds from starting it to the first 200
of ``/healthz``.

Each run is a new process of the console script ``kloof`` beside
``sys.executable`` on a data dir that does not exist yet, so every run pays for
all of it: the interpreter, Django, creating the SQLite database and applying
the migrations, making the secret key, the demo user (with Argon2 hashing of its
password), workspace and case, and gunicorn starting its workers. ``/healthz``
is polled every 10 ms from just before the process starts.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.web_server import HOST, free_port, start, stop, wait_for_health


def time_demo_start(work_dir: Path, number: int) -> float:
    """One start of ``kloof demo`` in ``work_dir/demo-<number>/`` (which must be
    new); seconds until ``/healthz`` answers 200. The server is stopped after."""
    folder = work_dir / f"demo-{number}"
    folder.mkdir()
    data_dir = folder / "data"  # not there yet: the demo makes it
    port = free_port()
    started = time.perf_counter()
    process = start(["demo", "--host", HOST, "--port", str(port)], data_dir, folder / "demo.log")
    try:
        wait_for_health(port, process, folder / "demo.log")
        return time.perf_counter() - started
    finally:
        stop(process)


def time_demo_starts(work_dir: Path, runs: int) -> list[float]:
    """``runs`` starts, each on its own fresh data dir."""
    return [time_demo_start(work_dir, number) for number in range(runs)]
