"""benchmarks/web_imports.py runs once on small files: its code cannot rot.

No timing is asserted: what is asserted is that a whole run against a real
server walks both imports through every step, that each ends as kloof ends it
(here: a preview, these files fit a case), that /healthz was asked meanwhile,
and how the report judges figures.
"""

from __future__ import annotations

from benchmarks import web_imports
from benchmarks.web_imports import Outcome, RunResult, Step, report


def test_a_small_run_walks_both_imports_to_their_preview(tmp_path):
    [result] = web_imports.measure(runs=1, count=40, work=tmp_path)

    assert sorted(outcome.file for outcome in result.imports) == [
        "responses.csv",
        "responses.xlsx",
    ]
    for outcome in result.imports:
        assert [(step.name, step.status, step.problem) for step in outcome.steps] == [
            ("upload page", 200, ""),
            ("upload", 302, ""),
            ("mapping page", 200, ""),
            ("preview", 200, ""),
        ]
        assert outcome.verdict == "finished"
    assert result.health_count >= 1
    assert result.health_failures == []


def _result(health_max: float, statuses: list[int | None]) -> RunResult:
    steps = [
        Step("preview", status, 1.0, "" if status in (200, 400) else "HTTP 500")
        for status in statuses
    ]
    return RunResult(health_max, 0.005, 10, [], [Outcome("a.csv", steps)])


def test_the_report_passes_a_quick_healthz_and_clean_imports_only():
    table, passed = report([_result(0.2, [400]), _result(0.3, [200]), _result(0.25, [400])], 10)
    assert passed
    assert "| healthz-slowest | 0.250 s | 0.200 s | 0.300 s | 3 | pass |" in table
    assert "| import a.csv | 1.000 s | 1.000 s | 1.000 s | 3 | clean |" in table

    _table, slow = report([_result(1.5, [200])], 10)
    _table, broken = report([_result(0.1, [500])], 10)
    assert (slow, broken) == (False, False)
