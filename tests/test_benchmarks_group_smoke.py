"""The group session benchmark runs once, on 3 participants: its code cannot rot
unnoticed. No timing is asserted; what is asserted is that every participant's
whole flow is measured against a real server, and every submission is found
stored with exactly what was sent."""

from __future__ import annotations

import random

from benchmarks import group_session
from benchmarks.group_session import Options, Seeded, form_body, make_answers


def test_the_form_body_names_every_score_flag_and_move() -> None:
    seeded = Seeded("t", 1, (("a", "trust"), ("b", "trust")), ("position:trust:a:b",), ("x", "y"))
    answers = make_answers(seeded, random.Random(1))
    body = form_body("csrf", answers)
    names = [name for name, _value in body]
    assert names[0] == "csrfmiddlewaretoken"
    assert {"score-a-trust", "score-b-trust", "blocking", "first_move"} <= set(names)
    assert all(1 <= value <= 7 and (value * 2).is_integer() for value in answers["scores"].values())


def test_a_small_session_measures_every_step_and_loses_nothing() -> None:
    runs = group_session.measure(Options(participants=3, window=1.0, runs=1, warm_up=1))
    run = runs[0]
    assert {kind: len(run.seconds[kind]) for kind in group_session.KINDS} == dict.fromkeys(
        group_session.KINDS, 3
    )
    assert sorted(run.acknowledged) == ["Participant 1", "Participant 2", "Participant 3"]
    assert (run.lost, run.wrong, run.errors) == (0, 0, 0)
    _met, text = group_session.verdict(runs, 3)
    assert "acknowledged [3] of 3; lost 0; errors 0" in text
