"""The checks of a case file that a schema cannot express: references between its
parts, duplicates, the scale, dates.

Runs on data that already passed the case schema, so every field has its type.
Each check yields its problems with their line; the caller reports the one that
comes first in the file, so a user fixing errors top-down always sees the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kloof.domain.model import Factor, Framework
from kloof.formats.errors import InputError
from kloof.formats.schemacheck import did_you_mean, number_text, place
from kloof.formats.yamlsafe import LineMap, PathKey

#: Most ratings one case may hold. The largest case kloof is built for (3 parties,
#: 200 raters each, everyone rating every party on nine factors) has 16,200.
#: Reading costs about 0.15 ms a rating, mostly the schema check, so a bigger file
#: is refused before that check rather than keep its reader waiting.
MAX_RATINGS = 20_000


#: Most entries of the other lists. Far above any real case (the largest one above
#: has 3 parties and 600 raters), low enough that a hostile file cannot make the
#: checks between the parts take seconds.
LIST_LIMITS = {
    "ratings": MAX_RATINGS,
    "raters": 2_000,
    "parties": 50,
    "factors": 100,
    "differences": 2_000,
}


def check_size(data: Mapping[str, Any], source: str) -> None:
    """Refuse a case with more entries in a list than :data:`LIST_LIMITS` allows,
    before the slow checks. No line: it is about the file as a whole, and finding a
    line in a large JSON file would cost a second reading."""
    for section, limit in LIST_LIMITS.items():
        entries = data.get(section)
        if isinstance(entries, list) and len(entries) > limit:
            split = (
                ", or split the raters over two cases" if section in ("ratings", "raters") else ""
            )
            raise InputError(
                f"the case has {len(entries):,} {section}, more than the {limit:,} "
                "one case may hold",
                fix=f"check that this is the right file{split}",
                source=source,
            )


@dataclass(frozen=True)
class CaseContext:
    """What the checks need besides the data: the framework and the case's own
    factors (already parsed), the line map and the file name."""

    framework: Framework
    own_factors: Sequence[Factor]
    lines: LineMap
    source: str

    def error(self, path: PathKey, problem: str, fix: str | None) -> InputError:
        where = place(path[:-1]) if path and isinstance(path[-1], str) else place(path)
        text = f"{where}: {problem}" if where else problem
        return InputError(text, fix=fix, source=self.source, line=self.lines.line(path))


#: Problems taken from each check. Each yields them in file order, near enough,
#: so the first in the file is among its first few; the cap keeps a file with
#: 20,000 bad references from costing a minute of did-you-mean guesses.
_PROBLEMS_PER_CHECK = 50


def first_case_problem(data: Mapping[str, Any], context: CaseContext) -> InputError | None:
    """The problem that comes first in the file, or None when the case is sound."""
    checks = (
        _title_problems(data, context),
        _scale_problems(data, context),
        _date_problems(data, context),
        _party_problems(data, context),
        _factor_problems(context),
        _rater_problems(data, context),
        _rating_problems(data, context),
        _difference_problems(data, context),
    )
    problems = [problem for check in checks for problem in islice(check, _PROBLEMS_PER_CHECK)]
    if not problems:
        return None
    ordered = sorted(enumerate(problems), key=lambda item: (item[1].line or 0, item[0]))
    return ordered[0][1]


def parse_date(value: str) -> dt.date:
    """A date from the YYYY-MM-DD text the schema let through (raises ValueError)."""
    return dt.date.fromisoformat(value)


def _title_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    if not data["title"].strip():
        yield context.error(("title",), "'title' is blank", "write a short name for the case")


def _scale_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    scale = data.get("scale")
    if scale is not None and not scale["min"] < scale["max"]:
        yield context.error(
            ("scale",),
            f"the scale runs from {number_text(scale['min'])} to {number_text(scale['max'])}, "
            "but min must be below max",
            "write for example scale: {min: 1, max: 7}",
        )


def _date_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    dates: list[tuple[PathKey, str]] = []
    if "date" in data:
        dates.append((("date",), data["date"]))
    for d_index, difference in enumerate(data.get("differences", [])):
        for a_index, action in enumerate(difference.get("actions", [])):
            if "due" in action:
                dates.append((("differences", d_index, "actions", a_index, "due"), action["due"]))
    for path, value in dates:
        try:
            parse_date(value)
        except ValueError:
            yield context.error(
                path,
                f"'{path[-1]}' is '{value}', which is not an existing date",
                "check the day and the month (YYYY-MM-DD)",
            )


def _party_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    yield from _duplicates(data["parties"], "parties", "id", "party id", context)


def _duplicates(
    items: Sequence[Mapping[str, Any]], section: str, field: str, label: str, context: CaseContext
) -> Iterator[InputError]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        value = item[field]
        if value in seen:
            first = context.lines.line((section, seen[value], field))
            where = f" (first on line {first})" if first else ""
            yield context.error(
                (section, index, field),
                f"the {label} '{value}' is used twice{where}",
                f"give every {label.split()[0]} its own {field}",
            )
        else:
            seen[value] = index


def _factor_problems(context: CaseContext) -> Iterator[InputError]:
    framework_keys = {factor.key for factor in context.framework.factors}
    seen: set[str] = set()
    for index, factor in enumerate(context.own_factors):
        path: PathKey = ("factors", index, "key")
        if factor.key in framework_keys:
            yield context.error(
                path,
                f"the factor '{factor.key}' already exists in the framework "
                f"'{context.framework.name}'",
                "rate the framework's factor directly, or give this factor another key",
            )
        elif factor.key in seen:
            yield context.error(
                path,
                f"the factor key '{factor.key}' is used twice",
                "give every factor its own key",
            )
        seen.add(factor.key)


def _rater_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    raters = data.get("raters", [])
    yield from _duplicates(raters, "raters", "id", "rater id", context)
    parties = _Known([party["id"] for party in data["parties"]])
    for index, rater in enumerate(raters):
        yield from _reference(rater["party"], parties, ("raters", index, "party"), "party", context)


def _reference(
    value: str, known: Sequence[str], path: PathKey, label: str, context: CaseContext
) -> Iterator[InputError]:
    """A problem when ``value`` is not one of the ``known`` ids."""
    if value in known:
        return
    guess = did_you_mean(value, known)
    if guess:
        fix = f"did you mean '{guess}'?"
    elif known:
        fix = f"use one of: {listed(known)}"
    else:
        section = {"party": "parties", "rater": "raters", "factor": "factors"}[label]
        fix = f"add it under '{section}' first"
    yield context.error(path, f"unknown {label} '{value}'", fix)


def listed(ids: Sequence[str], most: int = 12) -> str:
    """The ids for a message; a long list shortened to its first ``most``."""
    if len(ids) <= most:
        return ", ".join(ids)
    return f"{', '.join(ids[:most])} … ({len(ids):,} in all)"


class _Known(list[str]):
    """Ids in file order (for messages) with a set beside them, so each of
    thousands of references is looked up at once."""

    def __init__(self, ids: Sequence[str]) -> None:
        super().__init__(ids)
        self._set = frozenset(ids)

    def __contains__(self, value: object) -> bool:
        return value in self._set


def _rating_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    parties = _Known([party["id"] for party in data["parties"]])
    raters = _Known([rater["id"] for rater in data.get("raters", [])])
    factors = _Known(_factor_keys(context))
    low, high = _scale_bounds(data)
    seen: dict[tuple[str, str, str], int] = {}
    for index, rating in enumerate(data.get("ratings", [])):
        path: PathKey = ("ratings", index)
        yield from _reference(rating["rater"], raters, (*path, "rater"), "rater", context)
        yield from _reference(rating["subject"], parties, (*path, "subject"), "party", context)
        yield from _reference(rating["factor"], factors, (*path, "factor"), "factor", context)
        score = rating.get("score")
        if score is not None and not low <= score <= high:
            yield context.error(
                (*path, "score"),
                f"the score {number_text(score)} is off the scale "
                f"{number_text(low)} to {number_text(high)}",
                f"give a score from {number_text(low)} to {number_text(high)}, "
                "or leave the score out for no opinion",
            )
        triple = (rating["rater"], rating["subject"], rating["factor"])
        if triple in seen:
            first = context.lines.line(("ratings", seen[triple]))
            where = f" (first on line {first})" if first else ""
            yield context.error(
                path,
                f"'{triple[0]}' rates '{triple[1]}' on '{triple[2]}' twice{where}",
                "keep one rating per rater, subject and factor",
            )
        else:
            seen[triple] = index


def _factor_keys(context: CaseContext) -> list[str]:
    keys = [factor.key for factor in context.framework.factors]
    return keys + [factor.key for factor in context.own_factors if factor.key not in keys]


def _scale_bounds(data: Mapping[str, Any]) -> tuple[float, float]:
    scale = data.get("scale", {"min": 1, "max": 7})
    return scale["min"], scale["max"]


def _difference_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    parties = _Known([party["id"] for party in data["parties"]])
    factors = _Known(_factor_keys(context))
    seen: dict[tuple[str, frozenset[str]], int] = {}
    for index, difference in enumerate(data.get("differences", [])):
        path: PathKey = ("differences", index)
        yield from _reference(difference["factor"], factors, (*path, "factor"), "factor", context)
        pair = difference.get("parties", parties[:2])
        for p_index, party in enumerate(pair):
            yield from _reference(party, parties, (*path, "parties", p_index), "party", context)
        if len(pair) == 2 and pair[0] == pair[1]:
            yield context.error(
                (*path, "parties"),
                f"'parties' names '{pair[0]}' twice",
                "a difference is between two different parties",
            )
        if "blocking" in difference and not difference.get("reason", "").strip():
            yield context.error(
                (*path, "blocking"),
                "'blocking' decides the severity, so it needs a reason",
                "add 'reason: …' saying why this difference does or does not block",
            )
        key = (difference["factor"], frozenset(pair))
        if key in seen:
            first = context.lines.line(("differences", seen[key]))
            where = f" (first on line {first})" if first else ""
            yield context.error(
                path,
                f"a second register entry for '{key[0]}' between "
                f"'{pair[0]}' and '{pair[1]}'{where}",
                "keep one entry per factor and pair of parties",
            )
        else:
            seen[key] = index
