"""The counterparty version carries what the team shared and nothing private:
a marker planted in every private field appears in no counterparty output."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.web.agenda_markers import MARKERS, SHARED_ASK, SHARED_TITLE, leaked, plant_markers

pytestmark = pytest.mark.django_db


def url(case, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **kwargs})


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def marked(team, case):
    return plant_markers(case, team.editor).case


def test_the_counterparty_page_shows_the_shared_item_only(editor, marked):
    page = editor.get(url(marked, "agenda_counterparty")).content.decode()
    main = page[page.index('<main id="main"') : page.index("</main>")]
    assert SHARED_TITLE in main and SHARED_ASK in main
    assert leaked(main) == []
    # The team's own page around it names the case, as every page of the case does.
    assert leaked(page) == ["case title"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_counterparty_html_download_holds_no_marker(editor, marked, language):
    response = editor.get(
        url(marked, "agenda_download", audience="counterparty", fmt="html"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response["Content-Disposition"] == 'attachment; filename="agenda.html"'
    html = response.content.decode()
    assert SHARED_TITLE in html and SHARED_ASK in html
    assert leaked(html) == []
    assert ("Wat we willen vragen" in html) is (language == "nl")


def test_the_counterparty_pdf_holds_no_marker(editor, marked):
    response = editor.get(url(marked, "agenda_download", audience="counterparty", fmt="pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert SHARED_TITLE in text and SHARED_ASK in text
    assert leaked(text) == []


def test_the_team_version_carries_the_items_outcome_and_actions(editor, marked):
    html = editor.get(url(marked, "agenda_download", audience="team", fmt="html")).content
    found = leaked(html.decode())
    assert found == [
        "case title",
        "unshared item",
        "outcome note",
        "item action",
        "item action owner",
    ]
    text = pdf_text(editor.get(url(marked, "agenda_download", audience="team", fmt="pdf")).content)
    assert MARKERS["unshared item"] in text and SHARED_TITLE in text


def test_a_download_without_an_agenda_or_of_another_kind_is_404(editor, case):
    assert editor.get(url(case, "agenda_download", audience="team", fmt="pdf")).status_code == 404
    editor.post(url(case, "agenda_generate"))
    assert editor.get(url(case, "agenda_download", audience="press", fmt="pdf")).status_code == 404
    assert editor.get(url(case, "agenda_download", audience="team", fmt="doc")).status_code == 404
