"""Practice: scenarios with a reference analysis, a user's attempt, and its feedback.

Pure: the scenario file is read by :mod:`kloof.formats.scenariofile`; here are the
data, the mapping of a reference to a :class:`~kloof.domain.model.Case` that kloof's
own analysis runs on, and the score.

The score (0-100) has three parts, documented in docs/practice.md:

- positions, 35 points: per party and factor an accuracy of ``1 - error / 3``
  (0 from an error of 3 points, the size of a blocking gap, on); an unrated cell
  counts 0. The mean accuracy times 35.
- blocking differences, 50 points: the F1 of precision (flagged ones that block)
  and recall (blocking ones flagged). Flagging nothing where nothing blocks is
  perfect; flagging everything where nothing blocks gives precision 0, so 0 points.
- the first move, 15 points: right or not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from kloof.domain.analysis import analyse
from kloof.domain.model import (
    PERCEPTION,
    POSITION,
    Case,
    Framework,
    Party,
    Rater,
    Rating,
    Scale,
    Severity,
    Text,
)
from kloof.domain.results import Analysis

LEVELS: tuple[str, ...] = ("basic", "advanced")
DOMAINS: tuple[str, ...] = ("work", "private", "news")
#: The scenario format this kloof reads (the ``format:`` field).
SCENARIO_FORMAT = "kloof-scenario/1"
#: Scenarios are rated on the built-in framework, on its default scale.
SCENARIO_FRAMEWORK = "hopmans-9"
SCENARIO_SCALE = Scale(1.0, 7.0)

#: The weights of the three parts of the score; they add up to 100.
POSITION_POINTS = 35.0
BLOCKING_POINTS = 50.0
FIRST_MOVE_POINTS = 15.0
#: An error of this many points (or more) on a position earns nothing: it is the
#: size of a blocking gap, so the reader would misjudge what blocks.
ERROR_LIMIT = 3.0


@dataclass(frozen=True, order=True)
class DifferenceKey:
    """One difference that can block: a position difference between two parties
    (``parties`` sorted, order-free) or a perception gap (``parties`` is
    ``(viewer, subject)``: how the viewer sees the subject against the subject's
    own position)."""

    kind: str
    factor: str
    parties: tuple[str, str]

    @classmethod
    def position(cls, factor: str, first: str, second: str) -> DifferenceKey:
        a, b = sorted((first, second))
        return cls(POSITION, factor, (a, b))

    @classmethod
    def perception(cls, factor: str, viewer: str, subject: str) -> DifferenceKey:
        return cls(PERCEPTION, factor, (viewer, subject))

    @property
    def viewer(self) -> str | None:
        return self.parties[0] if self.kind == PERCEPTION else None

    @property
    def subject(self) -> str | None:
        return self.parties[1] if self.kind == PERCEPTION else None

    def as_data(self) -> dict[str, object]:
        """The key as the scenario and attempt files write it."""
        if self.kind == PERCEPTION:
            return {
                "kind": PERCEPTION,
                "factor": self.factor,
                "viewer": self.parties[0],
                "subject": self.parties[1],
            }
        return {"kind": POSITION, "factor": self.factor, "parties": list(self.parties)}


@dataclass(frozen=True)
class Judgement:
    """A reference score with the reasoning that points to the passage."""

    score: float
    why: Text


@dataclass(frozen=True)
class Perception:
    """How ``viewer`` sees ``subject`` on ``factor`` (the subject's own score is
    its reference position)."""

    viewer: str
    subject: str
    factor: str
    score: float
    why: Text


@dataclass(frozen=True)
class BlindSpotNote:
    viewer: str
    subject: str
    factor: str
    why: Text


@dataclass(frozen=True)
class MoveOption:
    key: str
    text: Text


@dataclass(frozen=True)
class FirstMove:
    answer: str
    options: tuple[MoveOption, ...]
    why: Text


@dataclass(frozen=True)
class Reference:
    """The reference analysis. ``positions[party][factor]``."""

    positions: Mapping[str, Mapping[str, Judgement]]
    perceptions: tuple[Perception, ...]
    blocking: tuple[DifferenceKey, ...]
    blind_spots: tuple[BlindSpotNote, ...]
    first_move: FirstMove

    def score(self, party: str, factor: str) -> float:
        return self.positions[party][factor].score


@dataclass(frozen=True)
class ScenarioParty:
    id: str
    name: Text
    role: Text | None = None


@dataclass(frozen=True)
class Scenario:
    id: str
    level: str
    domain: str
    title: Text
    summary: Text
    text: Text
    parties: tuple[ScenarioParty, ...]
    #: The factor keys rated, in the framework's order.
    factors: tuple[str, ...]
    reference: Reference

    def party(self, party_id: str) -> ScenarioParty:
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)


@dataclass(frozen=True)
class Attempt:
    """A user's answer. ``positions[(party, factor)]`` is None where not rated."""

    scenario: str
    positions: Mapping[tuple[str, str], float | None]
    blocking: frozenset[DifferenceKey]
    first_move: str | None


