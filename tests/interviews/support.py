"""The demo case with interviews, for the interview tests."""

from __future__ import annotations

from tests.web.factories import DEMO_CASE

#: Appended to the demo case: an interview at Cartwright (about Cartwright) with
#: an answer on competences (rated on estimates only) and a blank one on trust.
INTERVIEWS = """
interviews:
  - id: int-1
    interviewee: Anna de Vries
    party: cartwright
    role: Head of sales
    interviewer: maria
    date: 2026-11-20
    factors: [intention, competences, trust]
    answers:
      competences: "Their account team has run two joint design projects."
      trust: ""
"""


def demo_with_interviews() -> bytes:
    return (DEMO_CASE.read_text(encoding="utf-8") + INTERVIEWS).encode("utf-8")
