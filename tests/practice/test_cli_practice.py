"""``kloof practice``: list, show, start -> fill in -> score, reference, validate,
and the messages for what goes wrong, in English and Dutch."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kloof.cli import main
from tests.practice.helpers import STRIKE, edited

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KLOOF_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def fill(path: Path, scores: dict[tuple[str, str], float], blocking: str, move: str) -> None:
    """Fill in a blank attempt as a user does in an editor."""
    text = path.read_text(encoding="utf-8")
    for (party, factor), value in scores.items():
        line = f"{{rater: you-{party}, subject: {party}, factor: {factor}, score: }}"
        assert line in text
        text = text.replace(line, line.replace("score: }", f"score: {value}}}"))
    text = text.replace("  blocking: []\n", f"  blocking:\n{blocking}")
    text = text.replace("  first_move:\n", f"  first_move: {move}\n")
    path.write_text(text, encoding="utf-8")


def test_list_filters_by_level_and_domain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "practice", "list", "--level", "advanced", "--domain", "news")
    assert code == 0
    # Columns aligned to the longest id, level and domain shown.
    assert out.splitlines() == [
        "hospital-merger-region  advanced  news  De Linde and Rivierzicht merger hangs by a thread",
        "regional-bus-strike     advanced  news  BusWest strike: a third week without buses",
    ]
    assert "supplier-price-rise" not in out
    code, out, _ = run(capsys, "practice", "list", "--lang", "nl", "--level", "basic")
    assert (
        "supplier-price-rise         basis  werk    Een prijsstijging van veertien procent\n" in out
    )


def test_show_prints_the_story_and_the_moves(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "practice", "show", "supplier-price-rise", "--lang", "nl")
    assert code == 0
    assert out.startswith(
        "Een prijsstijging van veertien procent\nbasis · werk · supplier-price-rise\n"
    )
    assert "  intention-first: Eerst bespreekbaar maken" in out
    assert "Inge Bakker, inkoper bij bakkerijketen Korrel" in out


def test_start_fill_and_score_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "attempt.yaml"
    code, _, err = run(capsys, "practice", "start", "regional-bus-strike", "-o", attempt)
    assert (code, err) == (0, f"wrote {attempt}\n")
    assert run(capsys, "validate", attempt)[0] == 0  # a valid case file, no scores yet
    scores = {
        ("union", "intention"): 4.5,
        ("management", "intention"): 2.0,  # 1.5 off
        ("management", "trust"): 5,
        ("union", "trust"): 2,
    }
    blocking = "    - {kind: position, factor: trust, parties: [management, union]}\n"
    blocking += "    - {kind: position, factor: intention, parties: [union, management]}\n"
    fill(attempt, scores, blocking, "intention-first")
    code, out, err = run(capsys, "practice", "score", attempt, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == [
        "scenario", "score", "parts", "per_factor", "blocking", "first_move", "unrated"
    ]  # fmt: skip
    assert data["per_factor"][:3] == [
        {"factor": "intention", "party": "union", "yours": 4.5, "reference": 4.5, "error": 0.0},
        {
            "factor": "intention",
            "party": "management",
            "yours": 2.0,
            "reference": 3.5,
            "error": 1.5,
        },
        {
            "factor": "intention",
            "party": "province",
            "yours": None,
            "reference": 5.0,
            "error": None,
        },
    ]
    assert len(data["per_factor"]) == 27
    assert data["blocking"] == {
        "found": [{"kind": "position", "factor": "trust", "parties": ["management", "union"]}],
        "missed": [
            {
                "kind": "perception",
                "factor": "intention",
                "viewer": "union",
                "subject": "management",
            }
        ],
        "extra": [{"kind": "position", "factor": "intention", "parties": ["management", "union"]}],
        "precision": 0.5,
        "recall": 0.5,
    }
    assert data["first_move"] == {
        "yours": "intention-first",
        "reference": "intention-first",
        "right": True,
    }
    # positions: 3 exact cells and one half right of 27; blocking F1 0.5; move 15
    assert data["parts"] == {
        "positions": round(35 * 3.5 / 27, 2),
        "blocking": 25.0,
        "first_move": 15.0,
    }
    assert data["score"] == round(35 * 3.5 / 27 + 25 + 15) == 45
    assert len(data["unrated"]) == 23
    assert data["unrated"][0] == {"party": "province", "factor": "intention"}


def test_the_text_feedback_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "poging.yaml"
    run(capsys, "practice", "start", "supplier-price-rise", "-o", attempt, "--lang", "nl")
    fill(attempt, {("vos", "intention"): 2.5}, "", "quotes-first")
    code, out, _ = run(capsys, "practice", "score", attempt, "--lang", "nl")
    assert code == 0
    assert out.startswith("Score: 2 van 100\n  posities: 1,9 van 35\n")
    assert "  Intentie, Kartonnage Vos (Ruud Vos): 2,5 / 2,5 / 0\n" in out
    assert "Blokkerende verschillen die je miste:\n  Korrel (inkoop, Inge Bakker) en " in out
    assert "Eerste stap: je koos 'quotes-first'; de referentie is 'intention-first'.\n" in out
    assert "Niet beoordeeld (17 van 18; ze tellen als fout in de score):\n" in out
    assert "De score telt drie delen op." in out


def test_the_reference_scores_100(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reference = tmp_path / "reference.yaml"
    assert run(capsys, "practice", "reference", "regional-bus-strike", "-o", reference)[0] == 0
    assert run(capsys, "validate", reference)[0] == 0
    code, out, _ = run(capsys, "practice", "score", reference, "--format", "json")
    data = json.loads(out)
    assert (code, data["score"], data["blocking"]["recall"], data["unrated"]) == (0, 100, 1.0, [])


def test_start_does_not_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "attempt.yaml"
    attempt.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "practice", "start", "supplier-price-rise", "-o", attempt)
    assert (code, attempt.read_text(encoding="utf-8")) == (2, "mine")
    assert err == (
        f"kloof: error: {attempt} already exists — choose another file name, or add "
        "--force to replace it\n"
    )
    assert run(capsys, "practice", "start", "supplier-price-rise", "-o", attempt, "--force")[0] == 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "kloof: error: there is no practice scenario 'supplier-price' — did you mean "
         "'supplier-price-rise'? 'kloof practice list' shows them all\n"),
        ("nl", "kloof: fout: er is geen oefenscenario 'supplier-price' — bedoel je "
         "'supplier-price-rise'? 'kloof practice list' toont ze allemaal\n"),
    ],
)  # fmt: skip
def test_an_unknown_id_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, expected: str
) -> None:
    output = tmp_path / "a.yaml"
    code, _, err = run(
        capsys, "practice", "start", "supplier-price", "-o", output, "--lang", language
    )
    assert (code, err, output.exists()) == (2, expected, False)


def test_a_missing_attempt_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.yaml"
    code, _, err = run(capsys, "practice", "score", missing)
    assert (code, err) == (
        2,
        f"kloof: error: {missing}: file not found — check the path and the file name\n",
    )


def test_a_wrong_move_in_an_attempt_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = tmp_path / "attempt.yaml"
    run(capsys, "practice", "start", "supplier-price-rise", "-o", attempt)
    fill(attempt, {}, "", "price-first")
    line = next(
        number
        for number, text in enumerate(attempt.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("  first_move:")
    )
    code, _, err = run(capsys, "practice", "score", attempt)
    assert (code, err) == (
        2,
        f"kloof: error: {attempt}:{line}: practice: 'price-first' is not one of the moves of "
        "this scenario — use one of: intention-first, quotes-first, design-first, "
        "split-difference\n",
    )


def test_a_case_file_without_practice_is_no_attempt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "kloof: 1\ntitle: T\nparties:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "practice", "score", case)
    assert (code, err) == (
        2,
        f"kloof: error: {case}:1: this case file is no practice attempt: the 'practice:' "
        "section is missing — start an attempt with 'kloof practice start ID -o attempt.yaml'\n",
    )


def test_validate_a_trainers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "practice", "validate", STRIKE)
    assert (code, out) == (0, f"{STRIKE}: valid — 3 parties, 2 blocking differences\n")
    bad = edited(tmp_path, STRIKE, "      score: 1\n", "      score: 8\n")
    code, out, err = run(capsys, "practice", "validate", bad, "--lang", "nl")
    assert (code, out) == (2, "")
    assert re.fullmatch(
        rf"kloof: fout: {re.escape(str(bad))}:\d+: reference, element 1 van 'perceptions': .*\n",
        err,
    )
