"""The case model: frameworks, factors, parties, raters, ratings and the register.

Pure data: frozen dataclasses, no I/O. Loading and validating files is the job of
``kloof.formats``; these classes assume their input has been checked there (ids are
unique, references resolve, scores lie on the scale).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

LANGUAGES: tuple[str, ...] = ("nl", "en")

#: Scores closer than this to a threshold count as on it. Positions are means of
#: medians, so a gap of "exactly 2 points" may come out as 0.33333333333333326;
#: comparing with a tolerance keeps it ``significant`` as the design promises.
THRESHOLD_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both product languages."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language``; English for any language we do not have."""
        return self.nl if language == "nl" else self.en


class Severity(enum.Enum):
    """How much a difference matters, from a normalised gap."""

    ALIGNED = "aligned"
    NUANCE = "nuance"
    SIGNIFICANT = "significant"
    BLOCKING = "blocking"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Order for sorting: unknown first (it needs research), then blocking down."""
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        """True when this known severity is ``other`` or worse."""
        if self is Severity.UNKNOWN or other is Severity.UNKNOWN:
            return False
        return _SEVERITY_LEVEL[self] >= _SEVERITY_LEVEL[other]


_SEVERITY_LEVEL = {
    Severity.ALIGNED: 0,
    Severity.NUANCE: 1,
    Severity.SIGNIFICANT: 2,
    Severity.BLOCKING: 3,
}
# Sort order for tables: blocking first, unknown after the significant ones.
_SEVERITY_RANK = {
    Severity.BLOCKING: 0,
    Severity.SIGNIFICANT: 1,
    Severity.UNKNOWN: 2,
    Severity.NUANCE: 3,
    Severity.ALIGNED: 4,
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Lower bounds (inclusive) of the severities on the normalised 0-1 gap."""

    nuance: float = 1 / 6
    significant: float = 2 / 6
    blocking: float = 3 / 6

    def classify(self, gap: float | None) -> Severity:
        """The severity of a normalised gap; ``None`` (unknown) gives UNKNOWN."""
        if gap is None:
            return Severity.UNKNOWN
        if gap >= self.blocking - THRESHOLD_TOLERANCE:
            return Severity.BLOCKING
        if gap >= self.significant - THRESHOLD_TOLERANCE:
            return Severity.SIGNIFICANT
        if gap >= self.nuance - THRESHOLD_TOLERANCE:
            return Severity.NUANCE
        return Severity.ALIGNED

    def lower_bound(self, severity: Severity) -> float:
        """The threshold at which ``severity`` starts (0 for aligned)."""
        return {
            Severity.ALIGNED: 0.0,
            Severity.NUANCE: self.nuance,
            Severity.SIGNIFICANT: self.significant,
            Severity.BLOCKING: self.blocking,
        }[severity]


@dataclass(frozen=True)
class Factor:
    """One bipolar scale of a framework, or one a case adds."""

    key: str
    name: Text
    left: Text
    right: Text
    description: Text = Text("", "")
    questions: tuple[Text, ...] = ()
    signals: tuple[Text, ...] = ()
    advice: Mapping[Severity, Text] = field(default_factory=dict)
    weight: float = 1.0
    thresholds: Thresholds = Thresholds()
    custom: bool = False


@dataclass(frozen=True)
class Framework:
    """A named set of factors with their texts, weights and thresholds."""

    name: str
    title: Text
    factors: tuple[Factor, ...]
    description: Text = Text("", "")
    source: str = ""
    #: The default thresholds; a case's own factors inherit them.
    thresholds: Thresholds = Thresholds()

    def factor(self, key: str) -> Factor | None:
        for factor in self.factors:
            if factor.key == key:
                return factor
        return None


@dataclass(frozen=True, slots=True)
class Scale:
    """The score range of a case; ``low`` is the left pole, ``high`` the right."""

    low: float = 1.0
    high: float = 7.0

    @property
    def span(self) -> float:
        return self.high - self.low

    def normalise(self, score: float) -> float:
        return (score - self.low) / self.span

    def to_points(self, normalised: float) -> float:
        """A normalised distance expressed in points of this scale."""
        return normalised * self.span

    def to_score(self, normalised: float) -> float:
        """A normalised position expressed as a score on this scale."""
        return self.low + normalised * self.span


