"""Bad input for the case file loader and the import mapping: generated YAML and
JSON documents get either a result or an ``InputError``, never another
exception; hand-made hostile case files are refused clearly, within 256 MB
(within 5 s: ``benchmarks/casefile_limits.py --check``). (Random bytes, CSV and
XLSX are in test_importer_fuzz and test_tabular_hostile; tags, aliases and
nesting at the parser level in test_yamlsafe.)"""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kloof.formats.casefile import case_to_data, load_case, parse_case
from kloof.formats.errors import InputError
from kloof.formats.importer import import_ratings
from kloof.formats.importmap import parse_mapping
from kloof.formats.tabular import read_table
from tests.bounds import RUNAWAY_SECONDS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-contract-renewal.yaml"
DEMO_CASE = load_case(DEMO)
DEMO_DATA = json.loads(json.dumps(case_to_data(DEMO_CASE), default=str))

# --- generated documents -------------------------------------------------------------

CASE_WORDS = [
    "kloof", "title", "parties", "raters", "ratings", "differences", "factors", "scale",
    "min", "max", "id", "name", "party", "rater", "subject", "factor", "score", "language",
    "framework", "date", "role", "side", "confidence", "source", "note", "status", "blocking",
    "reason", "actions", "halvorsen", "cartwright", "maria", "intention", "trust", "en", "nl",
]  # fmt: skip
MAPPING_WORDS = [
    "kloof_import", "rater", "rater_party", "subject", "scores", "scale", "min", "max",
    "confidence", "source", "note", "parties", "column", "party", "intention", "trust",
    "Naam", "Partij", "Over", "A", "B", "ZZZ", "halvorsen", "cartwright",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(CASE_WORDS + MAPPING_WORDS),
    st.dates().map(str),
)


def documents(words: list[str]) -> st.SearchStrategy[Any]:
    keys = st.one_of(st.sampled_from(words), st.text(min_size=1, max_size=12))
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)
        ),
        max_leaves=30,
    )


