"""Practice in words: the list of scenarios, a scenario, the feedback on an
attempt, and how the score is made (for the command line and the web page).

Messages live in the ``practice`` catalog. Numbers follow the language
(``0,5`` in Dutch); ids of parties and factors' names come from the scenario
and the framework.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kloof.domain.model import PERCEPTION
from kloof.domain.practice import (
    BLOCKING_POINTS,
    ERROR_LIMIT,
    FIRST_MOVE_POINTS,
    POSITION_POINTS,
    DifferenceKey,
    Feedback,
    Scenario,
)
from kloof.i18n import format_number, format_score, translator


def formula_text(language: str) -> str:
    """How the score 0-100 is made, in one paragraph (the web page reuses it)."""
    t = translator(language)
    return t.gettext(
        "The score adds three parts. Positions, %(positions)s points: for every party "
        "on every factor, how close your score is to the reference; an error of "
        "%(limit)s points or more (the size of a blocking gap) earns nothing, and a "
        "score you left out counts as an error. Blocking differences, %(blocking)s "
        "points: precision (how many of the differences you flagged really block) and "
        "recall (how many of the blocking differences you found), combined as their "
        "harmonic mean, so flagging everything scores as badly as flagging nothing. "
        "The first move, %(move)s points: the reference's move or not."
    ) % {
        "positions": format_number(POSITION_POINTS, language, 0),
        "limit": format_number(ERROR_LIMIT, language, 0),
        "blocking": format_number(BLOCKING_POINTS, language, 0),
        "move": format_number(FIRST_MOVE_POINTS, language, 0),
    }


def points_text(value: float, language: str) -> str:
    """A score for people without a needless ``.0``: ``3``, ``3,5``."""
    text = format_score(value, language)
    return text[:-2] if text.endswith((".0", ",0")) else text


def difference_text(
    key: DifferenceKey, scenario: Scenario, factor_names: Mapping[str, str], language: str
) -> str:
    """``Korrel and Vos on Intention``; ``how the union sees the board on Trust``."""
    t = translator(language)
    names = {party.id: party.name.get(language) for party in scenario.parties}
    factor = factor_names.get(key.factor, key.factor)
    if key.kind == PERCEPTION:
        return t.gettext("how %(viewer)s sees %(subject)s on %(factor)s") % {
            "viewer": names.get(key.parties[0], key.parties[0]),
            "subject": names.get(key.parties[1], key.parties[1]),
            "factor": factor,
        }
    return t.gettext("%(first)s and %(second)s on %(factor)s") % {
        "first": names.get(key.parties[0], key.parties[0]),
        "second": names.get(key.parties[1], key.parties[1]),
        "factor": factor,
    }


def level_word(level: str, language: str) -> str:
    """``basic`` / ``advanced`` in ``language``."""
    words = {"basic": "basic", "advanced": "advanced"}
    return translator(language).pgettext("practice level", words.get(level, level))


def domain_word(domain: str, language: str) -> str:
    """``work`` / ``private`` / ``news`` in ``language``."""
    words = {"work": "work", "private": "private", "news": "news"}
    return translator(language).pgettext("practice domain", words.get(domain, domain))


def scenario_lines(scenarios: Sequence[Scenario], language: str) -> list[str]:
    """One line per scenario (id, level, domain, title) in aligned columns."""
    rows = [
        (
            scenario.id,
            level_word(scenario.level, language),
            domain_word(scenario.domain, language),
            scenario.title.get(language),
        )
        for scenario in scenarios
    ]
    widths = [max((len(row[column]) for row in rows), default=0) for column in range(3)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + f"  {row[3]}"
        for row in rows
    ]


def scenario_text(scenario: Scenario, factor_names: Mapping[str, str], language: str) -> str:
    """The scenario to read: title, parties, story and the moves to choose from."""
    t = translator(language)
    out = [
        scenario.title.get(language),
        f"{level_word(scenario.level, language)} · {domain_word(scenario.domain, language)}"
        f" · {scenario.id}",
        "",
        scenario.summary.get(language),
        "",
        t.gettext("Parties:"),
    ]
    for party in scenario.parties:
        role = f" — {party.role.get(language)}" if party.role is not None else ""
        out.append(f"  {party.id}: {party.name.get(language)}{role}")
    out += ["", scenario.text.get(language).rstrip(), "", t.gettext("Factors to rate (1-7):")]
    out.append(
        "  " + ", ".join(f"{key} ({factor_names.get(key, key)})" for key in scenario.factors)
    )
    out += ["", t.gettext("First moves to choose from:")]
    for option in scenario.reference.first_move.options:
        out.append(f"  {option.key}: {option.text.get(language)}")
    return "\n".join(out) + "\n"


def feedback_text(
    scenario: Scenario, feedback: Feedback, factor_names: Mapping[str, str], language: str
) -> str:
    """The feedback on an attempt as plain text."""
    t = translator(language)
    names = {party.id: party.name.get(language) for party in scenario.parties}
    number = format_number
    blocking = feedback.blocking
    out = [
        t.gettext("Score: %(score)s of 100") % {"score": feedback.score},
        "  "
        + t.gettext("positions: %(points)s of %(most)s")
        % {
            "points": number(feedback.position_points, language),
            "most": number(POSITION_POINTS, language, 0),
        },
        "  "
        + t.gettext("blocking differences: %(points)s of %(most)s (precision %(p)s, recall %(r)s)")
        % {
            "points": number(feedback.blocking_points, language),
            "most": number(BLOCKING_POINTS, language, 0),
            "p": number(blocking.precision, language, 2),
            "r": number(blocking.recall, language, 2),
        },
        "  "
        + t.gettext("first move: %(points)s of %(most)s")
        % {
            "points": number(feedback.first_move_points, language, 0),
            "most": number(FIRST_MOVE_POINTS, language, 0),
        },
        "",
        t.gettext("Per factor (yours / reference / error in points):"),
    ]
    for row in feedback.per_factor:
        yours = points_text(row.yours, language) if row.yours is not None else "—"
        error = points_text(row.error, language) if row.error is not None else "—"
        out.append(
            f"  {factor_names.get(row.factor, row.factor)}, {names[row.party]}: "
            f"{yours} / {points_text(row.reference, language)} / {error}"
        )
    sections = (
        (t.gettext("Blocking differences you found:"), blocking.found),
        (t.gettext("Blocking differences you missed:"), blocking.missed),
        (t.gettext("Flagged as blocking, but they do not block:"), blocking.extra),
    )
    for heading, keys in sections:
        out += ["", heading]
        out += [f"  {difference_text(key, scenario, factor_names, language)}" for key in keys]
        if not keys:
            out.append("  " + t.gettext("none"))
    out += ["", _move_line(scenario, feedback, language)]
    out.append("  " + scenario.reference.first_move.why.get(language))
    if feedback.unrated:
        out += [
            "",
            t.gettext("Not rated (%(count)s of %(total)s; they count as errors in the score):")
            % {"count": len(feedback.unrated), "total": len(feedback.per_factor)},
        ]
        out += [
            f"  {names[party]}: {factor_names.get(factor, factor)}"
            for party, factor in feedback.unrated
        ]
    return "\n".join(out) + "\n"


def _move_line(scenario: Scenario, feedback: Feedback, language: str) -> str:
    t = translator(language)
    move = feedback.first_move
    if move.yours is None:
        return t.gettext("First move: you chose none; the reference is '%(reference)s'.") % {
            "reference": move.reference
        }
    if move.right:
        return t.gettext("First move: '%(yours)s' is right.") % {"yours": move.yours}
    return t.gettext("First move: you chose '%(yours)s'; the reference is '%(reference)s'.") % {
        "yours": move.yours,
        "reference": move.reference,
    }
