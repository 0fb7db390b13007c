"""The feedback chart of a practice attempt: you against the reference."""

from __future__ import annotations

from dataclasses import replace

from kloof.domain.practice import reference_attempt, score
from kloof.formats.framework import load_framework
from kloof.services.practice import builtin_scenario
from kloof.services.practice_chart import comparison_chart


def test_the_chart_never_calls_a_gap_uncertain_and_colours_a_wrong_answer() -> None:
    scenario = builtin_scenario("supplier-price-rise")
    attempt = reference_attempt(scenario)
    # Trust of the first party answered 3 points off: a blocking-size gap.
    party = scenario.parties[0].id
    reference = scenario.reference.score(party, "trust")
    wrong = reference - 3 if reference > 3.5 else reference + 3
    attempt = replace(attempt, positions={**attempt.positions, (party, "trust"): wrong})
    feedback = score(scenario, attempt)
    svg = comparison_chart(
        scenario, party, feedback, load_framework("hopmans-9"), "en", ("You", "Reference"), "t"
    )
    assert "uncertain" not in svg
    assert svg.count('class="gap blocking"') == 1
    assert svg.count('class="gap aligned"') == 8