SIDES: tuple[str, ...] = ("own", "counterparty", "other")
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")
SOURCES: tuple[str, ...] = ("self", "interview", "observation", "document", "estimate")
#: Where the team stands on a register entry. ``accepted``: the team accepts the
#: difference; ``accepted_both``: both sides accepted it in the open conversation.
STATUSES: tuple[str, ...] = (
    "open",
    "named",
    "discussed",
    "accepted",
    "accepted_both",
    "mitigated",
)
#: What the open conversation with the other side settled about an agenda item.
#: ``accepted_both``: both sides accept the difference (distinct from the team's own
#: ``accepted`` status of a register entry).
OUTCOMES: tuple[str, ...] = ("named", "accepted_both", "mitigation_agreed", "open")
#: What an agenda item is about: a position difference, a perception gap, or a
#: difference outside the framework's factors (``other``: no factor).
OTHER = "other"
AGENDA_KINDS: tuple[str, ...] = ("position", "perception", OTHER)
#: What a register entry is about: the gap between two parties' positions, or the
#: gap between how one party (the viewer) sees another (the subject) and how the
#: subject sees itself.
POSITION = "position"
PERCEPTION = "perception"
DIFFERENCE_KINDS: tuple[str, ...] = (POSITION, PERCEPTION)


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    role: str | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Rater:
    id: str
    name: str
    party: str


@dataclass(frozen=True, slots=True)
class Rating:
    """One rater's score of one party (the subject) on one factor.

    ``score`` is None when the rater has no opinion; such a rating counts nowhere.
    """

    rater: str
    subject: str
    factor: str
    score: float | None
    confidence: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    owner: str | None = None
    due: date | None = None
    done: bool = False


@dataclass(frozen=True)
class Difference:
    """An entry of the difference register: what the team decided and plans.

    ``parties`` is the pair for a position difference (in any order), and
    ``(subject, viewer)`` for a perception gap: how ``viewer`` sees ``subject``
    against how ``subject`` sees itself.
    """

    factor: str
    parties: tuple[str, str]
    status: str = "open"
    blocking: bool | None = None
    reason: str | None = None
    actions: tuple[Action, ...] = ()
    note: str | None = None
    kind: str = POSITION

    @property
    def is_perception(self) -> bool:
        return self.kind == PERCEPTION

    @property
    def subject(self) -> str | None:
        """The party being seen, for a perception gap; None for a position difference."""
        return self.parties[0] if self.is_perception else None

    @property
    def viewer(self) -> str | None:
        """The party whose view differs, for a perception gap; None otherwise."""
        return self.parties[1] if self.is_perception else None

    @property
    def register_key(self) -> tuple[str, str, object]:
        """What identifies the entry: a position pair is unordered, a perception ordered."""
        if self.is_perception:
            return (self.kind, self.factor, self.parties)
        return (self.kind, self.factor, frozenset(self.parties))


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    """What an interview told about one factor (free text)."""

    factor: str
    text: str


@dataclass(frozen=True)
class Interview:
    """A conversation held to learn more about a party.

    ``interviewee`` is a person's name, ``party`` the party they belong to (if
    known), ``about`` the party the answers tell about (their evidence goes to
    that party); ``interviewer`` is a rater id or a name.
    """

    id: str
    interviewee: str
    about: str
    party: str | None = None
    role: str | None = None
    interviewer: str | None = None
    date: date | None = None
    factors: tuple[str, ...] = ()
    answers: tuple[InterviewAnswer, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    """One item of the agenda for the open conversation with the other side.

    The texts are the team's words (generated from the analysis, then edited).
    ``shareable``: the team allows the item into the counterparty's version.
    ``outcome`` is one of :data:`OUTCOMES` once the conversation settled it.
    """

    title: str
    kind: str = POSITION
    factor: str | None = None
    parties: tuple[str, ...] = ()
    see: str = ""
    ask: str = ""
    offer: str = ""
    mitigations: tuple[str, ...] = ()
    shareable: bool = False
    outcome: str | None = None
    outcome_note: str | None = None
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Agenda:
    """The agenda of the conversation "how do we want to do business together"."""

    items: tuple[AgendaItem, ...] = ()
    date: date | None = None


@dataclass(frozen=True)
class Case:
    """A negotiation case, validated.

    ``factors`` is the effective list: the framework's factors in their order,
    then the case's own factors.
    """

    title: str
    framework: Framework
    parties: tuple[Party, ...]
    factors: tuple[Factor, ...]
    raters: tuple[Rater, ...] = ()
    ratings: tuple[Rating, ...] = ()
    differences: tuple[Difference, ...] = ()
    scale: Scale = Scale()
    language: str = "en"
    date: date | None = None
    framework_ref: str = ""
    description: str | None = None
    interviews: tuple[Interview, ...] = ()
    agenda: Agenda | None = None
    previous: str | None = None

    def party(self, party_id: str) -> Party:
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)

    def factor(self, key: str) -> Factor:
        for factor in self.factors:
            if factor.key == key:
                return factor
        raise KeyError(key)

    def rater(self, rater_id: str) -> Rater:
        for rater in self.raters:
            if rater.id == rater_id:
                return rater
        raise KeyError(rater_id)