@dataclass(frozen=True)
class FactorError:
    factor: str
    party: str
    yours: float | None
    reference: float
    #: Points between yours and the reference; None when you did not rate it.
    error: float | None


@dataclass(frozen=True)
class BlockingResult:
    found: tuple[DifferenceKey, ...]
    missed: tuple[DifferenceKey, ...]
    extra: tuple[DifferenceKey, ...]
    precision: float
    recall: float


@dataclass(frozen=True)
class FirstMoveResult:
    yours: str | None
    reference: str
    right: bool


@dataclass(frozen=True)
class Feedback:
    """The feedback on an attempt; ``score`` 0-100 is the sum of the three parts."""

    score: int
    position_points: float
    blocking_points: float
    first_move_points: float
    per_factor: tuple[FactorError, ...]
    blocking: BlockingResult
    first_move: FirstMoveResult
    #: (party, factor) cells left unrated: they count 0 in the position part.
    unrated: tuple[tuple[str, str], ...]
    #: The mean error in points over the rated cells (None: nothing rated).
    mean_error: float | None


# --- the reference as a case -------------------------------------------------


def reference_case(scenario: Scenario, framework: Framework) -> Case:
    """The reference as a case whose analysis has exactly the reference's
    positions and perception gaps.

    kloof's position of a party is the mean of its self view and its outside view,
    and a perception gap is a viewer's view against the self view. Rating the
    subject at its position and the viewers at their perceptions would move the
    position toward the viewers. So each party has one rater; where others see a
    party differently, its self view is placed half the median misjudgement the
    other way (``self = position - median(d) / 2``) and each viewer at
    ``self + d``: the outside median is then ``self + median(d)``, the position
    the mean ``position``, and each perception gap exactly ``d``. The self view
    may then lie off the 1-7 scale; this case is for the analysis only.
    """
    by_cell: dict[tuple[str, str], list[Perception]] = {}
    for perception in scenario.reference.perceptions:
        by_cell.setdefault((perception.subject, perception.factor), []).append(perception)
    ratings = []
    for party in scenario.parties:
        for factor in scenario.factors:
            position = scenario.reference.score(party.id, factor)
            seen = by_cell.get((party.id, factor), [])
            shifts = [perception.score - position for perception in seen]
            own = position - median(shifts) / 2 if shifts else position
            ratings.append(Rating(party.id, party.id, factor, own))
            ratings.extend(
                Rating(perception.viewer, party.id, factor, own + shift)
                for perception, shift in zip(seen, shifts, strict=True)
            )
    return Case(
        title=scenario.title.en,
        framework=framework,
        parties=tuple(Party(party.id, party.name.en) for party in scenario.parties),
        factors=tuple(f for f in framework.factors if f.key in scenario.factors),
        raters=tuple(Rater(party.id, party.name.en, party.id) for party in scenario.parties),
        ratings=tuple(ratings),
        scale=SCENARIO_SCALE,
    )


