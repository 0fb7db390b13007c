"""Interviews on the web: plan, answer as you go (and without script), propose a
rating, the guide as HTML and PDF, in both languages."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kloof.storage import interviews as store
from kloof.storage.evidence import position_evidence
from kloof.storage.models import ChangeLog, EvidenceNote, Rating
from kloof.storage.models_dialogue import Interview
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = make_team()
    case = make_demo_case(team.workspace)
    return team, case


def _url(name: str, case, **kwargs) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **kwargs})


def _plan(client, case, **values):
    data = {"interviewee": "Anna de Vries", "about": "cartwright", "factors": ["competences"]}
    data.update(values)
    return client.post(_url("interview_new", case), data)


def test_plan_form_ticks_the_factors_in_the_guide_order(client, world):
    team, case = world
    client.force_login(team.editor)
    page = client.get(_url("interview_new", case) + "?about=cartwright").content.decode()
    order = re.findall(r'name="factors" value="(\w+)"', page)
    # Intention and dependency block (first), then the uncertain ones in factor order.
    assert order[:3] == ["intention", "dependency", "relationship"]
    assert len(order) == 9
    ticked = re.findall(r'name="factors" value="(\w+)"[^>]*checked', page)
    assert ticked == order  # in the demo every factor needs evidence on Cartwright


def test_editor_plans_an_interview_and_it_is_in_the_history(client, world):
    team, case = world
    client.force_login(team.editor)
    response = _plan(
        client,
        case,
        role="Head of sales",
        date="2026-11-20",
        party="cartwright",
        factors=["trust", "intention"],
        interviewer="Maria Lindqvist",
    )
    row = Interview.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == _url("interview", case, interview_id=row.pk)
    # Saved in the guide's order, whatever order the form sent.
    assert row.factors == ["intention", "trust"]
    assert (row.key, row.role, row.party.key, row.interviewer) == (
        "int-1",
        "Head of sales",
        "cartwright",
        "Maria Lindqvist",
    )
    change = ChangeLog.objects.get(case=case, model="interview")
    assert change.kind == "create"
    assert change.changes["interviewee"] == [None, "Anna de Vries"]
    client.get(_url("interview", case, interview_id=row.pk))  # shows the message
    history = client.get(_url("history", case)).content.decode()
    assert "Interview planned" in history
    assert "Anna de Vries" in history


def test_plan_refuses_a_blank_name_and_an_unknown_party(client, world):
    team, case = world
    client.force_login(team.editor)
    response = _plan(client, case, interviewee="   ", about="nobody")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["interviewee"] == ["This field is required."] or errors["interviewee"] == [
        "Write the name of the person you interview."
    ]
    assert "about" in errors
    assert not Interview.objects.filter(case=case).exists()


def test_answer_saved_as_you_go_confirms_the_position(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case)
    row = Interview.objects.get(case=case)
    assert position_evidence(case)[("cartwright", "competences")] == "estimated"
    response = client.post(
        _url("interview_answer", case, interview_id=row.pk),
        {"factor": "competences", "answer-competences": "Two joint design projects."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode().strip() == "Saved."
    assert position_evidence(case)[("cartwright", "competences")] == "confirmed"
    note = EvidenceNote.objects.get(interview_answer__interview=row)
    assert (note.source, note.party.key, note.text) == (
        "interview",
        "cartwright",
        "Two joint design projects.",
    )
    page = client.get(_url("interview", case, interview_id=row.pk)).content.decode()
    assert "Two joint design projects.</textarea>" in page
    assert "evidence-confirmed" in page
    response = client.post(
        _url("interview_answer", case, interview_id=row.pk),
        {"factor": "competences", "answer-competences": ""},
    )
    assert response.content.decode().strip() == "Saved: no answer."
    assert position_evidence(case)[("cartwright", "competences")] == "estimated"


def test_answer_on_a_factor_not_planned_is_refused(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case)
    row = Interview.objects.get(case=case)
    response = client.post(
        _url("interview_answer", case, interview_id=row.pk),
        {"factor": "trust", "answer-trust": "x"},
    )
    assert response.status_code == 400
    assert "Not saved: This interview has no such factor." in response.content.decode()
    assert not EvidenceNote.objects.filter(case=case, source="interview").exists()
    store.save_answer(case, row, "competences", "Kept.", None)
    response = client.post(
        _url("interview_answer", case, interview_id=row.pk), {"factor": "competences"}
    )
    assert response.status_code == 400
    assert "Not saved: Reload the page and try again." in response.content.decode()
    assert store.answers_of(row) == {"competences": "Kept."}


def test_whole_page_save_works_without_script(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case, factors=["competences", "trust"])
    row = Interview.objects.get(case=case)
    response = client.post(
        _url("interview", case, interview_id=row.pk),
        {"answer-competences": "Strong designers.", "answer-trust": "Open books."},
    )
    assert response.status_code == 302
    assert store.answers_of(row) == {"competences": "Strong designers.", "trust": "Open books."}
    client.force_login(team.viewer)
    page = client.get(_url("interview", case, interview_id=row.pk)).content.decode()
    assert "Open books.</textarea>" in page and "readonly" in page
    assert "hx-post" not in page
    response = client.post(_url("interview", case, interview_id=row.pk), {"answer-trust": "x"})
    assert response.status_code == 403
    assert store.answers_of(row)["trust"] == "Open books."


def test_propose_a_rating_saves_it_with_source_interview(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case, factors=["competences"], interviewer="maria")
    row = Interview.objects.get(case=case)
    store.save_answer(case, row, "competences", "Two projects.", None)
    url = _url("interview_rate", case, interview_id=row.pk, factor="competences")
    page = client.get(url)
    maria = case.raters.get(key="maria")
    assert page.context["form"].initial["rater"] == maria.pk
    assert page.context["form"].initial["note"] == "Two projects."
    response = client.post(url, {"rater": maria.pk, "score": "5,5", "note": "Two projects."})
    assert response.status_code == 302
    rating = Rating.objects.get(
        case=case, rater=maria, subject__key="cartwright", factor="competences"
    )
    assert (rating.score, rating.source, rating.note) == (5.5, "interview", "Two projects.")
    response = client.post(url, {"rater": maria.pk, "score": "9"})
    assert response.status_code == 400
    assert response.context["form"].errors["score"] == ["The score must lie from 1 to 7."]


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Intention", "Dependency", "Trust"]),
        ("nl", ["Intentie", "Afhankelijkheid", "Vertrouwen"]),
    ],
)
def test_guide_as_html_and_pdf_in_the_page_language(client, world, language, names):
    team, case = world
    client.force_login(team.viewer)
    client.cookies["django_language"] = language
    url = _url("interview_guide", case)
    page = client.get(url, {"party": "cartwright"})
    assert page["Content-Type"] == "text/html; charset=utf-8"
    html = page.content.decode()
    assert "<h1>Packaging contract renewal 2027</h1>" in html
    assert "format=pdf" in html
    response = client.get(url, {"party": "cartwright", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert (
        (response["Content-Disposition"])
        == 'attachment; filename="packaging-contract-renewal-2027-guide-cartwright.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for name in names:
        assert f"\n{name}\n" in text
    assert client.get(url, {"party": "nobody"}).status_code == 404


def test_printed_guide_of_an_interview_holds_its_answers(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case, factors=["competences"])
    row = Interview.objects.get(case=case)
    store.save_answer(case, row, "competences", "Two <b>projects</b>.", None)
    html = client.get(_url("interview_print", case, interview_id=row.pk)).content.decode()
    assert '<p class="guide-answer">Two &lt;b&gt;projects&lt;/b&gt;.</p>' in html
    assert re.findall(r'<h3 id="factor-(\w+)">', html) == ["competences"]


def test_edit_and_delete_with_versions(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case, factors=["competences"])
    row = Interview.objects.get(case=case)
    store.save_answer(case, row, "competences", "Two projects.", None)
    url = _url("interview_edit", case, interview_id=row.pk)
    data = {
        "version": row.version,
        "interviewee": "Anna",
        "about": "halvorsen",
        "factors": ["competences"],
    }
    assert client.post(url, data).status_code == 302
    assert EvidenceNote.objects.get(case=case, source="interview").party.key == "halvorsen"
    stale = client.post(url, {"delete": "1", "version": row.version})
    assert stale.status_code == 302 and Interview.objects.filter(pk=row.pk).exists()
    row.refresh_from_db()
    assert client.post(url, {"delete": "1", "version": row.version}).status_code == 302
    assert not Interview.objects.filter(pk=row.pk).exists()
    assert not EvidenceNote.objects.filter(case=case, source="interview").exists()


def test_a_respondent_is_never_offered_as_the_rater(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from kloof.storage.models import Rater
    from kloof.storage.respondents import create_link

    team, case = world
    link, _token = create_link(
        case,
        party=case.parties.get(key="halvorsen"),
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=7),
        name="Ann",
    )
    respondent = Rater.objects.create(case=case, key="ann", name="Ann", party=link.party)
    link.rater = respondent
    link.save(update_fields=["rater"])
    client.force_login(team.editor)
    _plan(client, case, factors=["competences"])
    row = Interview.objects.get(case=case)
    url = _url("interview_rate", case, interview_id=row.pk, factor="competences")
    choices = [value for value, _label in client.get(url).context["form"].fields["rater"].choices]
    assert respondent.pk not in choices and len(choices) == 4
    response = client.post(url, {"rater": respondent.pk, "score": "4"})
    assert response.status_code == 400
    assert not Rating.objects.filter(rater=respondent).exists()


def test_an_answers_note_leads_to_its_interview(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case, factors=["competences"])
    row = Interview.objects.get(case=case)
    store.save_answer(case, row, "competences", "Two projects.", None)
    note = EvidenceNote.objects.get(case=case, source="interview", factor="competences")
    client.cookies["django_language"] = "nl"
    page = client.get(_url("evidence", case)).content.decode()
    interview_url = _url("interview", case, interview_id=row.pk)
    assert f'<a href="{interview_url}">Uit het interview met Anna de Vries' in page
    response = client.get(_url("evidence_edit", case, note_id=note.pk))
    assert response.status_code == 302 and response["Location"] == interview_url


def test_a_viewer_cannot_plan_change_or_rate(client, world):
    team, case = world
    client.force_login(team.editor)
    _plan(client, case)
    row = Interview.objects.get(case=case)
    client.force_login(team.viewer)
    assert _plan(client, case, interviewee="Bert").status_code == 403
    edit = _url("interview_edit", case, interview_id=row.pk)
    assert client.post(edit, {"delete": "1", "version": row.version}).status_code == 403
    rate = _url("interview_rate", case, interview_id=row.pk, factor="competences")
    assert client.post(rate, {"rater": case.raters.first().pk, "score": "4"}).status_code == 403
    assert list(Interview.objects.filter(case=case).values_list("interviewee", flat=True)) == [
        "Anna de Vries"
    ]
