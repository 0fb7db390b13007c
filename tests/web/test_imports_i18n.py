"""The web import in the UI language: the reader's own messages, the party names of
the mapping form, and the history line of an import, in Dutch and in English."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from kloof.formats.errors import InputError
from kloof.formats.importmap import mapping_from_data
from kloof.formats.tabular import read_table
from kloof.storage.history import record_change
from kloof.storage.models import ChangeLog, Rater, Rating
from kloof.storage.models_exchange import ImportMappingMemory, PendingUpload
from kloof.web.forms.imports import party_field_name
from kloof.web.views.imports_display import error_text, file_message
from tests.i18n.catalogs import marked_templates, placeholders, plain_input_errors
from tests.web.test_imports_support import (
    FORM,
    HEADER,
    csv_bytes,
    mapping_json,
    upload,
    upload_id,
    url,
)

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "kloof"
CATALOG = SRC / "locale" / "nl" / "LC_MESSAGES" / "web-imports.po"
#: The modules whose InputErrors the web import shows.
WORDED_MODULES = (SRC / "formats" / "tabular.py", SRC / "formats" / "importmap.py")


@pytest.fixture
def dutch(editor):
    editor.cookies["django_language"] = "nl"
    return editor


def file_error(response) -> str:
    """The text of the upload form's error under the file field."""
    found = re.search(r'<p class="error" id="id_file_error">(.*?)</p>', response.content.decode())
    assert found, response.content.decode()[:3000]
    return html.unescape(found.group(1))


# --- the reader's messages on the upload form -------------------------------------------

NOT_TEXT = b"Naam,Partij\r\n\x81\x8d\x8f\x90\x9d\r\n"  # no UTF-8, no Windows-1252 either
WIDE_CELL = csv_bytes([HEADER, ["Anna", "halvorsen", "cartwright", "4", "x" * (1024 * 1024 + 1)]])

UPLOADS = {
    "not-text": ("nonsense.csv", NOT_TEXT),
    "not-zip": ("answers.xlsx", b"Naam;Intentie\r\nAnna;4\r\n"),
    "wide-cell": ("wide.csv", WIDE_CELL),
}
DUTCH = {
    "not-text": "Het bestand kan niet worden geïmporteerd: het bestand is geen tekst in UTF-8 "
    "of Windows-1252 — sla het op als 'CSV UTF-8' of als XLSX en importeer dat",
    "not-zip": "Het bestand kan niet worden geïmporteerd: dit is geen XLSX-bestand "
    "(een XLSX-bestand is een zip-archief) — sla het werkblad vanuit het "
    "spreadsheetprogramma op als .xlsx, of exporteer het als CSV",
    "wide-cell": "Het bestand kan niet worden geïmporteerd: rij 2, kolom E: de cel bevat "
    "1.048.577 tekens, meer dan de 1 MB die kloof in één cel leest — maak de tekst in "
    "die cel korter",
}
ENGLISH = {
    "not-text": "The file cannot be imported: the file is neither UTF-8 nor Windows-1252 text "
    "— save it as 'CSV UTF-8' or as XLSX and import that",
    "not-zip": "The file cannot be imported: this is not an XLSX file (an XLSX file is a zip "
    "archive) — save the sheet as .xlsx from the spreadsheet, or export it as CSV",
    "wide-cell": "The file cannot be imported: row 2, column E: the cell holds 1,048,577 "
    "characters, more than the 1 MB kloof reads in one cell — shorten the text in that cell",
}


@pytest.mark.parametrize("kind", sorted(UPLOADS))
def test_a_refused_file_is_explained_wholly_in_dutch(dutch, case, kind):
    name, data = UPLOADS[kind]

    response = upload(dutch, case, name, data)

    assert response.status_code == 400
    assert file_error(response) == DUTCH[kind]
    page = html.unescape(response.content.decode())
    english = ENGLISH[kind].removeprefix("The file cannot be imported: ")
    problem, fix = english.split(" — ")
    for fragment in ("The file cannot be imported", problem, fix):
        assert fragment not in page
    assert not PendingUpload.objects.exists()


@pytest.mark.parametrize("kind", sorted(UPLOADS))
def test_a_refused_file_is_explained_in_english(editor, case, kind):
    name, data = UPLOADS[kind]

    response = upload(editor, case, name, data)

    assert response.status_code == 400
    assert file_error(response) == ENGLISH[kind]
    assert "Het bestand" not in response.content.decode()


