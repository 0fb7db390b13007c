"""Input errors in the reader's language (kloof.services.messages): the language
of the command line, templates and nested phrases translated, numbers written the
language's way, user text left alone, untemplated errors left English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kloof.formats.errors import N_, InputError, Phrase
from kloof.services.messages import cli_language, localized_message

# Templates with Dutch in the catalogs (web-imports.po): the reader's size limit
# and the importer's limit problem.
TOO_LARGE = N_("the file is %(size)s MB, more than the %(limit)s MB kloof imports")
SPLIT = N_("split the file, or leave out columns the import does not need")


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LANGUAGE": "nl:en", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"KLOOF_LANG": "en", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"KLOOF_LANG": "nl"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "nl_NL"}, "nl"),
    ],
)
def test_the_command_line_language_follows_the_environment(environ, language) -> None:
    assert cli_language(environ) == language


def test_a_worded_error_reads_in_dutch_with_dutch_numbers() -> None:
    error = InputError.worded(
        TOO_LARGE, SPLIT, source="big.csv", size=Decimal("10.5"), limit=1048577
    )
    assert error.message == (
        "big.csv: the file is 10.5 MB, more than the 1,048,577 MB kloof imports"
        " — split the file, or leave out columns the import does not need"
    )
    assert localized_message(error, "nl") == (
        "big.csv: het bestand is 10,5 MB, meer dan de 1.048.577 MB die kloof importeert"
        " — splits het bestand, of laat kolommen weg die de import niet nodig heeft"
    )
    assert localized_message(error, "en") == error.message
    assert localized_message(error, "nl", located=False).startswith("het bestand is 10,5 MB")


def test_a_phrase_inside_a_message_is_translated_and_user_text_is_not() -> None:
    error = InputError.worded(
        N_("%(where)s: %(what)s"),
        where=Phrase(TOO_LARGE, {"size": Decimal("2.0"), "limit": 10}),
        what="SPLIT the file",  # a value from the user's file: as it is
    )
    assert error.problem == "the file is 2.0 MB, more than the 10 MB kloof imports: SPLIT the file"
    assert localized_message(error, "nl") == (
        "het bestand is 2,0 MB, meer dan de 10 MB die kloof importeert: SPLIT the file"
    )


def test_an_error_without_a_template_stays_english() -> None:
    error = InputError("something odd", fix="look again", source="x.yaml", line=3)
    assert localized_message(error, "nl") == "x.yaml:3: something odd — look again"
