"""Every built-in scenario (parametrised over the directory, so new ones are
checked too): it validates, kloof's own analysis of its reference yields exactly
the blocking differences it claims, and the reference scores 100."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.practice import (
    DifferenceKey,
    analysed_blocking,
    possible_differences,
    reference_attempt,
    reference_case,
    score,
)
from kloof.formats.attemptfile import attempt_text, read_attempt
from kloof.formats.framework import load_framework
from kloof.formats.scenariofile import load_scenario
from kloof.formats.yamlsafe import parse_document
from kloof.services.practice import builtin_ids, builtin_scenario
from tests.practice.helpers import BUILTIN_FILES

FRAMEWORK = load_framework("hopmans-9")


def test_the_library_holds_at_least_the_engines_two() -> None:
    assert {"supplier-price-rise", "regional-bus-strike"} <= set(builtin_ids())


@pytest.fixture(params=BUILTIN_FILES, ids=lambda path: path.stem)
def builtin(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_it_validates_and_is_named_after_its_id(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    assert scenario.id == builtin.stem


@pytest.mark.parametrize("language", ["nl", "en"])
def test_its_story_has_300_to_700_words(builtin: Path, language: str) -> None:
    words = len(load_scenario(builtin).text.get(language).split())
    assert 300 <= words <= 700, words


def test_its_level_fits(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    advanced = len(scenario.parties) == 3 or bool(scenario.reference.perceptions)
    assert (scenario.level == "advanced") == advanced


def test_the_analysis_yields_exactly_the_claimed_blocking(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    assert analysed_blocking(scenario, FRAMEWORK) == frozenset(scenario.reference.blocking)


def test_the_analysis_has_the_stated_positions_and_perception_gaps(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    analysis = analyse(reference_case(scenario, FRAMEWORK))
    for result in analysis.factors:
        for party, position in result.positions.items():
            assert position.score == pytest.approx(
                scenario.reference.score(party, result.factor.key)
            )
    spots = {(s.viewer, s.subject, s.factor): s.points for s in analysis.blind_spots}
    for perception in scenario.reference.perceptions:
        own = scenario.reference.score(perception.subject, perception.factor)
        wanted = abs(perception.score - own)
        if wanted >= 2:  # kloof lists blind spots from significant on
            key = (perception.viewer, perception.subject, perception.factor)
            assert spots[key] == pytest.approx(wanted)


def test_the_reference_scores_100_with_recall_1(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    feedback = score(scenario, reference_attempt(scenario))
    assert (feedback.score, feedback.blocking.recall, feedback.blocking.precision) == (
        100,
        1.0,
        1.0,
    )
    assert feedback.first_move.right


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_reference_file_scores_100(builtin: Path, language: str) -> None:
    scenario = load_scenario(builtin)
    text = attempt_text(scenario, language, "reference.yaml", reference=True)
    document = parse_document(text.encode(), "reference.yaml")
    attempt, case = read_attempt(document, "reference.yaml", builtin_scenario)
    assert score(scenario, attempt).score == 100
    assert case.language == language


def test_everything_blocks_scores_at_most_half_unless_everything_blocks(builtin: Path) -> None:
    scenario = load_scenario(builtin)
    perfect = reference_attempt(scenario)
    flagged = frozenset(possible_differences(scenario))
    from dataclasses import replace

    feedback = score(scenario, replace(perfect, blocking=flagged))
    assert feedback.blocking.recall == 1.0
    assert feedback.score <= 60  # positions and move perfect, still a poor score
    if not scenario.reference.blocking:
        assert (feedback.blocking.precision, feedback.score) == (0.0, 50)


def test_blocking_keys_cover_what_can_be_flagged() -> None:
    scenario = builtin_scenario("regional-bus-strike")
    keys = possible_differences(scenario)
    # 3 pairs and 6 viewer-subject pairs on each of 9 factors
    assert len(keys) == 9 * (3 + 6) == len(set(keys))
    assert DifferenceKey.perception("intention", "union", "management") in keys
    assert DifferenceKey.position("trust", "management", "union") in keys