def blocking_in(analysis: Analysis) -> frozenset[DifferenceKey]:
    """The blocking differences of an analysis: position gaps and perception gaps."""
    found = set()
    for result in analysis.factors:
        for gap in result.gaps:
            if gap.decided_severity is Severity.BLOCKING:
                found.add(DifferenceKey.position(gap.factor, *gap.parties))
    for spot in analysis.blind_spots:
        if spot.decided_severity is Severity.BLOCKING:
            found.add(DifferenceKey.perception(spot.factor, spot.viewer, spot.subject))
    return frozenset(found)


def analysed_blocking(scenario: Scenario, framework: Framework) -> frozenset[DifferenceKey]:
    """What kloof's own analysis finds blocking in the reference."""
    return blocking_in(analyse(reference_case(scenario, framework)))


# --- scoring --------------------------------------------------------------


def reference_attempt(scenario: Scenario) -> Attempt:
    """The reference written as an attempt: it scores 100."""
    reference = scenario.reference
    return Attempt(
        scenario=scenario.id,
        positions={
            (party.id, factor): reference.score(party.id, factor)
            for party in scenario.parties
            for factor in scenario.factors
        },
        blocking=frozenset(reference.blocking),
        first_move=reference.first_move.answer,
    )


def score(scenario: Scenario, attempt: Attempt) -> Feedback:
    """The feedback on ``attempt``; see the module's docstring for the formula."""
    per_factor = tuple(_factor_errors(scenario, attempt))
    unrated = tuple((row.party, row.factor) for row in per_factor if row.error is None)
    errors = [row.error for row in per_factor if row.error is not None]
    accuracy = sum(max(0.0, 1 - error / ERROR_LIMIT) for error in errors)
    position_points = POSITION_POINTS * accuracy / len(per_factor) if per_factor else 0.0
    blocking = compare_blocking(scenario.reference.blocking, attempt.blocking)
    blocking_points = BLOCKING_POINTS * _f1(blocking.precision, blocking.recall)
    answer = scenario.reference.first_move.answer
    first_move = FirstMoveResult(attempt.first_move, answer, attempt.first_move == answer)
    move_points = FIRST_MOVE_POINTS if first_move.right else 0.0
    total = position_points + blocking_points + move_points
    return Feedback(
        score=round(total),
        position_points=position_points,
        blocking_points=blocking_points,
        first_move_points=move_points,
        per_factor=per_factor,
        blocking=blocking,
        first_move=first_move,
        unrated=unrated,
        mean_error=sum(errors) / len(errors) if errors else None,
    )


def _factor_errors(scenario: Scenario, attempt: Attempt) -> list[FactorError]:
    rows = []
    for factor in scenario.factors:
        for party in scenario.parties:
            reference = scenario.reference.score(party.id, factor)
            yours = attempt.positions.get((party.id, factor))
            error = abs(yours - reference) if yours is not None else None
            rows.append(FactorError(factor, party.id, yours, reference, error))
    return rows


def compare_blocking(
    reference: Sequence[DifferenceKey], flagged: frozenset[DifferenceKey]
) -> BlockingResult:
    """Found, missed and extra; precision 1.0 when nothing was flagged and recall
    1.0 when nothing blocks (nothing to get wrong, nothing to find)."""
    wanted = frozenset(reference)
    found = tuple(sorted(wanted & flagged))
    missed = tuple(sorted(wanted - flagged))
    extra = tuple(sorted(flagged - wanted))
    precision = len(found) / len(flagged) if flagged else 1.0
    recall = len(found) / len(wanted) if wanted else 1.0
    return BlockingResult(found, missed, extra, precision, recall)


def _f1(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def possible_differences(scenario: Scenario) -> tuple[DifferenceKey, ...]:
    """Every difference one could flag: each pair of parties and each ordered
    (viewer, subject) on each factor ("everything blocks")."""
    ids = [party.id for party in scenario.parties]
    keys: list[DifferenceKey] = []
    for factor in scenario.factors:
        for index, first in enumerate(ids):
            keys.extend(
                DifferenceKey.position(factor, first, second) for second in ids[index + 1 :]
            )
        keys.extend(
            DifferenceKey.perception(factor, viewer, subject)
            for viewer in ids
            for subject in ids
            if viewer != subject
        )
    return tuple(keys)
