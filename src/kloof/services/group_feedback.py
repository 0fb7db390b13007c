"""A group participant's feedback, ready for their page: the score and its
parts, the differences found, missed and flagged in excess (as sentences), the
first move, and (once the trainer revealed it) the reference's reasoning."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kloof.domain.practice import DifferenceKey, Scenario
from kloof.i18n.practice import difference_text
from kloof.services.practice import factor_names


def _key(item: Mapping[str, Any]) -> DifferenceKey:
    if item.get("kind") == "perception":
        return DifferenceKey.perception(item["factor"], item["viewer"], item["subject"])
    first, second = item["parties"]
    return DifferenceKey.position(item["factor"], first, second)


def _move_text(scenario: Scenario, key: str | None, language: str) -> str:
    for option in scenario.reference.first_move.options:
        if option.key == key:
            return option.text.get(language)
    return ""


def feedback_view(
    scenario: Scenario, feedback: Mapping[str, Any], language: str, revealed: bool
) -> dict[str, Any]:
    names = factor_names(language)
    parties = {party.id: party.name.get(language) for party in scenario.parties}
    blocking = feedback.get("blocking") or {}

    def texts(kind: str) -> list[str]:
        return [
            difference_text(_key(item), scenario, names, language)
            for item in blocking.get(kind, [])
        ]

    move = feedback.get("first_move") or {}
    view: dict[str, Any] = {
        "has_feedback": bool(feedback),
        "score": feedback.get("score"),
        "parts": feedback.get("parts") or {},
        "found": texts("found"),
        "missed": texts("missed"),
        "extra": texts("extra"),
        "move_yours": _move_text(scenario, move.get("yours"), language),
        "move_right": bool(move.get("right")),
        "revealed": revealed,
    }
    if not revealed:
        return view
    reference = scenario.reference
    view["move_reference"] = _move_text(scenario, reference.first_move.answer, language)
    view["move_why"] = reference.first_move.why.get(language)
    view["reasons"] = [
        {
            "factor": names.get(factor, factor),
            "rows": [
                {
                    "party": parties[party.id],
                    "score": reference.positions[party.id][factor].score,
                    "why": reference.positions[party.id][factor].why.get(language),
                }
                for party in scenario.parties
            ],
        }
        for factor in scenario.factors
    ]
    view["blocking_reference"] = [
        difference_text(key, scenario, names, language) for key in reference.blocking
    ]
    view["perceptions"] = [
        {
            "text": difference_text(
                DifferenceKey.perception(item.factor, item.viewer, item.subject),
                scenario,
                names,
                language,
            ),
            "why": item.why.get(language),
        }
        for item in (*reference.perceptions, *reference.blind_spots)
    ]
    return view
