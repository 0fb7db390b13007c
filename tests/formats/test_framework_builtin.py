"""The built-in framework hopmans-9: its content, in both languages, as DESIGN.md
describes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kloof.domain.model import Factor, Severity, Text
from kloof.formats.framework import (
    BUILTIN_DIR,
    builtin_frameworks,
    load_framework,
    load_framework_file,
)

HOPMANS = load_framework("hopmans-9")

# The factor table of DESIGN.md: key, Dutch name, English name, in this order.
DESIGN_TABLE = [
    ("intention", "Intentie", "Intention"),
    ("relationship", "Relatie", "Relationship"),
    ("value_creation", "Waardecreatie", "Value creation"),
    ("trust", "Vertrouwen", "Trust"),
    ("dependency", "Afhankelijkheid", "Dependency"),
    ("flexibility", "Flexibiliteit", "Flexibility"),
    ("claiming_sharing", "Claimen en delen", "Claiming and sharing"),
    ("competences", "Competenties", "Competences"),
    ("emotional_frame", "Emotioneel kader", "Emotional frame"),
]


def all_texts(factor: Factor) -> list[tuple[str, Text]]:
    """Every text of a factor with a label for assertion messages."""
    texts = [
        ("name", factor.name),
        ("left", factor.left),
        ("right", factor.right),
        ("description", factor.description),
    ]
    texts += [(f"question {i + 1}", text) for i, text in enumerate(factor.questions)]
    texts += [(f"signal {i + 1}", text) for i, text in enumerate(factor.signals)]
    texts += [(f"advice {severity.value}", text) for severity, text in factor.advice.items()]
    return texts


def test_builtin_frameworks_lists_hopmans_9() -> None:
    assert "hopmans-9" in builtin_frameworks()


def test_hopmans_9_has_the_nine_factors_of_the_design_in_order() -> None:
    assert [(f.key, f.name.nl, f.name.en) for f in HOPMANS.factors] == DESIGN_TABLE


def test_hopmans_9_framework_texts_and_credit() -> None:
    assert HOPMANS.name == "hopmans-9"
    assert HOPMANS.title.nl and HOPMANS.title.en and HOPMANS.title.nl != HOPMANS.title.en
    assert "Hopmans" in HOPMANS.description.nl and "Hopmans" in HOPMANS.description.en
    assert HOPMANS.source == "Hans Hopmans, “9 factoren die het verschil maken”, 2024"


@pytest.mark.parametrize("factor", HOPMANS.factors, ids=lambda factor: factor.key)
def test_hopmans_9_factor_has_every_text_in_both_languages(factor: Factor) -> None:
    for label, text in all_texts(factor):
        assert text.nl.strip(), f"{factor.key} {label}: no Dutch"
        assert text.en.strip(), f"{factor.key} {label}: no English"
        assert text.nl != text.en, f"{factor.key} {label}: Dutch and English are the same"


@pytest.mark.parametrize("factor", HOPMANS.factors, ids=lambda factor: factor.key)
def test_hopmans_9_factor_has_3_to_5_questions_and_signals(factor: Factor) -> None:
    assert 3 <= len(factor.questions) <= 5
    assert 3 <= len(factor.signals) <= 5
    for question in factor.questions:
        assert question.nl.endswith("?") and question.en.endswith("?")
    for signal in factor.signals:
        assert not signal.nl.endswith("?") and not signal.en.endswith("?")


@pytest.mark.parametrize("factor", HOPMANS.factors, ids=lambda factor: factor.key)
def test_hopmans_9_factor_has_advice_for_the_three_severities(factor: Factor) -> None:
    assert set(factor.advice) == {Severity.NUANCE, Severity.SIGNIFICANT, Severity.BLOCKING}


@pytest.mark.parametrize("factor", HOPMANS.factors, ids=lambda factor: factor.key)
def test_hopmans_9_pole_labels_fit_beside_a_chart_row(factor: Factor) -> None:
    for pole in (factor.left, factor.right):
        assert len(pole.nl) <= 45, pole.nl
        assert len(pole.en) <= 45, pole.en


@pytest.mark.parametrize("factor", HOPMANS.factors, ids=lambda factor: factor.key)
def test_hopmans_9_description_is_two_to_four_sentences(factor: Factor) -> None:
    for text in (factor.description.nl, factor.description.en):
        sentences = text.count(". ") + 1
        assert 2 <= sentences <= 4, text


def test_hopmans_9_weighs_every_factor_1() -> None:
    assert [factor.weight for factor in HOPMANS.factors] == [1.0] * 9


def test_hopmans_9_intention_blocks_from_0_4_and_the_others_from_half() -> None:
    blocking = {factor.key: factor.thresholds.blocking for factor in HOPMANS.factors}
    assert blocking.pop("intention") == 0.4
    assert set(blocking.values()) == {0.5}


def test_hopmans_9_nuance_and_significant_are_the_exact_sixths() -> None:
    for factor in HOPMANS.factors:
        assert factor.thresholds.nuance == 1 / 6
        assert factor.thresholds.significant == 2 / 6


def test_hopmans_9_intention_blocking_advice_says_stop_and_discuss() -> None:
    advice = HOPMANS.factors[0].advice[Severity.BLOCKING]
    assert advice.nl.startswith("Stop") and "bespreekbaar" in advice.nl
    assert advice.en.startswith("Stop") and "discussable" in advice.en


def test_hopmans_9_trust_review_is_yearly_and_outside_the_contract_negotiation() -> None:
    trust = HOPMANS.factor("trust")
    assert trust is not None
    assert "eens per jaar" in trust.description.nl
    assert "buiten de contractonderhandeling" in trust.description.nl
    assert "once a year" in trust.description.en
    assert "outside the contract negotiation" in trust.description.en


def test_hopmans_9_dependency_advice_secures_the_four_alignments() -> None:
    dependency = HOPMANS.factor("dependency")
    assert dependency is not None
    advice = dependency.advice[Severity.SIGNIFICANT].en
    for theme in ("intention", "strategic interests", "business goals", "trust"):
        assert theme in advice


def test_hopmans_9_is_cached() -> None:
    assert load_framework("hopmans-9") is load_framework("hopmans-9")


def test_hopmans_9_loads_without_jsonschema() -> None:
    # A fresh interpreter: the first load must not pull in jsonschema (about 100 ms
    # of start-up; benchmarks/cli_startup.py measures the whole command).
    script = (
        "import sys\n"
        "from kloof.formats.framework import load_framework\n"
        "load_framework('hopmans-9')\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False"]


@pytest.mark.parametrize("name", builtin_frameworks())
def test_every_builtin_framework_passes_the_strict_path(name: str) -> None:
    # Built-ins are loaded without the schema for speed; the full check must agree.
    assert load_framework_file(BUILTIN_DIR / f"{name}.yaml") == load_framework(name)


def test_docs_table_shows_the_poles_of_hopmans_9() -> None:
    docs = Path(__file__).parents[2] / "docs" / "frameworks.md"
    rows = [line for line in docs.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    expected = [
        f"| {i} | `{f.key}` | {f.name.en} | {f.left.en} | {f.right.en} |"
        for i, f in enumerate(HOPMANS.factors, start=1)
    ]
    assert [row for row in rows if row in expected] == expected
