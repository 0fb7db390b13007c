"""kloof serve: migrations, then gunicorn answering /healthz."""

from __future__ import annotations

import json
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kloof.storage import migrations as storage_migrations
from kloof.web.runner import serve
from tests.bounds import RUNAWAY_SECONDS
from tests.web.processes import clean_env

RUN_SERVE = (
    "import sys; from kloof.web.runner import serve; sys.exit(serve('127.0.0.1', int(sys.argv[1])))"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen[bytes]) -> tuple[int, dict]:
    """Poll until /healthz answers 200: (status, body). A server that has not
    answered after RUNAWAY_SECONDS is stuck: the test fails."""
    deadline = time.monotonic() + RUNAWAY_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        try:
            with urllib.request.urlopen(url, timeout=RUNAWAY_SECONDS) as response:
                return response.status, json.load(response)
        except OSError:  # not listening yet (URLError, ConnectionError are OSErrors)
            time.sleep(0.05)
    raise AssertionError(f"no answer from {url} within {RUNAWAY_SECONDS} s")


def test_serve_migrates_then_answers_healthz_on_a_fresh_data_dir(data_dir):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_SERVE, str(port)],
        env=clean_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        status, body = wait_for_health(f"http://127.0.0.1:{port}/healthz", process)
    finally:
        process.terminate()
        process.wait(timeout=RUNAWAY_SECONDS)
    assert (status, body) == (200, {"status": "ok", "database": "ok"})
    assert process.returncode == 0
    assert stat.S_IMODE((data_dir / "secret_key").stat().st_mode) == 0o600
    with sqlite3.connect(data_dir / "kloof.sqlite3") as database:
        applied = database.execute(
            "SELECT name FROM django_migrations WHERE app = 'storage'"
        ).fetchall()
        journal = database.execute("PRAGMA journal_mode").fetchone()
    migrations = Path(storage_migrations.__file__).parent
    assert sorted(name for (name,) in applied) == sorted(p.stem for p in migrations.glob("0*.py"))
    assert journal == ("wal",)


def test_serve_it_refuses_a_bad_worker_count_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("KLOOF_WORKERS", "zero")
    assert serve("127.0.0.1", free_port()) == 2
    assert capsys.readouterr().err == (
        "kloof: error: KLOOF_WORKERS must be a whole number of 1 or more, not 'zero' — "
        "write KLOOF_WORKERS=2\n"
    )


def test_serve_it_refuses_a_bad_thread_count_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("KLOOF_THREADS", "0")
    assert serve("127.0.0.1", free_port()) == 2
    assert capsys.readouterr().err == (
        "kloof: error: KLOOF_THREADS must be a whole number of 1 or more, not '0' — "
        "write KLOOF_THREADS=4\n"
    )


def test_serve_answers_healthz_while_its_only_worker_is_busy_with_a_slow_request(data_dir):
    """One worker process, one request that will not finish (the rest of it
    never comes, as a large upload in progress on a slow line): /healthz is answered by another of
    the worker's threads, and the slow request is still waiting, not cut off.
    A sync worker would hold /healthz until its timeout killed it (and the
    slow request with it)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_SERVE, str(port)],
        env=clean_env(data_dir, KLOOF_WORKERS="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for_health(url, process)
        with socket.create_connection(("127.0.0.1", port), timeout=60) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no end of headers
            time.sleep(0.5)  # let the worker take the slow request first
            with urllib.request.urlopen(url, timeout=60) as response:
                answered = (response.status, json.load(response))
            slow.setblocking(False)
            try:
                early = slow.recv(1024)
            except BlockingIOError:
                early = None  # still waiting for the rest, as it should
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert answered == (200, {"status": "ok", "database": "ok"})
    assert early is None
