"""Case files, format 1: reading, validating and writing (YAML or JSON).

Reading goes in four steps, each refusing bad input with one clear message
(file, line, problem, fix): the safe parse (:mod:`kloof.formats.yamlsafe`), the
format number, the JSON Schema (``schemas/case.schema.json``, also published by
``kloof schema case``; jsonschema is imported only to explain a file that
:mod:`kloof.formats.quickschema` finds invalid), and the checks between the parts
(:mod:`kloof.formats.casecheck`). Only then is the :class:`~kloof.domain.model.Case`
built, so the domain can trust it. Writing lives in :mod:`kloof.formats.casewrite`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any

from kloof.domain.model import (
    PERCEPTION,
    POSITION,
    Action,
    Agenda,
    AgendaItem,
    Case,
    Difference,
    Factor,
    Framework,
    Party,
    Rater,
    Rating,
    Scale,
    Thresholds,
)
from kloof.formats.casecheck import CaseContext, check_size, first_case_problem, parse_date
from kloof.formats.caseinterviews import build_interviews
from kloof.formats.casewrite import case_to_data, dump_case_json, dump_case_yaml
from kloof.formats.errors import N_, InputError
from kloof.formats.quickschema import Check, compile_schema
from kloof.formats.schemacheck import (
    as_json_data,
    first_schema_problem,
    inline_refs,
    value_phrase,
)
from kloof.formats.yamlsafe import Document, LineMap, parse_document, read_document

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = [
    "CASE_FORMAT",
    "DEFAULT_FRAMEWORK",
    "case_from_document",
    "case_schema",
    "case_to_data",
    "dump_case_json",
    "dump_case_yaml",
    "load_case",
    "parse_case",
]

#: The format number this kloof reads and writes (the ``kloof:`` field).
CASE_FORMAT = 1
DEFAULT_FRAMEWORK = "hopmans-9"
DEFAULT_LANGUAGE = "en"


def load_case(path: Path | str) -> Case:
    """Read the case file at ``path``; a relative framework path is taken from
    the case file's folder."""
    path = Path(path)
    return case_from_document(read_document(path), str(path), base_dir=path.parent)


def parse_case(
    data: bytes, source: str, kind: str | None = None, *, base_dir: Path | None = None
) -> Case:
    """Parse a case from ``data`` ("yaml" or "json"; None: by the extension of
    ``source``). ``base_dir`` is where a relative framework path is looked up
    (None: the current directory)."""
    return case_from_document(parse_document(data, source, kind), source, base_dir=base_dir)


def case_from_document(document: Document, source: str, *, base_dir: Path | None = None) -> Case:
    """Validate a parsed document and build the case from it."""
    data = as_json_data(document.data)
    lines = document.lines
    _check_format(data, lines, source)
    check_size(data, source)
    if not _quick_check()(data):  # only then is there a problem to explain
        problem = first_schema_problem(_validator(), data, lines, source)
        if problem is not None:
            raise problem
    framework = _load_framework(data, lines, source, base_dir)
    own_factors = _parse_own_factors(data, lines, source, framework.thresholds)
    context = CaseContext(framework, own_factors, lines, source)
    problem = first_case_problem(data, context)
    if problem is not None:
        raise problem
    return _build_case(data, framework, own_factors)


