"""The spotting journal on the web: quick capture, the list with its filters and
counts, edit and delete with a version check, sharing, and the exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kloof.storage.journal import create_entry
from kloof.storage.models_practice import JournalEntry
from tests.web.practice_support import journal_values

FORMULA = '=HYPERLINK("http://x")'


def entry_data(**extra: str) -> dict[str, str]:
    return {
        "date": "2026-11-02",
        "situation": "The plumber wants cash up front",
        "parties": "plumber and us",
        "factor": "trust",
        "severity": "blocking",
        "next": "We paid half",
        **extra,
    }


@pytest.mark.django_db
def test_quick_capture_stores_the_entry_and_shows_it(client, team):
    client.force_login(team.editor)
    response = client.post(reverse("journal_new"), entry_data())
    row = JournalEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("journal_entry", kwargs={"entry_id": row.pk})
    assert (row.user, row.date, row.factor, row.severity, row.workspace) == (
        team.editor,
        dt.date(2026, 11, 2),
        "trust",
        "blocking",
        None,
    )
    page = client.get(response["Location"]).content.decode()
    assert "The plumber wants cash up front" in page
    assert "Trust" in page


@pytest.mark.django_db
def test_the_new_form_proposes_today_and_names_the_factors_in_dutch(client, team):
    client.force_login(team.editor)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("journal_new"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert "Vertrouwen" in page
    assert "Intentie" in page


@pytest.mark.django_db
def test_save_and_add_another_comes_back_to_an_empty_form(client, team):
    client.force_login(team.editor)
    response = client.post(reverse("journal_new"), entry_data(another="1"))
    assert response["Location"] == reverse("journal_new")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("situation", "   ", "Describe the situation in a few words."),
        ("factor", "price", "Select a valid choice."),
        ("severity", "huge", "Select a valid choice."),
        ("date", "2099-01-01", "This date lies in the future"),
        ("date", "31-02-2026", "Enter a valid date."),
    ],
)
def test_bad_input_names_the_problem_and_stores_nothing(client, team, field, value, message):
    client.force_login(team.editor)
    response = client.post(reverse("journal_new"), entry_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_sharing_to_a_workspace_of_which_one_is_no_member_is_refused(client, team):
    client.force_login(team.editor)
    data = entry_data(workspace=str(team.other_workspace.pk))
    response = client.post(reverse("journal_new"), data)
    assert response.status_code == 400
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_a_shared_entry_is_readable_by_members_only_and_changeable_by_nobody_else(client, team):
    row = create_entry(team.editor, journal_values(workspace=team.workspace))
    client.force_login(team.viewer)
    page = client.get(reverse("journal_entry", kwargs={"entry_id": row.pk}))
    assert page.status_code == 200
    assert "journal_edit" not in page.content.decode()
    assert reverse("journal_edit", kwargs={"entry_id": row.pk}) not in page.content.decode()
    assert client.get(reverse("journal_edit", kwargs={"entry_id": row.pk})).status_code == 404
    shared = client.get(reverse("journal_list"), {"scope": "shared"}).content.decode()
    assert "The neighbour wants the hedge lower" in shared
    own = client.get(reverse("journal_list")).content.decode()
    assert "The neighbour wants the hedge lower" not in own
    client.force_login(team.outsider)
    assert client.get(reverse("journal_entry", kwargs={"entry_id": row.pk})).status_code == 404


@pytest.mark.django_db
def test_the_list_filters_by_factor_severity_and_period(client, team):
    user = team.editor
    create_entry(user, journal_values(date=dt.date(2026, 9, 3), factor="trust", situation="A"))
    create_entry(user, journal_values(date=dt.date(2026, 10, 5), severity="nuance", situation="B"))
    create_entry(user, journal_values(date=dt.date(2026, 11, 7), situation="C"))
    client.force_login(user)

    def shown(**query: str) -> list[str]:
        response = client.get(reverse("journal_list"), query)
        assert response.status_code == 200
        return [row.situation for row in response.context["entries"]]

    assert shown() == ["C", "B", "A"]
    assert shown(factor="trust") == ["A"]
    assert shown(severity="nuance") == ["B"]
    assert shown(start="2026-10-01", end="2026-10-31") == ["B"]
    response = client.get(reverse("journal_list"), {"start": "2026-11-01", "end": "2026-10-01"})
    assert response.status_code == 400
    assert "swap the two dates" in response.content.decode()


@pytest.mark.django_db
def test_the_counts_table_has_a_column_per_month_and_a_row_per_noticed_factor(client, team):
    user = team.editor
    create_entry(user, journal_values(date=dt.date(2026, 9, 3), factor="trust"))
    create_entry(user, journal_values(date=dt.date(2026, 11, 5), severity="nuance"))
    create_entry(user, journal_values(date=dt.date(2026, 11, 7)))
    client.force_login(user)
    response = client.get(reverse("journal_list"))
    counts = response.context["counts"]
    assert counts["months"] == ["2026-09", "2026-10", "2026-11"]
    assert [(row["name"], row["cells"], row["total"]) for row in counts["rows"]] == [
        ("Intention", [0, 0, 2], 2),
        ("Trust", [1, 0, 0], 1),
    ]
    assert counts["totals"] == [1, 0, 2]
    page = response.content.decode()
    assert 'role="img"' in page
    assert "2026-11: 2 noticed, 1 of them blocking" in page


@pytest.mark.django_db
def test_edit_saves_with_the_version_and_refuses_a_stale_one(client, team):
    row = create_entry(team.editor, journal_values())
    client.force_login(team.editor)
    url = reverse("journal_edit", kwargs={"entry_id": row.pk})
    first = client.post(url, entry_data(version="1", situation="First"))
    assert first.status_code == 302
    stale = client.post(url, entry_data(version="1", situation="Second"))
    assert stale.status_code == 409
    assert "changed meanwhile" in stale.content.decode()
    row.refresh_from_db()
    assert (row.situation, row.version) == ("First", 2)
    again = client.post(url, entry_data(version="2", situation="Second"))
    assert again.status_code == 302
    row.refresh_from_db()
    assert (row.situation, row.version) == ("Second", 3)


@pytest.mark.django_db
def test_delete_with_a_stale_version_keeps_the_entry(client, team):
    row = create_entry(team.editor, journal_values())
    client.force_login(team.editor)
    url = reverse("journal_delete", kwargs={"entry_id": row.pk})
    assert client.post(url, {"version": "7"}).status_code == 302
    assert JournalEntry.objects.filter(pk=row.pk).exists()
    assert client.post(url, {"version": "1"})["Location"] == reverse("journal_list")
    assert not JournalEntry.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_csv_export_holds_keys_and_neutralises_formulas(client, team):
    create_entry(team.editor, journal_values(situation=FORMULA, date=dt.date(2026, 10, 1)))
    create_entry(team.viewer, journal_values(situation="not mine"))
    client.force_login(team.editor)
    response = client.get(reverse("journal_export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"] == 'attachment; filename="kloof-journal.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "date",
            "factor_key",
            "factor_name",
            "severity",
            "situation",
            "parties",
            "next",
            "shared_with",
        ],
        [
            "2026-10-01",
            "intention",
            "Intention",
            "blocking",
            "'" + FORMULA,
            "neighbour and I",
            "",
            "",
        ],
    ]


@pytest.mark.django_db
def test_xlsx_export_is_worded_in_dutch_and_formula_safe(client, team):
    create_entry(team.editor, journal_values(situation=FORMULA, workspace=team.workspace))
    client.force_login(team.editor)
    response = client.get(
        reverse("journal_export", kwargs={"fmt": "xlsx"}), HTTP_ACCEPT_LANGUAGE="nl"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Dagboek"
    assert values[0][:4] == ["Datum", "Factorsleutel", "Factor", "Nuance of blokkerend"]
    assert values[1] == [
        "2026-11-30",
        "intention",
        "Intentie",
        "Blokkerend",
        "'" + FORMULA,
        "neighbour and I",
        None,
        "Purchasing",
    ]
    assert sheet["E2"].data_type == "s"


@pytest.mark.django_db
def test_an_unknown_export_format_is_404(client, team):
    client.force_login(team.editor)
    assert client.get(reverse("journal_export", kwargs={"fmt": "pdf"})).status_code == 404


@pytest.mark.django_db
def test_the_site_navigation_links_to_practice(client, team):
    client.force_login(team.viewer)
    page = client.get(reverse("workspace_list")).content.decode()
    assert f'href="{reverse("practice_home")}"' in page


@pytest.mark.django_db
def test_another_user_cannot_change_an_entry_even_when_it_is_shared(client, team):
    row = create_entry(team.editor, journal_values(workspace=team.workspace))
    client.force_login(team.owner)
    url = reverse("journal_edit", kwargs={"entry_id": row.pk})
    assert client.post(url, entry_data(version="1", situation="Taken over")).status_code == 404
    delete = reverse("journal_delete", kwargs={"entry_id": row.pk})
    assert client.post(delete, {"version": "1"}).status_code == 404
    row.refresh_from_db()
    assert (row.situation.startswith("The neighbour"), row.version) == (True, 1)
