"""What the database holds of the respondents after a run, read with plain SQL
(SQLite or PostgreSQL, from the benchmark's own process), and the checks on it:
lost, duplicated, half-written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from benchmarks.respondents_client import Answer, Answers, Question

RATER_PREFIX = "respondent_"

SUBMISSIONS = "SELECT link_id, COUNT(*), MAX(revision) FROM storage_submission GROUP BY link_id"
RATERS = "SELECT key FROM storage_rater"
RATINGS = (
    "SELECT r.key, p.key, g.factor, g.score, g.confidence, g.note FROM storage_rating g "
    "JOIN storage_rater r ON g.rater_id = r.id JOIN storage_party p ON g.subject_id = p.id"
)


@dataclass
class Stored:
    """One link's rows: its submissions, raters and ratings (duplicates kept)."""

    submissions: int = 0
    revision: int = 0
    raters: int = 0
    ratings: list[tuple[Question, Answer]] = field(default_factory=list)

    def answers(self) -> Answers:
        return dict(self.ratings)

    def duplicate_ratings(self) -> int:
        counts = Counter(question for question, _answer in self.ratings)
        return sum(count - 1 for count in counts.values())


def read_state(connection: Any) -> dict[int, Stored]:
    """Every respondent link's rows, by link id (links without rows are absent)."""
    state: dict[int, Stored] = {}

    def of(link_id: int) -> Stored:
        return state.setdefault(link_id, Stored())

    cursor = connection.cursor()
    for link_id, count, revision in cursor.execute(SUBMISSIONS).fetchall():
        of(link_id).submissions, of(link_id).revision = count, revision
    for (key,) in cursor.execute(RATERS).fetchall():
        if key.startswith(RATER_PREFIX):
            of(int(key.removeprefix(RATER_PREFIX))).raters += 1
    for key, subject, factor, score, confidence, note in cursor.execute(RATINGS).fetchall():
        if key.startswith(RATER_PREFIX):
            answer = Answer(None if score is None else float(score), confidence, note)
            of(int(key.removeprefix(RATER_PREFIX))).ratings.append(((subject, factor), answer))
    return state


def integrity(connection: Any) -> str:
    """SQLite's ``PRAGMA integrity_check``: "ok" when the file is sound."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows)


@dataclass(frozen=True)
class Verdict:
    """The counts a run is judged on; all must be 0 in a healthy run."""

    links: int  # links that had an acknowledged submission
    lost: int  # of those, links whose stored answers are not the last acknowledged
    duplicate_submissions: int  # Submission rows beyond one per link
    duplicate_ratings: int  # ratings beyond one per question
    duplicate_raters: int  # respondent raters beyond one per link
    unacknowledged: int  # links stored without any acknowledged submission
    lost_links: tuple[int, ...] = ()

    @property
    def duplicated(self) -> int:
        return self.duplicate_submissions + self.duplicate_ratings + self.duplicate_raters


def verify_last(state: Mapping[int, Stored], acknowledged: Mapping[int, Answers]) -> Verdict:
    """Every link with an acknowledged submission holds exactly its last
    acknowledged answers, once; no link holds answers nobody was told were stored."""
    lost = [
        link_id
        for link_id, answers in acknowledged.items()
        if state.get(link_id, Stored()).answers() != answers
        or state.get(link_id, Stored()).submissions == 0
    ]
    return Verdict(
        links=len(acknowledged),
        lost=len(lost),
        duplicate_submissions=sum(max(0, s.submissions - 1) for s in state.values()),
        duplicate_ratings=sum(s.duplicate_ratings() for s in state.values()),
        duplicate_raters=sum(max(0, s.raters - 1) for s in state.values()),
        unacknowledged=sum(
            1 for link_id, s in state.items() if s.submissions and link_id not in acknowledged
        ),
        lost_links=tuple(sorted(lost)),
    )
