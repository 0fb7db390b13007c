"""What the analysis returns: plain frozen dataclasses, language-neutral.

Every classification carries ``Reason`` objects: a stable ``code`` plus the
numbers behind it. ``kloof.i18n.reasons`` turns them into sentences in Dutch or
English, so the domain stays free of text and I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kloof.domain.model import PERCEPTION, POSITION, Case, Difference, Factor, Severity, Text

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
    #: The self view and the outside view lie ``significant`` or more apart, so the
    #: mean hides a disagreement: interfaces show both views, gaps are uncertain.
    views_differ: bool = False

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
    """How far ``viewer``'s view of ``subject`` lies from the subject's self view:
    a perception gap.

    Listed when it is ``significant`` or worse, or when the team decided it
    blocking in the register (then the views may be unknown: ``gap`` None).
    A decided ``blocking`` one is a *blocking perception gap* and counts as a
    blocking difference everywhere a position gap does.
    """

    factor: str
    subject: str
    viewer: str
    gap: float | None
    points: float | None
    severity: Severity
    viewer_score: float | None
    self_score: float | None
    reasons: tuple[Reason, ...]
    decided_severity: Severity
    register: Difference | None = None
    viewer_n: int = 0
    self_n: int = 0

    @property
    def parties(self) -> tuple[str, str]:
        """``(subject, viewer)``, as a perception entry of the register names them."""
        return (self.subject, self.viewer)

    @property
    def overridden(self) -> bool:
        return self.decided_severity is not self.severity

    def between(self, pair: tuple[str, str]) -> bool:
        """True when the gap lies between the two parties of ``pair``, either way."""
        return {self.subject, self.viewer} == set(pair)


@dataclass(frozen=True, slots=True)
class BlockingDifference:
    """One blocking difference: a position gap (``parties`` the pair) or a
    perception gap (``parties`` = subject, viewer)."""

    factor: str
    kind: str  # POSITION or PERCEPTION
    parties: tuple[str, str]


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
    #: Blocking differences between the pair: position gaps with a decided
    #: severity of blocking, plus blocking perception gaps either way.
    blocking: int
    uncertain: int  # known gaps flagged uncertain
    unknown: int  # factors with at least one unknown position
    #: The factors those blocking differences are on, in factor order.
    blocking_factors: tuple[str, ...] = ()
    #: How many of ``blocking`` are perception gaps.
    blocking_perception: int = 0


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
    #: ``position``, or ``perception`` when the step is about a perception gap
    #: (``parties`` then is subject, viewer).
    difference: str = POSITION
    #: The register's status of the difference, when it has an entry.
    status: str | None = None


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
    def blocking_detail(self) -> tuple[BlockingDifference, ...]:
        """Every blocking difference in factor order: position gaps with a decided
        severity of blocking first, then blocking perception gaps."""
        found: list[BlockingDifference] = []
        for result in self.factors:
            key = result.factor.key
            found.extend(
                BlockingDifference(key, POSITION, gap.parties)
                for gap in result.gaps
                if gap.decided_severity is Severity.BLOCKING
            )
            found.extend(
                BlockingDifference(key, PERCEPTION, spot.parties)
                for spot in self.blind_spots
                if spot.factor == key and spot.decided_severity is Severity.BLOCKING
            )
        return tuple(found)

    @property
    def blocking(self) -> tuple[str, ...]:
        """Factor keys with a blocking difference (position or perception), in factor order."""
        keys = dict.fromkeys(entry.factor for entry in self.blocking_detail)
        return tuple(keys)

    def blind_spots_of(self, factor: str) -> tuple[BlindSpot, ...]:
        return tuple(spot for spot in self.blind_spots if spot.factor == factor)

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
