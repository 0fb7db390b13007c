"""Practice scenario files (``format: kloof-scenario/1``): reading and validating.

The same four steps as a case file (:mod:`kloof.formats.casefile`): the safe
parse, the format, the JSON Schema (``schemas/scenario.schema.json``), then the
checks between the parts, each refusing bad input with one message that names
the file, the line, the problem and the fix. The last check runs kloof's own
analysis on the reference: its blocking list must be exactly what the analysis
finds.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kloof.domain.model import PERCEPTION, Framework, Text
from kloof.domain.practice import (
    SCENARIO_FORMAT,
    BlindSpotNote,
    DifferenceKey,
    FirstMove,
    Judgement,
    MoveOption,
    Perception,
    Reference,
    Scenario,
    ScenarioParty,
    analysed_blocking,
)
from kloof.formats.errors import N_, InputError, Phrase, TemplateValue
from kloof.formats.schemacheck import (
    as_json_data,
    first_schema_problem,
    inline_refs,
    place_phrase,
    placed_error,
    value_phrase,
)
from kloof.formats.yamlsafe import Document, LineMap, PathKey, parse_document, read_document

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = [
    "Checker",
    "describe_difference",
    "difference_key",
    "difference_problems",
    "load_scenario",
    "parse_scenario",
    "scenario_from_document",
    "scenario_schema",
]


def load_scenario(path: Path | str) -> Scenario:
    """Read and validate the scenario file at ``path``."""
    path = Path(path)
    return scenario_from_document(read_document(path), str(path))


def parse_scenario(data: bytes, source: str, kind: str | None = None) -> Scenario:
    """A scenario from bytes (an upload); ``kind`` "yaml" or "json" (None: by name)."""
    return scenario_from_document(parse_document(data, source, kind), source)


def scenario_from_document(document: Document, source: str) -> Scenario:
    data = as_json_data(document.data)
    lines = document.lines
    _check_format(data, lines, source)
    problem = first_schema_problem(_validator(), data, lines, source)
    if problem is not None:
        raise problem
    framework = _framework()
    factors = tuple(factor.key for factor in framework.factors)
    check = Checker(lines, source, factors, [party["id"] for party in data["parties"]], data)
    problem = check.first_problem()
    if problem is not None:
        raise problem
    scenario = _build(data, factors)
    _check_blocking(scenario, framework, data, lines, source)
    return scenario


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (a fresh copy)."""
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict[str, Any]:
    path = Path(__file__).resolve().parent / "schemas" / "scenario.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(inline_refs(_schema()))


@cache
def _framework() -> Framework:
    from kloof.formats.framework import load_framework

    return load_framework("hopmans-9")


def _check_format(data: Mapping[str, Any], lines: LineMap, source: str) -> None:
    if "format" not in data:
        raise InputError.worded(
            N_("this is not a kloof scenario file: the line 'format: %(format)s' is missing"),
            N_("add the line 'format: %(format)s' at the top of the file"),
            source=source,
            line=1,
            format=SCENARIO_FORMAT,
        )
    if data["format"] != SCENARIO_FORMAT:
        raise InputError.worded(
            N_("this kloof reads scenario format %(format)s, not %(found)s"),
            N_("write 'format: %(format)s'"),
            source=source,
            line=lines.line(("format",)),
            format=SCENARIO_FORMAT,
            found=value_phrase(data["format"]),
        )


