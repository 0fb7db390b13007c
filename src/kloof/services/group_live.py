"""What a group session's trainer sees: the group's ratings per factor and party
against the reference, how many flagged each difference, and the results per
participant for the export. Works on the participants' stored answers (plain
data), so the web page, the API and the export read the same numbers.

Charts are SVG with a text alternative; numbers in them with a decimal point.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from kloof.domain.practice import DifferenceKey, Scenario, possible_differences

#: The rating scale of scenarios: 1 to 7 in steps of 0.5.
SCALE = tuple(1 + step / 2 for step in range(13))


@dataclass(frozen=True)
class PartyRow:
    party: str
    name: str
    counts: tuple[int, ...]  # how many gave each value of SCALE
    rated: int
    mean: float | None
    reference: float


@dataclass(frozen=True)
class FactorRows:
    factor: str
    name: str
    parties: tuple[PartyRow, ...]


@dataclass(frozen=True)
class DifferenceRow:
    key: DifferenceKey
    flagged: int
    blocking: bool  # in the reference


def _value_index(value: float) -> int | None:
    index = round((value - 1) * 2)
    return index if 0 <= index < len(SCALE) and abs(SCALE[index] - value) < 1e-9 else None


def factor_rows(
    scenario: Scenario,
    answers: Sequence[Mapping[str, object]],
    factor_names: Mapping[str, str],
    language: str,
) -> list[FactorRows]:
    """Per factor and party, the distribution of the submitted scores."""
    rows = []
    for factor in scenario.factors:
        parties = []
        for party in scenario.parties:
            counts = [0] * len(SCALE)
            values = []
            for data in answers:
                positions = data.get("positions")
                value = (
                    positions.get(party.id, {}).get(factor) if isinstance(positions, dict) else None
                )
                if isinstance(value, int | float):
                    index = _value_index(float(value))
                    if index is not None:
                        counts[index] += 1
                        values.append(float(value))
            parties.append(
                PartyRow(
                    party=party.id,
                    name=party.name.get(language),
                    counts=tuple(counts),
                    rated=len(values),
                    mean=sum(values) / len(values) if values else None,
                    reference=scenario.reference.score(party.id, factor),
                )
            )
        rows.append(FactorRows(factor, factor_names.get(factor, factor), tuple(parties)))
    return rows


def _key_of(item: Mapping[str, object]) -> DifferenceKey | None:
    factor = item.get("factor")
    if not isinstance(factor, str):
        return None
    if item.get("kind") == "perception":
        viewer, subject = item.get("viewer"), item.get("subject")
        if isinstance(viewer, str) and isinstance(subject, str):
            return DifferenceKey.perception(factor, viewer, subject)
        return None
    parties = item.get("parties")
    if isinstance(parties, list) and len(parties) == 2:
        return DifferenceKey.position(factor, str(parties[0]), str(parties[1]))
    return None


def difference_rows(
    scenario: Scenario, answers: Sequence[Mapping[str, object]]
) -> list[DifferenceRow]:
    """Every difference someone flagged or the reference holds, most flagged first."""
    counts: dict[DifferenceKey, int] = {}
    for data in answers:
        for item in data.get("blocking") or []:  # type: ignore[attr-defined]
            key = _key_of(item) if isinstance(item, Mapping) else None
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
    reference = set(scenario.reference.blocking)
    order = {key: index for index, key in enumerate(possible_differences(scenario))}
    keys = set(counts) | reference
    rows = [DifferenceRow(key, counts.get(key, 0), key in reference) for key in keys]
    return sorted(rows, key=lambda row: (-row.flagged, order.get(row.key, len(order))))


def _number(value: float) -> str:
    return f"{value:g}"


def strip_svg(
    row: PartyRow, ident: str, title: str, description: str, show_reference: bool = True
) -> str:
    """One party's distribution on one factor: a bar per scale value, the
    reference as a dashed line. ``title`` and ``description`` are its text
    alternative (the page gives the numbers as text too)."""
    width, height, left, bottom = 280, 64, 10, 18
    step = (width - 2 * left) / (len(SCALE) - 1)
    top = max(row.counts) or 1
    label = escape(f"strip-{ident}")
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="group-strip" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{label}">',
        f'<title id="{label}">{escape(title)}</title><desc>{escape(description)}</desc>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        'class="axis"/>',
    ]
    for index, value in enumerate(SCALE):
        x = left + index * step
        count = row.counts[index]
        if value == int(value):
            parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="tick">{_number(value)}</text>')
        if count:
            bar = (height - bottom - 6) * count / top
            parts.append(
                f'<rect x="{x - 5:.1f}" y="{height - bottom - bar:.1f}" width="10" '
                f'height="{bar:.1f}" class="bar"/>'
            )
    if show_reference:
        x = left + (row.reference - 1) * 2 * step
        parts.append(
            f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{height - bottom}" class="reference"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def result_rows(
    scenario: Scenario,
    participants: Sequence[tuple[str, Mapping[str, object], Mapping[str, object]]],
) -> tuple[list[str], list[list[object]]]:
    """The export: per participant (nickname, answers, feedback) the score,
    recall, precision, first move and every rating. Machine column names."""
    cells = [(party.id, factor) for factor in scenario.factors for party in scenario.parties]
    header = ["nickname", "score", "recall", "precision", "first_move", "first_move_right"]
    header += [f"{factor}:{party}" for party, factor in cells]
    rows: list[list[object]] = []
    for nickname, answers, feedback in participants:
        blocking = feedback.get("blocking") if isinstance(feedback.get("blocking"), dict) else {}
        move = feedback.get("first_move") if isinstance(feedback.get("first_move"), dict) else {}
        positions = answers.get("positions") if isinstance(answers.get("positions"), dict) else {}
        row: list[object] = [
            nickname,
            feedback.get("score"),
            blocking.get("recall"),  # type: ignore[union-attr]
            blocking.get("precision"),  # type: ignore[union-attr]
            answers.get("first_move"),
            move.get("right"),  # type: ignore[union-attr]
        ]
        for party, factor in cells:
            row.append(positions.get(party, {}).get(factor))  # type: ignore[union-attr]
        rows.append(row)
    return header, rows
