"""Perception gaps in the register of a case file: ``kind: perception`` with
``subject`` and ``viewer``; read, checked, written back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kloof.domain.model import Difference
from kloof.formats.casefile import parse_case
from kloof.formats.casewrite import dump_case_json, dump_case_yaml
from kloof.formats.errors import InputError

BASE = (Path(__file__).resolve().parent / "cases" / "basic.yaml").read_text(encoding="utf-8")
PERCEPTION = """\
  - factor: trust
    kind: perception
    subject: acme
    viewer: globex
    status: named
    blocking: true
    reason: They think we only want the lowest price
"""


def _case_with(entry: str) -> bytes:
    return (BASE + entry).encode()


def _message(entry: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_case(_case_with(entry), "x.yaml")
    return caught.value.message


def test_a_perception_entry_is_read_with_subject_then_viewer() -> None:
    case = parse_case(_case_with(PERCEPTION), "x.yaml")
    assert case.differences[1] == Difference(
        factor="trust",
        parties=("acme", "globex"),
        status="named",
        blocking=True,
        reason="They think we only want the lowest price",
        kind="perception",
    )
    entry = case.differences[1]
    assert (entry.subject, entry.viewer, entry.is_perception) == ("acme", "globex", True)
    assert case.differences[0].kind == "position"


def test_a_perception_entry_round_trips_through_yaml_and_json() -> None:
    case = parse_case(_case_with(PERCEPTION), "x.yaml")
    written = dump_case_yaml(case)
    assert "kind: perception\n    subject: acme\n    viewer: globex\n" in written
    assert "parties" not in written.split("kind: perception")[1]
    assert parse_case(written.encode(), "y.yaml") == case
    assert parse_case(dump_case_json(case).encode(), "y.json") == case


def test_the_same_pair_may_hold_a_position_and_both_perception_entries() -> None:
    both_ways = PERCEPTION + PERCEPTION.replace("subject: acme", "subject: X").replace(
        "viewer: globex", "viewer: acme"
    ).replace("subject: X", "subject: globex")
    case = parse_case(_case_with(both_ways), "x.yaml")
    assert [(d.kind, d.parties) for d in case.differences if d.factor == "trust"] == [
        ("perception", ("acme", "globex")),
        ("perception", ("globex", "acme")),
    ]


def test_a_perception_entry_twice_is_refused() -> None:
    assert _message(PERCEPTION + PERCEPTION) == (
        "x.yaml:38: difference 3: a second register entry for how 'globex' sees 'acme' on "
        "'trust' (first on line 31) — keep one entry per factor, subject and viewer"
    )


def test_a_perception_entry_with_parties_is_refused() -> None:
    entry = PERCEPTION.replace("    status: named\n", "    parties: [acme, globex]\n")
    assert _message(entry) == (
        "x.yaml:35: difference 2: a perception gap names 'subject' and 'viewer', not 'parties' "
        "— write 'subject: …' (the party being seen) and 'viewer: …' (the party whose view "
        "differs)"
    )


def test_a_perception_entry_without_a_viewer_is_refused() -> None:
    entry = PERCEPTION.replace("    viewer: globex\n", "")
    assert _message(entry) == (
        "x.yaml:31: difference 2: a perception gap needs 'viewer' — write 'subject: …' "
        "(the party being seen) and 'viewer: …' (the party whose view differs)"
    )


def test_subject_on_a_position_entry_is_refused() -> None:
    entry = PERCEPTION.replace("    kind: perception\n", "")
    assert _message(entry) == (
        "x.yaml:32: difference 2: 'subject' belongs to a perception gap — add "
        "'kind: perception', or name the two parties with 'parties: [a, b]'"
    )


def test_an_unknown_viewer_suggests_the_closest_party() -> None:
    entry = PERCEPTION.replace("viewer: globex", "viewer: glbex")
    assert _message(entry) == (
        "x.yaml:34: difference 2: unknown party 'glbex' — did you mean 'globex'?"
    )


def test_a_party_seeing_itself_is_refused() -> None:
    entry = PERCEPTION.replace("viewer: globex", "viewer: acme")
    assert _message(entry) == (
        "x.yaml:34: difference 2: 'subject' and 'viewer' both name 'acme' — a difference is "
        "between two different parties"
    )


def test_an_unknown_kind_is_refused_with_the_choices() -> None:
    message = _message(PERCEPTION.replace("kind: perception", "kind: blind_spot"))
    assert message.startswith("x.yaml:32: difference 2: ")
    assert "position" in message and "perception" in message
