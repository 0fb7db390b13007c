"""The benchmarks run, once, on tiny sizes: their code cannot rot unnoticed.

No timing is asserted here (this machine is noisy); what is asserted is that the
generated cases are what the targets ask for and that every benchmark measures.
"""

from __future__ import annotations

import json
import os

import pytest
from benchmarks import cases
from benchmarks.importtime import parse_importtime
from benchmarks.run import main
from benchmarks.suite import (
    DEMO_CASE,
    SECONDS,
    BenchmarkError,
    Result,
    Sizes,
    build_suite,
    one_core,
    peak_memory,
    select,
    three_figures,
    time_command,
)

from kloof.domain.analysis import analyse

TINY = Sizes(raters_per_party=2, raters_in_all=5, typical_count=3, chart_number=2)


def test_generated_case_has_every_rater_rate_every_party_on_every_factor() -> None:
    case = cases.generated_case((2, 3), seed=7)
    assert len(case.parties) == 2
    assert len(case.raters) == 5
    assert len(case.factors) == 9
    assert len(case.ratings) == 5 * 2 * 9 == cases.ratings_asked(case)
    assert {(r.rater, r.subject, r.factor) for r in case.ratings} == {
        (rater.id, party.id, factor.key)
        for rater in case.raters
        for party in case.parties
        for factor in case.factors
    }


def test_heavy_case_has_the_ratings_asked_for() -> None:
    case = cases.heavy_case(raters_per_party=2)
    assert [sum(r.party == p.id for r in case.raters) for p in case.parties] == [2, 2, 2]
    assert len(case.ratings) == 3 * 2 * 3 * 9


def test_full_heavy_case_is_the_heavy_reading_of_target_1() -> None:
    assert len(cases.heavy_case().ratings) == 16_200


def test_light_case_spreads_its_raters_over_three_parties() -> None:
    case = cases.light_case(raters=5)
    assert [sum(r.party == p.id for r in case.raters) for p in case.parties] == [2, 2, 1]
    assert len(case.ratings) == 5 * 3 * 9


def test_generated_case_is_the_same_for_the_same_seed() -> None:
    assert cases.typical_case(3).ratings == cases.typical_case(3).ratings
    assert cases.typical_case(3).ratings != cases.typical_case(4).ratings


def test_generated_scores_lie_on_the_scale_in_whole_points() -> None:
    scores = [r.score for r in cases.heavy_case(raters_per_party=5).ratings]
    assert all(score in {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0} for score in scores)


def test_typical_case_has_two_parties_three_plus_one_raters_and_a_register() -> None:
    case = cases.typical_case(1)
    assert [p.id for p in case.parties] == ["p0", "p1"]
    assert [r.party for r in case.raters] == ["p0", "p0", "p0", "p1"]
    assert len(case.ratings) == 4 * 2 * 9
    assert len(case.differences) == 2
    assert all(entry.parties == ("p0", "p1") for entry in case.differences)


def test_typical_cases_leave_about_ten_percent_without_opinion() -> None:
    ratings = [r for case in cases.typical_cases(200) for r in case.ratings]
    share = sum(r.score is None for r in ratings) / len(ratings)
    assert 0.08 < share < 0.12


def test_generated_case_gives_the_analysis_real_differences() -> None:
    analysis = analyse(cases.heavy_case(raters_per_party=5))
    severities = {gap.severity.value for result in analysis.factors for gap in result.gaps}
    assert {"aligned", "blocking"} <= severities


def test_every_benchmark_measures_once_on_tiny_sizes() -> None:
    suite = build_suite(TINY)
    names = [benchmark.name for benchmark in suite]
    assert names[:7] == [
        "analyse-heavy",
        "analyse-light",
        "memory-heavy",
        "typical-10k",
        "startup-table",
        "startup-json",
        "chart-profile",
    ]
    for benchmark in suite:
        result = benchmark.run(1)
        assert result.name == benchmark.name
        assert len(result.samples) == 1
        assert result.samples[0] > 0
        assert result.verdict in {"meets", "MISSES", "report only"}


def test_typical_benchmark_notes_the_cases_it_analysed() -> None:
    (benchmark,) = select(build_suite(TINY), ["typical-10k"])
    result = benchmark.run(1)
    assert result.notes[0].startswith("3 cases, 216 ratings in all; ")


def test_one_core_pins_and_restores_the_affinity() -> None:
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no CPU affinity on this platform")
    before = os.sched_getaffinity(0)
    with one_core() as core:
        assert os.sched_getaffinity(0) == {core}
    assert os.sched_getaffinity(0) == before


def test_peak_memory_grows_with_the_case() -> None:
    small = peak_memory(cases.heavy_case(raters_per_party=2))
    large = peak_memory(cases.heavy_case(raters_per_party=100))
    assert 0 < small < large