def mutated_case() -> st.SearchStrategy[dict[str, Any]]:
    """The demo case with some of its values replaced: close enough to a real
    case file to reach the schema and the consistency checks."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        data = json.loads(json.dumps(DEMO_DATA))
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            _replace_somewhere(data, draw)
        return data

    return build()


def _replace_somewhere(data: Any, draw: st.DrawFn) -> None:
    node = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(documents(CASE_WORDS))
        return


def as_bytes(data: Any, kind: str) -> bytes:
    if kind == "json":
        return json.dumps(data, ensure_ascii=False).encode()
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def only_input_errors(action: Any) -> None:
    try:
        action()
    except InputError as error:
        assert error.problem  # a message a user can read
    except RecursionError:  # pragma: no cover - would be a finding
        pytest.fail("RecursionError escaped")


KINDS = st.sampled_from(["yaml", "json"])
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(document=documents(CASE_WORDS), kind=KINDS)
def test_generated_case_documents_give_a_case_or_an_input_error(document: Any, kind: str) -> None:
    data = as_bytes(document, kind)
    only_input_errors(lambda: parse_case(data, f"case.{kind}"))


@FUZZ
@given(document=mutated_case(), kind=KINDS)
def test_mutated_demo_cases_give_a_case_or_an_input_error(document: Any, kind: str) -> None:
    data = as_bytes(document, kind)
    only_input_errors(lambda: parse_case(data, f"case.{kind}"))


@FUZZ
@given(document=documents(MAPPING_WORDS), kind=KINDS)
def test_generated_mapping_documents_give_a_mapping_or_an_input_error(
    document: Any, kind: str
) -> None:
    data = as_bytes(document, kind)
    only_input_errors(lambda: parse_mapping(data, f"map.{kind}"))


TABLE = read_table(b"Naam;Partij;Over;Intentie\nAnna;halvorsen;cartwright;4\nBo;x;y;zz\n", "a.csv")


@st.composite
def mapping_like(draw: st.DrawFn) -> dict[str, Any]:
    """Mapping documents of the right shape with values anywhere from sensible
    to wrong: they reach the import itself."""
    names = st.sampled_from(["Naam", "Partij", "Over", "Intentie", "A", "D", "Q"])
    column = st.one_of(names, st.text(min_size=1, max_size=8))
    party = st.one_of(
        st.builds(lambda c: {"column": c}, column),
        st.builds(lambda p: {"party": p}, st.sampled_from(["halvorsen", "cartwright", "nobody"])),
    )
    document: dict[str, Any] = {
        "kloof_import": 1,
        "rater": draw(column),
        "subject": draw(party),
        "scores": draw(
            st.dictionaries(st.sampled_from(["intention", "trust", "nope"]), column, min_size=1)
        ),
    }
    if draw(st.booleans()):
        document["rater_party"] = draw(party)
    if draw(st.booleans()):
        low = draw(st.integers(min_value=-5, max_value=10))
        document["scale"] = {"min": low, "max": low + draw(st.integers(min_value=-1, max_value=10))}
    for name in ("confidence", "source", "note"):
        if draw(st.booleans()):
            document[name] = draw(column)
    return document


@FUZZ
@given(document=mapping_like(), kind=KINDS, replace=st.booleans())
def test_generated_mappings_import_or_give_an_input_error(
    document: dict[str, Any], kind: str, replace: bool
) -> None:
    def run() -> None:
        mapping = parse_mapping(as_bytes(document, kind), f"map.{kind}")
        import_ratings(DEMO_CASE, TABLE, mapping, replace=replace)

    only_input_errors(run)


# --- hand-made hostile case files ------------------------------------------------------


@pytest.fixture
def small() -> Iterator[None]:
    """At most 256 MB for a refusal (how fast: benchmarks/casefile_limits.py --check)."""
    tracemalloc.start()
    yield
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 256 * 1024 * 1024


def refused(data: bytes, source: str = "case.yaml") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_case(data, source)
    return caught.value


HEAD = DEMO.read_bytes().split(b"\nratings:")[0] + b"\n"


@pytest.mark.usefixtures("small")
def test_python_object_apply_in_a_case_file_is_refused() -> None:
    error = refused(
        HEAD + b"ratings:\n  - !!python/object/apply:os.system ['touch /tmp/kloof-owned']\n"
    )
    assert "the YAML tag '!!python/object/apply:os.system' is not allowed" in error.message
    assert not Path("/tmp/kloof-owned").exists()


@pytest.mark.usefixtures("small")
def test_alias_bomb_in_a_case_file_is_refused() -> None:
    lines = [b'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        refs = ", ".join(f"*l{level - 1}" for _ in range(9)).encode()
        lines.append(f"lol{level}: &l{level} [".encode() + refs + b"]")
    error = refused(HEAD + b"\n".join(lines) + b"\n")
    assert "anchors and aliases" in error.problem


@pytest.mark.usefixtures("small")
def test_deep_nesting_in_a_case_file_is_refused() -> None:
    error = refused(HEAD + b"note: " + b"{a: " * 500 + b"1" + b"}" * 500 + b"\n")
    assert error.problem == "the data is nested more than 64 levels deep"
    deep = b'{"kloof": 1, "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert refused(deep, "case.json").problem == "the data is nested more than 64 levels deep"


_CHILD = """
import re, sys
from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError
data = sys.stdin.buffer.read()
try:
    parse_case(data, sys.argv[1])
except InputError as error:
    print(error.message)
