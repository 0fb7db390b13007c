"""Who has rated whom, per perspective, team and respondents apart.

A perspective is an ordered pair of parties: the raters of ``viewer`` about
``subject``. ``viewer == subject`` is the subject's self view. In a case of our
side and a counterparty the four perspectives are our self view, our view of
them, their self view and their view of us; blind spots need a self view and
an outside view of the same party, so a missing perspective hides them.

Counts are of raters with at least one score (a "no opinion" adds nothing to
the analysis), and of the scores and the factors they cover. Under the
anonymity promise a group of respondents below the case's minimum size does
not count yet: it is reported as waiting, with the number of answers it still
needs (never who answered). Counted from the case as
:func:`kloof.storage.dashboard.load_case_view` loads it, so the counts agree
with the analysis.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kloof.domain.model import Party
from kloof.storage.dashboard import LoadedCase, load_case_view
from kloof.storage.models import Case

OWN = "own"
COUNTERPARTY = "counterparty"
#: The names of the four perspectives of a case with our side and theirs:
#: (viewer side, subject side) to a key the templates word.
FOUR = {
    (OWN, OWN): "our_self_view",
    (OWN, COUNTERPARTY): "our_view_of_them",
    (COUNTERPARTY, COUNTERPARTY): "their_self_view",
    (COUNTERPARTY, OWN): "their_view_of_us",
}


@dataclass(frozen=True)
class PerspectiveCount:
    viewer: Party
    subject: Party
    team: int  # the team's raters (not respondents) with a score
    respondents: int  # respondents with a score, in a group that is shown
    waiting: int  # respondents with a score, in a group not shown yet
    needed: int  # answers the waiting group still needs; 0: none waiting
    #: One of :data:`FOUR`'s values, or "" when the sides do not say.
    name: str = ""
    scores: int = 0  # the scores the counted raters gave (held-back groups not counted)
    factors: int = 0  # the factors with at least one of those scores

    @property
    def is_self(self) -> bool:
        return self.viewer.id == self.subject.id

    @property
    def raters(self) -> int:
        """The raters the analysis counts for this perspective."""
        return self.team + self.respondents

    @property
    def missing(self) -> bool:
        return self.raters == 0

    @property
    def viewer_is_ours(self) -> bool:
        return self.viewer.side == OWN


def perspective_counts(case_row: Case) -> list[PerspectiveCount]:
    """Every ordered pair of the case's parties, by viewer, self view first."""
    return counts_of(load_case_view(case_row))


def counts_of(loaded: LoadedCase) -> list[PerspectiveCount]:
    """:func:`perspective_counts` of a case loaded already (no query)."""
    case = loaded.case
    tally = _tally(loaded)
    held = {(g.party, g.subject): g for g in loaded.groups if not g.shown}
    result = []
    for viewer in case.parties:
        for subject in [viewer, *(party for party in case.parties if party.id != viewer.id)]:
            key = (viewer.id, subject.id)
            group = held.get(key)
            result.append(
                PerspectiveCount(
                    viewer=viewer,
                    subject=subject,
                    team=tally.team.get(key, 0),
                    respondents=tally.respondents.get(key, 0),
                    waiting=group.answers if group else 0,
                    needed=group.needed if group else 0,
                    name=_name(case.parties, viewer, subject),
                    scores=tally.scores.get(key, 0),
                    factors=len(tally.factors.get(key, ())),
                )
            )
    return result


@dataclass
class _Tally:
    """Per (viewer party, subject party): raters of the team and respondents
    with a score, their scores and the factors those cover."""

    team: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    respondents: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    scores: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    factors: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))


def _tally(loaded: LoadedCase) -> _Tally:
    party_of = {rater.id: rater.party for rater in loaded.case.raters}
    scored = [rating for rating in loaded.case.ratings if rating.score is not None]
    tally = _Tally()
    for rater, subject_id in {(rating.rater, rating.subject) for rating in scored}:
        counted = tally.respondents if rater in loaded.respondents else tally.team
        counted[(party_of[rater], subject_id)] += 1
    for rating in scored:
        key = (party_of[rating.rater], rating.subject)
        tally.scores[key] += 1
        tally.factors[key].add(rating.factor)
    return tally


def _name(parties: tuple[Party, ...], viewer: Party, subject: Party) -> str:
    """Our/their names only for two parties, one on each side."""
    if sorted(party.side or "" for party in parties) != [COUNTERPARTY, OWN]:
        return ""
    return FOUR[(viewer.side or "", subject.side or "")]


def missing_count(counts: list[PerspectiveCount]) -> int:
    return sum(1 for count in counts if count.missing)
