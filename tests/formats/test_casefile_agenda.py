"""The case file's optional ``agenda:`` section: read, checked with messages that
name the line and the fix, written back unchanged; files without it stay valid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kloof.domain.model import Action, Agenda, AgendaItem
from kloof.formats.casefile import parse_case
from kloof.formats.casewrite import dump_case_json, dump_case_yaml
from kloof.formats.errors import InputError
from kloof.services.messages import localized_message

BASE = (Path(__file__).resolve().parent / "cases" / "basic.yaml").read_text(encoding="utf-8")
AGENDA = """\
agenda:
  date: 2027-01-15
  items:
    - title: Trust outside the contract
      kind: position
      factor: trust
      parties: [acme, globex]
      see: "We practise trust; they see it as a by-product."
      ask: "What would make you trust us more?"
      offer: "A quarterly review outside the contract."
      mitigations: ["Meet every quarter", "Share the forecast"]
      shareable: true
      outcome: mitigation_agreed
      outcome_note: "Both want a review"
      actions: [{text: Plan the first review, owner: jan, due: 2027-02-01, done: false}]
    - title: How they see our intention
      kind: perception
      factor: intention
      parties: [acme, globex]
    - title: Payment terms
      kind: other
"""


def _case(agenda: str = AGENDA) -> bytes:
    return (BASE + agenda).encode()


def _error(agenda: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_case(_case(agenda), "x.yaml")
    return caught.value


def test_the_agenda_is_read_with_its_items_in_order() -> None:
    case = parse_case(_case(), "x.yaml")
    assert case.agenda == Agenda(
        date=dt.date(2027, 1, 15),
        items=(
            AgendaItem(
                title="Trust outside the contract",
                kind="position",
                factor="trust",
                parties=("acme", "globex"),
                see="We practise trust; they see it as a by-product.",
                ask="What would make you trust us more?",
                offer="A quarterly review outside the contract.",
                mitigations=("Meet every quarter", "Share the forecast"),
                shareable=True,
                outcome="mitigation_agreed",
                outcome_note="Both want a review",
                actions=(
                    Action(text="Plan the first review", owner="jan", due=dt.date(2027, 2, 1)),
                ),
            ),
            AgendaItem(
                title="How they see our intention",
                kind="perception",
                factor="intention",
                parties=("acme", "globex"),
            ),
            AgendaItem(title="Payment terms", kind="other"),
        ),
    )


def test_a_case_without_an_agenda_has_none_and_writes_none() -> None:
    case = parse_case(BASE.encode(), "x.yaml")
    assert case.agenda is None
    assert "agenda" not in dump_case_yaml(case)


def test_a_position_item_without_parties_is_about_the_first_two() -> None:
    case = parse_case(_case("agenda:\n  items:\n    - {title: T, factor: trust}\n"), "x.yaml")
    assert case.agenda is not None
    assert case.agenda.items[0].parties == ("acme", "globex")
    assert case.agenda.items[0].kind == "position"


def test_the_agenda_round_trips_through_yaml_and_json() -> None:
    case = parse_case(_case(), "x.yaml")
    written = dump_case_yaml(case)
    assert "agenda:\n  date: 2027-01-15\n  items:\n  - title: Trust outside the contract\n" in (
        written.replace("    - title", "  - title")
    )
    assert parse_case(written.encode(), "y.yaml") == case
    assert parse_case(dump_case_json(case).encode(), "y.json") == case


def test_an_empty_agenda_round_trips() -> None:
    case = parse_case(_case("agenda: {}\n"), "x.yaml")
    assert case.agenda == Agenda()
    assert parse_case(dump_case_yaml(case).encode(), "y.yaml") == case


@pytest.mark.parametrize(
    ("agenda", "message"),
    [
        (
            "agenda:\n  items:\n    - {title: T, factor: trsut}\n",
            "x.yaml:33: agenda, item 1: unknown factor 'trsut' — did you mean 'trust'?",
        ),
        (
            "agenda:\n  items:\n    - {title: T}\n",
            "x.yaml:33: agenda, item 1: an agenda item of kind 'position' needs 'factor' — "
            "add 'factor: …' with a factor key, or write 'kind: other'",
        ),
        (
            "agenda:\n  items:\n    - {title: T, kind: other, factor: trust}\n",
            "x.yaml:33: agenda, item 1: an item of kind 'other' is about a difference "
            "outside the factors — remove 'factor', or write 'kind: position' or "
            "'kind: perception'",
        ),
        (
            "agenda:\n  items:\n    - {title: T, kind: perception, factor: trust}\n",
            "x.yaml:33: agenda, item 1: a perception item needs 'parties' — write "
            "'parties: [subject, viewer]': the party being seen, then the one seeing",
        ),
        (
            "agenda:\n  items:\n    - {title: T, factor: trust, parties: [acme, acme]}\n",
            "x.yaml:33: agenda, item 1: 'parties' names 'acme' twice — "
            "an agenda item is about two different parties",
        ),
        (
            "agenda:\n  items:\n    - {title: T, factor: trust, parties: [acme, initech]}\n",
            "x.yaml:33: agenda, item 1, party 2: unknown party 'initech' — "
            "use one of: acme, globex",
        ),
        (
            "agenda:\n  items:\n    - {title: ' ', kind: other}\n",
            "x.yaml:33: agenda, item 1: the agenda item's 'title' is blank — "
            "write a short heading for the item",
        ),
        (
            "agenda:\n  date: 2027-02-30\n",
            "x.yaml:32: '2027-02-30' is not a valid date — write an existing date as "
            "YYYY-MM-DD, for example 2026-12-01",
        ),
        (
            'agenda:\n  items:\n    - title: T\n      kind: other\n      mitigations: ["a\\nb"]\n',
            "x.yaml:35: agenda, item 1, mitigation 1: a mitigation is one line of text — "
            "write each mitigation as its own item of the list",
        ),
    ],
)
def test_a_bad_item_is_refused_with_its_line_and_fix(agenda: str, message: str) -> None:
    assert _error(agenda).message == message


def test_a_schema_problem_in_the_agenda_names_the_item_and_the_allowed_values() -> None:
    error = _error("agenda:\n  items:\n    - {title: T, kind: other, outcome: agreed}\n")
    assert error.line == 33
    assert "agenda, item 1" in error.message
    assert "accepted_both" in error.message


def test_an_agenda_problem_reads_in_dutch() -> None:
    error = _error("agenda:\n  items:\n    - {title: T, kind: other, factor: trust}\n")
    assert localized_message(error, "nl") == (
        "x.yaml:33: agenda, punt 1: een punt van soort 'other' gaat over een verschil "
        "buiten de factoren — haal 'factor' weg, of schrijf 'kind: position' of "
        "'kind: perception'"
    )