# Peak resident memory of this process in kB, input included. Not ru_maxrss:
# Linux carries that over from the parent across exec.
print(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
"""

TOO_MANY_VALUES = (
    "the file holds more than 400,000 values, more than a case file may have — check "
    "that this is the right file; a large case file has a few thousand ratings"
)


def _hundred_thousand_ratings(kind: str) -> bytes:
    if kind == "json":
        data = dict(DEMO_DATA)
        data["ratings"] = [
            {
                "rater": "maria",
                "subject": "halvorsen",
                "factor": "intention",
                "score": 5,
                "note": f"n{i}",
            }
            for i in range(100_000)
        ]
        return json.dumps(data, separators=(",", ":")).encode()
    rows = b"".join(
        b"  - {rater: maria, subject: halvorsen, factor: intention, score: 5, note: n%d}\n" % i
        for i in range(100_000)
    )
    return HEAD + b"ratings:\n" + rows


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_a_100000_rating_case_file_is_refused_within_256_mb(kind: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, f"big.{kind}"],
        input=_hundred_thousand_ratings(kind),
        capture_output=True,
        timeout=RUNAWAY_SECONDS,
        check=False,
    )
    message, peak_kb = done.stdout.decode().strip().splitlines()
    assert message == f"big.{kind}: {TOO_MANY_VALUES}"
    assert int(peak_kb) < 256 * 1024


def test_more_ratings_than_a_case_may_hold_are_refused_before_the_schema_check() -> None:
    data = dict(DEMO_DATA)
    data["ratings"] = [{"rater": "maria"}] * 20_001  # each would fail the schema
    error = refused(json.dumps(data).encode(), "case.json")
    assert error.message == (
        "case.json: the case has 20,001 ratings, more than the 20,000 one case may hold"
        " — check that this is the right file, or split the raters over two cases"
    )


def test_the_largest_case_kloof_is_built_for_loads() -> None:
    """3 parties, 200 raters each, every rater rating every party on every factor:
    16,200 ratings, under both limits (values and ratings)."""
    data = dict(DEMO_DATA)
    parties = [*[party["id"] for party in data["parties"]][:2], "third"]
    data["parties"] = [*data["parties"][:2], {"id": "third", "name": "Third"}]
    data["raters"] = [
        {"id": f"r{side}{n}", "name": f"R {side} {n}", "party": party}
        for side, party in enumerate(parties)
        for n in range(200)
    ]
    factors = [factor.key for factor in DEMO_CASE.framework.factors]
    data["ratings"] = [
        {"rater": rater["id"], "subject": subject, "factor": factor, "score": 4}
        for rater in data["raters"]
        for subject in parties
        for factor in factors
    ]
    data["differences"] = []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    case = parse_case(text, "largest.yaml")
    assert len(case.ratings) == 16_200
    assert len(case.raters) == 600


def _many_raters(data: dict[str, Any]) -> dict[str, Any]:
    party = data["parties"][0]["id"]
    raters = [{"id": f"r{i}", "name": f"n{i}", "party": party} for i in range(55_000)]
    return {**data, "raters": raters}


def _unknown_references(data: dict[str, Any]) -> dict[str, Any]:
    """2,000 raters and 19,000 ratings that each name a rater who is not there:
    every one would cost a did-you-mean guess over 2,000 names."""
    party = data["parties"][0]["id"]
    raters = [{"id": f"r{i}", "name": f"n{i}", "party": party} for i in range(2_000)]
    rating = {"subject": "halvorsen", "factor": "intention", "score": 5}
    ratings = [{**rating, "rater": f"zz{i}"} for i in range(19_000)]
    return {**data, "raters": raters, "ratings": ratings}


def _title_as_a_long_list(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "title": list(range(390_000))}


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            _many_raters,
            "big.json: the case has 55,000 raters, more than the 2,000 one case may hold"
            " — check that this is the right file, or split the raters over two cases",
        ),
        (
            _unknown_references,
            "big.json:1: rating 1: unknown rater 'zz0' — use one of: r0, r1, r2, r3, r4, r5,"
            " r6, r7, r8, r9, r10, r11 … (2,000 in all)",
        ),
        (
            _title_as_a_long_list,
            "big.json:1: 'title' must be text, not a list — put the value in quotes, for"
            ' example "2027"',
        ),
    ],
)
def test_large_files_under_the_value_budget_are_answered_within_256_mb(
    build: Any, message: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "big.json"],
        input=json.dumps(build(dict(DEMO_DATA))).encode(),
        capture_output=True,
        timeout=RUNAWAY_SECONDS,
        check=False,
    )
    answer, peak_kb = done.stdout.decode().strip().splitlines()
    assert answer == message
    assert int(peak_kb) < 256 * 1024
