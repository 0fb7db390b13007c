"""The proposed agenda: the method's order, and its items in words (nl, en)."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

from babel.messages.pofile import read_po

from kloof.domain.agenda import propose_agenda
from kloof.domain.analysis import analyse
from kloof.domain.model import Party
from kloof.i18n import LOCALE_DIR
from kloof.i18n import agenda as agenda_words
from kloof.i18n.agenda import render_agenda
from tests.agenda.cases import case_with

SCORES = {
    # jan on acme, jan on globex, eva on globex, eva on acme
    "intention": (6, 6, 6, 2),  # Globex sees ACME as out for itself: blocking blind spot
    "relationship": (6, 2, 2, 6),  # blocking positions
    "trust": (5, 4, 4, 5),  # a nuance only, still its own item
    "flexibility": (4, 5, 5, 4),  # a nuance only, still its own item
    "dependency": (1, 7, 7, 1),  # blocking positions
    "value_creation": (6, 6, 6, 6),  # aligned: not on the agenda
    "claiming_sharing": (4, 4, 4, 2),  # a significant blind spot, positions close
}


def _summary(case):
    return [
        (item.kind, item.factor.key, item.parties, item.severity.value, item.why)
        for item in propose_agenda(analyse(case))
    ]


def test_intention_first_then_blocking_then_blind_spots_then_significant_then_own_items() -> None:
    assert _summary(case_with(SCORES)) == [
        ("perception", "intention", ("acme", "globex"), "blocking", "intention_blocks"),
        ("position", "relationship", ("acme", "globex"), "blocking", "blocking"),
        ("position", "dependency", ("acme", "globex"), "blocking", "blocking"),
        ("perception", "claiming_sharing", ("acme", "globex"), "significant", "perception_gap"),
        ("position", "intention", ("acme", "globex"), "significant", "significant"),
        ("position", "trust", ("acme", "globex"), "nuance", "own_item"),
        ("position", "flexibility", ("acme", "globex"), "nuance", "own_item"),
    ]


def test_an_aligned_case_has_an_empty_agenda() -> None:
    assert _summary(case_with({"trust": (4, 4, 4, 4), "flexibility": (5, 5, 5, 5)})) == []


def test_without_sides_the_first_two_parties_talk_and_our_party_comes_first() -> None:
    case = case_with({"intention": (2, 7, 7, 2)})
    no_sides = replace(case, parties=tuple(Party(p.id, p.name) for p in case.parties))
    assert _summary(no_sides) == [
        ("position", "intention", ("acme", "globex"), "blocking", "intention_blocks")
    ]


def test_items_in_english_name_the_poles_and_the_scores() -> None:
    case = case_with(SCORES)
    items = render_agenda(propose_agenda(analyse(case)), case, "en").items
    first = items[0]
    assert first.title == "Intention: how Globex sees ACME"
    assert first.see == (
        "Globex sees ACME close to “Each for themselves: what's in it for me?” (2.0 on the "
        "scale 1–7). ACME sees itself close to “Win together, let the other gain too” (6.0 "
        "on the scale 1–7). That is 4.0 points apart."
    )
    assert first.ask == (
        "How do you see us on Intention, and what have you seen or heard that makes you see "
        "us that way?"
    )
    assert first.mitigations == (
        "Stop negotiating the content and make the difference in intention discussable "
        "first; without that, every later agreement is fragile.",
        "Try to narrow the gap together, and accept that you may not be meant for each other "
        "if that fails.",
    )
    assert (first.shareable, first.kind, first.factor, first.parties) == (
        False,
        "perception",
        "intention",
        ("acme", "globex"),
    )
    flexibility = items[-1]
    assert flexibility.see == (
        "ACME stands midway between “Rigid in adversity” and “People and organisation adapt "
        "in adversity” (4.0 on the scale 1–7). Globex stands close to “People and "
        "organisation adapt in adversity” (5.0 on the scale 1–7). That is 1.0 point apart."
    )
    assert flexibility.offer.startswith("What we expect of Globex in adversity: ")
    assert "What we offer in return: " in flexibility.offer


def test_items_in_dutch() -> None:
    case = case_with(SCORES)
    items = render_agenda(propose_agenda(analyse(case)), case, "nl").items
    assert items[0].title == "Intentie: hoe Globex ACME ziet"
    assert items[1].see == (
        "ACME staat dicht bij “Kern van samen waarde creëren en overleven” (6,0 op de schaal "
        "1–7). Globex staat dicht bij “De relatie is bijzaak” (2,0 op de schaal 1–7). Dat "
        "scheelt 4,0 punten."
    )
    assert items[-1].offer.startswith("Wat we bij tegenspoed van Globex verwachten: ")


def test_every_text_of_the_module_has_dutch() -> None:
    source = Path(agenda_words.__file__).read_text(encoding="utf-8")
    literals = [
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("gettext", "N_")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert len(literals) >= 20
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "agenda.po").open("rb") as handle:
        dutch = {message.id: message.string for message in read_po(handle) if message.id}
    assert [text for text in literals if not dutch.get(text)] == []
    for text in literals:
        assert set(re.findall(r"\{(\w+)\}", dutch[text])) == set(re.findall(r"\{(\w+)\}", text))