class Checker:
    """The checks a schema cannot express; the first problem in the file wins."""

    def __init__(
        self,
        lines: LineMap,
        source: str,
        factors: tuple[str, ...],
        parties: list[str],
        data: Mapping[str, Any] | None = None,
    ) -> None:
        self.data: Mapping[str, Any] = data or {}
        self.lines = lines
        self.source = source
        self.factors = factors
        self.parties = parties

    def error(
        self, path: PathKey, template: str, fix_template: str, **values: TemplateValue
    ) -> InputError:
        where = place_phrase(path[:-1] if path and isinstance(path[-1], str) else path)
        fix = Phrase(fix_template, values) if fix_template else None
        return placed_error(
            where, Phrase(template, values), fix, source=self.source, line=self.lines.line(path)
        )

    def first_problem(self) -> InputError | None:
        problems = self.problems()
        return problems[0] if problems else None

    def problems(self) -> list[InputError]:
        """Every problem, in the order of the file."""
        problems = [
            *self._parties(),
            *self._positions(),
            *self._perceptions(),
            *self._blocking(),
            *self._blind_spots(),
            *self._first_move(),
        ]
        ordered = sorted(enumerate(problems), key=lambda item: (item[1].line or 0, item[0]))
        return [problem for _, problem in ordered]

    def party(self, path: PathKey, value: str) -> Iterator[InputError]:
        if value not in self.parties:
            yield self.error(
                path,
                N_("'%(value)s' is not a party of this scenario"),
                N_("use one of: %(choices)s"),
                value=value,
                choices=", ".join(self.parties),
            )

    def factor(self, path: PathKey, value: str) -> Iterator[InputError]:
        if value not in self.factors:
            yield self.error(
                path,
                N_("'%(value)s' is not a factor of hopmans-9"),
                N_("use one of: %(choices)s"),
                value=value,
                choices=", ".join(self.factors),
            )

    def _parties(self) -> Iterator[InputError]:
        seen: set[str] = set()
        for index, party in enumerate(self.data["parties"]):
            if party["id"] in seen:
                yield self.error(
                    ("parties", index, "id"),
                    N_("the party id '%(value)s' is used twice"),
                    N_("give each party its own id"),
                    value=party["id"],
                )
            seen.add(party["id"])

    def _positions(self) -> Iterator[InputError]:
        positions = self.data["reference"]["positions"]
        for party in positions:
            yield from self.party(("reference", "positions", party), party)
            for factor in positions[party]:
                yield from self.factor(("reference", "positions", party, factor), factor)
        for party in self.parties:
            if party not in positions:
                yield self.error(
                    ("reference", "positions"),
                    N_("the positions of the party '%(party)s' are missing"),
                    N_("add '%(party)s:' with a score and a why on each of the nine factors"),
                    party=party,
                )
                continue
            missing = [factor for factor in self.factors if factor not in positions[party]]
            if missing:
                yield self.error(
                    ("reference", "positions", party),
                    N_("the party '%(party)s' has no position on %(missing)s"),
                    N_("add a score and a why for every factor"),
                    party=party,
                    missing=", ".join(missing),
                )

    def _perceptions(self) -> Iterator[InputError]:
        seen: set[tuple[str, str, str]] = set()
        for index, item in enumerate(self.data["reference"].get("perceptions", [])):
            path: PathKey = ("reference", "perceptions", index)
            yield from self.party((*path, "viewer"), item["viewer"])
            yield from self.party((*path, "subject"), item["subject"])
            yield from self.factor((*path, "factor"), item["factor"])
            if item["viewer"] == item["subject"]:
                yield self.error(
                    (*path, "viewer"),
                    N_("a party's view of itself is its position, not a perception"),
                    N_("name another party as viewer or subject"),
                )
            triple = (item["viewer"], item["subject"], item["factor"])
            if triple in seen:
                yield self.error(
                    path,
                    N_("this perception is listed twice"),
                    N_("keep one score per viewer, subject and factor"),
                )
            seen.add(triple)

    def _blocking(self) -> Iterator[InputError]:
        seen: set[DifferenceKey] = set()
        for index, item in enumerate(self.data["reference"]["blocking"]):
            path: PathKey = ("reference", "blocking", index)
            problems = list(difference_problems(self, path, item))
            yield from problems
            if problems:
                continue
            key = difference_key(item)
            if key in seen:
                yield self.error(
                    path,
                    N_("this blocking difference is listed twice"),
                    N_("remove one of the two"),
                )
            seen.add(key)

    def _blind_spots(self) -> Iterator[InputError]:
        stated = {
            (item["viewer"], item["subject"], item["factor"])
            for item in self.data["reference"].get("perceptions", [])
        }
        for index, item in enumerate(self.data["reference"].get("blind_spots", [])):
            path: PathKey = ("reference", "blind_spots", index)
            if (item["viewer"], item["subject"], item["factor"]) not in stated:
                yield self.error(
                    path,
                    N_("there is no perception of %(viewer)s about %(subject)s on %(factor)s"),
                    N_("add it under 'perceptions:' with its score, or remove this blind spot"),
                    viewer=item["viewer"],
                    subject=item["subject"],
                    factor=item["factor"],
                )

    def _first_move(self) -> Iterator[InputError]:
        move = self.data["reference"]["first_move"]
        keys = [option["key"] for option in move["options"]]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                yield self.error(
                    ("reference", "first_move", "options", index, "key"),
                    N_("the move key '%(value)s' is used twice"),
                    N_("give each option its own key"),
                    value=key,
                )
        if move["answer"] not in keys:
            yield self.error(
                ("reference", "first_move", "answer"),
                N_("the answer '%(value)s' is not one of the options"),
                N_("use one of: %(choices)s"),
                value=move["answer"],
                choices=", ".join(keys),
            )