def case_schema() -> dict[str, Any]:
    """The published JSON Schema of case format 1 (a fresh copy: callers may change it)."""
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict[str, Any]:
    # A path beside this module, as the framework schema's: importlib.resources
    # would cost start-up (zipfile) for a package that is never zipped.
    text = (Path(__file__).resolve().parent / "schemas" / "case.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _quick_check() -> Check:
    """The yes-or-no check of the schema (:mod:`kloof.formats.quickschema`)."""
    return compile_schema(inline_refs(_schema()))


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator  # lazy: only a file with a problem needs it

    # The shipped schema is checked against the metaschema by the tests, not on
    # every run (that cost 15 ms). Its references are written out: looking one up
    # cost more than the check it leads to (about 45% of the time on a case with
    # 16,000 ratings).
    return Draft202012Validator(inline_refs(_schema()))


def _check_format(data: Mapping[str, Any], lines: LineMap, source: str) -> None:
    """The format number first: a file of another format would only produce a
    string of confusing schema errors."""
    if "kloof" not in data:
        raise InputError.worded(
            N_("this is not a kloof case file: the format number 'kloof: 1' is missing"),
            N_("add the line 'kloof: 1' at the top of the file"),
            source=source,
            line=1,
        )
    version = data["kloof"]
    if version == CASE_FORMAT and not isinstance(version, bool):
        return
    line = lines.line(("kloof",))
    if isinstance(version, int | float) and not isinstance(version, bool):
        # Format numbers as text: a version is a name ("format 2"), not a quantity.
        raise InputError.worded(
            N_("this kloof reads format %(supported)s; the file is format %(version)s"),
            N_("open it with the kloof version that wrote it, or rewrite it as format 1"),
            source=source,
            line=line,
            supported=str(CASE_FORMAT),
            version=str(version),
        )
    raise InputError.worded(
        N_("'kloof' must be the format number %(supported)s, not %(found)s"),
        N_("write 'kloof: 1'"),
        source=source,
        line=line,
        supported=str(CASE_FORMAT),
        found=value_phrase(version),
    )


def _load_framework(
    data: Mapping[str, Any], lines: LineMap, source: str, base_dir: Path | None
) -> Framework:
    from kloof.formats.framework import load_framework

    reference = data.get("framework", DEFAULT_FRAMEWORK)
    try:
        framework: Framework = load_framework(reference, base_dir=base_dir)
    except InputError as error:
        # Only now: a JSON file's lines cost a second reading (see LineMap).
        line = lines.line(("framework",))
        # An error inside a framework file names that file and its line; one about
        # finding the framework at all belongs to the 'framework:' line of the case.
        if error.source is not None and error.line is None and error.problem == "file not found":
            raise InputError.worded(
                N_("the framework file '%(reference)s' does not exist"),
                N_("check the name; a relative path starts from the folder of the case file"),
                source=source,
                line=line,
                reference=str(reference),
            ) from None
        raise error.located(source, line) from None
    return framework


def _parse_own_factors(
    data: Mapping[str, Any], lines: LineMap, source: str, defaults: Thresholds
) -> tuple[Factor, ...]:
    """The case's own factors, with the framework's default thresholds."""
    from kloof.formats.framework import parse_factor

    factors = []
    for index, item in enumerate(data.get("factors", [])):
        try:
            factor = parse_factor(
                item, defaults=defaults, custom=True, where=("factors", index), lines=lines
            )
        except InputError as error:
            raise error.located(source) from None
        factors.append(factor)
    return tuple(factors)


def _build_case(
    data: Mapping[str, Any], framework: Framework, own_factors: tuple[Factor, ...]
) -> Case:
    # Ids are interned (one string object per id, shared with the framework's
    # factor keys): the analysis looks them up by the thousand, and equal strings
    # that are the same object compare at once, whichever reader made them.
    parties = tuple(
        Party(
            id=intern(item["id"]), name=item["name"], role=item.get("role"), side=item.get("side")
        )
        for item in data["parties"]
    )
    scale = data.get("scale")
    return Case(
        title=data["title"],
        framework=framework,
        parties=parties,
        factors=framework.factors + own_factors,
        raters=tuple(
            Rater(id=intern(item["id"]), name=item["name"], party=intern(item["party"]))
            for item in data.get("raters", [])
        ),
        ratings=tuple(_build_rating(item) for item in data.get("ratings", [])),
        differences=tuple(_build_difference(item, parties) for item in data.get("differences", [])),
        scale=Scale(low=scale["min"], high=scale["max"]) if scale else Scale(),
        language=data.get("language", DEFAULT_LANGUAGE),
        date=parse_date(data["date"]) if "date" in data else None,
        framework_ref=data.get("framework", DEFAULT_FRAMEWORK),
        description=data.get("description"),
        interviews=build_interviews(data),
        agenda=_build_agenda(data["agenda"], parties) if "agenda" in data else None,
        previous=data.get("previous"),
    )


def _build_rating(item: Mapping[str, Any]) -> Rating:
    return Rating(
        rater=intern(item["rater"]),
        subject=intern(item["subject"]),
        factor=intern(item["factor"]),
        score=item.get("score"),
        confidence=item.get("confidence"),
        source=item.get("source"),
        note=item.get("note"),
    )


def _build_actions(items: list[Mapping[str, Any]]) -> tuple[Action, ...]:
    return tuple(
        Action(
            text=action["text"],
            owner=action.get("owner"),
            due=parse_date(action["due"]) if "due" in action else None,
            done=action.get("done", False),
        )
        for action in items
    )


def _build_agenda(data: Mapping[str, Any], parties: tuple[Party, ...]) -> Agenda:
    return Agenda(
        date=parse_date(data["date"]) if "date" in data else None,
        items=tuple(_build_agenda_item(item, parties) for item in data.get("items", [])),
    )


def _build_agenda_item(item: Mapping[str, Any], parties: tuple[Party, ...]) -> AgendaItem:
    kind = item.get("kind", POSITION)
    pair = item.get("parties")
    if pair is None and kind == POSITION:
        pair = [parties[0].id, parties[1].id]  # as a register entry's default
    return AgendaItem(
        title=item["title"],
        kind=kind,
        factor=intern(item["factor"]) if "factor" in item else None,
        parties=tuple(intern(party) for party in pair or ()),
        see=item.get("see", ""),
        ask=item.get("ask", ""),
        offer=item.get("offer", ""),
        mitigations=tuple(item.get("mitigations", ())),
        shareable=item.get("shareable", False),
        outcome=item.get("outcome"),
        outcome_note=item.get("outcome_note"),
        actions=_build_actions(item.get("actions", [])),
    )


def _build_difference(item: Mapping[str, Any], parties: tuple[Party, ...]) -> Difference:
    kind = item.get("kind", POSITION)
    if kind == PERCEPTION:
        first, second = item["subject"], item["viewer"]
    else:
        first, second = item.get("parties", [parties[0].id, parties[1].id])
    return Difference(
        kind=kind,
        factor=intern(item["factor"]),
        parties=(intern(first), intern(second)),
        status=item.get("status", "open"),
        blocking=item.get("blocking"),
        reason=item.get("reason"),
        actions=_build_actions(item.get("actions", [])),
        note=item.get("note"),
    )
