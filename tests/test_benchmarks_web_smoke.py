"""The web benchmarks run, once, on a tiny case: their code cannot rot unnoticed.

No timing is asserted (this machine is noisy): what is asserted is what the
benchmark code reads and sends, how it judges figures, and that a whole run on
a real server measures every figure. The dashboard part needs ``wrk``; without
it, that part is skipped and the rest still runs.
"""

from __future__ import annotations

import shutil

import pytest
from benchmarks import web
from benchmarks.web_dashboard import Round
from benchmarks.web_load import INSTALL_HINT, LoadError, LoadRun, parse_report, wrk
from benchmarks.web_rating import RateForm, RatePage, change

RATE_FORM = """
<form method="get" class="rating-choose"><input name="rater" value="99"></form>
<form method="post" action="/w/team/cases/7/ratings/save/" class="rating-form stack">
  <input type="hidden" name="csrfmiddlewaretoken" value="token-1">
  <input type="hidden" name="rater" value="3">
  <input type="hidden" name="subject" value="4">
  <fieldset class="rating-factor" id="factor-trust" data-factor="trust">
    <input type="range" name="trust-score" value="2.5">
    <input type="checkbox" name="trust-no_opinion" value="on">
    <select name="trust-confidence"><option value="low">Low</option>
      <option value="high" selected>High</option></select>
    <textarea name="trust-note">Said so twice.</textarea>
  </fieldset>
  <fieldset class="rating-factor" id="factor-intention" data-factor="intention">
    <input type="range" name="intention-score" value="">
    <input type="checkbox" name="intention-no_opinion" value="on" checked>
    <textarea name="intention-note"></textarea>
  </fieldset>
</form>
"""

WRK_OUTPUT = (
    "Running 1s test @ http://127.0.0.1:8000/healthz\n"
    'KLOOF-WRK {"requests": 500, "duration_us": 2000000, "p50_us": 1500, '
    '"p90_us": 2500, "p99_us": 9000, "socket_errors": 0, "not_200": 0}\n'
)


def parsed_form() -> RateForm:
    form = RateForm()
    form.feed(RATE_FORM)
    return form


def test_rate_form_gathers_what_htmx_posts_from_the_rating_form_only() -> None:
    form = parsed_form()
    assert form.action == "/w/team/cases/7/ratings/save/"
    assert form.factors == ["trust", "intention"]
    assert form.fields == {
        "csrfmiddlewaretoken": "token-1",
        "rater": "3",
        "subject": "4",
        "trust-score": "2.5",
        "trust-confidence": "high",
        "trust-note": "Said so twice.",
        "intention-score": "",
        "intention-no_opinion": "on",
        "intention-note": "",
    }


def test_change_takes_the_factors_in_turn_with_a_new_score_each_time() -> None:
    form = parsed_form()
    page = RatePage("/rate/", form.action or "", form.fields, tuple(form.factors))
    changes = [change(page, number) for number in range(5)]
    assert [(key, fields[f"{key}-score"]) for key, fields in changes] == [
        ("trust", "1"),
        ("intention", "1"),
        ("trust", "2"),
        ("intention", "2"),
        ("trust", "3"),
    ]
    _key, fields = changes[1]
    assert fields["factor"] == "intention"
    assert "intention-no_opinion" not in fields  # a score replaces "no opinion"
    assert fields["csrfmiddlewaretoken"] == "token-1"


def test_wrk_report_gives_requests_per_second_and_latencies_in_seconds() -> None:
    run = parse_report("http://127.0.0.1:8000/healthz", 4, 0, WRK_OUTPUT, "")
    assert (run.requests, run.seconds, run.per_second) == (500, 2.0, 250.0)
    assert (run.p50, run.p90, run.p99) == (0.0015, 0.0025, 0.009)


def test_wrk_report_refuses_a_run_with_answers_other_than_200() -> None:
    redirected = WRK_OUTPUT.replace('"not_200": 0', '"not_200": 500')
    with pytest.raises(LoadError, match="500 answers were not 200"):
        parse_report("http://127.0.0.1:8000/w/", 1, 0, redirected, "")


def test_wrk_missing_says_how_to_install_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LoadError) as raised:
        wrk()
    assert str(raised.value) == f"wrk is not installed — {INSTALL_HINT}"


def test_figure_verdicts_for_a_ceiling_and_for_a_floor() -> None:
    fast = web.Figure("dashboard-c1", (0.020, 0.010, 0.040), web.MS, 0.030)
    share = web.Figure("dashboard-share", (0.20, 0.30, 0.26), web.PERCENT, 0.25, at_least=True)
    low = web.Figure("dashboard-share", (0.10, 0.12), web.PERCENT, 0.25, at_least=True)
    assert (fast.verdict, fast.goal, fast.shown(fast.median)) == ("meets", "< 30.0 ms", "20.0 ms")
    assert (share.verdict, share.goal, share.shown(share.median)) == ("meets", "≥ 25.0 %", "26.0 %")
    assert low.verdict == "MISSES"
    assert web.Figure("healthz-c1", (0.001,), web.MS).verdict == "report only"


def _load(url: str, requests: int, p50: float) -> LoadRun:
    return LoadRun(url, 1, requests, 10.0, p50, p50, p50)


def test_dashboard_share_is_taken_against_healthz_of_the_same_round() -> None:
    rounds = [
        Round(
            single={"healthz": _load("h", 900, 0.001), "dashboard": _load("d", 50, 0.020)},
            busy={"healthz": _load("h", health, 0.004), "dashboard": _load("d", 2500, 0.08)},
        )
        for health in (10_000, 5_000)
    ]
    figures = {f.name: f for f in web.dashboard_figures(rounds, ["dashboard"])}
    assert list(figures) == [
        "healthz-c1",
        "dashboard-c1",
        "healthz-c4",
        "dashboard-c4",
        "dashboard-share",
    ]
    assert figures["dashboard-share"].samples == (0.25, 0.5)
    assert figures["dashboard-c4"].samples == (250.0, 250.0)
    assert figures["dashboard-c1"].samples == (0.020, 0.020)
    assert figures["dashboard-c1"].target == 0.030


def test_web_benchmarks_run_once_on_a_tiny_case_against_a_real_server(capsys) -> None:
    groups = ["rating", "demo"] + (["dashboard"] if shutil.which("wrk") else [])
    tiny = [
        "--rounds",
        "1",
        "--single-seconds",
        "1",
        "--busy-seconds",
        "1",
        "--warm-up-seconds",
        "0",
    ]
    tiny += ["--saves", "3", "--demo-runs", "1", "--raters", "2"]
    status = web.main([*tiny, *(argument for g in groups for argument in ("--only", g))])
    output = capsys.readouterr().out
    assert status == 0
    names = {"rating-save", "demo-start"}
    if "dashboard" in groups:
        names |= {"healthz-c1", "dashboard-c1", "dashboard-share", "dashboard-light-share"}
    measured = {line.split("|")[1].strip() for line in output.splitlines() if line.startswith("| ")}
    assert names <= measured
    assert "- rating-save: 3 saves one after the other on the 2 + 2 raters case" in output
