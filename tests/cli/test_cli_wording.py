"""How the command line words counts and options: one rater, two raters, in both
languages; every option of every command explained in --help."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kloof.cli import build_parser

KLOOF = Path(sys.executable).with_name("kloof")

ONE_OF_EACH = """\
kloof: 1
title: One of each
language: en
parties:
  - {id: us, name: Us, side: own}
  - {id: them, name: Them, side: counterparty}
raters:
  - {id: ann, name: Ann, party: us}
ratings:
  - {rater: ann, subject: them, factor: intention, score: 3}
differences:
  - {factor: intention, status: open}
"""

#: Two raters of "us" who scored one (subject, factor) together: one unit.
ONE_UNIT = """\
kloof: 1
title: One unit
language: en
parties:
  - {id: us, name: Us, side: own}
  - {id: them, name: Them, side: counterparty}
raters:
  - {id: ann, name: Ann, party: us}
  - {id: ben, name: Ben, party: us}
ratings:
  - {rater: ann, subject: them, factor: intention, score: 3}
  - {rater: ben, subject: them, factor: intention, score: 4}
"""


def kloof(*args: str | Path, language: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KLOOF), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "KLOOF_LANG": language},
    )


def case_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "valid — 2 parties, 9 factors, 1 rater, 1 score, 1 register entry"),
        ("nl", "geldig — 2 partijen, 9 factoren, 1 beoordelaar, 1 score, 1 registerregel"),
    ],
)
def test_validate_words_one_of_each_in_the_singular(
    tmp_path: Path, language: str, expected: str
) -> None:
    path = case_file(tmp_path, ONE_OF_EACH)
    result = kloof("validate", path, language=language)
    assert (result.returncode, result.stdout) == (0, f"{path}: {expected}\n")


@pytest.mark.parametrize(
    ("language", "summary", "agreement"),
    [
        (
            "en",
            "Framework hopmans-9 · scale 1–7 · 2 parties · 1 rater · 1 score",
            "- Them: Krippendorff's alpha not available. None of Them's own raters has given "
            "scores;",
        ),
        (
            "nl",
            "Raamwerk hopmans-9 · schaal 1–7 · 2 partijen · 1 beoordelaar · 1 score",
            "- Them: Krippendorffs alfa is niet te berekenen. Geen van de eigen beoordelaars van "
            "Them heeft",
        ),
    ],
)
def test_analyse_words_counts_and_a_party_rated_only_by_others(
    tmp_path: Path, language: str, summary: str, agreement: str
) -> None:
    result = kloof("analyse", case_file(tmp_path, ONE_OF_EACH), "--lang", language)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert summary in lines
    assert any(line.startswith(agreement) for line in lines), result.stdout


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "(2 raters, 1 unit)"), ("nl", "(2 beoordelaars, 1 eenheid)")],
)
def test_agreement_words_a_single_unit_in_the_singular(
    tmp_path: Path, language: str, expected: str
) -> None:
    result = kloof("analyse", case_file(tmp_path, ONE_UNIT), "--lang", language)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


# --- --help ------------------------------------------------------------------------


def every_parser(
    parser: argparse.ArgumentParser, name: str = "kloof"
) -> list[tuple[str, argparse.ArgumentParser]]:
    """``parser`` and every parser of its commands and their actions, by name."""
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                found += every_parser(sub, f"{name} {command}")
    return found


def test_every_option_of_every_command_has_a_help_text() -> None:
    parsers = every_parser(build_parser())
    assert len(parsers) == 33  # kloof, 23 commands, token's 3 actions, practice's 6
    missing = [
        f"{name}: {'/'.join(action.option_strings) or action.dest}"
        for name, parser in parsers
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and not (action.help and action.help.strip())
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("chart",), "--kind {profile,radar}"),
        (("chart",), "(default: profile)"),
        (("schema",), "case: the schema of case files"),
        (("export",), "default: from the extension of FILE"),
        (("serve",), "(default 127.0.0.1"),
        (("demo",), "(default 127.0.0.1"),
    ],
)
def test_help_names_the_choices_and_defaults(args: tuple[str, ...], expected: str) -> None:
    result = kloof(*args, "--help")
    assert result.returncode == 0
    assert expected in " ".join(result.stdout.split())
