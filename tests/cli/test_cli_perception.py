"""Perception gaps through the command line: the JSON output (format 2), the
terminal headline, the report and the guide — and the decided-but-unknown case
that used to crash all of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import kloof

# We see them at 2.5 on intention, they see themselves at 5.25; positions close.
OPEN_DIALOGUE = """\
kloof: 1
title: Open dialogue
language: en
parties:
  - {id: us, name: Us, side: own}
  - {id: them, name: Them, side: counterparty}
raters:
  - {id: ann, name: Ann, party: us}
  - {id: ben, name: Ben, party: us}
  - {id: eva, name: Eva, party: them}
  - {id: bob, name: Bob, party: them}
ratings:
  - {rater: ann, subject: us, factor: intention, score: 4}
  - {rater: ben, subject: us, factor: intention, score: 5}
  - {rater: eva, subject: us, factor: intention, score: 4}
  - {rater: bob, subject: us, factor: intention, score: 4.5}
  - {rater: ann, subject: them, factor: intention, score: 2}
  - {rater: ben, subject: them, factor: intention, score: 3}
  - {rater: eva, subject: them, factor: intention, score: 5}
  - {rater: bob, subject: them, factor: intention, score: 5.5}
"""

DECIDED_UNKNOWN = Path(__file__).resolve().parents[1] / "data" / "intention-decided-unknown.yaml"


@pytest.fixture
def dialogue(tmp_path: Path) -> Path:
    path = tmp_path / "dialogue.yaml"
    path.write_text(OPEN_DIALOGUE, encoding="utf-8")
    return path


def test_json_counts_a_blocking_perception_gap(dialogue: Path) -> None:
    result = kloof("analyse", dialogue, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == 2
    assert data["blocking"] == ["intention"]
    assert data["blocking_detail"] == [
        {"factor": "intention", "kind": "perception", "parties": ["them", "us"]}
    ]
    (pair,) = data["pairs"]
    assert (pair["blocking"], pair["blocking_perception"], pair["blocking_factors"]) == (
        1,
        1,
        ["intention"],
    )
    intention = data["factors"][0]
    assert intention["positions"]["them"]["views_differ"] is True
    assert intention["positions"]["us"]["views_differ"] is False
    (gap,) = intention["gaps"]
    assert (gap["severity"], gap["uncertain"]) == ("aligned", True)
    (spot,) = data["blind_spots"]
    assert (spot["subject"], spot["viewer"], spot["severity"], spot["decided_severity"]) == (
        "them",
        "us",
        "blocking",
        "blocking",
    )
    assert (spot["viewer_score"], spot["self_score"], spot["register"]) == (2.5, 5.25, None)
    first = data["next_steps"][0]
    assert (first["kind"], first["difference"], first["parties"]) == (
        "stop_and_discuss",
        "perception",
        ["them", "us"],
    )
    assert first["text"] == (
        "Stop and clear up how Us sees Them on Intention first: name the misunderstanding together."
    )


def test_the_terminal_headline_leads_with_what_blocks(dialogue: Path) -> None:
    result = kloof("analyse", dialogue)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "Framework hopmans-9 · scale 1–7 · 2 parties · 4 raters · 8 scores"
    assert lines[4] == "Us ↔ Them: 1 blocking difference: Intention (how Us sees Them)."
    # Only intention is known: positions 4.375 and 3.875, 0.5 / 6 → 8 of 100.
    assert lines[5].startswith("  Toughness 8 of 100 (0 = the same on every factor, 100 =")


def test_the_report_and_guide_name_the_perception_gap(dialogue: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert kloof("report", dialogue, "-o", report).returncode == 0
    html = report.read_text(encoding="utf-8")
    assert "1 blocking difference: Intention (how Us sees Them)." in html
    guide = kloof("guide", dialogue)
    assert guide.returncode == 0, guide.stderr
    assert "Ask Us what makes them see Them this way, and tell them how Them sees itself." in (
        guide.stdout
    )


@pytest.mark.parametrize("form", ["json", "table", "markdown"])
def test_a_decided_blocking_intention_without_ratings_does_not_crash(form: str) -> None:
    result = kloof("analyse", DECIDED_UNKNOWN, "--format", form)
    assert result.returncode == 0, result.stderr
    if form == "json":
        data = json.loads(result.stdout)
        assert data["blocking"] == ["intention"]
        assert data["toughness"] is None
        (finding,) = [f for f in data["findings"] if f["rule"] == "intention_first"]
        assert finding["reasons"] == [
            "The team marked the difference between Alpha and Beta on Intention as blocking: "
            "pause the negotiation and make it discussable before anything else."
        ]
    else:
        assert "1 blocking difference: Intention." in result.stdout
        assert "Toughness unknown: no factor has both positions known yet." in result.stdout


def test_report_and_guide_of_a_decided_unknown_intention(tmp_path: Path) -> None:
    assert kloof("report", DECIDED_UNKNOWN, "-o", tmp_path / "r.html").returncode == 0
    guide = kloof("guide", DECIDED_UNKNOWN)
    assert guide.returncode == 0, guide.stderr
    assert "(computed: ‘unknown’)" in guide.stdout


def test_a_confirmed_blocking_reads_as_a_confirmation(tmp_path: Path) -> None:
    text = OPEN_DIALOGUE + (
        "differences:\n"
        "  - {factor: intention, kind: perception, subject: them, viewer: us,"
        " blocking: true, reason: They said so}\n"
    )
    path = tmp_path / "confirmed.yaml"
    path.write_text(text, encoding="utf-8")
    data = json.loads(kloof("analyse", path, "--format", "json").stdout)
    (spot,) = data["blind_spots"]
    assert (
        spot["reasons"][-1]
        == "The team confirmed that this difference is ‘blocking’: “They said so”."
    )
    assert "instead of the computed" not in json.dumps(data)
