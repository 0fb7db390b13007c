"""Starting ``kloof serve`` for the benchmarks, waiting for it, logging in.

The server is the console script ``kloof`` beside ``sys.executable`` (what a user
starts), on a free loopback port, with its output in a file of the data dir: read
back only when it fails, so a full pipe can never stall it.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.web_seed import clean_env

HOST = "127.0.0.1"
# Bounds that call a server stuck, not speed limits (the test suite runs this
# code too, on machines that may be busy): generous on purpose.
START_LIMIT_SECONDS = 120
STOP_LIMIT_SECONDS = 60
POLL_SECONDS = 0.01
REQUEST_TIMEOUT_SECONDS = 60
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class ServerError(Exception):
    """The server did not start, or did not answer as a benchmark needs."""


def kloof_command() -> Path:
    """The ``kloof`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("kloof")
    if not script.exists():
        raise ServerError(f"no {script}: install kloof into this environment (pip install -e .)")
    return script


def free_port() -> int:
    """A port nobody listens on now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def base_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def start(
    arguments: list[str], data_dir: Path, log: Path, **variables: str
) -> subprocess.Popen[bytes]:
    """``kloof ARGUMENTS`` on ``data_dir``; stdout and stderr go to ``log``."""
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(kloof_command()), *arguments],
            env=clean_env(data_dir, **variables),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (gunicorn's graceful stop), then wait; kill only if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_health(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    """Return as soon as ``/healthz`` answers 200, polling every 10 ms."""
    deadline = time.monotonic() + START_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"the server ended with {process.returncode}:\n{_tail(log)}")
        if health_status(port) == 200:
            return
        time.sleep(POLL_SECONDS)
    raise ServerError(f"no 200 from /healthz within {START_LIMIT_SECONDS} s:\n{_tail(log)}")


def health_status(port: int) -> int | None:
    """The status of ``GET /healthz``, or None while nothing listens."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


@contextmanager
def serving(data_dir: Path, workers: int = 2) -> Iterator[int]:
    """``kloof serve`` on a free loopback port with ``workers`` gunicorn workers,
    answering ``/healthz``; yields the port, stops the server afterwards."""
    port = free_port()
    log = data_dir / "serve.log"
    process = start(
        ["serve", "--host", HOST, "--port", str(port)], data_dir, log, KLOOF_WORKERS=str(workers)
    )
    try:
        wait_for_health(port, process, log)
        yield port
    finally:
        stop(process)


@dataclass(frozen=True)
class Session:
    """A logged-in browser's cookies, as one ``Cookie`` header, and its CSRF cookie."""

    port: int
    cookie: str
    csrf_cookie: str

    def get(self, path: str) -> tuple[int, str]:
        """``GET path`` with the session's cookies: (status, body); no redirects followed."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        try:
            connection.request("GET", path, headers={"Cookie": self.cookie})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            connection.close()


def log_in(port: int, email: str, password: str) -> Session:
    """Log in through the log-in form, as a browser does; the session's cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base_url(port)}/accounts/login/"
    page = opener.open(login, timeout=REQUEST_TIMEOUT_SECONDS).read().decode("utf-8")
    token = CSRF_FIELD.search(page)
    if token is None:
        raise ServerError("the log-in page has no CSRF token")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": email, "password": password}
    ).encode()
    with opener.open(login, data=data, timeout=REQUEST_TIMEOUT_SECONDS) as answer:
        if answer.url == login:
            raise ServerError(f"logging in as {email} failed: the form came back")
    cookies = {cookie.name: cookie.value or "" for cookie in jar}
    if "sessionid" not in cookies or "csrftoken" not in cookies:
        raise ServerError(f"no session or CSRF cookie after logging in (got {sorted(cookies)})")
    header = "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))
    return Session(port=port, cookie=header, csrf_cookie=cookies["csrftoken"])


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"
