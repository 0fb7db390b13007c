"""Load on loopback with ``wrk`` (Debian's package): one run, its figures as numbers.

A small Lua script makes ``wrk`` print one machine-readable line at the end: the
requests, the time they took, the latency percentiles, socket errors, and how
many answers were not 200. The last matters: ``wrk`` counts only 4xx and 5xx as
errors, and a dashboard that redirects to the log-in page (302) would otherwise
pass for a very fast dashboard.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "install wrk: apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)"
MARKER = "KLOOF-WRK "
#: wrk's own limit per request; the run's end waits for at most this much more.
TIMEOUT_SECONDS = 5

LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'KLOOF-WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, '
    .. '"p99_us": %d, "socket_errors": %d, "not_200": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, not_ok))
end
"""


class LoadError(Exception):
    """wrk is missing, failed, or the server answered something else than 200."""


@dataclass(frozen=True)
class LoadRun:
    """One ``wrk`` run against one URL."""

    url: str
    connections: int
    requests: int
    seconds: float  # how long the run took, by wrk's clock
    p50: float  # latency percentiles, in seconds
    p90: float
    p99: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def wrk() -> str:
    """The ``wrk`` executable, or LoadError saying how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise LoadError(f"wrk is not installed — {INSTALL_HINT}")
    return found


def run_wrk(url: str, *, connections: int, seconds: float, cookie: str | None = None) -> LoadRun:
    """``connections`` connections on one wrk thread for ``seconds`` (whole seconds,
    at least 1), each sending the next request as soon as the answer is in."""
    duration = max(1, round(seconds))
    with tempfile.TemporaryDirectory(prefix="kloof-wrk-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(LUA, encoding="utf-8")
        command = [wrk(), "--threads", "1", "--connections", str(connections)]
        command += ["--duration", f"{duration}s", "--timeout", f"{TIMEOUT_SECONDS}s"]
        command += ["--script", str(script)]
        if cookie:
            command += ["--header", f"Cookie: {cookie}"]
        done = subprocess.run(
            [*command, url],
            capture_output=True,
            text=True,
            timeout=duration + TIMEOUT_SECONDS + 30,
            check=False,
        )
    return parse_report(url, connections, done.returncode, done.stdout, done.stderr)


def parse_report(url: str, connections: int, status: int, stdout: str, stderr: str) -> LoadRun:
    """The figures of wrk's output; LoadError when the run is not fit to quote."""
    line = next((line for line in stdout.splitlines() if line.startswith(MARKER)), None)
    if status != 0 or line is None:
        raise LoadError(f"wrk failed on {url} (exit {status}): {(stderr or stdout).strip()}")
    figures = json.loads(line.removeprefix(MARKER))
    if figures["requests"] == 0:
        raise LoadError(f"no request to {url} was answered")
    if figures["not_200"] or figures["socket_errors"]:
        raise LoadError(
            f"{url}: {figures['not_200']} answers were not 200 and "
            f"{figures['socket_errors']} requests failed, of {figures['requests']}"
        )
    return LoadRun(
        url=url,
        connections=connections,
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50=figures["p50_us"] / 1e6,
        p90=figures["p90_us"] / 1e6,
        p99=figures["p99_us"] / 1e6,
    )
