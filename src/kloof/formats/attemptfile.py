"""Practice attempts as case files: writing the blank attempt (or the reference),
and reading a filled one back.

An attempt is an ordinary case file (it validates and ``kloof analyse`` runs on
it) with one rater per party ("you, reading as …") whose ratings of their own
party are your positions, and a ``practice:`` section: the scenario's id, the
differences you think block a deal (``blocking:``), and your ``first_move:``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kloof.domain.model import Case
from kloof.domain.positions import index_ratings, position_of
from kloof.domain.practice import Attempt, Scenario, reference_attempt
from kloof.formats.casefile import case_from_document
from kloof.formats.errors import N_, InputError
from kloof.formats.scenariofile import Checker, difference_key, difference_problems
from kloof.formats.yamlsafe import Document, read_document

__all__ = ["attempt_text", "load_attempt", "rater_id", "read_attempt"]


def rater_id(party: str) -> str:
    """The rater whose ratings of ``party`` are your positions."""
    return f"you-{party}"


def load_attempt(path: Path | str, scenario_of: Any) -> tuple[Attempt, Case]:
    """Read the attempt at ``path``. ``scenario_of(id)`` returns the scenario (it
    raises a clear error for an unknown id)."""
    path = Path(path)
    return read_attempt(read_document(path), str(path), scenario_of, path.parent)


def read_attempt(
    document: Document, source: str, scenario_of: Any, base_dir: Path | None = None
) -> tuple[Attempt, Case]:
    case = case_from_document(document, source, base_dir=base_dir)
    data = document.data
    lines = document.lines
    if "practice" not in data:
        raise InputError.worded(
            N_("this case file is no practice attempt: the 'practice:' section is missing"),
            N_("start an attempt with 'kloof practice start ID -o attempt.yaml'"),
            source=source,
            line=1,
        )
    practice = data["practice"]
    try:
        scenario: Scenario = scenario_of(practice["scenario"])
    except InputError as error:
        raise error.located(source, lines.line(("practice", "scenario"))) from None
    parties = [party.id for party in case.parties]
    wanted = [party.id for party in scenario.parties]
    if sorted(parties) != sorted(wanted):
        raise InputError.worded(
            N_(
                "the parties of this attempt (%(found)s) are not those of the scenario "
                "'%(scenario)s' (%(wanted)s)"
            ),
            N_("keep the parties that 'kloof practice start' wrote"),
            source=source,
            line=lines.line(("parties",)),
            found=", ".join(parties),
            scenario=scenario.id,
            wanted=", ".join(wanted),
        )
    check = Checker(lines, source, scenario.factors, wanted)
    flagged = practice.get("blocking") or []
    for index, item in enumerate(flagged):
        for problem in difference_problems(check, ("practice", "blocking", index), item):
            raise problem
    move = practice.get("first_move")
    keys = [option.key for option in scenario.reference.first_move.options]
    if move is not None and move not in keys:
        raise check.error(
            ("practice", "first_move"),
            N_("'%(value)s' is not one of the moves of this scenario"),
            N_("use one of: %(choices)s"),
            value=move,
            choices=", ".join(keys),
        )
    attempt = Attempt(
        scenario=scenario.id,
        positions=positions_of(case, scenario),
        blocking=frozenset(difference_key(item) for item in flagged),
        first_move=move,
    )
    return attempt, case


def positions_of(case: Case, scenario: Scenario) -> dict[tuple[str, str], float | None]:
    """kloof's position of each party on each factor (None: not rated)."""
    index = index_ratings(case)
    return {
        (party.id, factor): position_of(index, factor, party.id, case.scale).score
        for party in scenario.parties
        for factor in scenario.factors
    }


# --- writing ---------------------------------------------------------------