def test_a_file_over_10_mb_is_refused_in_dutch_and_in_english(editor, case):
    data = csv_bytes([HEADER]) + b"x" * (10 * 1024 * 1024)

    english = file_error(upload(editor, case, "big.csv", data))
    editor.cookies["django_language"] = "nl"
    dutch = file_error(upload(editor, case, "big.csv", data))

    assert english == (
        "The file is larger than 10 MB. Split it, or leave out columns the import does not need."
    )
    assert dutch == (
        "Het bestand is groter dan 10 MB. Splits het, of laat kolommen weg die de import "
        "niet nodig heeft."
    )


def reader_error(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(data, name)
    return caught.value


def test_the_readers_size_message_writes_its_numbers_the_dutch_way():
    # The upload form stops a file over 10 MB before the reader sees it; the reader's
    # own message is still worded for a reader called with more.
    error = reader_error(b"x" * (10 * 1024 * 1024 + 150_000), "big.csv")

    with translation.override("nl"):
        dutch = file_message(error)
    with translation.override("en"):
        english = file_message(error)

    assert dutch == (
        "Het bestand kan niet worden geïmporteerd: het bestand is 10,1 MB, meer dan de 10 MB "
        "die kloof importeert — splits het bestand, of laat kolommen weg die de import niet "
        "nodig heeft"
    )
    assert english == f"The file cannot be imported: {error.problem} — {error.fix}"
    assert error.problem == "the file is 10.1 MB, more than the 10 MB kloof imports"


def test_too_many_columns_keeps_the_row_number_ungrouped_and_groups_the_counts():
    header = ",".join(["h"] * 3) + "\n"
    error = reader_error((header * 1499 + ",".join(["a"] * 1001) + "\n").encode(), "w.csv")

    with translation.override("nl"):
        dutch = error_text(error)

    assert error.problem == "row 1500 has 1,001 columns, more than the 1,000 kloof reads"
    assert dutch == (
        "rij 1500 heeft 1.001 kolommen, meer dan de 1.000 die kloof leest — laat de kolommen "
        "weg die de import niet nodig heeft"
    )


def test_the_mapping_files_own_checks_are_worded_in_dutch():
    document = {"kloof_import": 1, "rater": "A", "subject": {"column": "B"}, "scores": {"x": "C"}}
    with pytest.raises(InputError) as scale:
        mapping_from_data({**document, "scale": {"min": 5, "max": 1}}, "mapping")
    with pytest.raises(InputError) as version:
        mapping_from_data({**document, "kloof_import": 2}, "mapping")

    with translation.override("nl"):
        texts = [error_text(scale.value), error_text(version.value, located=True)]

    assert texts == [
        "het minimum van de schaal moet onder het maximum liggen — schrijf de laagste score "
        "van het formulier als min en de hoogste als max",
        "dit is geen koppelbestand voor een kloof-import: 'kloof_import: 1' ontbreekt of "
        "klopt niet — zet de regel 'kloof_import: 1' bovenaan het koppelbestand",
    ]
    assert scale.value.message == (
        "mapping: the scale's min must be below its max — write the form's lowest score as "
        "min and its highest as max"
    )


def test_every_reader_and_mapping_message_has_its_dutch_text_in_the_catalog():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    templates = [text for path in WORDED_MODULES for text in marked_templates(path)]

    assert len(templates) == 45
    for template in templates:
        message = catalog.get(template)
        assert message is not None and message.string, template
        assert placeholders(message.string) <= placeholders(template), template


@pytest.mark.parametrize("path", WORDED_MODULES, ids=lambda path: path.name)
def test_the_reader_and_the_mapping_raise_only_worded_errors(path):
    assert plain_input_errors(path) == []


# --- party names through the mapping form ----------------------------------------------

WE_THEY_ROWS = [
    HEADER,
    ["Anna Visser", "Wij", "Zij", "4", "2", "Geen zorgen"],
    ["Zoë Jansen", "Zij", "wij", "1", "7", ""],
    ["Bo Berg", "wij ", "halvorsen", "6", "", ""],
]
PARTIES = {party_field_name("Wij"): "halvorsen", party_field_name("Zij"): "cartwright"}


def ratings_by_rater(case) -> dict[str, dict[tuple[str, str], float]]:
    names = ["Anna Visser", "Zoë Jansen", "Bo Berg"]
    found: dict[str, dict[tuple[str, str], float]] = {name: {} for name in names}
    for rating in Rating.objects.filter(case=case, rater__name__in=names).select_related(
        "rater", "subject"
    ):
        found[rating.rater.name][(rating.subject.key, rating.factor)] = rating.score
    return found


def select_of(page: str, name: str) -> str:
    found = re.search(rf'<select name="{name}" id="id_{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return found.group(1)


def test_the_mapping_page_asks_which_party_each_unknown_value_means(dutch, case):
    response = dutch.get(upload(dutch, case, "wij-zij.csv", csv_bytes(WE_THEY_ROWS))["Location"])

    page = response.content.decode()
    assert "<legend>Partijnamen in het bestand</legend>" in page
    wij, zij = party_field_name("Wij"), party_field_name("Zij")
    assert f'<label for="id_{wij}">&quot;Wij&quot; betekent:</label>' in page
    assert f'<label for="id_{zij}">&quot;Zij&quot; betekent:</label>' in page
    options = re.findall(r"<option[^>]*>[^<]*</option>", select_of(page, wij))
    assert options == [
        '<option value="" selected>(kies een partij)</option>',
        '<option value="halvorsen">Halvorsen Foods</option>',
        '<option value="cartwright">Cartwright Packaging</option>',
    ]
    # "halvorsen" is a party's id: no question about it.
    assert page.count("betekent:</label>") == 2


def test_party_names_chosen_on_the_form_are_imported_and_remembered(dutch, case):
    number = upload_id(upload(dutch, case, "wij-zij.csv", csv_bytes(WE_THEY_ROWS)))

    preview = dutch.post(url("case_import_mapping", case, upload_id=number), {**FORM, **PARTIES})
    assert preview.status_code == 200, preview.content.decode()[:3000]
    confirm = dutch.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )

    assert confirm.status_code == 302
    assert ratings_by_rater(case) == {
        "Anna Visser": {("cartwright", "intention"): 4.0, ("cartwright", "trust"): 2.0},
        "Zoë Jansen": {("halvorsen", "intention"): 1.0, ("halvorsen", "trust"): 7.0},
        "Bo Berg": {("halvorsen", "intention"): 6.0},
    }
    parties = dict(Rater.objects.filter(case=case).values_list("name", "party__key"))
    assert [parties["Anna Visser"], parties["Zoë Jansen"], parties["Bo Berg"]] == [
        "halvorsen",
        "cartwright",
        "halvorsen",
    ]
    remembered = ImportMappingMemory.objects.get(case=case).data
    assert remembered["parties"] == {"Wij": "halvorsen", "Zij": "cartwright"}


def test_the_remembered_party_names_are_chosen_on_the_next_import(dutch, case):
    number = upload_id(upload(dutch, case, "first.csv", csv_bytes(WE_THEY_ROWS[:2])))
    preview = dutch.post(url("case_import_mapping", case, upload_id=number), {**FORM, **PARTIES})
    dutch.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )

    rows = [HEADER, ["Eva de Wit", "ZIJ", "WIJ", "3", "3", ""]]
    page = dutch.get(upload(dutch, case, "next.csv", csv_bytes(rows))["Location"]).content.decode()

    assert '<option value="cartwright" selected>Cartwright Packaging</option>' in select_of(
        page, party_field_name("Zij")
    )
    assert '<option value="halvorsen" selected>Halvorsen Foods</option>' in select_of(
        page, party_field_name("Wij")
    )
    # Its labels show the values as this file writes them.
    assert "&quot;ZIJ&quot; betekent:" in page


