"""A real ``kloof serve`` for the browser tests: a child process on a free loopback
port, with its own data folder (SQLite), ready once ``/healthz`` answers 200."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.bounds import RUNAWAY_SECONDS

#: How long the server may take from start to its first healthy answer.
START_TIMEOUT = float(RUNAWAY_SECONDS)
STOP_TIMEOUT = 60.0


@dataclass
class Server:
    """A running ``kloof serve``: its address, its process and its log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        """Ask gunicorn to stop (SIGTERM), and kill it if it does not in time."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def kloof_command() -> Path:
    """The ``kloof`` console script of the Python running the tests."""
    return Path(sys.executable).with_name("kloof")


def free_port() -> int:
    """A port nobody listens on now (the kernel picks it; closed again at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(data_dir: Path, **variables: str) -> dict[str, str]:
    """This environment without Django's or kloof's variables (no PostgreSQL, no
    settings of the developer's), with a fresh data folder and ``variables``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KLOOF_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["KLOOF_DATA_DIR"] = str(data_dir)
    env["KLOOF_WORKERS"] = "2"
    env.update(variables)
    return env


def start(data_dir: Path, **variables: str) -> Server:
    """Start ``kloof serve`` (with the ``KLOOF_*`` ``variables`` given) and wait
    until it is healthy; raise with its log if not."""
    server = launch(data_dir, **variables)
    try:
        wait_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


def launch(data_dir: Path, **variables: str) -> Server:
    """Start ``kloof serve`` without waiting for it (see :func:`wait_healthy`)."""
    port = free_port()
    log = data_dir.parent / "kloof-serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(kloof_command()), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=server_env(data_dir, **variables),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Server(url=f"http://127.0.0.1:{port}", process=process, log=log)


def wait_healthy(server: Server) -> None:
    """Wait until ``server`` answers /healthz; raise with its log if it ends or
    does not answer in time."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"kloof serve ended with status {server.process.returncode} before it "
                f"was healthy:\n{server.log_tail()}"
            )
        if _healthy(server.url):
            return
        time.sleep(0.1)
    raise RuntimeError(
        f"kloof serve did not answer /healthz within {START_TIMEOUT:.0f} s:\n{server.log_tail()}"
    )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
            return answer.status == 200 and json.load(answer).get("database") == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
        return False
