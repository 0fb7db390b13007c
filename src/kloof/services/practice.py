"""Practice scenarios: the built-in library, trainers' files, and scoring.

The built-ins are the files ``kloof/practice/scenarios/<id>.yaml`` (package data),
validated like any trainer's file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kloof.domain.practice import Attempt, Feedback, Scenario, score
from kloof.formats.errors import N_, InputError
from kloof.formats.scenariofile import load_scenario

__all__ = [
    "SCENARIO_DIR",
    "builtin_ids",
    "builtin_scenario",
    "builtin_scenarios",
    "find_scenarios",
    "load_scenario",
    "score_attempt",
]

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "practice" / "scenarios"


def builtin_ids() -> list[str]:
    """The ids of the built-in scenarios, sorted."""
    return sorted(path.stem for path in SCENARIO_DIR.glob("*.yaml"))


@cache
def builtin_scenario(scenario_id: str) -> Scenario:
    """The built-in scenario ``scenario_id``; a clear error for an unknown id."""
    if scenario_id not in builtin_ids():
        from kloof.formats.schemacheck import did_you_mean

        guess = did_you_mean(scenario_id, builtin_ids())
        if guess:
            raise InputError.worded(
                N_("there is no practice scenario '%(value)s'"),
                N_("did you mean '%(guess)s'? 'kloof practice list' shows them all"),
                value=scenario_id,
                guess=guess,
            )
        raise InputError.worded(
            N_("there is no practice scenario '%(value)s'"),
            N_("'kloof practice list' shows the ids of all scenarios"),
            value=scenario_id,
        )
    return load_scenario(SCENARIO_DIR / f"{scenario_id}.yaml")


def builtin_scenarios() -> list[Scenario]:
    """Every built-in scenario, in the order of their ids."""
    return [builtin_scenario(scenario_id) for scenario_id in builtin_ids()]


def find_scenarios(
    level: str | None = None, domain: str | None = None, language: str | None = None
) -> list[Scenario]:
    """The built-ins filtered by level and domain. Every built-in is in both
    languages, so ``language`` only chooses the texts a caller shows."""
    del language  # every scenario is written in nl and en
    return [
        scenario
        for scenario in builtin_scenarios()
        if (level is None or scenario.level == level)
        and (domain is None or scenario.domain == domain)
    ]


def score_attempt(attempt: Attempt) -> tuple[Scenario, Feedback]:
    """The feedback on an attempt at a built-in scenario."""
    scenario = builtin_scenario(attempt.scenario)
    return scenario, score(scenario, attempt)


def feedback_data(scenario: Scenario, feedback: Feedback) -> dict[str, object]:
    """The feedback as JSON data (``kloof practice score --format json``)."""
    blocking = feedback.blocking
    return {
        "scenario": scenario.id,
        "score": feedback.score,
        "parts": {
            "positions": round(feedback.position_points, 2),
            "blocking": round(feedback.blocking_points, 2),
            "first_move": round(feedback.first_move_points, 2),
        },
        "per_factor": [
            {
                "factor": row.factor,
                "party": row.party,
                "yours": row.yours,
                "reference": row.reference,
                "error": row.error,
            }
            for row in feedback.per_factor
        ],
        "blocking": {
            "found": [key.as_data() for key in blocking.found],
            "missed": [key.as_data() for key in blocking.missed],
            "extra": [key.as_data() for key in blocking.extra],
            "precision": round(blocking.precision, 4),
            "recall": round(blocking.recall, 4),
        },
        "first_move": {
            "yours": feedback.first_move.yours,
            "reference": feedback.first_move.reference,
            "right": feedback.first_move.right,
        },
        "unrated": [{"party": party, "factor": factor} for party, factor in feedback.unrated],
    }


def factor_names(language: str) -> dict[str, str]:
    """The names of the hopmans-9 factors in ``language``, by key."""
    from kloof.formats.framework import load_framework

    framework = load_framework("hopmans-9")
    return {factor.key: factor.name.get(language) for factor in framework.factors}


def load_attempt_file(path: Path) -> tuple[Scenario, Feedback]:
    """Read an attempt file and score it against its built-in scenario."""
    from kloof.formats.attemptfile import load_attempt

    attempt, _case = load_attempt(path, builtin_scenario)
    return score_attempt(attempt)


def refuse_to_overwrite(output: Path, force: bool) -> None:
    if str(output) != "-" and output.exists() and not force:
        raise InputError.worded(
            N_("%(file)s already exists"),
            N_("choose another file name, or add --force to replace it"),
            file=str(output),
        )
