"""The case template ``kloof new`` prints: a valid, fully commented case."""

from __future__ import annotations

import re

import pytest

from kloof.formats.casefile import case_schema, parse_case
from kloof.formats.errors import InputError
from kloof.formats.template import case_template


@pytest.mark.parametrize("language", ["nl", "en"])
def test_case_template_loads_as_a_worked_example(language: str) -> None:
    case = parse_case(case_template(language).encode(), f"new-{language}.yaml")
    assert case.language == language
    assert [party.id for party in case.parties] == ["acme", "globex"]
    assert [rater.id for rater in case.raters] == ["jan", "mila"]
    assert len(case.ratings) == 6
    assert [factor.key for factor in case.factors if factor.custom] == ["sustainability"]
    position, perception = case.differences
    # No override by default: the template follows the computed severity.
    assert (position.factor, position.kind, position.blocking, len(position.actions)) == (
        "intention",
        "position",
        None,
        1,
    )
    assert (perception.factor, perception.kind, perception.subject, perception.viewer) == (
        "trust",
        "perception",
        "acme",
        "globex",
    )
    assert all(entry.blocking is None for entry in case.differences)


def test_case_template_texts_are_in_their_language() -> None:
    dutch = parse_case(case_template("nl").encode(), "nl.yaml")
    english = parse_case(case_template("en").encode(), "en.yaml")
    assert dutch.title == "Verlenging opslagcontract 2027"
    assert english.title == "Renewal of the warehousing contract 2027"
    assert "# parties: de partijen, twee of meer." in case_template("nl")
    assert "# parties: two or more." in case_template("en")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_case_template_comments_explain_every_field(language: str) -> None:
    schema = case_schema()
    fields = set(schema["properties"])
    for name in ("party", "rater", "rating", "difference", "action", "interview"):
        fields |= set(schema["$defs"][name]["properties"])
    lines = case_template(language).splitlines()
    comments = " ".join(line.split("#", 1)[1] for line in lines if "#" in line)
    words = set(re.findall(r"[a-z_]+", comments))
    # A key with a comment on its own line is explained there ("title: …  # required").
    words |= {match[1] for line in lines if (match := re.match(r"\s*(?:- )?(\w+):.*\s#", line))}
    unexplained = sorted(field for field in fields if field not in words)
    assert unexplained == []


def test_case_template_unknown_language() -> None:
    with pytest.raises(InputError) as caught:
        case_template("de")
    assert (
        caught.value.message == "there is no case template in the language 'de' — choose nl or en"
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_case_template_shows_each_factors_poles_beside_its_key(language: str) -> None:
    """Which end of a factor is 1 and which is the maximum, in the template's own
    language, straight from the framework: 1 on the key's line, 7 under it."""
    from kloof.formats.framework import load_framework

    lines = case_template(language).splitlines()
    factors = load_framework("hopmans-9").factors
    for factor in factors:
        (at,) = [n for n, line in enumerate(lines) if re.match(rf"#\s+{factor.key}\s+1 ", line)]
        assert lines[at].endswith(f"  1 {factor.left.get(language)}")
        assert re.fullmatch(rf"#\s+7 {re.escape(factor.right.get(language))}", lines[at + 1])
    intention = next(line for line in lines if re.match(r"#\s+intention\s+1 ", line))
    expected = {
        "en": "1 Each for themselves: what's in it for me?",
        "nl": "1 Ieder voor zich: wat levert het mij op?",
    }
    assert intention.endswith(expected[language])
