"""The trend of a relationship in words: what moved between two reviews.

"Trust: Acme moved from 3 to 5, Globex stayed at 5." Numbers follow the
language (``3,5`` in Dutch), party and factor names come from the case.
Messages live in the ``trend`` catalog.
"""

from __future__ import annotations

from kloof.domain.trend import CLOSES, FactorMove, PartyStep, PerceptionChange, Trend
from kloof.i18n import format_date, format_score, translator


def score_text(value: float, language: str) -> str:
    """A score for people without a needless ``.0``: ``3``, ``3,5``, ``4,75``."""
    text = format_score(value, language)
    return text[:-2] if text.endswith((".0", ",0")) else text


def party_label(trend: Trend, party_id: str, names: dict[str, str]) -> str:
    return names.get(party_id, party_id)


def factor_label(trend: Trend, key: str, language: str) -> str:
    for item in trend.factors:
        if item.factor.key == key:
            return item.factor.name.get(language)
    return key


def step_heading(trend: Trend, step: int, language: str) -> str:
    """``From 1 March 2024 to 1 March 2025``."""
    t = translator(language)
    return t.gettext("From %(before)s to %(after)s") % {
        "before": format_date(trend.reviews[step - 1].date, language),
        "after": format_date(trend.reviews[step].date, language),
    }


def _party_clause(row: PartyStep, name: str, language: str) -> str:
    t = translator(language)
    if row.before is None or row.after is None:
        return t.gettext("%(party)s has no known position at both reviews") % {"party": name}
    before, after = score_text(row.before, language), score_text(row.after, language)
    if row.moved:
        return t.gettext("%(party)s moved from %(before)s to %(after)s") % {
            "party": name,
            "before": before,
            "after": after,
        }
    if before == after:
        return t.gettext("%(party)s stayed at %(score)s") % {"party": name, "score": after}
    return t.gettext("%(party)s hardly moved (%(before)s to %(after)s)") % {
        "party": name,
        "before": before,
        "after": after,
    }


def move_sentence(trend: Trend, move: FactorMove, names: dict[str, str], language: str) -> str:
    """``Trust: Acme moved from 3 to 5, Globex stayed at 5.``"""
    t = translator(language)
    clauses = ", ".join(
        _party_clause(row, party_label(trend, row.party, names), language) for row in move.parties
    )
    return t.gettext("%(factor)s: %(clauses)s.") % {
        "factor": factor_label(trend, move.factor, language),
        "clauses": clauses,
    }


def perception_sentence(
    trend: Trend, change: PerceptionChange, names: dict[str, str], language: str
) -> str:
    """How a perception gap closed or widened, in points."""
    t = translator(language)
    values = {
        "factor": factor_label(trend, change.factor, language),
        "viewer": party_label(trend, change.viewer, names),
        "subject": party_label(trend, change.subject, names),
        "before": score_text(change.before, language),
        "after": score_text(change.after, language),
    }
    if change.direction == CLOSES:
        text = t.gettext(
            "%(factor)s: how %(viewer)s sees %(subject)s comes closer to how %(subject)s "
            "sees itself, from %(before)s to %(after)s points apart."
        )
    else:
        text = t.gettext(
            "%(factor)s: how %(viewer)s sees %(subject)s moves away from how %(subject)s "
            "sees itself, from %(before)s to %(after)s points apart."
        )
    return text % values


def step_sentences(trend: Trend, step: int, names: dict[str, str], language: str) -> list[str]:
    """Every sentence of what moved at ``step``; one sentence when nothing did."""
    found = [move_sentence(trend, move, names, language) for move in trend.moves_at(step)]
    found += [
        perception_sentence(trend, change, names, language)
        for change in trend.perception_changes_at(step)
    ]
    if not found:
        t = translator(language)
        found.append(t.gettext("Nothing moved by a nuance or more."))
    return found
