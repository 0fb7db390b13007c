"""What the analysis returns: plain frozen dataclasses, language-neutral.

Every classification carries ``Reason`` objects: a stable ``code`` plus the
numbers behind it. ``kloof.i18n.reasons`` turns them into sentences in Dutch or
English, so the domain stays free of text and I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kloof.domain.model import Case, Difference, Factor, Severity, Text

SELF_VIEW = "self"
OUTSIDE_VIEW = "outside"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why something was classified as it was.

    ``code`` names the sentence; ``params`` holds its numbers and ids. Scores are on
    the case's scale, gaps normalised to 0-1, party ids as in the case.
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ViewStat:
    """The ratings of one view of a party on one factor (``self`` or ``outside``)."""

    view: str
    n: int
    median: float  # on the case's scale
    iqr: float  # interquartile range, normalised 0-1
    estimates_only: bool


@dataclass(frozen=True, slots=True)
class Position:
    """Where a party stands on a factor: the mean of its views' medians."""

    party: str
    value: float | None  # normalised 0-1, None when unknown
    score: float | None  # the same on the case's scale
    n: int
    views: tuple[ViewStat, ...]

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def spread(self) -> float | None:
        """The largest normalised IQR among the views, None when unknown."""
        if not self.views:
            return None
        return max(view.iqr for view in self.views)

    def view(self, name: str) -> ViewStat | None:
        for view in self.views:
            if view.view == name:
                return view
        return None


@dataclass(frozen=True)
class Gap:
    """The difference between two parties' positions on one factor."""

    factor: str
    parties: tuple[str, str]
    gap: float | None  # normalised 0-1
    points: float | None  # the same in points of the case's scale
    severity: Severity
    decided_severity: Severity
    uncertain: bool
    reasons: tuple[Reason, ...]
    register: Difference | None = None

    @property
    def overridden(self) -> bool:
        return self.decided_severity is not self.severity


@dataclass(frozen=True)
class BlindSpot:
    """How far ``viewer``'s view of ``subject`` lies from the subject's self view."""

    factor: str
    subject: str
    viewer: str
    gap: float
    points: float
    severity: Severity
    viewer_score: float
    self_score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Krippendorff's alpha (interval) among the raters of one party."""

    party: str
    alpha: float | None
    raters: int
    units: int  # pairable units: (subject, factor) rated by at least two raters
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class PairSummary:
    """Toughness and counts for one pair of parties."""

    parties: tuple[str, str]
    toughness: float | None  # 0-100
    known: int  # factors where both positions are known
    blocking: int  # decided severity blocking
    uncertain: int  # known gaps flagged uncertain
    unknown: int  # factors with at least one unknown position


@dataclass(frozen=True)
class Finding:
    """A cross-factor rule that fired (from the article's reasoning)."""

    rule: str
    factors: tuple[str, ...]
    parties: tuple[str, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class NextStep:
    """One recommended step, in the order the analysis recommends them.

    ``kind`` is one of ``stop_and_discuss`` (a blocking intention gap), ``research``
    (unknown or uncertain), ``discuss`` (a known difference to put on the table),
    ``rule`` (a cross-factor finding).
    """

    kind: str
    factor: str | None
    parties: tuple[str, ...]
    severity: Severity | None
    reasons: tuple[Reason, ...]
    advice: Text | None = None
    questions: tuple[Text, ...] = ()


@dataclass(frozen=True)
class FactorResult:
    factor: Factor
    positions: Mapping[str, Position]
    gaps: tuple[Gap, ...]

    def gap(self, a: str, b: str) -> Gap | None:
        for gap in self.gaps:
            if gap.parties in ((a, b), (b, a)):
                return gap
        return None


@dataclass(frozen=True)
class Analysis:
    case: Case
    factors: tuple[FactorResult, ...]
    blind_spots: tuple[BlindSpot, ...]
    agreement: Mapping[str, Agreement]
    pairs: tuple[PairSummary, ...]
    findings: tuple[Finding, ...]
    next_steps: tuple[NextStep, ...]

    @property
    def headline(self) -> PairSummary | None:
        """The first two parties' summary."""
        return self.pairs[0] if self.pairs else None

    @property
    def toughness(self) -> float | None:
        headline = self.headline
        return headline.toughness if headline else None

    @property
    def blocking(self) -> tuple[str, ...]:
        """Factor keys where any pair's decided severity is blocking, in factor order."""
        return tuple(
            result.factor.key
            for result in self.factors
            if any(g.decided_severity is Severity.BLOCKING for g in result.gaps)
        )

    def factor(self, key: str) -> FactorResult:
        for result in self.factors:
            if result.factor.key == key:
                return result
        raise KeyError(key)

    def all_gaps(self) -> tuple[Gap, ...]:
        return tuple(g for result in self.factors for g in result.gaps)

    def gaps_worst_first(self) -> list[Gap]:
        """Every gap: worst decided severity first, then the largest gap (unknown
        gaps after known ones), then factor order. Tables and reports share it."""
        order = {result.factor.key: index for index, result in enumerate(self.factors)}
        return sorted(
            self.all_gaps(),
            key=lambda gap: (
                gap.decided_severity.rank,
                -(gap.gap if gap.gap is not None else -1.0),
                order[gap.factor],
            ),
        )
