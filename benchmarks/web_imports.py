"""Two maximum-size imports at once, and /healthz meanwhile.

    .venv/bin/python benchmarks/web_imports.py [--runs 3] [--rows 99000] [--check]

Starts ``kloof serve`` (2 workers, the default threads) on a seeded data dir,
logs in, and runs two imports side by side, each through every step a browser
takes: the upload page, the upload, the mapping page, the preview. One import
is an XLSX file of ``--rows`` rows × 10 columns, the other a CSV file of
``--rows`` + 1,000 rows (100,000 at the default: the most kloof reads). While
they run, a third client asks for ``/healthz`` every 50 ms.

Each import must finish or refuse cleanly: every answer a 200, a redirect or a
400 with kloof's own message (these files add more raters than a case may hold,
so the preview lists that problem); never a 5xx, a dropped connection or a
time-out. The figures: /healthz's slowest and median answer during the
imports, and each import's time from upload to preview. The table shows the
median over the runs; ``--check`` exits 1 when the slowest /healthz answer's
median is 1 s or more, or when an import failed.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.web_seed import seed_data_dir
from benchmarks.web_server import HOST, Session, log_in, serving

HEADER = ["Naam", "Partij", "Over", "Intentie", "Relatie", "Waardecreatie", "Vertrouwen"]
HEADER += ["Afhankelijkheid", "Flexibiliteit", "Toelichting"]
FACTORS = ("intention", "relationship", "value_creation", "trust", "dependency", "flexibility")
HEALTH_TARGET_SECONDS = 1.0
HEALTH_EVERY_SECONDS = 0.05
#: A bound on one request, to stop a runaway: an import that takes longer fails.
REQUEST_LIMIT_SECONDS = 120
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BOUNDARY = "kloofBenchBoundary7MA4YWxk"


def rows(count: int) -> list[list[str | int]]:
    """``count`` answers of respondents of both parties about the other party."""
    out: list[list[str | int]] = []
    for number in range(count):
        own, other = ("p0", "p1") if number % 2 else ("p1", "p0")
        scores = [1 + (number * (index + 3)) % 7 for index in range(len(FACTORS))]
        out.append([f"Respondent {number}", own, other, *scores, f"note {number}"])
    return out


def csv_file(count: int) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(count))
    return buffer.getvalue().encode("utf-8")


def xlsx_file(count: int) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Step:
    name: str
    status: int | None  # None: no answer (a dropped connection or a time-out)
    seconds: float
    problem: str = ""


@dataclass
class Outcome:
    """One import: its steps, and whether each ended cleanly."""

    file: str
    steps: list[Step] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return bool(self.steps) and all(step.problem == "" for step in self.steps)

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def verdict(self) -> str:
        last = self.steps[-1] if self.steps else None
        if not self.clean:
            bad = next(step for step in self.steps if step.problem)
            return f"failed at {bad.name}: {bad.problem}"
        if last is not None and last.status == 400:
            return "refused with kloof's message"
        return "finished"


def request(
    session: Session, method: str, path: str, body: bytes = b"", content_type: str = ""
) -> tuple[int | None, str, dict[str, str]]:
    headers = {"Cookie": session.cookie}
    if content_type:
        headers["Content-Type"] = content_type
    connection = http.client.HTTPConnection(HOST, session.port, timeout=REQUEST_LIMIT_SECONDS)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return response.status, text, {key.lower(): value for key, value in response.getheaders()}
    except OSError as error:
        return None, f"{type(error).__name__}: {error}", {}
    finally:
        connection.close()


def _step(
    outcome: Outcome,
    name: str,
    answer: tuple[int | None, str, dict[str, str]],
    started: float,
    ok: Sequence[int],
) -> tuple[int | None, str, dict[str, str]]:
    status, text, _headers = answer
    problem = ""
    if status is None:
        problem = text
    elif status not in ok:
        problem = f"HTTP {status}"
    elif status == 400 and "nothing is imported" not in text and "cannot be imported" not in text:
        problem = "a 400 without kloof's message"
    outcome.steps.append(Step(name, status, time.perf_counter() - started, problem))
    return answer


def run_import(session: Session, case_path: str, name: str, data: bytes) -> Outcome:
    """Upload, mapping page, preview: as a browser, one step after the other."""
    outcome = Outcome(name)
    upload_path = f"{case_path}import/"
    started = time.perf_counter()
    status, page, _ = _step(
        outcome, "upload page", request(session, "GET", upload_path), started, (200,)
    )
    token = CSRF_FIELD.search(page) if status == 200 else None
    if token is None:
        return outcome
    body = _multipart(token.group(1), name, data)
    started = time.perf_counter()
    answer = request(
        session, "POST", upload_path, body, f"multipart/form-data; boundary={BOUNDARY}"
    )
    status, _text, headers = _step(outcome, "upload", answer, started, (302, 400))
    if status != 302:
        return outcome
    mapping_path = urllib.parse.urlsplit(headers.get("location", "")).path
    started = time.perf_counter()
    status, page, _ = _step(
        outcome, "mapping page", request(session, "GET", mapping_path), started, (200, 400)
    )
    token = CSRF_FIELD.search(page) if status == 200 else None
    if token is None:
        return outcome
    form = {"csrfmiddlewaretoken": token.group(1), "rater": "Naam", "rater_party": "column:Partij"}
    form |= {"subject": "column:Over", "scale_min": "1", "scale_max": "7", "layout": "wide"}
    form |= {f"score_{key}": HEADER[3 + index] for index, key in enumerate(FACTORS)}
    encoded = urllib.parse.urlencode(form).encode()
    started = time.perf_counter()
    answer = request(session, "POST", mapping_path, encoded, "application/x-www-form-urlencoded")
    _step(outcome, "preview", answer, started, (200, 400))
    return outcome


def _multipart(token: str, name: str, data: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


class HealthWatch(threading.Thread):
    """``GET /healthz`` every 50 ms until stopped: every answer's time, and the
    statuses other than 200 (None: no answer)."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.seconds: list[float] = []
        self.failures: list[int | None] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            started = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_LIMIT_SECONDS)
            try:
                connection.request("GET", "/healthz")
                status: int | None = connection.getresponse().status
            except OSError:
                status = None
            finally:
                connection.close()
            self.seconds.append(time.perf_counter() - started)
            if status != 200:
                self.failures.append(status)
            self.halt.wait(HEALTH_EVERY_SECONDS)