def test_an_unchosen_party_name_is_a_problem_that_points_to_the_choice(dutch, case):
    number = upload_id(upload(dutch, case, "wij-zij.csv", csv_bytes(WE_THEY_ROWS)))
    only_wij = {party_field_name("Wij"): "halvorsen"}

    response = dutch.post(url("case_import_mapping", case, upload_id=number), {**FORM, **only_wij})

    page = response.content.decode()
    assert response.status_code == 400
    assert "2 problemen gevonden; er wordt niets geïmporteerd" in page
    assert (
        "<td>2</td><td>&quot;Over&quot;</td><td>&quot;Zij&quot; is geen partij van de casus</td>"
        "<td>kies onder &quot;Partijnamen in het bestand&quot; welke partij ermee bedoeld wordt, "
        "of schrijf de id of naam van een partij in het bestand</td>"
    ) in page
    assert "<td>3</td><td>&quot;Partij&quot;</td>" in page
    # The choice made stays chosen, the other is still asked.
    assert '<option value="halvorsen" selected>' in select_of(page, party_field_name("Wij"))
    assert '<option value="" selected>' in select_of(page, party_field_name("Zij"))
    assert not Rating.objects.filter(case=case, rater__name="Anna Visser").exists()


def test_the_party_names_follow_the_columns_posted(editor, case):
    rows = [["Naam", "Organisatie", "Over", "Intentie"], ["Anna", "Wij", "halvorsen", "4"]]
    number = upload_id(upload(editor, case, "cols.csv", csv_bytes(rows)))
    form = {
        "rater": "Naam",
        "rater_party": "party:halvorsen",
        "subject": "column:Organisatie",
        "score_intention": "Intentie",
        "scale_min": "1",
        "scale_max": "7",
    }

    response = editor.post(url("case_import_mapping", case, upload_id=number), form)

    page = response.content.decode()
    assert "<legend>Party names in the file</legend>" in page
    assert f'<label for="id_{party_field_name("Wij")}">&quot;Wij&quot; means:</label>' in page
    assert (
        "choose which party it means under &quot;Party names in the file&quot;, "
        "or write a party&#x27;s id or name in the file"
    ) in page


