"""The web import of files as people keep them: a row per factor (the long
layout), "the other party" as the rated party, and score columns found by the
factor's name or question inside a header."""

from __future__ import annotations

import re

import pytest

from kloof.storage.models import Rating
from kloof.storage.models_exchange import ImportMappingMemory
from kloof.web.forms.import_guess import factor_field_name
from tests.web.test_imports_support import csv_bytes, mapping_json, upload, upload_id, url

pytestmark = pytest.mark.django_db

LONG_HEADER = ["Naam", "Partij", "Over", "Factor", "Score"]
LONG_ROWS = [
    ["Anna Visser", "halvorsen", "cartwright", "Intentie", "4"],
    ["Anna Visser", "halvorsen", "cartwright", "Trust", "2"],
    ["Anna Visser", "halvorsen", "cartwright", "Samenwerking", "6"],
    ["Zoë Jansen", "cartwright", "halvorsen", "claiming sharing", "7"],
]
LONG_FORM = {
    "rater": "Naam",
    "rater_party": "column:Partij",
    "subject": "column:Over",
    "layout": "long",
    "factor_column": "Factor",
    "score_column": "Score",
    "scale_min": "1",
    "scale_max": "7",
}


def scores_of(case, name: str) -> dict[tuple[str, str], float | None]:
    rows = Rating.objects.filter(case=case, rater__name=name).select_related("subject")
    return {(r.subject.key, r.factor): r.score for r in rows}


def select_of(page: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return found.group(1)


def selected(page: str, name: str) -> str | None:
    found = re.search(r'<option value="([^"]*)"[^>]*selected', select_of(page, name))
    return found.group(1) if found else None


def test_a_long_file_is_guessed_asks_for_unknown_factor_names_and_imports(editor, case):
    number = upload_id(upload(editor, case, "lang.csv", csv_bytes([LONG_HEADER, *LONG_ROWS])))
    mapping_url = url("case_import_mapping", case, upload_id=number)

    first = editor.get(mapping_url).content.decode()
    assert re.search(r'<input type="radio" name="layout" value="long"[^>]*checked', first)
    assert selected(first, "factor_column") == "Factor"
    assert selected(first, "score_column") == "Score"
    field = factor_field_name("Samenwerking")
    assert "&quot;Samenwerking&quot; means" in first
    assert f'name="{field}"' in first

    unchosen = editor.post(mapping_url, LONG_FORM)
    assert unchosen.status_code == 400
    page = unchosen.content.decode()
    assert "&quot;Samenwerking&quot; is not a factor of the case" in page
    assert "Factor names in the file" in page

    preview = editor.post(mapping_url, {**LONG_FORM, field: "relationship"})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    document = mapping_json(preview.content.decode())
    confirm = editor.post(url("case_import_confirm", case, upload_id=number), {"mapping": document})

    assert confirm.status_code == 302
    assert scores_of(case, "Anna Visser") == {
        ("cartwright", "intention"): 4.0,
        ("cartwright", "trust"): 2.0,
        ("cartwright", "relationship"): 6.0,
    }
    assert scores_of(case, "Zoë Jansen") == {("halvorsen", "claiming_sharing"): 7.0}
    remembered = ImportMappingMemory.objects.get(case=case).data
    assert {key: remembered[key] for key in ("factor", "score", "factors")} == {
        "factor": "Factor",
        "score": "Score",
        "factors": {"Samenwerking": "relationship"},
    }
    assert "scores" not in remembered

    again = upload_id(upload(editor, case, "b.csv", csv_bytes([LONG_HEADER, *LONG_ROWS[2:3]])))
    next_page = editor.get(url("case_import_mapping", case, upload_id=again)).content.decode()
    assert selected(next_page, field) == "relationship"


def test_the_closest_factor_name_is_offered_in_dutch(editor, case):
    editor.cookies["django_language"] = "nl"
    rows = [LONG_HEADER, ["Anna Visser", "halvorsen", "cartwright", "Vertrouwn", "4"]]
    number = upload_id(upload(editor, case, "lang.csv", csv_bytes(rows)))

    page = editor.get(url("case_import_mapping", case, upload_id=number)).content.decode()

    assert "Bedoel je &quot;Vertrouwen&quot; (trust)?" in page
    assert "Factornamen in het bestand" in page


def test_the_long_layout_needs_both_columns(editor, case):
    number = upload_id(upload(editor, case, "lang.csv", csv_bytes([LONG_HEADER, *LONG_ROWS])))

    response = editor.post(
        url("case_import_mapping", case, upload_id=number), {**LONG_FORM, "score_column": ""}
    )

    assert response.status_code == 400
    assert "Choose this column for a file with a row per factor." in response.content.decode()


def test_the_other_party_imports_both_sides_respondents_in_one_go(editor, case):
    rows = [
        ["Naam", "Partij", "Intentie", "Vertrouwen"],
        ["Anna Visser", "halvorsen", "4", "2"],
        ["Zoë Jansen", "cartwright", "1", "7"],
    ]
    number = upload_id(upload(editor, case, "beide.csv", csv_bytes(rows)))
    mapping_url = url("case_import_mapping", case, upload_id=number)
    page = editor.get(mapping_url).content.decode()
    assert "The other party: the one the rater does not belong to" in page
    form = {
        "rater": "Naam",
        "rater_party": "column:Partij",
        "subject": "other_party",
        "score_intention": "Intentie",
        "score_trust": "Vertrouwen",
        "scale_min": "1",
        "scale_max": "7",
    }

    preview = editor.post(mapping_url, form)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    editor.post(
        url("case_import_confirm", case, upload_id=number),
        {"mapping": mapping_json(preview.content.decode())},
    )

    assert scores_of(case, "Anna Visser") == {
        ("cartwright", "intention"): 4.0,
        ("cartwright", "trust"): 2.0,
    }
    assert scores_of(case, "Zoë Jansen") == {
        ("halvorsen", "intention"): 1.0,
        ("halvorsen", "trust"): 7.0,
    }
    assert ImportMappingMemory.objects.get(case=case).data["subject"] == {"other_party": True}


def test_score_columns_are_guessed_from_names_and_questions_inside_headers(editor, case):
    header = [
        "Naam",
        "Q1. Intentie (1-7)",
        "How do you rate their trust?",
        "Welke rol speelt de relatie met de andere partij bij het halen van jullie doelen "
        "voor de komende jaren?",
        "Emotional frame / emotioneel kader",
        "Trust and flexibility",
    ]
    number = upload_id(upload(editor, case, "vragen.csv", csv_bytes([header, ["Eva"] * 6])))

    page = editor.get(url("case_import_mapping", case, upload_id=number)).content.decode()

    guessed = {
        key: selected(page, f"score_{key}")
        for key in ("intention", "trust", "relationship", "emotional_frame", "flexibility")
    }
    assert guessed == {
        "intention": "Q1. Intentie (1-7)",
        "trust": "How do you rate their trust?",
        "relationship": header[3],
        "emotional_frame": "Emotional frame / emotioneel kader",
        "flexibility": "",  # its only header names trust too: the user chooses
    }
