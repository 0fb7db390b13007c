"""The respondent benchmarks run, once, on tiny numbers: their code cannot rot
unnoticed. No timing is asserted (this machine is noisy): what is asserted is
what the code sends, how it reads the database and judges the counts, and that
a whole load run on a real server measures every kind of request.
"""

from __future__ import annotations

import random

from benchmarks import respondents_load
from benchmarks.respondents_client import (
    Answer,
    Reply,
    form_fields,
    is_done,
    make_answers,
    percentile,
)
from benchmarks.respondents_common import errors_in, kind_of
from benchmarks.respondents_crash import Track, version_of
from benchmarks.respondents_seed import Link, Subject
from benchmarks.respondents_state import Stored, verify_last

QUESTIONS = [("ours", "trust"), ("theirs", "trust")]


def test_answers_are_on_the_scale_in_half_steps_and_name_their_version() -> None:
    answers = make_answers(QUESTIONS * 50, (1.0, 7.0), 3, random.Random(1))
    scores = [a.score for a in answers.values() if a.score is not None]
    assert all(1.0 <= s <= 7.0 and (s * 2).is_integer() for s in scores)
    assert all(
        a.note.startswith("v3 ") and a.confidence in ("low", "medium", "high")
        for a in answers.values()
    )


def test_form_fields_follow_the_questionnaire_names() -> None:
    fields = form_fields(
        {
            ("ours", "trust"): Answer(4.5, "high", "v1 a"),
            ("theirs", "trust"): Answer(None, "low", "v1 b"),
        }
    )
    assert fields == {
        "score-ours-trust": "4.5",
        "confidence-ours-trust": "high",
        "note-ours-trust": "v1 a",
        "score-theirs-trust": "",
        "noop-theirs-trust": "on",
        "confidence-theirs-trust": "low",
        "note-theirs-trust": "v1 b",
    }


def test_replies_are_counted_by_kind_and_only_real_errors_are_errors() -> None:
    replies = [
        Reply(303, "/respond/done", 0.01),
        Reply(303, "/respond/", 0.01),
        Reply(503, "", 0.01),
        Reply(500, "", 0.01),
        Reply(0, "", 0.01, "ConnectionResetError"),
        Reply(403, "", 0.01),
    ]
    kinds = [kind_of(reply) for reply in replies]
    assert kinds == ["done", "saved", "503", "5xx", "connection", "other 403"]
    assert [is_done(reply) for reply in replies] == [True] + [False] * 5
    from collections import Counter

    assert errors_in(Counter(kinds)) == 3  # 5xx, no answer, 403; not the 503


def test_nearest_rank_percentiles() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert [percentile(samples, share) for share in (0.5, 0.95, 0.99, 1.0)] == [50, 95, 99, 100]
    assert percentile([], 0.99) == 0.0


def test_verify_last_counts_lost_and_duplicated_rows() -> None:
    last = {("ours", "trust"): Answer(5.0, "high", "v2 x")}
    older = {("ours", "trust"): Answer(3.0, "low", "v1 x")}
    state = {
        1: Stored(1, 2, 1, list(last.items())),
        2: Stored(2, 1, 2, list(older.items()) * 2),
        3: Stored(1, 1, 1, list(older.items())),
    }
    verdict = verify_last(state, {1: last, 2: older, 4: last})
    assert (verdict.links, verdict.lost, verdict.lost_links) == (3, 1, (4,))
    assert (verdict.duplicate_submissions, verdict.duplicate_raters, verdict.duplicate_ratings) == (
        1,
        1,
        1,
    )
    assert verdict.unacknowledged == 1  # link 3: stored, never acknowledged


def test_crash_check_allows_the_last_acknowledged_or_a_later_cut_off_submission() -> None:
    track = Track(Link(1, "t", "ours", (Subject(1, "ours"),)))
    track.outcome = {1: "done", 2: "503", 3: "done", 4: "connection"}
    assert track.allowed() == {3, 4}
    stored = Stored(
        1, 1, 1, [(q, Answer(1.0, "low", f"v{n} q")) for n, q in enumerate(QUESTIONS, 3)]
    )
    assert version_of(stored) == {3, 4}  # two versions: half-written


def test_a_tiny_workshop_runs_against_a_real_server(capsys) -> None:
    status = respondents_load.main(["--respondents", "4", "--window", "1", "--runs", "1"])
    output = capsys.readouterr().out
    assert status == 0
    for kind in ("open link", "form", "save", "submit"):
        assert f"| {kind} | 4 |" in output
    assert "| total | 16 |" in output
    assert "4 submissions acknowledged and stored, not as expected: none" in output