def test_a_party_value_is_shown_as_text_not_as_markup(editor, case):
    rows = [HEADER, ["Anna", "halvorsen", "<b>Wij</b>", "4", "", ""]]

    page = editor.get(upload(editor, case, "tags.csv", csv_bytes(rows))["Location"])

    html_text = page.content.decode()
    name = party_field_name("<b>Wij</b>")
    assert f'<label for="id_{name}">&quot;&lt;b&gt;Wij&lt;/b&gt;&quot; means:</label>' in html_text
    assert "<b>Wij</b>" not in html_text


# --- the history line ------------------------------------------------------------------


def history(client, team, case) -> list[str]:
    response = client.get(f"/w/{team.workspace.slug}/cases/{case.pk}/history/")
    return [row["what"] for row in response.context["rows"]]


def import_file(client, case, name: str, rows: list[list[str]]) -> None:
    number = upload_id(upload(client, case, name, csv_bytes(rows)))
    preview = client.post(url("case_import_mapping", case, upload_id=number), {**FORM, **PARTIES})
    confirm = client.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )
    assert confirm.status_code == 302


def test_the_history_words_an_import_in_the_language_of_the_page(dutch, case, team):
    import_file(dutch, case, "een.csv", [HEADER, WE_THEY_ROWS[3]])
    import_file(dutch, case, "wij-zij.csv", WE_THEY_ROWS[:3])

    dutch_lines = history(dutch, team, case)
    page = dutch.get(f"/w/{team.workspace.slug}/cases/{case.pk}/history/").content.decode()
    assert "</strong>: 4 beoordelingen geïmporteerd uit wij-zij.csv</p>" in page
    assert "imported 4 ratings" not in page
    dutch.cookies["django_language"] = "en"
    english_lines = history(dutch, team, case)

    assert dutch_lines == [
        "4 beoordelingen geïmporteerd uit wij-zij.csv",
        "1 beoordeling geïmporteerd uit een.csv",
    ]
    assert english_lines == [
        "Imported 4 ratings from wij-zij.csv",
        "Imported 1 rating from een.csv",
    ]
    # The stored row keeps its English summary and its language-neutral subject.
    stored = ChangeLog.objects.filter(case=case, model="import").order_by("id")
    assert [(c.summary, c.subject) for c in stored] == [
        ("imported 1 rating from een.csv", {"file": "een.csv", "ratings": 1}),
        ("imported 4 ratings from wij-zij.csv", {"file": "wij-zij.csv", "ratings": 4}),
    ]


def test_an_import_row_without_its_subject_shows_its_stored_summary(dutch, case, team):
    record_change(case, team.editor, "imported 3 ratings from old.csv", {}, model="import")

    assert history(dutch, team, case) == ["imported 3 ratings from old.csv"]
