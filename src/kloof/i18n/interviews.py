"""Interview texts in Dutch and English: where a party stands in words, and why a
factor is in the guide (catalog ``guide.po``)."""

from __future__ import annotations

from kloof.domain.interviews import BLOCKING, REST, UNCERTAIN, GuideFactor
from kloof.domain.model import Case, Factor
from kloof.domain.results import Position
from kloof.i18n import format_score, translator
from kloof.i18n.reasons import party_name

#: Within this share of the scale around its middle a position reads "in between".
_MIDDLE = 1 / 6


def tier_heading(tier: str, language: str) -> str:
    t = translator(language)
    return {
        BLOCKING: t.gettext("First: open blocking differences and perception gaps"),
        UNCERTAIN: t.gettext("Then: positions that are uncertain or estimated"),
        REST: t.gettext("If there is time: the other factors"),
    }[tier]


def tier_word(tier: str, language: str) -> str:
    """A short label of a tier, for a list of factors."""
    t = translator(language)
    return {
        BLOCKING: t.gettext("blocks or seen differently"),
        UNCERTAIN: t.gettext("uncertain"),
        REST: t.gettext("for completeness"),
    }[tier]


def position_words(
    case: Case, factor: Factor, position: Position, language: str, *, confirmed: bool
) -> str:
    """Where a party stands on a factor, in words: its score and the pole it leans to."""
    t = translator(language)
    name = party_name(case, position.party)
    if not position.known or position.score is None or position.value is None:
        return t.gettext("{party}: not rated yet.").format(party=name)
    score = format_score(position.score, language)
    if position.value < 0.5 - _MIDDLE:
        lean = t.gettext("leans to ‘{pole}’").format(pole=factor.left.get(language))
    elif position.value > 0.5 + _MIDDLE:
        lean = t.gettext("leans to ‘{pole}’").format(pole=factor.right.get(language))
    else:
        lean = t.gettext("in between the two poles")
    basis = t.gettext("confirmed by evidence") if confirmed else t.gettext("not confirmed yet")
    text = t.ngettext(
        "{party}: {score}, {lean} ({n} rating, {basis}).",
        "{party}: {score}, {lean} ({n} ratings, {basis}).",
        position.n,
    )
    return text.format(party=name, score=score, lean=lean, n=position.n, basis=basis)


def beliefs(case: Case, item: GuideFactor, language: str) -> list[str]:
    """What we currently believe about every party on ``item``'s factor."""
    return [
        position_words(
            case, item.factor, position, language, confirmed=position.party in item.confirmed
        )
        for position in item.positions
    ]
