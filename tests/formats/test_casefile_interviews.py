"""Case files with interviews: read, checked with clear messages, written back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kloof.domain.model import Interview, InterviewAnswer
from kloof.formats.casefile import dump_case_json, dump_case_yaml, parse_case
from kloof.formats.errors import InputError

CASES = Path(__file__).resolve().parent / "cases"
BASE = (CASES / "basic.yaml").read_text(encoding="utf-8")
SOURCE = "cases/x.yaml"
# basic.yaml has 30 lines; the interviews start on line 31.
INTERVIEWS = """interviews:
  - id: int-1
    interviewee: Anna de Vries
    party: globex
    role: Head of purchasing
    interviewer: jan
    date: 2026-11-20
    factors: [intention, trust]
    answers:
      intention: "We want a partner, not a price."
  - id: int-2
    interviewee: Piet
    about: acme
"""


def _parse(text: str):
    return parse_case(text.encode(), SOURCE)


def _message(old: str, new: str) -> str:
    text = BASE + INTERVIEWS
    assert text.count(old) == 1, old
    with pytest.raises(InputError) as caught:
        _parse(text.replace(old, new))
    return caught.value.message


def test_interviews_are_read():
    case = _parse(BASE + INTERVIEWS)
    assert case.interviews == (
        Interview(
            id="int-1",
            interviewee="Anna de Vries",
            about="globex",
            party="globex",
            role="Head of purchasing",
            interviewer="jan",
            date=dt.date(2026, 11, 20),
            factors=("intention", "trust"),
            answers=(InterviewAnswer("intention", "We want a partner, not a price."),),
        ),
        Interview(id="int-2", interviewee="Piet", about="acme"),
    )


def test_a_file_without_interviews_stays_valid():
    assert _parse(BASE).interviews == ()


@pytest.mark.parametrize("dump", [dump_case_yaml, dump_case_json])
def test_interviews_round_trip(dump):
    case = _parse(BASE + INTERVIEWS)
    written = dump(case)
    kind = "json" if dump is dump_case_json else "yaml"
    assert parse_case(written.encode(), f"back.{kind}").interviews == case.interviews
    if kind == "yaml":
        assert "about: acme" in written
        assert "about: globex" not in written  # the default (the interviewee's party)


def test_unknown_party():
    assert _message("    party: globex\n", "    party: globx\n") == (
        "cases/x.yaml:34: interview 1: unknown party 'globx' — did you mean 'globex'?"
    )


def test_unknown_factor_in_the_plan():
    assert _message("factors: [intention, trust]", "factors: [intention, trsut]") == (
        "cases/x.yaml:38: interview 1, factor 2: unknown factor 'trsut' — did you mean 'trust'?"
    )


def test_answer_on_a_factor_not_in_the_case():
    message = _message("      intention: ", "      cost: ")
    assert message.startswith(
        "cases/x.yaml:40: interview 1, answers: an answer on 'cost', which is not a factor "
        "of this case — write the answer under one of the case's factors: intention, "
    )
    assert message.endswith("emotional_frame, sustainability")


def test_duplicate_id():
    assert _message("  - id: int-2", "  - id: int-1") == (
        "cases/x.yaml:41: interview 2: the interview id 'int-1' is used twice "
        "(first on line 32) — give every interview its own id"
    )


def test_no_party_at_all():
    assert _message("    about: acme\n", "") == (
        "cases/x.yaml:42: interview 2: the interview with 'Piet' names no party — add "
        "'about: PARTY' (the party the answers tell about) or 'party: PARTY'"
    )


def test_impossible_date():
    assert _message("date: 2026-11-20", "date: 2026-02-30") == (
        "cases/x.yaml:37: '2026-02-30' is not a valid date — write an existing date as "
        "YYYY-MM-DD, for example 2026-12-01"
    )


def test_unknown_field_is_named_by_the_schema():
    message = _message("    role: Head", "    rol: Head")
    assert message.startswith("cases/x.yaml:35: ")
    assert "rol" in message