@dataclass
class RunResult:
    health_max: float
    health_median: float
    health_count: int
    health_failures: list[int | None]
    imports: list[Outcome]


def one_run(port: int, session: Session, case_path: str, files: dict[str, bytes]) -> RunResult:
    watch = HealthWatch(port)
    watch.start()
    outcomes: list[Outcome] = []
    threads = [
        threading.Thread(
            target=lambda n=n, d=d: outcomes.append(run_import(session, case_path, n, d))
        )
        for n, d in files.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    watch.halt.set()
    watch.join()
    seconds = watch.seconds or [0.0]
    return RunResult(
        max(seconds), statistics.median(seconds), len(watch.seconds), watch.failures, outcomes
    )


def measure(runs: int, count: int, work: Path) -> list[RunResult]:
    files = {"responses.xlsx": xlsx_file(count), "responses.csv": csv_file(count + 1_000)}
    seeded = seed_data_dir(work / "data", [(2, 2)])
    case_path = seeded.cases[0].path
    results = []
    with serving(seeded.data_dir) as port:
        session = log_in(port, seeded.email, seeded.password)
        for _ in range(runs):
            results.append(one_run(port, session, case_path, files))
    return results


def report(results: list[RunResult], count: int) -> tuple[str, bool]:
    """The Markdown table of the medians, the notes, and whether all passed."""
    health_max = statistics.median(r.health_max for r in results)
    health_median = statistics.median(r.health_median for r in results)
    lines = [
        "| figure | median | min | max | runs | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]

    def row(name: str, values: list[float], verdict: str) -> None:
        lines.append(
            f"| {name} | {statistics.median(values):.3f} s | {min(values):.3f} s "
            f"| {max(values):.3f} s | {len(values)} | {verdict} |"
        )

    ok_health = health_max < HEALTH_TARGET_SECONDS and not any(r.health_failures for r in results)
    row("healthz-slowest", [r.health_max for r in results], "pass" if ok_health else "FAIL")
    row("healthz-median", [r.health_median for r in results], "report only")
    names = sorted({o.file for r in results for o in r.imports})
    ok_imports = all(o.clean for r in results for o in r.imports)
    for name in names:
        times = [o.seconds for r in results for o in r.imports if o.file == name]
        clean = all(o.clean for r in results for o in r.imports if o.file == name)
        row(f"import {name}", times, "clean" if clean else "FAIL")
    lines.append("")
    lines.append(
        f"{count:,} XLSX rows and {count + 1_000:,} CSV rows; "
        f"/healthz median {health_median * 1000:.1f} ms."
    )
    for number, result in enumerate(results, start=1):
        verdicts = "; ".join(
            f"{o.file}: {o.verdict} ("
            + ", ".join(f"{step.name} {step.seconds:.1f} s" for step in o.steps)
            + ")"
            for o in result.imports
        )
        lines.append(
            f"run {number}: {result.health_count} /healthz answers, slowest "
            f"{result.health_max:.3f} s, not 200: {len(result.health_failures)}; {verdicts}"
        )
    return "\n".join(lines), ok_health and ok_imports


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs (default 3)")
    parser.add_argument("--rows", type=int, default=99_000, help="XLSX rows (default 99,000)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kloof-bench-imports-") as work:
        results = measure(args.runs, args.rows, Path(work))
    table, passed = report(results, args.rows)
    print(table)
    return 1 if args.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
