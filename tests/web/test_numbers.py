"""Numbers as people type them: a decimal comma or point in either language
("3,5" is 3.5, never 35), and no form that hands a number to the browser's
number field (Chromium drops the comma from "3,5" there and posts 35)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

from kloof.web import forms as form_package
from kloof.web.forms.numbers import TypedNumberField, WholeNumberField, typed_number
from tests.web.factories import make_demo_case, make_team
from tests.web.test_cases_edit import edit_url, form_data


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        (" 4 ", 4.0),
        ("-1,25", -1.25),
        (",5", 0.5),
        ("7,", 7.0),
        ("+2", 2.0),
    ],
)
def test_a_typed_number_takes_a_comma_or_a_point(text, number):
    assert typed_number(text) == number


@pytest.mark.parametrize(
    "text", ["", "3,5,1", "1.234,5", "1,234.5", "3 5", "nan", "inf", "1e3", "4½", "x" * 41]
)
def test_anything_else_is_no_number(text):
    assert typed_number(text) is None


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_field_reads_the_comma_in_either_language_and_shows_the_language_way(language):
    field = TypedNumberField()
    with translation.override(language):
        assert field.clean("3,5") == 3.5
        assert field.clean("3.5") == 3.5
        assert field.prepare_value(1.5) == {"en": "1.5", "nl": "1,5"}[language]
        assert field.prepare_value(7.0) == "7"
        assert not field.has_changed(4.333, "4,33")  # shown with two decimals, posted back
        assert field.has_changed(4.0, "4,5")
        assert field.has_changed(None, "4")
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("1.234,5")
        assert refused.value.messages == [
            {
                "en": "Type a number, such as 4 or 4.5 (a decimal comma works too).",
                "nl": "Typ een getal, zoals 4 of 4,5 (een decimale punt werkt ook).",
            }[language]
        ]


def every_form_field() -> list[tuple[str, str, forms.Field]]:
    found = []
    for module_info in pkgutil.iter_modules(form_package.__path__):
        module = importlib.import_module(f"{form_package.__name__}.{module_info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, forms.BaseForm):
                for field_name, field in value.base_fields.items():
                    found.append((f"{module_info.name}.{name}", field_name, field))
    return found


def test_no_form_uses_the_browsers_number_field():
    fields = every_form_field()
    assert len(fields) > 50
    number_inputs = [
        (form, name)
        for form, name, field in fields
        if isinstance(field.widget, forms.NumberInput) and not field.widget.is_hidden
    ]
    assert number_inputs == []
    typed = {name for _form, name, field in fields if isinstance(field, TypedNumberField)}
    whole = {name for _form, name, field in fields if isinstance(field, WholeNumberField)}
    assert (typed, whole) == (
        {"scale_min", "scale_max", "score"},
        {"min_group", "hours", "due_within", "page", "cadence_months"},
    )
    numbers = [
        (form, name)
        for form, name, field in fields
        if name in typed | whole and not isinstance(field, TypedNumberField | WholeNumberField)
    ]
    assert numbers == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_case_scale_typed_with_a_comma_is_kept(client, language):
    team = make_team()
    case = make_demo_case(team.workspace)
    client.force_login(team.owner)
    client.cookies["django_language"] = language
    response = client.post(edit_url(case), form_data(case, scale_min="0,5", scale_max="7,5"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.scale_min, case.scale_max) == (0.5, 7.5)
    html = client.get(edit_url(case)).content.decode()
    shown = {"en": ("0.5", "7.5"), "nl": ("0,5", "7,5")}[language]
    assert f'name="scale_min" value="{shown[0]}" inputmode="decimal"' in html
    assert f'name="scale_max" value="{shown[1]}" inputmode="decimal"' in html
