"""The analysis as JSON: the stable output of ``kloof analyse --format json``.

Format 2 (see docs/case-format.md): keys may be added; the keys of DESIGN.md's
"Analysis output" never change meaning without a new ``format`` number. Format 2
counts blocking perception gaps as blocking differences (``blocking[]``,
``blocking_detail[]``, ``pairs[].blocking``); format 1 counted position gaps only. Numbers
are rounded to 6 decimals so that float noise (0.33333333333333326) does not leak
into diffs of the output; reasons come both as sentences in the chosen language
and as codes with their parameters for machines.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kloof.domain.model import Case, Difference, Severity
from kloof.domain.results import (
    Analysis,
    BlindSpot,
    FactorResult,
    Gap,
    NextStep,
    Position,
    Reason,
    ViewStat,
)
from kloof.i18n.reasons import render_reason
from kloof.i18n.steps import render_step

OUTPUT_FORMAT = 2
DIGITS = 6


def analysis_to_data(analysis: Analysis, language: str) -> dict[str, Any]:
    case = analysis.case
    return {
        "format": OUTPUT_FORMAT,
        "case": case.title,
        "date": case.date.isoformat() if case.date else None,
        "language": language,
        "framework": case.framework_ref or case.framework.name,
        "scale": {"min": _num(case.scale.low), "max": _num(case.scale.high)},
        "parties": [
            {"id": p.id, "name": p.name, "role": p.role, "side": p.side} for p in case.parties
        ],
        "factors": [_factor(result, case, language) for result in analysis.factors],
        "blind_spots": [_blind_spot(s, case, language) for s in analysis.blind_spots],
        "agreement": {
            party: {
                "krippendorff_alpha_interval": _num(a.alpha),
                "raters": a.raters,
                "units": a.units,
                "reasons": _sentences(a.reasons, case, language),
            }
            for party, a in analysis.agreement.items()
        },
        "toughness": _num(analysis.toughness),
        "pairs": [
            {
                "parties": list(p.parties),
                "toughness": _num(p.toughness),
                "known": p.known,
                "blocking": p.blocking,
                "blocking_perception": p.blocking_perception,
                "blocking_factors": list(p.blocking_factors),
                "uncertain": p.uncertain,
                "unknown": p.unknown,
            }
            for p in analysis.pairs
        ],
        "blocking": list(analysis.blocking),
        "blocking_detail": [
            {"factor": d.factor, "kind": d.kind, "parties": list(d.parties)}
            for d in analysis.blocking_detail
        ],
        "findings": [
            {
                "rule": f.rule,
                "factors": list(f.factors),
                "parties": list(f.parties),
                "reasons": _sentences(f.reasons, case, language),
            }
            for f in analysis.findings
        ],
        "next_steps": [_step(s, case, language) for s in analysis.next_steps],
    }


def analysis_to_json(analysis: Analysis, language: str) -> str:
    data = analysis_to_data(analysis, language)
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, DIGITS)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded


def _factor(result: FactorResult, case: Case, language: str) -> dict[str, Any]:
    factor = result.factor
    return {
        "key": factor.key,
        "name": factor.name.get(language),
        "left": factor.left.get(language),
        "right": factor.right.get(language),
        "weight": _num(factor.weight),
        "custom": factor.custom,
        "positions": {party: _position(position) for party, position in result.positions.items()},
        "gaps": [_gap(gap, case, language) for gap in result.gaps],
    }


def _position(position: Position) -> dict[str, Any]:
    return {
        "value": _num(position.value),
        "score": _num(position.score),
        "n": position.n,
        "views": [view.view for view in position.views],
        "views_differ": position.views_differ,
        "spread": _num(position.spread),
        "self": _view(position.view("self")),
        "outside": _view(position.view("outside")),
    }


def _view(view: ViewStat | None) -> dict[str, Any] | None:
    if view is None:
        return None
    return {
        "median": _num(view.median),
        "n": view.n,
        "iqr": _num(view.iqr),
        "estimates_only": view.estimates_only,
    }


def _gap(gap: Gap, case: Case, language: str) -> dict[str, Any]:
    entry = gap.register
    return {
        "parties": list(gap.parties),
        "gap": _num(gap.gap),
        "points": _num(gap.points),
        "severity": gap.severity.value,
        "decided_severity": gap.decided_severity.value,
        "uncertain": gap.uncertain,
        "reasons": _sentences(gap.reasons, case, language),
        "reason_codes": [_code(r) for r in gap.reasons],
        "register": _register(entry),
    }


def _register(entry: Difference | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {"status": entry.status, "blocking": entry.blocking, "reason": entry.reason}


def _blind_spot(spot: BlindSpot, case: Case, language: str) -> dict[str, Any]:
    return {
        "factor": spot.factor,
        "subject": spot.subject,
        "viewer": spot.viewer,
        "gap": _num(spot.gap),
        "points": _num(spot.points),
        "severity": spot.severity.value,
        "decided_severity": spot.decided_severity.value,
        "viewer_score": _num(spot.viewer_score),
        "self_score": _num(spot.self_score),
        "viewer_n": spot.viewer_n,
        "self_n": spot.self_n,
        "reasons": _sentences(spot.reasons, case, language),
        "reason_codes": [_code(r) for r in spot.reasons],
        "register": _register(spot.register),
    }


def _step(step: NextStep, case: Case, language: str) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "factor": step.factor,
        "parties": list(step.parties),
        "difference": step.difference,
        "status": step.status,
        "severity": step.severity.value if isinstance(step.severity, Severity) else None,
        "text": render_step(step, case, language),
        "reasons": _sentences(step.reasons, case, language),
        "advice": step.advice.get(language) if step.advice else None,
        "questions": [q.get(language) for q in step.questions],
    }


def _sentences(reasons: tuple[Reason, ...], case: Case, language: str) -> list[str]:
    return [render_reason(reason, case, language) for reason in reasons]


def _code(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "params": _plain(reason.params)}


def _plain(params: Mapping[str, object]) -> dict[str, object]:
    return {k: _num(v) if isinstance(v, float) else v for k, v in params.items()}
