"""Reading and writing case files: the model built from a file, the file written
from a model, and the round trip through YAML and JSON."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.domain.model import (
    CONFIDENCES,
    SOURCES,
    STATUSES,
    Action,
    Case,
    Difference,
    Factor,
    Party,
    Rater,
    Rating,
    Scale,
    Text,
)
from kloof.formats.casefile import (
    case_to_data,
    dump_case_json,
    dump_case_yaml,
    load_case,
    parse_case,
)
from kloof.formats.framework import load_framework

CASES = Path(__file__).resolve().parent / "cases"
HOPMANS = load_framework("hopmans-9")


# --- reading ------------------------------------------------------------------------


def test_load_case_builds_the_model() -> None:
    case = load_case(CASES / "basic.yaml")
    assert case.title == "Test case"
    assert case.date == dt.date(2026, 12, 1)
    assert case.language == "en"
    assert case.framework is HOPMANS
    assert case.framework_ref == "hopmans-9"
    assert case.scale == Scale(1, 7)
    assert case.parties == (
        Party("acme", "ACME", "buyer", "own"),
        Party("globex", "Globex", "seller", "counterparty"),
    )
    assert [factor.key for factor in case.factors][-2:] == ["emotional_frame", "sustainability"]
    assert case.factors[-1].custom is True
    assert case.factors[-1].name == Text("Duurzaamheid", "Sustainability")
    assert case.raters == (Rater("jan", "Jan", "acme"), Rater("eva", "Eva", "globex"))
    assert case.ratings == (
        Rating("jan", "acme", "intention", 6),
        Rating("jan", "globex", "intention", 2, "medium", "interview"),
        Rating("eva", "globex", "intention", 5.5, None, "self", "We share"),
        Rating("eva", "acme", "sustainability", None),
    )
    assert case.differences == (
        Difference(
            factor="intention",
            parties=("acme", "globex"),
            status="discussed",
            blocking=True,
            reason="No shared intention yet",
            actions=(Action("Ask what a good outcome is", "jan", dt.date(2026, 12, 15), False),),
        ),
    )


def test_yaml_and_json_files_give_the_same_case() -> None:
    assert load_case(CASES / "basic.json") == load_case(CASES / "basic.yaml")


def test_minimal_case_gets_the_defaults() -> None:
    case = load_case(CASES / "minimal.yaml")
    assert (case.language, case.framework_ref, case.scale) == ("en", "hopmans-9", Scale(1, 7))
    assert case.factors == HOPMANS.factors
    assert (case.date, case.description, case.raters, case.ratings) == (None, None, (), ())


def test_difference_without_parties_is_between_the_first_two() -> None:
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    text += "  - {id: initech, name: Initech}\ndifferences:\n  - {factor: trust}\n"
    case = parse_case(text.encode(), "m.yaml")
    assert case.differences == (Difference("trust", ("acme", "globex")),)


# --- writing ------------------------------------------------------------------------


def test_dump_case_yaml_writes_documented_order_and_omits_defaults() -> None:
    case = load_case(CASES / "minimal.yaml")
    assert dump_case_yaml(case) == (
        "kloof: 1\n"
        "title: Minimal\n"
        "language: en\n"
        "framework: hopmans-9\n"
        "parties:\n"
        "  - id: acme\n"
        "    name: ACME\n"
        "  - id: globex\n"
        "    name: Globex\n"
    )


def test_case_to_data_keeps_key_order_and_whole_scores() -> None:
    data = case_to_data(load_case(CASES / "basic.yaml"))
    assert list(data) == [
        "kloof",
        "title",
        "date",
        "language",
        "framework",
        "parties",
        "factors",
        "raters",
        "ratings",
        "differences",
    ]
    assert data["ratings"][0] == {
        "rater": "jan",
        "subject": "acme",
        "factor": "intention",
        "score": 6,
    }
    assert data["factors"] == [
        {
            "key": "sustainability",
            "name": {"nl": "Duurzaamheid", "en": "Sustainability"},
            "left": {"nl": "Kostenpost", "en": "A cost"},
            "right": {"nl": "Gezamenlijk doel", "en": "A shared goal"},
        }
    ]
    assert data["differences"][0]["actions"] == [
        {
            "text": "Ask what a good outcome is",
            "owner": "jan",
            "due": dt.date(2026, 12, 15),
            "done": False,
        }
    ]


def test_scores_written_as_floats_are_read_back_as_ints_when_whole() -> None:
    case = load_case(CASES / "basic.yaml")
    rating = Rating("jan", "globex", "trust", 4.0)
    written = dump_case_yaml(_with(case, ratings=(rating,)))
    assert "  - rater: jan\n    subject: globex\n    factor: trust\n    score: 4\n" in written


def test_dump_case_json_writes_dates_as_text() -> None:
    data = json.loads(dump_case_json(load_case(CASES / "basic.yaml")))
    assert data["date"] == "2026-12-01"
    assert data["differences"][0]["actions"][0]["due"] == "2026-12-15"


def test_custom_scale_and_description_are_written() -> None:
    case = _with(load_case(CASES / "minimal.yaml"), scale=Scale(0, 10.5), description="Why")
    data = case_to_data(case)
    assert data["scale"] == {"min": 0, "max": 10.5}
    assert data["description"] == "Why"


def _with(case: Case, **changes: object) -> Case:
    from dataclasses import replace

    return replace(case, **changes)  # type: ignore[arg-type]


# --- round trip ---------------------------------------------------------------------


def test_round_trip_of_the_example_files() -> None:
    for name in ("basic.yaml", "minimal.yaml", "with-own-framework.yaml"):
        case = load_case(CASES / name)
        assert parse_case(dump_case_yaml(case).encode(), "a.yaml", base_dir=CASES) == case
        assert parse_case(dump_case_json(case).encode(), "a.json", base_dir=CASES) == case


# Free text: anything a user can type, including text that YAML would read as
# something else when unquoted ("yes", "1", "2026-01-01", "null", "- x", "#").
TRICKY = st.sampled_from(["yes", "no", "on", "1", "0x1F", "2026-01-01", "null", "~", "- x", "#a"])
FREE_TEXT = st.one_of(TRICKY, st.text(min_size=1, max_size=30))
IDS = st.one_of(TRICKY, st.text(min_size=1, max_size=8))
FACTOR_KEYS = [factor.key for factor in HOPMANS.factors]
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
PLAIN = st.text(alphabet=string.ascii_letters + " é-", min_size=1, max_size=20).map(str.strip)


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    if draw(st.booleans()):
        return Scale()
    low = draw(st.integers(-10, 10) | st.floats(-10, 10, allow_nan=False))
    span = draw(st.integers(1, 20) | st.floats(0.5, 20, allow_nan=False))
    return Scale(low, low + span)


@st.composite
def own_factors(draw: st.DrawFn) -> tuple[Factor, ...]:
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True), max_size=2))
    keys = list(dict.fromkeys(key for key in keys if key not in FACTOR_KEYS))
    text = st.builds(Text, PLAIN.filter(bool), PLAIN.filter(bool))
    return tuple(
        Factor(
            key,
            draw(text),
            draw(text),
            draw(text),
            weight=draw(st.sampled_from([0.0, 1.0, 2.5])),
            custom=True,
        )
        for key in keys
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    party_ids = draw(st.lists(IDS, min_size=2, max_size=4, unique=True))
    parties = tuple(
        Party(
            pid,
            draw(FREE_TEXT),
            draw(st.none() | FREE_TEXT),
            draw(st.none() | st.sampled_from(("own", "counterparty", "other"))),
        )
        for pid in party_ids
    )
    rater_ids = draw(st.lists(IDS, max_size=3, unique=True))
    raters = tuple(
        Rater(rid, draw(FREE_TEXT), draw(st.sampled_from(party_ids))) for rid in rater_ids
    )
    extra = draw(own_factors())
    keys = FACTOR_KEYS + [factor.key for factor in extra]
    scale = draw(scales())
    ratings: list[Rating] = []
    if raters:
        triples = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(rater_ids), st.sampled_from(party_ids), st.sampled_from(keys)
                ),
                max_size=6,
                unique=True,
            )
        )
        score = st.none() | st.floats(scale.low, scale.high, allow_nan=False) | st.just(scale.high)
        for rater, subject, factor in triples:
            ratings.append(
                Rating(
                    rater,
                    subject,
                    factor,
                    draw(score),
                    draw(st.none() | st.sampled_from(CONFIDENCES)),
                    draw(st.none() | st.sampled_from(SOURCES)),
                    draw(st.none() | FREE_TEXT),
                )
            )
    differences = draw(
        st.lists(
            _difference(party_ids, keys, rater_ids),
            max_size=2,
            unique_by=lambda d: (d.factor, frozenset(d.parties)),
        )
    )
    return Case(
        title=draw(PLAIN.filter(bool) | TRICKY),
        framework=HOPMANS,
        parties=parties,
        factors=HOPMANS.factors + extra,
        raters=raters,
        ratings=tuple(ratings),
        differences=tuple(differences),
        scale=scale,
        language=draw(st.sampled_from(("nl", "en"))),
        date=draw(st.none() | DATES),
        framework_ref="hopmans-9",
        description=draw(st.none() | FREE_TEXT),
    )


@st.composite
def _difference(
    draw: st.DrawFn, party_ids: list[str], keys: list[str], rater_ids: list[str]
) -> Difference:
    pair = draw(st.lists(st.sampled_from(party_ids), min_size=2, max_size=2, unique=True))
    blocking = draw(st.none() | st.booleans())
    reason = draw(PLAIN.filter(bool)) if blocking is not None else draw(st.none() | FREE_TEXT)
    owner = st.none() | st.sampled_from(rater_ids or ["someone"]) | FREE_TEXT
    actions = st.builds(Action, FREE_TEXT, owner, st.none() | DATES, st.booleans())
    return Difference(
        factor=draw(st.sampled_from(keys)),
        parties=(pair[0], pair[1]),
        status=draw(st.sampled_from(STATUSES)),
        blocking=blocking,
        reason=reason,
        actions=tuple(draw(st.lists(actions, max_size=2))),
        note=draw(st.none() | FREE_TEXT),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_round_trip_yaml_and_json_give_the_same_case(case: Case) -> None:
    from_yaml = parse_case(dump_case_yaml(case).encode(), "case.yaml")
    from_json = parse_case(dump_case_json(case).encode(), "case.json")
    assert from_yaml == case
    assert from_json == case