def test_time_command_refuses_to_time_a_failing_run() -> None:
    with pytest.raises(BenchmarkError, match="exited 2"):
        time_command(["analyse", str(DEMO_CASE.with_name("no-such-case.yaml"))], 1)


def test_select_takes_a_name_or_a_group() -> None:
    suite = build_suite(TINY)
    assert [b.name for b in select(suite, ["startup"])] == ["startup-table", "startup-json"]
    assert [b.name for b in select(suite, ["analyse-light"])] == ["analyse-light"]
    assert len(select(suite, [])) == len(suite)


def test_select_names_the_choices_for_an_unknown_benchmark() -> None:
    with pytest.raises(BenchmarkError, match="unknown benchmark nope — choose from: analyse-heavy"):
        select(build_suite(TINY), ["nope"])


def test_result_judges_the_median_against_the_target() -> None:
    assert Result("x", (1.0, 3.0, 2.0), SECONDS, 2.5).verdict == "meets"
    assert Result("x", (1.0, 3.0, 2.0), SECONDS, 1.5).verdict == "MISSES"
    assert Result("x", (1.0,), SECONDS, None).verdict == "report only"


def test_three_figures_keeps_trailing_zeros() -> None:
    assert [three_figures(v) for v in (5.4, 183.2, 0.4134, 12.0)] == [
        "5.40",
        "183",
        "0.413",
        "12.0",
    ]


def test_parse_importtime_finds_who_imports_what() -> None:
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |     yaml.error\n"
        "import time:       300 |        400 |   yaml\n"
        "import time:       500 |        900 | kloof.formats.yamlsafe\n"
    )
    costs = {cost.module: cost for cost in parse_importtime(text)}
    assert costs["yaml.error"].importer == "yaml"
    assert costs["yaml"].importer == "kloof.formats.yamlsafe"
    assert costs["yaml"].cumulative_us == 400
    assert costs["kloof.formats.yamlsafe"].importer is None


def test_run_prints_the_table_row_of_the_benchmark_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--repeat", "1", "--only", "analyse-light"]) == 0
    out = capsys.readouterr().out
    assert "| analyse-light | < 20.0 ms |" in out
    assert "200 raters (67/67/66 per party), 9 factors, 5,400 ratings" in out


def test_run_refuses_an_unknown_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "nope"]) == 2
    assert "unknown benchmark nope" in capsys.readouterr().err


def test_the_case_file_limits_benchmark_builds_its_files_and_reads_one(tmp_path) -> None:
    """benchmarks/casefile_limits.py keeps working: its builders give what its
    text promises, and one run reads the demo case in a process of its own."""
    from benchmarks.casefile_limits import demo_data, hostile, largest, run_once

    data = demo_data()
    assert len(largest(data)["ratings"]) == 16_200
    assert len(hostile(data)["ratings"]) == 100_000
    demo = tmp_path / "demo.json"
    demo.write_text(json.dumps(data), encoding="utf-8")
    seconds, outcome, peak_kb = run_once(demo)
    assert outcome == f"loaded {len(data['ratings'])} ratings"
    assert seconds > 0 and peak_kb > 0


def test_the_cli_startup_benchmark_runs_once_on_a_small_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """benchmarks/cli_startup.py keeps working: one round side by side, one load of
    a small largest case in each format; it judges no time here."""
    from benchmarks import cli_startup

    assert cli_startup.main(["--rounds", "1", "--loads", "1", "--raters", "2"]) == 0
    out = capsys.readouterr().out
    for row in ("| python -c pass |", "| kloof analyse (table) |", "| kloof analyse (json) |"):
        assert row in out
    assert "| largest.yaml | " in out and "| 162 | " in out
    assert "| largest.json | " in out
    assert "analysis after YAML / after JSON: " in out


def test_the_case_file_limits_benchmark_judges_outcome_time_and_memory() -> None:
    """The 5 s and 256 MB of a refusal are judged here, with --check; the tests
    check only that hostile files are refused, within 256 MB."""
    from benchmarks.casefile_limits import judge

    assert judge("largest-yaml", "loaded 16200 ratings", 0.6, 90) == "meets"
    assert judge("largest-json", "refused: too many", 0.1, 90) == "MISSES (not loaded)"
    assert judge("hostile-json", "refused: too many values", 0.2, 40) == "meets"
    assert judge("hostile-yaml", "loaded 100000 ratings", 0.2, 40) == "MISSES (not refused)"
    assert judge("raters-json", "refused: too many raters", 5.0, 40).startswith("MISSES")
    assert judge("references-json", "refused: unknown rater", 1.0, 300).startswith("MISSES")
