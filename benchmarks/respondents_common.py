"""Shared by the respondent benchmarks: a ``kloof serve`` in its own process group
(so a crash test can kill the master and every worker at once), the tally of
answers, and the database a run asks for.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from benchmarks.respondents_client import Reply, is_done
from benchmarks.respondents_seed import (
    DEFAULT_POSTGRES,
    Database,
    drop_postgres_database,
    postgres_database,
)
from benchmarks.web_seed import clean_env
from benchmarks.web_server import HOST, STOP_LIMIT_SECONDS, kloof_command, wait_for_health

DATABASES = ("sqlite", "postgresql")


@dataclass
class Server:
    """``kloof serve`` (gunicorn master and workers) as the leader of a new
    process group on ``port``."""

    database: Database
    port: int
    workers: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.database.data_dir / "serve.log"

    def start(self) -> None:
        """Start and wait for ``/healthz``; the log is appended to across restarts."""
        arguments = [str(kloof_command()), "serve", "--host", HOST, "--port", str(self.port)]
        env = clean_env(
            self.database.data_dir, KLOOF_WORKERS=str(self.workers), **self.database.server_env()
        )
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                arguments,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches all
            )
        wait_for_health(self.port, self.process, self.log)

    def kill(self) -> None:
        """SIGKILL to the whole group, master and workers, at once; then reap."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):  # already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        """SIGTERM (gunicorn's graceful stop) to the master; the group's SIGKILL
        only if it hangs."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with suppress(subprocess.TimeoutExpired):  # then the group's SIGKILL
                self.process.wait(timeout=STOP_LIMIT_SECONDS)
        self.kill()


@contextmanager
def running(database: Database, port: int, workers: int) -> Iterator[Server]:
    server = Server(database, port, workers)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def database_for(kind: str, name: str, server: str = DEFAULT_POSTGRES) -> Iterator[Database]:
    """A fresh database of ``kind`` in a temporary data dir: SQLite there, or the
    PostgreSQL database ``name`` on ``server`` (made new, dropped afterwards)."""
    with tempfile.TemporaryDirectory(prefix="kloof-respondents-") as work:
        data_dir = Path(work) / "data"
        if kind == "sqlite":
            data_dir.mkdir()
            yield Database(data_dir)
            return
        database = postgres_database(data_dir, name, server)
        try:
            yield database
        finally:
            drop_postgres_database(database)


def kind_of(reply: Reply) -> str:
    """How a reply is counted: ``done``, ``saved``, ``503``, ``5xx``,
    ``connection`` (no answer at all) or ``other <status>``."""
    if reply.status == 0:
        return "connection"
    if is_done(reply):
        return "done"
    if reply.status == 303:
        return "saved"
    if reply.status == 503:
        return "503"
    if reply.status >= 500:
        return "5xx"
    return f"other {reply.status}"


def errors_in(tally: Counter[str]) -> int:
    """Answers that are errors: no answer, a 5xx other than 503, anything unexpected."""
    return sum(n for kind, n in tally.items() if kind not in ("done", "saved", "503", "ok"))
