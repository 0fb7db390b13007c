"""Every problem of an uploaded scenario file, not only the first one.

:func:`kloof.formats.scenariofile.parse_scenario` stops at the first problem
(the command line shows one at a time). A trainer uploading a file on the web
is better served with the whole list at once: every schema problem, or when the
schema holds, every problem between the parts, each with its line and fix. The
steps build on each other, so a later step runs only when the earlier ones
found nothing (a file that is no YAML has no schema problems to list).
"""

from __future__ import annotations

from kloof.domain.practice import Scenario
from kloof.formats.errors import InputError
from kloof.formats.scenariofile import (
    Checker,
    _check_format,
    _framework,
    _validator,
    scenario_from_document,
)
from kloof.formats.schemacheck import as_json_data, schema_problems
from kloof.formats.yamlsafe import parse_document

__all__ = ["ScenarioProblemsError", "checked_scenario"]


class ScenarioProblemsError(Exception):
    """The file's problems, in the order of the file (at least one)."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def checked_scenario(data: bytes, source: str, kind: str | None = None) -> Scenario:
    """The scenario in ``data``, or :class:`ScenarioProblemsError` with every
    problem the first failing step finds."""
    try:
        document = parse_document(data, source, kind)
        content = as_json_data(document.data)
        _check_format(content, document.lines, source)
    except InputError as error:
        raise ScenarioProblemsError([error]) from error
    problems = schema_problems(_validator(), content, document.lines, source)
    if not problems:
        factors = tuple(factor.key for factor in _framework().factors)
        parties = [party["id"] for party in content["parties"]]
        problems = Checker(document.lines, source, factors, parties, content).problems()
    if problems:
        raise ScenarioProblemsError(problems)
    try:
        return scenario_from_document(document, source)
    except InputError as error:
        raise ScenarioProblemsError([error]) from error
