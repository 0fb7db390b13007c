"""The case-file checks (schemacheck, casecheck) word their messages in Dutch for
a Dutch reader and keep their English text byte for byte.

Every template of the two modules and every schema description a fix can quote has
a Dutch text in ``input-checks.po``; bad case files give the exact Dutch message
through :func:`kloof.services.messages.localized_message`.
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from kloof.formats import casecheck, casecheck_agenda, schemacheck
from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError, Phrase
from kloof.formats.schemacheck import place, place_phrase, schema_description, value_phrase
from kloof.i18n import LOCALE_DIR, translator
from kloof.services.messages import localized_message
from tests.i18n.catalogs import marked_templates, plain_input_errors

CASES = Path(__file__).resolve().parent / "cases"
BASE = (CASES / "basic.yaml").read_text(encoding="utf-8")
SOURCE = "cases/x.yaml"
CATALOG = LOCALE_DIR / "nl" / "LC_MESSAGES" / "input-checks.po"
MODULES = [Path(schemacheck.__file__), Path(casecheck.__file__), Path(casecheck_agenda.__file__)]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def dutch() -> dict[str, str]:
    with CATALOG.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


# --- the catalog ----------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_every_template_has_dutch_with_the_same_placeholders(module: Path) -> None:
    templates = marked_templates(module)
    assert len(templates) >= 15  # the walk finds the templates at all

    missing = [template for template in templates if not dutch().get(template)]
    assert missing == []
    for template in templates:
        wanted = set(PLACEHOLDER.findall(template))
        assert set(PLACEHOLDER.findall(dutch()[template])) <= wanted, template
        # Every % belongs to a placeholder: the Dutch text fills in without error.
        assert dutch()[template] % dict.fromkeys(wanted, "x")


def test_every_n_call_in_the_modules_has_a_literal() -> None:
    # Else a template would escape the completeness test above.
    for module in MODULES:
        marked = [
            node
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "N_"
        ]
        assert all(
            len(call.args) == 1 and isinstance(call.args[0], ast.Constant) for call in marked
        ), module.name


def test_no_other_catalog_changes_what_these_texts_say() -> None:
    # All catalogs are chained into one translator: a msgid another catalog also has
    # must mean the same there, or one of them would win.
    nl = translator("nl")
    assert {msgid: nl.gettext(msgid) for msgid in dutch()} == dutch()


def _schema(name: str) -> Any:
    text = resources.files("kloof.formats").joinpath(f"schemas/{name}.schema.json")
    return json.loads(text.read_text("utf-8"))


def _descriptions(node: Any) -> list[Phrase]:
    """Every description a fix can quote: schema_description of every schema node
    (a fix quotes the failing node's own, or a property's for a missing field)."""
    found: list[Phrase] = []
    if isinstance(node, dict):
        description = schema_description(node)
        if description is not None:
            found.append(description)
        for value in node.values():
            found += _descriptions(value)
    elif isinstance(node, list):
        for value in node:
            found += _descriptions(value)
    return found


@pytest.mark.parametrize("name", ["case", "framework", "mapping"])
def test_every_schema_description_has_dutch(name: str) -> None:
    descriptions = _descriptions(_schema(name))
    assert len(descriptions) > 10

    assert [d.template for d in descriptions if not dutch().get(d.template)] == []
    assert all(d.args == {} for d in descriptions)


def test_a_description_is_quoted_in_lower_case_without_its_full_stop() -> None:
    description = schema_description({"description": "The lowest score (the left pole)."})

    assert description == Phrase("the lowest score (the left pole)")
    assert schema_description({"type": "string"}) is None


# --- how the modules build their errors --------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_errors_are_built_from_templates_only(module: Path) -> None:
    """No ``InputError(...)`` with a finished English sentence: every error goes
    through ``InputError.worded`` (directly, in schemacheck.placed_error, or through
    CaseContext.error), so it keeps its template."""
    assert plain_input_errors(module) == []


def test_places_and_values_keep_their_english_and_translate() -> None:
    where = place_phrase(("differences", 0, "actions", 1, "due"))

    assert place(("differences", 0, "actions", 1, "due")) == "difference 1, action 2, due"
    assert isinstance(where, Phrase)
    assert _dutch(where) == "verschil 1, actie 2, due"
    assert place_phrase(("scale", "max")) == "scale, max"  # the file's own keys
    assert place_phrase(()) is None
    assert _dutch(place_phrase(("answers", 1233))) == "element 1234 van 'answers'"
    assert [_dutch(value_phrase(v)) for v in (None, True, 2027, 7.0, "x", [], {})] == [
        "leeg",
        "true",
        "het getal 2027",
        "het getal 7",
        "de tekst 'x'",
        "een lijst",
        "een mapping",
    ]


def _dutch(value: Any) -> str:
    error = InputError.worded("%(value)s", value=value)
    return localized_message(error, "nl")


# --- bad case files, in English and in Dutch ---------------------------------------------


def refused(old: str, new: str) -> InputError:
    """The error for ``basic.yaml`` with ``old`` replaced by ``new``."""
    assert BASE.count(old) == 1, f"not exactly once in basic.yaml: {old!r}"
    with pytest.raises(InputError) as caught:
        parse_case(BASE.replace(old, new).encode(), SOURCE)
    return caught.value


BAD_FILES = [
    pytest.param(
        "title: Test case",
        "title: Test case\nframwork: x",
        "cases/x.yaml:3: unknown field 'framwork' — did you mean 'framework'?",
        "cases/x.yaml:3: onbekend veld 'framwork' — bedoel je 'framework'?",
        id="unknown-field-did-you-mean",
    ),
    pytest.param(
        "{id: jan, name: Jan,",
        "{id: jan, colour: red, name: Jan,",
        "cases/x.yaml:16: rater 1: unknown field 'colour' — remove it; the fields here are:"
        " id, name, party",
        "cases/x.yaml:16: beoordelaar 1: onbekend veld 'colour' — verwijder het; de velden"
        " hier zijn: id, name, party",
        id="unknown-field-listed",
    ),
    pytest.param(
        "{rater: jan, subject: acme, factor: intention, score: 6}",
        "{rater: jan}",
        "cases/x.yaml:19: rating 1: the required field 'subject' is missing"
        " — add 'subject: …' (the id of the party being rated)",
        "cases/x.yaml:19: beoordeling 1: het verplichte veld 'subject' ontbreekt"
        " — voeg 'subject: …' toe (de id van de partij die wordt beoordeeld)",
        id="required-field",
    ),
    pytest.param(
        "scale: {min: 1, max: 7}",
        "scale: {min: 1}",
        "cases/x.yaml:6: scale: the required field 'max' is missing"
        " — add 'max: …' (the highest score (the right pole); above min)",
        "cases/x.yaml:6: scale: het verplichte veld 'max' ontbreekt"
        " — voeg 'max: …' toe (de hoogste score (de rechterpool); hoger dan min)",
        id="required-field-under-a-field",
    ),
    pytest.param(
        "score: 6",
        "score: high",
        "cases/x.yaml:19: rating 1: 'score' must be a number (or empty), not the text 'high'"
        " — write a number such as 4 or 4.5, without quotes",
        "cases/x.yaml:19: beoordeling 1: 'score' moet een getal (of leeg) zijn, niet de tekst"
        " 'high' — schrijf een getal zoals 4 of 4.5 (met een punt), zonder aanhalingstekens",
        id="text-for-a-number",
    ),
    pytest.param(
        "score: 6",
        "score: [6]",
        "cases/x.yaml:19: rating 1: 'score' must be a number (or empty), not a list"
        " — write a number such as 4 or 4.5, without quotes",
        "cases/x.yaml:19: beoordeling 1: 'score' moet een getal (of leeg) zijn, niet een lijst"
        " — schrijf een getal zoals 4 of 4.5 (met een punt), zonder aanhalingstekens",
        id="list-for-a-number",
    ),
    pytest.param(
        "{id: acme, name: ACME,",
        "{id: 2027, name: ACME,",
        "cases/x.yaml:8: party 1: 'id' must be text, not the number 2027"
        ' — put the value in quotes, for example "2027"',
        "cases/x.yaml:8: partij 1: 'id' moet tekst zijn, niet het getal 2027"
        ' — zet de waarde tussen aanhalingstekens, bijvoorbeeld "2027"',
        id="number-for-a-text",
    ),
    pytest.param(
        "{id: jan, name: Jan, party: acme}",
        "jan",
        "cases/x.yaml:16: rater 1 must be a mapping of fields ('name: value'), not the text"
        " 'jan' — write the fields as 'name: value' lines, indented under this one",
        "cases/x.yaml:16: beoordelaar 1 moet een mapping van velden ('naam: waarde') zijn,"
        " niet de tekst 'jan' — schrijf de velden als regels 'naam: waarde', ingesprongen"
        " onder deze regel",
        id="text-for-a-mapping",
    ),
    pytest.param(
        "source: self",
        "source: gut",
        "cases/x.yaml:21: rating 3: 'source' is the text 'gut', which is not one of: self,"
        " interview, observation, document, estimate — use one of: self, interview,"
        " observation, document, estimate",
        "cases/x.yaml:21: beoordeling 3: 'source' is de tekst 'gut', en dat is geen van deze:"
        " self, interview, observation, document, estimate — gebruik een van: self,"
        " interview, observation, document, estimate",
        id="enum-use-one-of",
    ),
    pytest.param(
        "language: en",
        "language: EN",
        "cases/x.yaml:4: 'language' is the text 'EN', which is not one of: nl, en"
        " — did you mean 'en'?",
        "cases/x.yaml:4: 'language' is de tekst 'EN', en dat is geen van deze: nl, en"
        " — bedoel je 'en'?",
        id="enum-did-you-mean",
    ),
    pytest.param(
        "date: 2026-12-01",
        "date: 1st of May",
        "cases/x.yaml:3: 'date' must be a date as YYYY-MM-DD, not the text '1st of May'"
        " — write a date such as 2026-12-01",
        "cases/x.yaml:3: 'date' moet een datum zijn als JJJJ-MM-DD, niet de tekst '1st of May'"
        " — schrijf een datum zoals 2026-12-01",
        id="date-pattern",
    ),
    pytest.param(
        "due: 2026-12-15",
        "due: '2026-02-30'",
        "cases/x.yaml:30: difference 1, action 1: 'due' is '2026-02-30', which is not an"
        " existing date — check the day and the month (YYYY-MM-DD)",
        "cases/x.yaml:30: verschil 1, actie 1: 'due' is '2026-02-30', en die datum bestaat"
        " niet — controleer de dag en de maand (JJJJ-MM-DD)",
        id="date-that-does-not-exist",
    ),
    pytest.param(
        "score: 6",
        "score: 7.5",
        "cases/x.yaml:19: rating 1: the score 7.5 is off the scale 1 to 7"
        " — give a score from 1 to 7, or leave the score out for no opinion",
        "cases/x.yaml:19: beoordeling 1: de score 7.5 valt buiten de schaal van 1 tot en met 7"
        " — geef een score van 1 tot en met 7, of laat de score weg als je geen mening hebt",
        id="score-off-the-scale",
    ),
    pytest.param(
        "{id: eva, name: Eva",
        "{id: jan, name: Eva",
        "cases/x.yaml:17: rater 2: the rater id 'jan' is used twice (first on line 16)"
        " — give every rater its own id",
        "cases/x.yaml:17: beoordelaar 2: de beoordelaar-id 'jan' komt twee keer voor (eerst op"
        " regel 16) — geef elke beoordelaar een eigen id",
        id="duplicate-rater-id",
    ),
    pytest.param(
        "{rater: jan, subject: acme",
        "{rater: jna, subject: acme",
        "cases/x.yaml:19: rating 1: unknown rater 'jna' — did you mean 'jan'?",
        "cases/x.yaml:19: beoordeling 1: onbekende beoordelaar 'jna' — bedoel je 'jan'?",
        id="unknown-rater-did-you-mean",
    ),
    pytest.param(
        "party: acme}",
        "party: acmee}",
        "cases/x.yaml:16: rater 1: unknown party 'acmee' — did you mean 'acme'?",
        "cases/x.yaml:16: beoordelaar 1: onbekende partij 'acmee' — bedoel je 'acme'?",
        id="unknown-party-of-a-rater",
    ),
    pytest.param(
        "    reason: No shared intention yet\n",
        "",
        "cases/x.yaml:27: difference 1: 'blocking' decides the severity, so it needs a reason"
        " — add 'reason: …' saying why this difference does or does not block",
        "cases/x.yaml:27: verschil 1: 'blocking' bepaalt de ernst en heeft daarom een reden"
        " nodig — voeg 'reason: …' toe met waarom dit verschil wel of niet blokkeert",
        id="difference-needs-a-reason",
    ),
    pytest.param(
        "  - {id: globex, name: Globex, role: seller, side: counterparty}\n",
        "",
        "cases/x.yaml:7: a case needs at least two parties; this file has 1"
        " — add the other side under 'parties'",
        "cases/x.yaml:7: een casus heeft minstens twee partijen nodig; dit bestand heeft er 1"
        " — voeg de wederpartij toe onder 'parties'",
        id="too-few-parties",
    ),
    pytest.param(
        "parties: [acme, globex]",
        "parties: [acme, globex, acme]",
        "cases/x.yaml:25: difference 1: 'parties' must name exactly two parties, not 3"
        " — write the ids of two parties, for example parties: [acme, globex]",
        "cases/x.yaml:25: verschil 1: 'parties' moet precies twee partijen noemen, niet 3"
        " — schrijf de id's van twee partijen, bijvoorbeeld parties: [acme, globex]",
        id="too-many-items",
    ),
    pytest.param(
        "right: {nl: Gezamenlijk doel, en: A shared goal}",
        "right: {nl: Gezamenlijk doel, en: A shared goal}\n    weight: -1",
        "cases/x.yaml:15: factor 1: 'weight' must be at least 0, not the number -1",
        "cases/x.yaml:15: factor 1: 'weight' moet minstens 0 zijn, niet het getal -1",
        id="below-the-minimum",
    ),
    pytest.param(
        "right: {nl: Gezamenlijk doel, en: A shared goal}",
        "right: {nl: Gezamenlijk doel, en: A shared goal}\n    thresholds: {nuance: 2}",
        "cases/x.yaml:15: factor 1, thresholds: 'nuance' has a value that is not allowed here"
        " — expected: a lower bound on the normalised gap, above 0 and at most 1: a number such"
        ' as 0.4, or an exact fraction in quotes such as "1/6"',
        "cases/x.yaml:15: factor 1, thresholds: 'nuance' heeft hier een waarde die niet is"
        " toegestaan — verwacht: een ondergrens op het genormaliseerde verschil, boven 0 en"
        " hoogstens 1: een getal zoals 0.4 (met een punt), of een exacte breuk tussen"
        ' aanhalingstekens zoals "1/6"',
        id="expected-a-description",
    ),
    pytest.param(
        "title: Test case",
        "title: ''",
        "cases/x.yaml:2: 'title' is empty — write a short name for the case, shown on every report",
        "cases/x.yaml:2: 'title' is leeg — schrijf een korte naam voor de casus, die op elk"
        " rapport staat",
        id="empty-text",
    ),
    pytest.param(
        "factor: sustainability}",
        "factor: sustainability}\n  - {rater: jan, subject: acme, factor: intention, score: 5}",
        "cases/x.yaml:23: rating 5: 'jan' rates 'acme' on 'intention' twice (first on line 19)"
        " — keep one rating per rater, subject and factor",
        "cases/x.yaml:23: beoordeling 5: 'jan' beoordeelt 'acme' twee keer op 'intention'"
        " (eerst op regel 19) — houd één beoordeling per beoordelaar, beoordeelde partij en"
        " factor over",
        id="rated-twice",
    ),
    pytest.param(
        "done: false}\n",
        "done: false}\n  - {factor: intention, parties: [globex, acme]}\n",
        "cases/x.yaml:31: difference 2: a second register entry for 'intention' between"
        " 'globex' and 'acme' (first on line 24) — keep one entry per factor and pair of parties",
        "cases/x.yaml:31: verschil 2: een tweede vermelding in het register voor 'intention'"
        " tussen 'globex' en 'acme' (eerst op regel 24) — houd één vermelding per factor en"
        " paar partijen over",
        id="second-register-entry",
    ),
    pytest.param(
        "title: Test case",
        "title: '   '",
        "cases/x.yaml:2: 'title' is blank — write a short name for the case",
        "cases/x.yaml:2: 'title' bevat alleen spaties — schrijf een korte naam voor de casus",
        id="blank-title",
    ),
    pytest.param(
        "scale: {min: 1, max: 7}",
        "scale: {min: 7, max: 7}",
        "cases/x.yaml:6: the scale runs from 7 to 7, but min must be below max"
        " — write for example scale: {min: 1, max: 7}",
        "cases/x.yaml:6: de schaal loopt van 7 tot 7, maar min moet lager zijn dan max"
        " — schrijf bijvoorbeeld scale: {min: 1, max: 7}",
        id="scale",
    ),
    pytest.param(
        "  - key: sustainability",
        "  - key: trust",
        "cases/x.yaml:11: factor 1: the factor 'trust' already exists in the framework"
        " 'hopmans-9' — rate the framework's factor directly, or give this factor another key",
        "cases/x.yaml:11: factor 1: de factor 'trust' bestaat al in het raamwerk 'hopmans-9'"
        " — beoordeel de factor van het raamwerk zelf, of geef deze factor een andere sleutel",
        id="factor-of-the-framework",
    ),
]


@pytest.mark.parametrize(("old", "new", "english", "dutch_text"), BAD_FILES)
def test_a_bad_case_file_in_english_and_in_dutch(
    old: str, new: str, english: str, dutch_text: str
) -> None:
    error = refused(old, new)

    assert error.message == english
    assert localized_message(error, "en") == english
    assert localized_message(error, "nl") == dutch_text


def _refused_json(data: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_case(json.dumps(data).encode(), "big.json")
    return caught.value


def _minimal(**sections: Any) -> dict[str, Any]:
    parties = [{"id": "acme", "name": "ACME"}, {"id": "globex", "name": "Globex"}]
    return {"kloof": 1, "title": "Big", "parties": parties, **sections}


def test_an_unknown_reference_among_many_ids_is_listed_short_with_the_count() -> None:
    raters = [{"id": f"r{number:04}", "name": "R", "party": "acme"} for number in range(1500)]
    rating = {"rater": "qqqq", "subject": "acme", "factor": "trust", "score": 3}
    shown = ", ".join(f"r{number:04}" for number in range(12))

    error = _refused_json(_minimal(raters=raters, ratings=[rating]))

    assert error.message == (
        f"big.json:1: rating 1: unknown rater 'qqqq' — use one of: {shown} … (1,500 in all)"
    )
    assert localized_message(error, "nl") == (
        f"big.json:1: beoordeling 1: onbekende beoordelaar 'qqqq'"
        f" — gebruik een van: {shown} … (1.500 in totaal)"
    )


def test_an_unknown_reference_when_there_is_nothing_to_refer_to() -> None:
    rating = {"rater": "jan", "subject": "acme", "factor": "trust", "score": 3}

    error = _refused_json(_minimal(ratings=[rating]))

    assert error.message == (
        "big.json:1: rating 1: unknown rater 'jan' — add it under 'raters' first"
    )
    assert localized_message(error, "nl") == (
        "big.json:1: beoordeling 1: onbekende beoordelaar 'jan' — voeg die eerst toe onder 'raters'"
    )


@pytest.mark.parametrize(
    ("section", "count", "english", "dutch_text"),
    [
        (
            "ratings",
            20_001,
            "big.json: the case has 20,001 ratings, more than the 20,000 one case may hold"
            " — check that this is the right file, or split the raters over two cases",
            "big.json: de casus heeft 20.001 beoordelingen, meer dan de 20.000 die één casus"
            " mag bevatten — controleer of dit het juiste bestand is, of verdeel de"
            " beoordelaars over twee casussen",
        ),
        (
            "raters",
            2_001,
            "big.json: the case has 2,001 raters, more than the 2,000 one case may hold"
            " — check that this is the right file, or split the raters over two cases",
            "big.json: de casus heeft 2.001 beoordelaars, meer dan de 2.000 die één casus mag"
            " bevatten — controleer of dit het juiste bestand is, of verdeel de beoordelaars"
            " over twee casussen",
        ),
        (
            "parties",
            51,
            "big.json: the case has 51 parties, more than the 50 one case may hold"
            " — check that this is the right file",
            "big.json: de casus heeft 51 partijen, meer dan de 50 die één casus mag bevatten"
            " — controleer of dit het juiste bestand is",
        ),
        (
            "factors",
            101,
            "big.json: the case has 101 factors, more than the 100 one case may hold"
            " — check that this is the right file",
            "big.json: de casus heeft 101 factoren, meer dan de 100 die één casus mag bevatten"
            " — controleer of dit het juiste bestand is",
        ),
        (
            "differences",
            2_001,
            "big.json: the case has 2,001 differences, more than the 2,000 one case may hold"
            " — check that this is the right file",
            "big.json: de casus heeft 2.001 verschillen, meer dan de 2.000 die één casus mag"
            " bevatten — controleer of dit het juiste bestand is",
        ),
    ],
)
def test_the_list_limits(section: str, count: int, english: str, dutch_text: str) -> None:
    error = _refused_json(_minimal(**{section: [{}] * count}))

    assert error.message == english
    assert localized_message(error, "nl") == dutch_text


def test_a_frameworks_schema_problem_is_dutch_too(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text(
        "kloof_framework: 1\nname: empty\ntitle: {nl: Leeg, en: Empty}\nfactors: []\n",
        encoding="utf-8",
    )
    case = (
        "kloof: 1\ntitle: T\nframework: empty.yaml\nparties: [{id: a, name: A}, {id: b, name: B}]\n"
    )
    with pytest.raises(InputError) as caught:
        parse_case(case.encode(), "c.yaml", base_dir=tmp_path)
    error = caught.value
    source = str(tmp_path / "empty.yaml")

    assert error.message == f"{source}:4: 'factors' must have at least 1 items, not 0"
    assert localized_message(error, "nl") == (
        f"{source}:4: 'factors' moet minstens 1 elementen hebben, niet 0"
    )
