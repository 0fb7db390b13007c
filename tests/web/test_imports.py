"""The web import: upload → mapping → preview → confirm, on real files."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError
from django.utils import translation

from kloof.storage import imports as store
from kloof.storage import rating as rating_store
from kloof.storage.models import ChangeLog, Rater, Rating
from kloof.storage.models_exchange import ImportMappingMemory, PendingUpload
from tests.web.factories import make_demo_case
from tests.web.test_imports_support import (
    FORM,
    HEADER,
    ROWS,
    csv_bytes,
    mapping_json,
    upload,
    upload_id,
    url,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def ratings_of(case, name: str) -> dict[tuple[str, str], tuple[float | None, str | None]]:
    rows = Rating.objects.filter(case=case, rater__name=name).select_related("subject")
    return {(r.subject.key, r.factor): (r.score, r.note) for r in rows}


def walk(client, case, name: str, data: bytes, form: dict | None = None):
    """Upload, post the mapping (the preview) and confirm; the three answers."""
    uploaded = upload(client, case, name, data)
    number = upload_id(uploaded)
    preview = client.post(url("case_import_mapping", case, upload_id=number), form or FORM)
    assert preview.status_code == 200, preview.content.decode()[:3000]
    confirm = client.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )
    return uploaded, preview, confirm


EXPECTED_ANNA = {
    ("cartwright", "intention"): (4.0, "Geen zorgen"),
    ("cartwright", "trust"): (2.0, "Geen zorgen"),
}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom-semicolon.csv", b"\xef\xbb\xbf" + csv_bytes([HEADER, *ROWS], ";")),
        ("windows.csv", csv_bytes([HEADER, *ROWS], ";", "cp1252")),
        ("tabs.tsv", csv_bytes([HEADER, *ROWS], "\t")),
        ("answers.xlsx", xlsx_bytes([HEADER, *[[*r[:3], int(r[3]), r[4], r[5]] for r in ROWS]])),
    ],
    ids=["utf8-bom-semicolon", "cp1252", "tab", "xlsx"],
)
def test_import_walks_from_upload_to_confirmed_ratings(editor, case, name, data):
    before = Rating.objects.filter(case=case).count()

    _uploaded, preview, confirm = walk(editor, case, name, data)

    html = preview.content.decode()
    assert "5 new ratings" in html  # 2 + 1 (Eric's trust is empty) + 2
    assert "0 ratings replaced" in html
    assert "3 new raters: Anna Visser (Halvorsen Foods), Eric Müller (Halvorsen Foods), " in html
    assert "Zoë Jansen (Cartwright Packaging)" in html
    assert confirm.status_code == 302
    assert confirm["Location"] == url("rating_overview", case)
    assert Rating.objects.filter(case=case).count() == before + 5
    assert ratings_of(case, "Anna Visser") == EXPECTED_ANNA
    assert ratings_of(case, "Zoë Jansen") == {
        ("halvorsen", "intention"): (1.0, "Café-overleg"),
        ("halvorsen", "trust"): (7.0, "Café-overleg"),
    }
    assert Rater.objects.get(case=case, name="Zoë Jansen").party.key == "cartwright"
    assert not PendingUpload.objects.filter(case=case).exists()
    change = ChangeLog.objects.filter(case=case, model="import").get()
    assert change.summary == f"imported 5 ratings from {name}"


def test_import_rescales_a_1_to_5_form_onto_the_case_scale_1_to_7(editor, case):
    rows = [HEADER, ["Anna Visser", "halvorsen", "cartwright", "2", "5", ""]]

    walk(editor, case, "five.csv", csv_bytes(rows), {**FORM, "scale_max": "5"})

    assert ratings_of(case, "Anna Visser") == {
        ("cartwright", "intention"): (2.5, None),
        ("cartwright", "trust"): (7.0, None),
    }


def test_import_with_a_fixed_party_for_every_row(editor, case):
    rows = [["Naam", "Intentie"], ["Anna Visser", "6"]]
    form = {
        "rater": "Naam",
        "rater_party": "party:halvorsen",
        "subject": "party:cartwright",
        "score_intention": "Intentie",
        "scale_min": "1",
        "scale_max": "7",
    }

    walk(editor, case, "fixed.csv", csv_bytes(rows), form)

    assert ratings_of(case, "Anna Visser") == {("cartwright", "intention"): (6.0, None)}


def test_the_mapping_is_remembered_and_prefilled_on_the_next_import(editor, case):
    renamed = ["Wie", "Organisatie", "Beoordeeld", "Score intentie", "Score vertrouwen", "x"]
    form = {
        **FORM,
        "rater": "Wie",
        "rater_party": "column:Organisatie",
        "subject": "column:Beoordeeld",
        "score_intention": "Score intentie",
        "score_trust": "Score vertrouwen",
        "note": "",
        "scale_max": "5",
    }
    first = [renamed, ["Anna Visser", "halvorsen", "cartwright", "3", "3", ""]]
    walk(editor, case, "first.csv", csv_bytes(first), form)
    remembered = ImportMappingMemory.objects.get(case=case).data
    assert remembered == {
        "kloof_import": 1,
        "rater": "Wie",
        "rater_party": {"column": "Organisatie"},
        "subject": {"column": "Beoordeeld"},
        "scores": {"intention": "Score intentie", "trust": "Score vertrouwen"},
        "scale": {"min": 1, "max": 5},
    }

    next_rows = [renamed, ["Bo", "halvorsen", "cartwright", "1", "1", ""]]
    second = upload(editor, case, "second.csv", csv_bytes(next_rows))
    page = editor.get(second["Location"]).content.decode()

    assert '<option value="Score intentie" selected>D · Score intentie</option>' in page
    assert '<option value="column:Beoordeeld" selected>C · Beoordeeld</option>' in page
    assert 'name="scale_max" value="5"' in page


def test_the_mapping_is_guessed_from_headers_in_dutch_or_english(editor, case):
    header = ["Name", "Party", "Subject", "Trust", "Afhankelijkheid", "Value creation"]
    rows = [header, ["A", "halvorsen", "cartwright", "1", "2", "3"]]
    response = upload(editor, case, "guess.csv", csv_bytes(rows))
    page = editor.get(response["Location"]).content.decode()

    for value, label in [
        ("Name", "A · Name"),
        ("column:Party", "B · Party"),
        ("column:Subject", "C · Subject"),
        ("Trust", "D · Trust"),
        ("Afhankelijkheid", "E · Afhankelijkheid"),
        ("Value creation", "F · Value creation"),
    ]:
        assert f'<option value="{value}" selected>{label}</option>' in page


def test_the_form_produces_a_mapping_document_as_the_cli_reads_it(editor, case):
    number = upload_id(upload(editor, case, "a.csv", csv_bytes([HEADER, *ROWS])))
    preview = editor.post(url("case_import_mapping", case, upload_id=number), FORM)

    document = json.loads(mapping_json(preview.content.decode()))

    assert document == {
        "kloof_import": 1,
        "rater": "Naam",
        "rater_party": {"column": "Partij"},
        "subject": {"column": "Over"},
        "scores": {"intention": "Intentie", "trust": "Vertrouwen"},
        "scale": {"min": 1, "max": 7},
        "note": "Toelichting",
    }
    from kloof.formats.importmap import parse_mapping

    parsed = parse_mapping(json.dumps(document).encode(), "map.json")
    assert parsed.scores == {"intention": "Intentie", "trust": "Vertrouwen"}


def test_problems_are_listed_by_row_and_column_and_nothing_is_written(editor, case):
    rows = [
        HEADER,
        ["Anna Visser", "halvorsen", "cartwright", "zeven", "2", ""],
        ["Bo", "nobody", "cartwright", "3", "9", ""],
    ]
    before = Rating.objects.filter(case=case).count()
    number = upload_id(upload(editor, case, "bad.csv", csv_bytes(rows)))

    response = editor.post(url("case_import_mapping", case, upload_id=number), FORM)

    html = response.content.decode()
    assert response.status_code == 400
    assert "3 problems found; nothing is imported" in html
    assert (
        "<td>2</td><td>&quot;Intentie&quot;</td><td>&quot;zeven&quot; is not a number</td>"
        "<td>write a number from 1 to 7</td>"
    ) in html
    assert (
        "<td>3</td><td>&quot;Partij&quot;</td>"
        "<td>&quot;nobody&quot; is not a party of the case</td>" in html
    )
    assert (
        "<td>3</td><td>&quot;Vertrouwen&quot;</td><td>&quot;9&quot; is off the scale 1 to 7</td>"
        in html
    )
    assert 'name="mapping"' not in html  # no confirm button
    assert Rating.objects.filter(case=case).count() == before


def test_problems_are_shown_in_dutch_for_a_dutch_interface(editor, case):
    rows = [HEADER, ["Anna Visser", "halvorsen", "cartwright", "zeven", "2", ""]]
    number = upload_id(upload(editor, case, "bad.csv", csv_bytes(rows)))
    editor.cookies["django_language"] = "nl"

    with translation.override("nl"):
        html = editor.post(
            url("case_import_mapping", case, upload_id=number), FORM
        ).content.decode()

    assert "1 probleem gevonden; er wordt niets geïmporteerd" in html
    assert "&quot;zeven&quot; is geen getal" in html
    assert "schrijf een getal van 1 tot en met 7" in html


def test_only_the_first_50_problems_are_listed_with_a_count_of_the_rest(editor, case):
    rows = [HEADER, *[[f"P{i}", "halvorsen", "cartwright", "x", "", ""] for i in range(60)]]
    number = upload_id(upload(editor, case, "many.csv", csv_bytes(rows)))

    html = editor.post(url("case_import_mapping", case, upload_id=number), FORM).content.decode()

    assert "60 problems found" in html
    assert html.count("is not a number</td>") == 50
    assert "… and 10 more problems." in html


def test_an_existing_rating_is_a_problem_unless_replace_is_chosen(editor, case):
    rows = [HEADER, ["Maria Lindqvist", "halvorsen", "halvorsen", "2", "", ""]]
    number = upload_id(upload(editor, case, "again.csv", csv_bytes(rows)))
    target = url("case_import_mapping", case, upload_id=number)

    refused = editor.post(target, FORM).content.decode()
    preview = editor.post(target, {**FORM, "replace": "on"})
    confirm = editor.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode()), "replace": "1"},
    )

    assert "rates &#x27;halvorsen&#x27; on &#x27;intention&#x27; already in the case" in refused
    assert "1 rating replaced" in preview.content.decode()
    assert confirm.status_code == 302
    maria = Rating.objects.get(
        case=case, rater__key="maria", subject__key="halvorsen", factor="intention"
    )
    assert maria.score == 2.0


def test_confirm_refuses_when_the_case_changed_since_the_preview(editor, case, team):
    rows = [HEADER, ["Anna Visser", "halvorsen", "cartwright", "4", "", ""]]
    number = upload_id(upload(editor, case, "late.csv", csv_bytes(rows)))
    preview = editor.post(url("case_import_mapping", case, upload_id=number), FORM)
    # Meanwhile someone adds Anna by hand, of the other party.
    anna = rating_store.add_rater(case, "Anna Visser", case.parties.get(key="cartwright"))
    before = Rating.objects.filter(case=case).count()

    confirm = editor.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )

    html = confirm.content.decode()
    assert confirm.status_code == 409
    assert "Nothing was imported: the case changed since the preview." in html
    assert "belongs to &#x27;cartwright&#x27;, the row says &#x27;halvorsen&#x27;" in html
    assert Rating.objects.filter(case=case).count() == before
    assert not Rating.objects.filter(rater=anna).exists()
    assert PendingUpload.objects.filter(pk=number).exists()  # still there to try again


def test_a_failing_write_leaves_nothing_written_and_says_so(editor, case, monkeypatch):
    number = upload_id(upload(editor, case, "fail.csv", csv_bytes([HEADER, *ROWS])))
    preview = editor.post(url("case_import_mapping", case, upload_id=number), FORM)
    raters_before = Rater.objects.filter(case=case).count()
    ratings_before = Rating.objects.filter(case=case).count()

    def broken(*args, **kwargs):
        raise IntegrityError("disk says no")

    # The raters are written first, then the ratings fail: all of it must go.
    monkeypatch.setattr(store, "save_ratings", broken)
    confirm = editor.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )

    assert confirm.status_code == 503
    assert (
        "Nothing was imported: the database could not save it just now." in confirm.content.decode()
    )
    assert Rater.objects.filter(case=case).count() == raters_before
    assert Rating.objects.filter(case=case).count() == ratings_before
    assert not ChangeLog.objects.filter(case=case, model="import").exists()
    assert not ImportMappingMemory.objects.filter(case=case).exists()


def test_a_confirm_with_a_broken_mapping_document_is_refused(editor, case):
    number = upload_id(upload(editor, case, "a.csv", csv_bytes([HEADER, *ROWS])))
    target = url("case_import_confirm", case, upload_id=number)

    not_json = editor.post(target, {"mapping": "{nope"})
    wrong = editor.post(target, {"mapping": json.dumps({"kloof_import": 1, "rater": "Naam"})})

    assert not_json.status_code == 400
    assert wrong.status_code == 400
    assert "Nothing was imported" in wrong.content.decode()
    assert not Rater.objects.filter(case=case, name="Anna Visser").exists()


def test_an_unreadable_file_gets_the_readers_message_on_the_form(editor, case):
    response = upload(editor, case, "old.xls", b"\xd0\xcf\x11\xe0rest of an old excel file")

    html = response.content.decode()
    assert response.status_code == 400
    assert "The file cannot be imported: this is an old Excel file (.xls)" in html
    assert not PendingUpload.objects.exists()


def test_a_file_over_10_mb_is_refused_with_a_message(editor, case):
    data = csv_bytes([HEADER]) + b"x" * (10 * 1024 * 1024)

    response = upload(editor, case, "big.csv", data)

    assert response.status_code == 400
    assert "The file is larger than 10 MB." in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_cancel_deletes_the_upload(editor, case):
    number = upload_id(upload(editor, case, "a.csv", csv_bytes([HEADER, *ROWS])))

    response = editor.post(url("case_import_cancel", case, upload_id=number))

    assert response.status_code == 302
    assert not PendingUpload.objects.filter(pk=number).exists()


def test_uploads_older_than_a_day_are_deleted_at_the_next_upload(editor, case, team):
    old = PendingUpload.objects.create(case=case, user=team.owner, filename="old.csv", data=b"a")
    PendingUpload.objects.filter(pk=old.pk).update(created=old.created - store.UPLOAD_LIFETIME * 2)

    upload_id(upload(editor, case, "new.csv", csv_bytes([HEADER, *ROWS])))

    assert list(PendingUpload.objects.values_list("filename", flat=True)) == ["new.csv"]


def test_another_users_upload_is_not_found(client, team, case):
    client.force_login(team.editor)
    number = upload_id(upload(client, case, "mine.csv", csv_bytes([HEADER, *ROWS])))
    client.force_login(team.owner)

    mapping = client.get(url("case_import_mapping", case, upload_id=number))
    confirm = client.post(url("case_import_confirm", case, upload_id=number), {"mapping": "{}"})
    cancel = client.post(url("case_import_cancel", case, upload_id=number))

    assert [mapping.status_code, confirm.status_code, cancel.status_code] == [404, 404, 404]
    assert PendingUpload.objects.filter(pk=number).exists()


def test_an_upload_of_another_case_is_not_found(editor, team, case):
    other = make_demo_case(team.workspace, title="Other")
    number = upload_id(upload(editor, case, "mine.csv", csv_bytes([HEADER, *ROWS])))

    assert editor.get(url("case_import_mapping", other, upload_id=number)).status_code == 404


def test_the_navigation_has_the_import_for_editors_only(client, team, case):
    client.force_login(team.editor)
    assert (
        f'href="{url("case_import", case)}"' in client.get(url("dashboard", case)).content.decode()
    )
    client.force_login(team.viewer)
    assert (
        f'href="{url("case_import", case)}"'
        not in client.get(url("dashboard", case)).content.decode()
    )


def test_the_upload_is_read_once_and_kept_as_its_table(editor, case):
    """The later steps load the table kept at the upload instead of parsing the
    file again (a large XLSX took longer than a worker may take, on every step)."""
    from kloof.formats.tablecache import table_from_bytes
    from kloof.formats.tabular import Row

    number = upload_id(upload(editor, case, "a.xlsx", xlsx_bytes([HEADER, ["Eva", "x", "=1+1"]])))
    kept = bytes(PendingUpload.objects.get(pk=number).data)

    table = table_from_bytes(kept, "a.xlsx")
    assert table.header == tuple(HEADER)
    assert table.rows == (Row(2, ("Eva", "x", ""), frozenset({2})),)
    assert not kept.startswith(b"PK")


def test_an_upload_kept_as_the_file_itself_still_imports(editor, case, team):
    """Uploads kept before the table was: the file's bytes, read again."""
    data = csv_bytes([HEADER, *ROWS])
    old = PendingUpload.objects.create(case=case, user=team.editor, filename="a.csv", data=data)

    page = editor.get(url("case_import_mapping", case, upload_id=old.pk))

    assert page.status_code == 200
    assert "Anna Visser" in page.content.decode()
