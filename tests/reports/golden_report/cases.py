"""A small two-party case, built in code, for the report and guide tests.

Its ratings are chosen so that every section of the report has content: a
blocking intention gap, a trust gap the team overrides to blocking, an unknown
position, an uncertain gap, a blind spot, agreement that can and cannot be
computed, and a register with actions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kloof.domain.model import (
    Action,
    Case,
    Difference,
    Factor,
    Framework,
    Party,
    Rater,
    Rating,
    Severity,
    Text,
    Thresholds,
)


def _advice(key: str) -> dict[Severity, Text]:
    return {
        Severity.NUANCE: Text(
            f"Benoem het kleine verschil op {key}.", f"Name the small {key} gap."
        ),
        Severity.SIGNIFICANT: Text(f"Bespreek {key} vroeg.", f"Discuss {key} early."),
        Severity.BLOCKING: Text(f"Maak {key} eerst bespreekbaar.", f"Address {key} first."),
    }


def _factor(key: str, nl: str, en: str, *, blocking: float = 0.5) -> Factor:
    return Factor(
        key=key,
        name=Text(nl, en),
        left=Text(f"{nl}: links", f"{en}: left pole"),
        right=Text(f"{nl}: rechts", f"{en}: right pole"),
        description=Text(f"Waar {nl} over gaat.", f"What {en} is about."),
        questions=(
            Text(f"Eerste vraag over {nl}?", f"First question about {en}?"),
            Text(f"Tweede vraag over {nl}?", f"Second question about {en}?"),
        ),
        signals=(Text(f"Let op signaal bij {nl}.", f"Watch for a signal on {en}."),),
        advice=_advice(key),
        thresholds=Thresholds(blocking=blocking),
    )


FACTORS = (
    _factor("intention", "Intentie", "Intention", blocking=0.4),
    _factor("trust", "Vertrouwen", "Trust"),
    _factor("value_creation", "Waardecreatie", "Value creation"),
    _factor("dependency", "Afhankelijkheid", "Dependency"),
)
FRAMEWORK = Framework(
    name="mini-4",
    title=Text("Vier factoren", "Four factors"),
    factors=FACTORS,
    description=Text("Een klein raamwerk voor tests.", "A small framework for tests."),
)


def rate(rater: str, subject: str, factor: str, score: float, source: str = "interview") -> Rating:
    return Rating(rater=rater, subject=subject, factor=factor, score=score, source=source)


RATINGS = (
    # intention: ACME 4.5 (self 6, Globex sees 3), Globex 1.75 -> blocking (0.46 >= 0.4)
    rate("jan", "acme", "intention", 6),
    rate("mia", "acme", "intention", 6),
    rate("eva", "acme", "intention", 3),
    rate("jan", "globex", "intention", 1),
    rate("mia", "globex", "intention", 2),
    rate("eva", "globex", "intention", 2, "self"),
    # trust: ACME 5, Globex 2.75 -> significant; the register overrides it to blocking
    rate("jan", "acme", "trust", 5),
    rate("mia", "acme", "trust", 5),
    rate("eva", "acme", "trust", 5),
    rate("jan", "globex", "trust", 2),
    rate("mia", "globex", "trust", 3),
    rate("eva", "globex", "trust", 3, "self"),
    # value creation: Globex unrated -> unknown
    rate("jan", "acme", "value_creation", 4),
    # dependency: ACME's raters disagree, Globex rests on one rating -> uncertain
    rate("jan", "acme", "dependency", 2, "estimate"),
    rate("mia", "acme", "dependency", 7, "estimate"),
    rate("eva", "globex", "dependency", 4, "self"),
)

REGISTER = (
    Difference(
        factor="intention",
        parties=("acme", "globex"),
        status="named",
        actions=(
            Action("Ask Globex for a meeting on shared goals", "jan", date(2026, 12, 10)),
            Action("Write down our own goals", "mia", None, done=True),
        ),
    ),
    Difference(
        factor="trust",
        parties=("acme", "globex"),
        status="discussed",
        blocking=True,
        reason="Their last audit broke our trust.",
        note="Raised by the board.",
    ),
)


def small_case() -> Case:
    return Case(
        title="Contract renewal 2027",
        framework=FRAMEWORK,
        parties=(
            Party("acme", "ACME Purchasing", "buyer", "own"),
            Party("globex", "Globex Sales", "seller", "counterparty"),
        ),
        factors=FACTORS,
        raters=(
            Rater("jan", "Jan de Vries", "acme"),
            Rater("mia", "Mia", "acme"),
            Rater("eva", "Eva", "globex"),
        ),
        ratings=RATINGS,
        differences=REGISTER,
        language="en",
        date=date(2026, 12, 1),
    )


HOSTILE = "<script>alert(1)</script>"


def hostile_case() -> Case:
    """The small case with script tags in a party name, a note, an action and a reason."""
    case = small_case()
    intention, trust = case.differences
    return replace(
        case,
        parties=(replace(case.parties[0], name=f"ACME {HOSTILE}"), case.parties[1]),
        differences=(
            replace(intention, actions=(Action(f"Call {HOSTILE}", "jan"),)),
            replace(trust, reason=f"Because {HOSTILE}", note=f"Note {HOSTILE}"),
        ),
    )
