"""The case-file and framework reader in Dutch: every message it can give has its
Dutch text in ``input-reader.po``, is raised as a worded error (so an interface can
translate it), reads in Dutch through :func:`localized_message`, and stays the same
English text it always was. The command line speaks Dutch by KLOOF_LANG or LANG."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kloof.domain.model import Thresholds
from kloof.formats.casefile import parse_case
from kloof.formats.errors import InputError
from kloof.formats.framework import load_framework, parse_thresholds
from kloof.formats.importer import import_file
from kloof.formats.template import case_template
from kloof.formats.yamlsafe import MAX_BYTES, parse_document, read_document
from kloof.services.messages import localized_message
from tests.i18n.catalogs import marked_templates, placeholders, plain_input_errors

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "kloof"
CATALOG = SRC / "locale" / "nl" / "LC_MESSAGES" / "input-reader.po"
FRAMEWORKS = Path(__file__).parent / "frameworks"
KLOOF = Path(sys.executable).with_name("kloof")

#: The reader's modules whose messages this catalog words in Dutch.
READER_MODULES = (
    SRC / "formats" / "yamlnodes.py",
    SRC / "formats" / "yamlsafe.py",
    SRC / "formats" / "casefile.py",
    SRC / "formats" / "framework.py",
    SRC / "formats" / "template.py",
    SRC / "formats" / "importer.py",
    SRC / "storage" / "cases.py",
)


# --- the catalog and the source ------------------------------------------------------


def test_every_reader_message_has_its_dutch_text_in_the_catalog() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    templates = {text for path in READER_MODULES for text in marked_templates(path)}

    assert len(templates) == 94
    for template in sorted(templates):
        message = catalog.get(template)
        assert message is not None and message.string, template
        assert placeholders(message.string) <= placeholders(template), template
        assert "%" not in re.sub(r"%\(\w+\)s", "", message.string), template


def test_the_catalog_holds_no_message_the_reader_no_longer_gives() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    templates = {text for path in READER_MODULES for text in marked_templates(path)}

    assert {message.id for message in catalog if message.id} == templates


@pytest.mark.parametrize("path", READER_MODULES, ids=lambda path: path.name)
def test_the_reader_raises_only_worded_errors(path: Path) -> None:
    """No ``InputError(...)`` made by hand: each is ``InputError.worded``. (The
    importer's ImportProblemsError builds its list through ``super().__init__``;
    its lines are the importer's Problem templates, worded elsewhere.)"""
    assert plain_input_errors(path) == []


# --- bad input, in Dutch and in English -----------------------------------------------


def _parsed(data: bytes, source: str = "case.yaml") -> Callable[[], object]:
    return lambda: parse_document(data, source)


def _case(text: str) -> Callable[[], object]:
    return lambda: parse_case(text.encode("utf-8"), "cases/x.yaml")


def _threshold_below_default() -> object:
    return parse_thresholds({"blocking": 0.3}, defaults=Thresholds(), where=("thresholds",))


#: name: (how to cause it, the Dutch message, the English message as the reader has
#: always given it: the existing tests assert the same English text).
MESSAGES: dict[str, tuple[Callable[[], object], str, str]] = {
    "not-utf8": (
        _parsed(b"a: 1\nb: caf\xe9\n"),
        "case.yaml:2: het bestand is geen geldige UTF-8 (byte 0xe9 op byte-positie 11)"
        " — sla het bestand op als UTF-8",
        "case.yaml:2: the file is not valid UTF-8 (byte 0xe9 at byte offset 11)"
        " — save the file as UTF-8",
    ),
    "utf16": (
        _parsed("a: 1\n".encode("utf-16")),
        "case.yaml:1: het bestand is opgeslagen als UTF-16, niet als UTF-8 — sla het opnieuw "
        "op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8)",
        "case.yaml:1: the file is saved as UTF-16, not UTF-8 — save it again as UTF-8 "
        "(in most editors: 'Save as' → encoding UTF-8)",
    ),
    "too-large": (
        _parsed(b" " * (MAX_BYTES + 1)),
        "case.yaml: het bestand is 10,0 MB, meer dan de 10 MB die een casus- of "
        "raamwerkbestand mag hebben — controleer of dit het juiste bestand is; een "
        "casusbestand is meestal een paar kilobyte",
        "case.yaml: the file is 10.0 MB, more than the 10 MB a case or framework file may have"
        " — check that this is the right file; a case file is usually a few kilobytes",
    ),
    "anchors": (
        _parsed(b"a: &x [1, 2]\nb: *x\n"),
        "case.yaml:1: YAML-ankers en -aliassen ('&name', '*name') worden niet ondersteund"
        " — schrijf het herhaalde deel volledig uit",
        "case.yaml:1: YAML anchors and aliases ('&name', '*name') are not supported"
        " — write the repeated part out in full",
    ),
    "tag": (
        _parsed(b"title: T\nx: !!python/object/apply:os.system ['echo hacked']\n"),
        "case.yaml:2: de YAML-tag '!!python/object/apply:os.system' is niet toegestaan: kloof "
        "leest alleen gewone gegevens — verwijder de tag en schrijf de waarde als gewone "
        "tekst, een getal, een lijst of een mapping",
        "case.yaml:2: the YAML tag '!!python/object/apply:os.system' is not allowed:"
        " kloof reads plain data only — remove the tag and write the value as plain text,"
        " a number, a list or a mapping",
    ),
    "duplicate-key": (
        _parsed(b"title: A\nparties: []\ntitle: B\n"),
        "case.yaml:3: dubbele sleutel 'title' (eerst op regel 1) — houd er één over: een "
        "sleutel mag maar één keer voorkomen in dezelfde mapping",
        "case.yaml:3: duplicate key 'title' (first on line 1)"
        " — keep one of them: a key may appear only once in the same mapping",
    ),
    "duplicate-json-key": (
        _parsed(b'{"title": "A",\n "title": "B"}', "case.json"),
        "case.json:2: dubbele sleutel 'title' — houd er één over: een sleutel mag maar één "
        "keer voorkomen in hetzelfde object",
        "case.json:2: duplicate key 'title'"
        " — keep one of them: a key may appear only once in the same object",
    ),
    "deep": (
        _parsed(b"a: " + b"[" * 200 + b"]" * 200 + b"\n"),
        "case.yaml:1: de gegevens zijn meer dan 64 niveaus diep genest"
        " — controleer de inspringing en de haakjes",
        "case.yaml:1: the data is nested more than 64 levels deep"
        " — check the indentation and the brackets",
    ),
    "too-many-values": (
        _parsed(b"a: [" + b"1, " * 400_001 + b"1]\n"),
        "case.yaml: het bestand bevat meer dan 400.000 waarden, meer dan een casusbestand mag "
        "hebben — controleer of dit het juiste bestand is; een groot casusbestand heeft een "
        "paar duizend beoordelingen",
        "case.yaml: the file holds more than 400,000 values, more than a case file may have"
        " — check that this is the right file; a large case file has a few thousand ratings",
    ),
    "two-documents": (
        _parsed(b"a: 1\n---\nb: 2\n"),
        "case.yaml:2: het bestand bevat meer dan één YAML-document — houd één document per "
        "bestand: verwijder de tweede '---' en alles wat erna komt",
        "case.yaml:2: the file holds more than one YAML document"
        " — keep one document per file: remove the second '---' and what follows",
    ),
    "control-character": (
        _parsed(b"a: 1\nb: x\x07y\n"),
        "case.yaml:2: het bestand bevat een stuurteken dat YAML niet toestaat (U+0007)"
        " — verwijder het teken, of schrijf het als escape tussen dubbele aanhalingstekens",
        "case.yaml:2: the file contains a control character YAML does not allow (U+0007)"
        " — remove the character, or write it as an escape inside double quotes",
    ),
    "top-level-list": (
        _parsed(b"- a\n- b\n"),
        "case.yaml:1: het bovenste niveau van het bestand is een lijst, terwijl een mapping van "
        "veldnamen naar waarden werd verwacht — schrijf het bestand als regels "
        "'sleutel: waarde', zoals 'kloof: 1'",
        "case.yaml:1: the top level of the file is a list, expected a mapping of field names to"
        " values — write the file as 'key: value' lines such as 'kloof: 1'",
    ),
    "top-level-value": (
        _parsed(b"42\n"),
        "case.yaml:1: het bovenste niveau van het bestand is één losse waarde (42), terwijl "
        "een mapping van veldnamen naar waarden werd verwacht — schrijf het bestand als "
        "regels 'sleutel: waarde', zoals 'kloof: 1'",
        "case.yaml:1: the top level of the file is a single value (42), expected a mapping of"
        " field names to values — write the file as 'key: value' lines such as 'kloof: 1'",
    ),
    "json-top-level-empty": (
        _parsed(b"null", "case.json"),
        "case.json:1: het bovenste niveau van het bestand is leeg, terwijl een mapping van "
        'veldnamen naar waarden werd verwacht — schrijf het bestand als {"kloof": 1, ...}',
        "case.json:1: the top level of the file is empty, expected a mapping of field names to"
        ' values — write the file as {"kloof": 1, ...}',
    ),
    "json-syntax": (
        _parsed(b'{"a": 1,\n "b": }', "case.json"),
        "case.json:2: JSON-syntaxfout: Expecting value (kolom 7)"
        " — controleer de komma's, haakjes en aanhalingstekens rond deze plek",
        "case.json:2: JSON syntax error: Expecting value (column 7)"
        " — check the commas, brackets and quotes near this spot",
    ),
    "yaml-syntax": (
        _parsed(b"title: T\nparties:\n  - id: a\n   name: b\n"),
        "case.yaml:4: YAML-syntaxfout: did not find expected '-' indicator (while parsing a "
        "block collection) — controleer de inspringing, dubbele punten en aanhalingstekens "
        "op deze regel en de regel ervoor",
        "case.yaml:4: YAML syntax error: did not find expected '-' indicator (while parsing a "
        "block collection) — check the indentation, colons and quotes on this line and the "
        "one before",
    ),
    "not-a-number": (
        _parsed(b"a: 1\nscore: .nan\n"),
        "case.yaml:2: '.nan' is geen bruikbaar getal"
        " — schrijf een eindig getal zoals 4 of 4.5 (met een punt)",
        "case.yaml:2: '.nan' is not a usable number — write a finite number such as 4 or 4.5",
    ),
    "bad-date": (
        _parsed(b"date: 2026-02-30\n"),
        "case.yaml:1: '2026-02-30' is geen geldige datum"
        " — schrijf een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01",
        "case.yaml:1: '2026-02-30' is not a valid date"
        " — write an existing date as YYYY-MM-DD, for example 2026-12-01",
    ),
    "format-number-missing": (
        _case("title: Test case\n"),
        "cases/x.yaml:1: dit is geen casusbestand van kloof: het formaatnummer 'kloof: 1' "
        "ontbreekt — zet de regel 'kloof: 1' bovenaan het bestand",
        "cases/x.yaml:1: this is not a kloof case file: the format number 'kloof: 1' is missing"
        " — add the line 'kloof: 1' at the top of the file",
    ),
    "format-number-2": (
        _case("kloof: 2\ntitle: Test case\n"),
        "cases/x.yaml:1: deze versie van kloof leest formaat 1; het bestand heeft formaat 2"
        " — open het met de versie van kloof die het heeft geschreven, of schrijf het om "
        "naar formaat 1",
        "cases/x.yaml:1: this kloof reads format 1; the file is format 2"
        " — open it with the kloof version that wrote it, or rewrite it as format 1",
    ),
    "unknown-framework": (
        lambda: load_framework("hopmans9"),
        "er is geen ingebouwd raamwerk 'hopmans9' en ook geen bestand met die naam — bedoel "
        "je 'hopmans-9'? de ingebouwde raamwerken zijn: hopmans-9; of geef het pad van een "
        "raamwerkbestand dat eindigt op .yaml of .json",
        "there is no built-in framework 'hopmans9' and no file of that name — did you mean "
        "'hopmans-9'? the built-in frameworks are: hopmans-9; or give the path of a "
        "framework file ending in .yaml or .json",
    ),
    "framework-file-missing": (
        lambda: load_framework("nowhere/mine.yaml", base_dir=Path("frameworks")),
        "frameworks/nowhere/mine.yaml: bestand niet gevonden"
        " — controleer het pad en de bestandsnaam",
        "frameworks/nowhere/mine.yaml: file not found — check the path and the file name",
    ),
    "framework-newer-format": (
        lambda: load_framework("bad-version.yaml", base_dir=FRAMEWORKS),
        f"{FRAMEWORKS / 'bad-version.yaml'}:1: dit raamwerkbestand heeft formaat 2; deze "
        "versie van kloof leest formaat 1 — werk kloof bij, of schrijf het bestand in "
        "formaat 1 (zie docs/frameworks.md)",
        f"{FRAMEWORKS / 'bad-version.yaml'}:1: this framework file has format 2; this version "
        "of kloof reads format 1 — update kloof, or write the file in format 1 (see "
        "docs/frameworks.md)",
    ),
    "framework-thresholds": (
        lambda: load_framework("bad-thresholds-not-increasing.yaml", base_dir=FRAMEWORKS),
        f"{FRAMEWORKS / 'bad-thresholds-not-increasing.yaml'}:4: thresholds: de drempels "
        "moeten oplopen (nuance < significant < blocking), maar significant 2/6 ligt niet "
        'boven nuance 2/6 — zet significant boven nuance, bijvoorbeeld nuance: "1/6", '
        'significant: "2/6", blocking: "3/6"',
        f"{FRAMEWORKS / 'bad-thresholds-not-increasing.yaml'}:4: thresholds: the thresholds "
        "must increase (nuance < significant < blocking), but significant 2/6 is not above "
        'nuance 2/6 — set significant above nuance, for example nuance: "1/6", '
        'significant: "2/6", blocking: "3/6"',
    ),
    "threshold-below-default": (
        _threshold_below_default,
        "thresholds: de drempels moeten oplopen (nuance < significant < blocking), maar "
        "blocking 0.3 ligt niet boven significant 1/3 (standaard) — zet blocking boven "
        'significant, bijvoorbeeld nuance: "1/6", significant: "2/6", blocking: "3/6"',
        "thresholds: the thresholds must increase (nuance < significant < blocking), but "
        "blocking 0.3 is not above significant 1/3 (default) — set blocking above "
        'significant, for example nuance: "1/6", significant: "2/6", blocking: "3/6"',
    ),
    "framework-all-weights-zero": (
        lambda: load_framework("bad-all-weights-zero.yaml", base_dir=FRAMEWORKS),
        f"{FRAMEWORKS / 'bad-all-weights-zero.yaml'}:4: factors: elke factor heeft gewicht 0, "
        "dus er valt geen taaiheid te berekenen — geef minstens één factor een gewicht boven "
        "0 (1 is het gebruikelijke gewicht)",
        f"{FRAMEWORKS / 'bad-all-weights-zero.yaml'}:4: factors: every factor has weight 0, "
        "so no toughness can be computed — give at least one factor a weight above 0 (1 is "
        "the usual weight)",
    ),
    "template-language": (
        lambda: case_template("de"),
        "er is geen casusvoorbeeld in de taal 'de' — kies nl of en",
        "there is no case template in the language 'de' — choose nl or en",
    ),
}


def _refusal(cause: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        cause()
    return caught.value


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_reader_refuses_in_dutch(name: str) -> None:
    cause, dutch, _ = MESSAGES[name]

    assert localized_message(_refusal(cause), "nl") == dutch


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_reader_refuses_in_the_same_english_as_before(name: str) -> None:
    cause, _, english = MESSAGES[name]
    error = _refusal(cause)

    assert error.message == english
    assert localized_message(error, "en") == english


def test_a_directory_and_an_unreadable_path_are_told_in_dutch(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("not a folder", encoding="utf-8")
    beyond = plain / "case.yaml"  # a file in a "folder" that is a file: the system refuses

    unreadable = _refusal(lambda: read_document(beyond))
    directory = _refusal(lambda: read_document(tmp_path))

    assert unreadable.message == (
        f"{beyond}: cannot read the file (Not a directory)"
        " — check that the file exists and that you may read it"
    )
    assert localized_message(unreadable, "nl") == (
        f"{beyond}: het bestand kan niet worden gelezen (Not a directory)"
        " — controleer of het bestand bestaat en of je het mag lezen"
    )
    assert directory.message == f"{tmp_path}: this is a directory, not a file — name a file"
    assert localized_message(directory, "nl") == (
        f"{tmp_path}: dit is een map, geen bestand — geef een bestand op"
    )


def test_a_missing_spreadsheet_is_told_in_dutch(tmp_path: Path) -> None:
    imports = Path(__file__).parent / "imports"
    missing = tmp_path / "nope.csv"
    error = _refusal(lambda: import_file(missing, imports / "case.yaml", imports / "mapping.yaml"))

    assert error.message == f"{tmp_path / 'nope.csv'}: file not found — check the path"
    assert localized_message(error, "nl") == (
        f"{tmp_path / 'nope.csv'}: bestand niet gevonden — controleer het pad"
    )


# --- the command line -------------------------------------------------------------------

BAD_CASE = "kloof: 1\ntitle: A\ntitle: B\n"
LANGUAGE_VARIABLES = ("KLOOF_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _validate(path: Path, **language: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value for name, value in os.environ.items() if name not in LANGUAGE_VARIABLES
    }
    return subprocess.run(
        [str(KLOOF), "validate", str(path)],
        capture_output=True,
        text=True,
        env={**environment, **language},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "language",
    [{"KLOOF_LANG": "nl"}, {"LANG": "nl_NL.UTF-8"}],
    ids=["KLOOF_LANG", "LANG"],
)
def test_kloof_validate_explains_a_bad_file_in_dutch(
    tmp_path: Path, language: dict[str, str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CASE, encoding="utf-8")

    result = _validate(path, **language)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"kloof: fout: {path}:3: dubbele sleutel 'title' (eerst op regel 2) — houd er één "
        "over: een sleutel mag maar één keer voorkomen in dezelfde mapping\n"
    )


def test_kloof_validate_explains_a_bad_file_in_english_without_a_dutch_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CASE, encoding="utf-8")

    result = _validate(path)

    assert result.returncode == 2
    assert result.stderr == (
        f"kloof: error: {path}:3: duplicate key 'title' (first on line 2) — keep one of them: "
        "a key may appear only once in the same mapping\n"
    )
