"""The dashboard and ``/healthz`` side by side on one running server.

A round measures every page twice with ``wrk``: first at concurrency 1 (one
connection: the median latency is the server time of one request, plus the
loopback round trip), then at concurrency 4 (four connections kept busy for
the whole run: requests per second, the throughput of the two workers). Within
a round the pages take turns, so a burst of other load on this shared machine
hits all of them alike; the throughput share of a dashboard is taken against
``/healthz`` of the same round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.web_load import LoadRun, run_wrk
from benchmarks.web_server import Session, base_url

HEALTH = "/healthz"


@dataclass(frozen=True)
class Page:
    """A page to load: a name for the table, its path, whether it needs the log-in."""

    name: str
    path: str
    logged_in: bool = True


@dataclass(frozen=True)
class Round:
    """One round: per page name, its run at concurrency 1 and at concurrency 4."""

    single: dict[str, LoadRun]
    busy: dict[str, LoadRun]

    def share(self, name: str) -> float:
        """Requests per second of ``name`` as a fraction of ``/healthz``'s."""
        return self.busy[name].per_second / self.busy["healthz"].per_second


@dataclass(frozen=True)
class Load:
    """How long each run lasts and how busy it keeps the server."""

    single_seconds: float = 5
    busy_seconds: float = 10
    busy_connections: int = 4
    #: Load on every page before the first round, untimed: both workers load
    #: their templates, translations and the framework first. 0: none.
    warm_up_seconds: float = 2


def pages_of(dashboards: Sequence[tuple[str, str]]) -> list[Page]:
    """``/healthz`` (no log-in), then each (name, path) dashboard."""
    return [Page("healthz", HEALTH, logged_in=False)] + [
        Page(name, path) for name, path in dashboards
    ]


def measure_round(session: Session, pages: Sequence[Page], load: Load) -> Round:
    """Every page at concurrency 1, then every page at ``load.busy_connections``."""
    return Round(
        single={page.name: _run(session, page, 1, load.single_seconds) for page in pages},
        busy={
            page.name: _run(session, page, load.busy_connections, load.busy_seconds)
            for page in pages
        },
    )


def measure_rounds(session: Session, pages: Sequence[Page], rounds: int, load: Load) -> list[Round]:
    """``rounds`` rounds after an untimed warm-up of every page."""
    for page in pages:
        if load.warm_up_seconds > 0:
            _run(session, page, load.busy_connections, load.warm_up_seconds)
    return [measure_round(session, pages, load) for _ in range(rounds)]


def _run(session: Session, page: Page, connections: int, seconds: float) -> LoadRun:
    return run_wrk(
        f"{base_url(session.port)}{page.path}",
        connections=connections,
        seconds=seconds,
        cookie=session.cookie if page.logged_in else None,
    )
