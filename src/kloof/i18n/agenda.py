"""The proposed agenda in words, Dutch or English (catalog ``agenda``).

:func:`render_agenda` turns :func:`kloof.domain.agenda.propose_agenda`'s items into
:class:`~kloof.domain.model.AgendaItem` texts the team then rewords: a title,
*what we see* (each side's position or view, in the words of the factor's poles,
the score beside it), *what we want to ask* (the framework's first question, or a
question about the other's view), *what we could offer* (per factor; for
flexibility what we expect of them in adversity and what we offer) and possible
mitigations (the sentences of the framework's advice for that severity).
"""

from __future__ import annotations

import re

from kloof.domain.agenda import ProposedItem
from kloof.domain.model import PERCEPTION, Agenda, AgendaItem, Case, Factor
from kloof.i18n import format_score, translator
from kloof.i18n.reasons import N_, party_name, points_phrase, scale_phrase

#: What we could offer, per factor of the built-in framework.
_OFFERS = {
    "intention": N_(
        "We say openly what a good outcome is for us and ask the same of you, and we look "
        "for a deal in which both sides gain."
    ),
    "relationship": N_(
        "Regular contact at more than one level, and time to get to know each other beyond "
        "the contract."
    ),
    "value_creation": N_(
        "A joint look at what we could improve or create together, and an honest split of "
        "what that brings."
    ),
    "trust": N_(
        "Openness about the figures that matter to both of us, and a regular review of how "
        "the cooperation goes, outside the contract talks."
    ),
    "dependency": N_(
        "Clear agreements on continuity and a way out, so that the dependency is managed "
        "together rather than feared."
    ),
    "claiming_sharing": N_(
        "Time to explore together what the deal can be worth before we divide it, and a "
        "sharing rule both sides find fair."
    ),
    "competences": N_(
        "The right people and knowledge at the table, and designing the deal together "
        "instead of scoring points."
    ),
    "emotional_frame": N_(
        "Agreements on how we handle tension: a pause when it runs high, and the facts on "
        "the table."
    ),
}
_FLEXIBILITY_OFFER = N_(
    "What we expect of {other} in adversity: an early warning and a search for a solution "
    "with us rather than a retreat behind the contract. What we offer in return: the same "
    "early warning, a contact who can decide, and room to revise the agreement."
)
_OTHER_OFFER = N_(
    "An open talk about what each side needs on {factor}, and a proposal that meets both."
)


def render_agenda(items: tuple[ProposedItem, ...], case: Case, language: str) -> Agenda:
    """The proposed items as an agenda in ``language`` (nothing shareable yet)."""
    return Agenda(items=tuple(render_item(item, case, language) for item in items))


def render_item(item: ProposedItem, case: Case, language: str) -> AgendaItem:
    return AgendaItem(
        title=item_title(item, case, language),
        kind=item.kind,
        factor=item.factor.key,
        parties=item.parties,
        see=what_we_see(item, case, language),
        ask=what_we_ask(item, case, language),
        offer=what_we_offer(item, case, language),
        mitigations=mitigations(item, language),
    )


def item_title(item: ProposedItem, case: Case, language: str) -> str:
    t = translator(language)
    factor = item.factor.name.get(language)
    if item.kind == PERCEPTION:
        subject, viewer = (party_name(case, pid) for pid in item.parties)
        text = t.gettext("{factor}: how {viewer} sees {subject}")
        return text.format(factor=factor, viewer=viewer, subject=subject)
    return factor


def stance(value: float | None, factor: Factor, language: str) -> str:
    """Where a normalised position lies, in the words of the factor's poles."""
    t = translator(language)
    left, right = factor.left.get(language), factor.right.get(language)
    if value is None:
        return t.gettext("not known yet")
    if value <= 1 / 3:
        return t.gettext("close to “{pole}”").format(pole=left)
    if value >= 2 / 3:
        return t.gettext("close to “{pole}”").format(pole=right)
    if abs(value - 0.5) < 1e-9:
        return t.gettext("midway between “{left}” and “{right}”").format(left=left, right=right)
    pole = left if value < 0.5 else right
    return t.gettext("in the middle, leaning towards “{pole}”").format(pole=pole)


def _score(value: float | None, case: Case, language: str) -> str:
    if value is None:
        return ""
    score = format_score(case.scale.to_score(value), language)
    return (
        translator(language)
        .gettext(" ({score} on the scale {scale})")
        .format(score=score, scale=scale_phrase(case, language))
    )


def what_we_see(item: ProposedItem, case: Case, language: str) -> str:
    t = translator(language)
    first, second = item.values
    parts = []
    if item.kind == PERCEPTION:
        subject, viewer = (party_name(case, pid) for pid in item.parties)
        parts.append(
            t.gettext("{viewer} sees {subject} {stance}{score}.").format(
                viewer=viewer,
                subject=subject,
                stance=stance(first, item.factor, language),
                score=_score(first, case, language),
            )
        )
        parts.append(
            t.gettext("{subject} sees itself {stance}{score}.").format(
                subject=subject,
                stance=stance(second, item.factor, language),
                score=_score(second, case, language),
            )
        )
    else:
        for party, value in zip(item.parties, item.values, strict=True):
            parts.append(
                t.gettext("{party} stands {stance}{score}.").format(
                    party=party_name(case, party),
                    stance=stance(value, item.factor, language),
                    score=_score(value, case, language),
                )
            )
    if first is not None and second is not None:
        points = points_phrase(case.scale.to_points(abs(first - second)), language)
        parts.append(t.gettext("That is {points} apart.").format(points=points))
    return " ".join(parts)


def what_we_ask(item: ProposedItem, case: Case, language: str) -> str:
    t = translator(language)
    factor = item.factor.name.get(language)
    if item.kind == PERCEPTION:
        if _is_own(case, item.parties[0]):
            text = t.gettext(
                "How do you see us on {factor}, and what have you seen or heard that makes "
                "you see us that way?"
            )
        else:
            text = t.gettext(
                "How do you see yourselves on {factor}? What are we missing that would "
                "change our picture of you?"
            )
        return text.format(factor=factor)
    if item.factor.questions:
        return item.factor.questions[0].get(language)
    return t.gettext("How do you see {factor}, and what matters most to you in it?").format(
        factor=factor
    )


def what_we_offer(item: ProposedItem, case: Case, language: str) -> str:
    t = translator(language)
    key = item.factor.key
    if key == "flexibility":
        others = [pid for pid in item.parties if not _is_own(case, pid)] or [item.parties[1]]
        return t.gettext(_FLEXIBILITY_OFFER).format(other=party_name(case, others[0]))
    if key in _OFFERS and not item.factor.custom:
        return t.gettext(_OFFERS[key])
    return t.gettext(_OTHER_OFFER).format(factor=item.factor.name.get(language))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u024f'‘“])")


def mitigations(item: ProposedItem, language: str) -> tuple[str, ...]:
    """The sentences of the framework's advice, one mitigation each."""
    if item.advice is None:
        return ()
    text = " ".join(item.advice.get(language).split())
    return tuple(part.strip() for part in _SENTENCE_END.split(text) if part.strip())


def _is_own(case: Case, party_id: str) -> bool:
    try:
        return case.party(party_id).side == "own"
    except KeyError:
        return False