def difference_problems(
    check: Checker, path: PathKey, item: Mapping[str, Any]
) -> Iterator[InputError]:
    """The problems of one blocking entry (scenario or attempt)."""
    yield from check.factor((*path, "factor"), item["factor"])
    if item["kind"] == PERCEPTION:
        if "viewer" not in item or "subject" not in item or "parties" in item:
            yield check.error(
                path,
                N_("a perception gap names a viewer and a subject, not parties"),
                N_("write 'viewer: …' and 'subject: …'"),
            )
            return
        yield from check.party((*path, "viewer"), item["viewer"])
        yield from check.party((*path, "subject"), item["subject"])
        if item["viewer"] == item["subject"]:
            yield check.error(
                (*path, "viewer"),
                N_("the viewer and the subject are the same party"),
                N_("name two different parties"),
            )
        return
    if "parties" not in item or "viewer" in item or "subject" in item:
        yield check.error(
            path,
            N_("a position difference names two parties, not a viewer and a subject"),
            N_("write 'parties: [a, b]'"),
        )
        return
    for number, party in enumerate(item["parties"]):
        yield from check.party((*path, "parties", number), party)
    if item["parties"][0] == item["parties"][1]:
        yield check.error(
            (*path, "parties"),
            N_("a difference needs two different parties"),
            N_("name two different parties"),
        )


def difference_key(item: Mapping[str, Any]) -> DifferenceKey:
    if item["kind"] == PERCEPTION:
        return DifferenceKey.perception(item["factor"], item["viewer"], item["subject"])
    return DifferenceKey.position(item["factor"], *item["parties"])


def describe_difference(key: DifferenceKey) -> Phrase:
    """A difference in words, for messages."""
    if key.kind == PERCEPTION:
        return Phrase(
            N_("how %(viewer)s sees %(subject)s on %(factor)s"),
            {"viewer": key.parties[0], "subject": key.parties[1], "factor": key.factor},
        )
    return Phrase(
        N_("%(first)s and %(second)s on %(factor)s"),
        {"first": key.parties[0], "second": key.parties[1], "factor": key.factor},
    )


def _check_blocking(
    scenario: Scenario, framework: Framework, data: Mapping[str, Any], lines: LineMap, source: str
) -> None:
    """The blocking list must be exactly what kloof's analysis of the reference finds."""
    found = analysed_blocking(scenario, framework)
    claimed = set(scenario.reference.blocking)
    missing = sorted(found - claimed)
    if missing:
        raise InputError.worded(
            N_(
                "kloof's analysis of the reference finds %(difference)s blocking, "
                "but it is not listed under 'blocking:'"
            ),
            N_(
                "add it to 'blocking:', or change the scores so that the gap stays below "
                "the blocking threshold (3 points; 2.4 for intention)"
            ),
            source=source,
            line=lines.line(("reference", "blocking")),
            difference=describe_difference(missing[0]),
        )
    extra = sorted(claimed - found)
    if extra:
        index = scenario.reference.blocking.index(extra[0])
        raise InputError.worded(
            N_(
                "%(difference)s is listed as blocking, but kloof's analysis of the "
                "reference does not find it blocking"
            ),
            N_(
                "remove it from 'blocking:', or widen the gap in the scores to the blocking "
                "threshold (3 points; 2.4 for intention)"
            ),
            source=source,
            line=lines.line(("reference", "blocking", index)),
            difference=describe_difference(extra[0]),
        )


def _text(data: Mapping[str, str]) -> Text:
    return Text(nl=data["nl"], en=data["en"])


def _build(data: Mapping[str, Any], factors: tuple[str, ...]) -> Scenario:
    reference = data["reference"]
    positions = {
        party: {
            factor: Judgement(float(item["score"]), _text(item["why"]))
            for factor, item in scores.items()
        }
        for party, scores in reference["positions"].items()
    }
    move = reference["first_move"]
    return Scenario(
        id=data["id"],
        level=data["level"],
        domain=data["domain"],
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        text=_text(data["text"]),
        parties=tuple(
            ScenarioParty(
                party["id"],
                _text(party["name"]),
                _text(party["role"]) if "role" in party else None,
            )
            for party in data["parties"]
        ),
        factors=factors,
        reference=Reference(
            positions=positions,
            perceptions=tuple(
                Perception(
                    item["viewer"],
                    item["subject"],
                    item["factor"],
                    float(item["score"]),
                    _text(item["why"]),
                )
                for item in reference.get("perceptions", [])
            ),
            blocking=tuple(difference_key(item) for item in reference["blocking"]),
            blind_spots=tuple(
                BlindSpotNote(item["viewer"], item["subject"], item["factor"], _text(item["why"]))
                for item in reference.get("blind_spots", [])
            ),
            first_move=FirstMove(
                answer=move["answer"],
                options=tuple(
                    MoveOption(option["key"], _text(option["text"])) for option in move["options"]
                ),
                why=_text(move["why"]),
            ),
        ),
    )