_HEAD = {
    "en": (
        "# kloof practice attempt: {title}\n"
        "# Read the story under 'description:'. Then:\n"
        "#  1. give each party a score from 1 to 7 on each factor (after 'score:';\n"
        "#     1 is the factor's left pole, 7 its right pole: 'kloof practice show {id}'\n"
        "#     and 'kloof frameworks' explain them; halves such as 4.5 are fine);\n"
        "#  2. list under practice/blocking the differences you think block a deal;\n"
        "#  3. choose the first move under practice/first_move.\n"
        "# Then: kloof practice score {file}\n"
    ),
    "nl": (
        "# kloof-oefening: {title}\n"
        "# Lees het verhaal onder 'description:'. Daarna:\n"
        "#  1. geef elke partij op elke factor een score van 1 tot 7 (achter 'score:';\n"
        "#     1 is de linkerpool van de factor, 7 de rechterpool: 'kloof practice show {id}'\n"
        "#     en 'kloof frameworks' leggen ze uit; halve punten zoals 4.5 mogen);\n"
        "#  2. zet onder practice/blocking de verschillen die volgens jou een deal blokkeren;\n"
        "#  3. kies onder practice/first_move de eerste stap.\n"
        "# Daarna: kloof practice score {file}\n"
    ),
}
_BLOCKING_HELP = {
    "en": (
        "  # the differences you think block a deal, for example:\n"
        "  #   - {{kind: position, factor: intention, parties: [{a}, {b}]}}\n"
        "  #   - {{kind: perception, factor: trust, viewer: {a}, subject: {b}}}\n"
        "  #     (how {a} sees {b}, against where {b} stands)\n"
    ),
    "nl": (
        "  # de verschillen die volgens jou een deal blokkeren, bijvoorbeeld:\n"
        "  #   - {{kind: position, factor: intention, parties: [{a}, {b}]}}\n"
        "  #   - {{kind: perception, factor: trust, viewer: {a}, subject: {b}}}\n"
        "  #     (hoe {a} {b} ziet, tegenover waar {b} staat)\n"
    ),
}
_MOVE_HELP = {"en": "  # the first move, one of:\n", "nl": "  # de eerste stap, een van:\n"}
_YOU = {"en": "You, reading as {name}", "nl": "Jij, lezend als {name}"}
_TITLE = {"en": "Practice: {title}", "nl": "Oefening: {title}"}


def attempt_text(
    scenario: Scenario, language: str, file_name: str, *, reference: bool = False
) -> str:
    """The attempt file for ``scenario`` in ``language`` (YAML with comments).
    With ``reference``, filled with the reference analysis (it scores 100): the
    ratings' notes quote the reasoning, perceptions sit in the register."""
    answers = reference_attempt(scenario) if reference else None
    title = scenario.title.get(language)
    out = [_HEAD[language].format(title=title, id=scenario.id, file=file_name)]
    out.append("kloof: 1\n")
    out.append(f"title: {_q(_TITLE[language].format(title=title))}\n")
    out.append(f"language: {language}\n")
    out.append("description: |\n")
    out.extend(f"  {line}\n" if line else "\n" for line in scenario.text.get(language).splitlines())
    out.append("parties:\n")
    for party in scenario.parties:
        out.append(f"  - id: {party.id}\n    name: {_q(party.name.get(language))}\n")
        if party.role is not None:
            out.append(f"    role: {_q(party.role.get(language))}\n")
    out.append("raters:\n")
    for party in scenario.parties:
        name = _YOU[language].format(name=party.name.get(language))
        out.append(f"  - {{id: {rater_id(party.id)}, name: {_q(name)}, party: {party.id}}}\n")
    out.append("ratings:\n")
    for party in scenario.parties:
        for factor in scenario.factors:
            out.append(_rating_line(scenario, party.id, factor, language, answers is not None))
    if answers is not None and scenario.reference.perceptions:
        out.append("differences:\n")
        for perception in scenario.reference.perceptions:
            out.append(
                f"  - {{kind: perception, factor: {perception.factor}, "
                f"subject: {perception.subject}, viewer: {perception.viewer}, "
                f"note: {_q(_perception_note(perception.score, perception.why.get(language)))}}}\n"
            )
    out.append(f"practice:\n  scenario: {scenario.id}\n")
    out.extend(_practice_lines(scenario, language, answers is not None))
    return "".join(out)


def _rating_line(scenario: Scenario, party: str, factor: str, language: str, filled: bool) -> str:
    head = f"  - {{rater: {rater_id(party)}, subject: {party}, factor: {factor}, score: "
    if not filled:
        return head + "}\n"
    judgement = scenario.reference.positions[party][factor]
    return f"{head}{_number(judgement.score)}, note: {_q(judgement.why.get(language))}}}\n"


def _practice_lines(scenario: Scenario, language: str, filled: bool) -> list[str]:
    ids = [party.id for party in scenario.parties]
    out = [_BLOCKING_HELP[language].format(a=ids[0], b=ids[1])]
    blocking = scenario.reference.blocking if filled else ()
    if not blocking:
        out.append("  blocking: []\n")
    else:
        out.append("  blocking:\n")
        for key in blocking:
            out.append(f"    - {_flow(key.as_data())}\n")
    out.append(_MOVE_HELP[language])
    move = scenario.reference.first_move
    for option in move.options:
        out.append(f"  #   {option.key}: {option.text.get(language)}\n")
    out.append(f"  first_move: {move.answer if filled else ''}\n".replace(": \n", ":\n"))
    if filled:
        out.append(f"  note: {_q(move.why.get(language))}\n")
    return out


def _perception_note(score: float, why: str) -> str:
    return f"{_number(score)}: {why}"


def _flow(data: Mapping[str, object]) -> str:
    parts = []
    for key, value in data.items():
        text = f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)
        parts.append(f"{key}: {text}")
    return "{" + ", ".join(parts) + "}"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
