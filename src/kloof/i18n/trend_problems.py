"""Why a relationship has no trend (yet), in words, and what moved as data.

The refusal codes are :mod:`kloof.domain.trend`'s, plus ``unreadable`` (a
stored case that no longer reads); the parameters are those the storage puts
in (titles and party names, see :mod:`kloof.storage.relationship_trend`). Each
problem reads as a sentence saying what is wrong and one saying what to do.
Messages live in the ``relationship-trend`` catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kloof.domain.trend import (
    CLOSES,
    MISSING_DATE,
    PARTIES_DIFFER,
    SCALES_DIFFER,
    TOO_FEW,
    Trend,
)
from kloof.i18n import translator
from kloof.i18n.reasons import join_names
from kloof.i18n.trend import move_sentence, perception_sentence

FACTOR_MOVED = "factor_moved"
PERCEPTION_CLOSES = "perception_closes"
PERCEPTION_WIDENS = "perception_widens"


def problem_sentences(code: str, params: Mapping[str, object], language: str) -> tuple[str, str]:
    """What stops the trend and what to do about it."""
    t = translator(language)
    title = str(params.get("title", ""))
    if code == TOO_FEW:
        count = int(params.get("count", 0))  # type: ignore[call-overload]
        problem = t.gettext(
            "A trend compares at least two dated reviews; this relationship has %(count)s."
        ) % {"count": count}
        fix = t.gettext(
            "Start the next review from the latest case, date it and rate it: "
            "the trend then shows what moved since this one."
        )
    elif code == PARTIES_DIFFER:
        problem = t.gettext(
            "The review “%(title)s” has other parties (%(found)s) than “%(first)s” (%(expected)s)."
        ) % {
            "title": title,
            "first": params.get("first_title", ""),
            "found": join_names([str(n) for n in _names(params, "found")], language),
            "expected": join_names([str(n) for n in _names(params, "expected")], language),
        }
        fix = t.gettext(
            "Give every review of a relationship the same parties (the same party keys): "
            "start the next review from an earlier one, which copies them, "
            "or link the other case to another relationship."
        )
    elif code == SCALES_DIFFER:
        problem = t.gettext("The review “%(title)s” uses another scale than “%(first)s”.") % {
            "title": title,
            "first": params.get("first_title", ""),
        }
        fix = t.gettext("Rate every review of a relationship on the same scale.")
    elif code == MISSING_DATE:
        problem = t.gettext("The review “%(title)s” has no date.") % {"title": title}
        fix = t.gettext("Give it a date, so the reviews can be put in order.")
    else:  # unreadable
        problem = t.gettext("The case “%(title)s” cannot be analysed any more.") % {"title": title}
        fix = t.gettext("Open the case to see why, or archive it to leave it out of the trend.")
    return problem, fix


def _names(params: Mapping[str, object], key: str) -> list[object]:
    value = params.get(key, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def moved_items(trend: Trend, names: dict[str, str], language: str) -> list[dict[str, Any]]:
    """Every move of ``trend`` as data: the step (1: from the first review to
    the second), a code, its parameters (machine numbers) and the sentence."""
    found: list[dict[str, Any]] = []
    for step in range(1, len(trend.reviews)):
        for move in trend.moves_at(step):
            parties = [
                {"party": row.party, "before": row.before, "after": row.after, "moved": row.moved}
                for row in move.parties
            ]
            found.append(
                {
                    "step": step,
                    "code": FACTOR_MOVED,
                    "params": {"factor": move.factor, "parties": parties},
                    "text": move_sentence(trend, move, names, language),
                }
            )
        for change in trend.perception_changes_at(step):
            code = PERCEPTION_CLOSES if change.direction == CLOSES else PERCEPTION_WIDENS
            found.append(
                {
                    "step": step,
                    "code": code,
                    "params": {
                        "factor": change.factor,
                        "viewer": change.viewer,
                        "subject": change.subject,
                        "before": change.before,
                        "after": change.after,
                    },
                    "text": perception_sentence(trend, change, names, language),
                }
            )
    return found
