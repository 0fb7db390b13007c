"""Words of the open conversation's outcomes and of the minutes' audiences, in
Dutch or English. Messages live in the ``minutes`` catalog."""

from __future__ import annotations

from kloof.domain.model import OUTCOMES
from kloof.i18n import translator

# Marks words for the catalog without translating them here.
N_ = str

_OUTCOME_WORDS = {
    "named": N_("named"),
    "accepted_both": N_("accepted by both sides"),
    "mitigation_agreed": N_("mitigation agreed"),
    "open": N_("still open"),
}
assert set(_OUTCOME_WORDS) == set(OUTCOMES)

#: The minutes' two audiences: the team's own version, and the other side's.
AUDIENCES: tuple[str, ...] = ("team", "counterparty")


def outcome_word(outcome: str | None, language: str) -> str:
    """``accepted by both sides`` / ``door beide kanten geaccepteerd``; for an
    item not settled yet: ``not discussed yet`` / ``nog niet besproken``."""
    t = translator(language)
    if outcome is None:
        return t.pgettext("outcome", "not discussed yet")
    if outcome not in _OUTCOME_WORDS:
        return outcome
    return t.pgettext("outcome", _OUTCOME_WORDS[outcome])


def outcome_choices(language: str) -> list[tuple[str, str]]:
    """(outcome, word) for every outcome, in the order of a form."""
    return [(outcome, outcome_word(outcome, language)) for outcome in OUTCOMES]
