"""Writing a case as a format 1 file (YAML or JSON).

Keys come in the documented order and defaults that say nothing are left out, so
a written file reads like one a person wrote; reading it back gives the same case.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from kloof.domain.model import (
    Action,
    Agenda,
    AgendaItem,
    Case,
    Difference,
    Factor,
    Party,
    Rating,
    Scale,
    Text,
    Thresholds,
)
from kloof.formats.caseinterviews import interview_to_data

_SEVERITY_ORDER = ("aligned", "nuance", "significant", "blocking")


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as plain format 1 data (dates as ``datetime.date``)."""
    data: dict[str, Any] = {"kloof": 1, "title": case.title}
    _put(data, "description", case.description)
    _put(data, "date", case.date)
    _put(data, "previous", case.previous)
    data["language"] = case.language
    data["framework"] = case.framework_ref or case.framework.name
    if case.scale != Scale():
        data["scale"] = {"min": _number(case.scale.low), "max": _number(case.scale.high)}
    data["parties"] = [_party(party) for party in case.parties]
    own = [factor_to_data(factor) for factor in case.factors if factor.custom]
    _put_list(data, "factors", own)
    raters = [{"id": r.id, "name": r.name, "party": r.party} for r in case.raters]
    _put_list(data, "raters", raters)
    _put_list(data, "ratings", [_rating(rating) for rating in case.ratings])
    _put_list(data, "differences", [_difference(item) for item in case.differences])
    _put_list(data, "interviews", [interview_to_data(item) for item in case.interviews])
    if case.agenda is not None:
        data["agenda"] = agenda_to_data(case.agenda)
    return data


def agenda_to_data(agenda: Agenda) -> dict[str, Any]:
    """The agenda as the case file's ``agenda:`` section."""
    data: dict[str, Any] = {}
    _put(data, "date", agenda.date)
    data["items"] = [_agenda_item(item) for item in agenda.items]
    return data


def _agenda_item(item: AgendaItem) -> dict[str, Any]:
    data: dict[str, Any] = {"title": item.title, "kind": item.kind}
    _put(data, "factor", item.factor)
    _put_list(data, "parties", list(item.parties))
    for name in ("see", "ask", "offer"):
        _put(data, name, getattr(item, name) or None)
    _put_list(data, "mitigations", list(item.mitigations))
    data["shareable"] = item.shareable
    _put(data, "outcome", item.outcome)
    _put(data, "outcome_note", item.outcome_note)
    _put_list(data, "actions", [_action(action) for action in item.actions])
    return data


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their key (``parties:`` then ``  - id: …``), as
    people and the template write them; PyYAML puts the dash flush by default."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# Characters YAML reads as line breaks: PyYAML may write them raw inside a plain or
# single-quoted scalar, where reading folds them into a space. Double quotes escape them.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _ODD_BREAKS.intersection(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_IndentedDumper.add_representer(str, _represent_text)


def dump_case_yaml(case: Case) -> str:
    """The case as a format 1 YAML file."""
    text: str = yaml.dump(
        case_to_data(case),
        Dumper=_IndentedDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


def dump_case_json(case: Case) -> str:
    """The case as a format 1 JSON file (dates as YYYY-MM-DD, two-space indent)."""
    return json.dumps(case_to_data(case), indent=2, ensure_ascii=False, default=_json_value) + "\n"


def _party(party: Party) -> dict[str, Any]:
    data: dict[str, Any] = {"id": party.id, "name": party.name}
    _put(data, "role", party.role)
    _put(data, "side", party.side)
    return data


def factor_to_data(factor: Factor) -> dict[str, Any]:
    """A case's own factor in the form of the schema's ``$defs/factor``."""
    data: dict[str, Any] = {
        "key": factor.key,
        "name": _text(factor.name),
        "left": _text(factor.left),
        "right": _text(factor.right),
    }
    if factor.description != Text("", ""):
        data["description"] = _text(factor.description)
    _put_list(data, "questions", [_text(text) for text in factor.questions])
    _put_list(data, "signals", [_text(text) for text in factor.signals])
    advice = {s.value: _text(t) for s, t in factor.advice.items()}
    if advice:
        data["advice"] = {key: advice[key] for key in _SEVERITY_ORDER if key in advice}
    if factor.weight != 1:
        data["weight"] = _number(factor.weight)
    if factor.thresholds != Thresholds():
        data["thresholds"] = {
            "nuance": factor.thresholds.nuance,
            "significant": factor.thresholds.significant,
            "blocking": factor.thresholds.blocking,
        }
    return data


def rating_to_data(rating: Rating) -> dict[str, Any]:
    """One rating as the case file writes it."""
    return _rating(rating)


def _rating(rating: Rating) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rater": rating.rater,
        "subject": rating.subject,
        "factor": rating.factor,
    }
    _put(data, "score", None if rating.score is None else _number(rating.score))
    _put(data, "confidence", rating.confidence)
    _put(data, "source", rating.source)
    _put(data, "note", rating.note)
    return data


def _difference(difference: Difference) -> dict[str, Any]:
    data: dict[str, Any] = {"factor": difference.factor}
    if difference.is_perception:
        data.update(kind=difference.kind, subject=difference.subject, viewer=difference.viewer)
    else:
        data["parties"] = list(difference.parties)
    data["status"] = difference.status
    _put(data, "blocking", difference.blocking)
    _put(data, "reason", difference.reason)
    _put(data, "note", difference.note)
    _put_list(data, "actions", [_action(action) for action in difference.actions])
    return data


def _action(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = {"text": action.text}
    _put(data, "owner", action.owner)
    _put(data, "due", action.due)
    data["done"] = action.done
    return data


def _text(text: Text) -> dict[str, str]:
    return {"nl": text.nl, "en": text.en}


def _number(value: float) -> int | float:
    """Whole numbers as ints: ``score: 4``, not ``score: 4.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        data[key] = value


def _put_list(data: dict[str, Any], key: str, items: list[Any]) -> None:
    if items:
        data[key] = items


def _json_value(value: Any) -> str:
    """Dates for JSON; the only non-JSON values :func:`case_to_data` produces."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
