"""Interviews in the database: upload and download, answers as evidence, history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kloof.domain.interviews import confirmed_positions
from kloof.formats.casefile import parse_case
from kloof.storage import interviews as store
from kloof.storage.evidence import position_evidence
from kloof.storage.models import Case, ChangeLog, EvidenceNote, Rating
from kloof.storage.models_dialogue import InterviewAnswer
from tests.interviews.support import demo_with_interviews
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db


def _upload(client, team) -> Case:
    file = SimpleUploadedFile("demo.yaml", demo_with_interviews())
    client.force_login(team.editor)
    client.post(reverse("case_upload", kwargs={"slug": team.workspace.slug}), {"file": file})
    return Case.objects.get(workspace=team.workspace)


def _confirmed(row: Case) -> set[tuple[str, str]]:
    return {key for key, value in position_evidence(row).items() if value == "confirmed"}


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_upload_then_download_keeps_the_interviews(client, fmt):
    team = make_team()
    row = _upload(client, team)
    (interview,) = store.case_interviews(row)
    assert (interview.key, interview.interviewee, interview.about.key) == (
        "int-1",
        "Anna de Vries",
        "cartwright",
    )
    assert interview.factors == ["intention", "competences", "trust"]
    # The blank answer is no answer; the other one is an evidence note.
    (answer,) = interview.answers.all()
    assert answer.factor == "competences"
    note = answer.evidence
    assert (note.source, note.party.key, note.factor, note.date) == (
        "interview",
        "cartwright",
        "competences",
        dt.date(2026, 11, 20),
    )
    url = reverse(
        "case_download", kwargs={"slug": team.workspace.slug, "case_id": row.pk, "fmt": fmt}
    )
    back = parse_case(client.get(url).content, f"back.{fmt}")
    original = parse_case(demo_with_interviews(), "demo.yaml")
    assert back.interviews == original.interviews


def test_file_and_web_agree_on_what_is_confirmed(client):
    team = make_team()
    row = _upload(client, team)
    case = parse_case(demo_with_interviews(), "demo.yaml")
    assert ("cartwright", "competences") in confirmed_positions(case)
    assert _confirmed(row) == set(confirmed_positions(case))


def test_answer_saved_becomes_evidence_and_empty_answer_removes_it():
    team = make_team()
    row = make_demo_case(team.workspace)
    assert position_evidence(row)[("cartwright", "competences")] == "estimated"
    interview = store.create_interview(
        row,
        {"interviewee": "Anna", "about": "cartwright", "date": dt.date(2026, 11, 20)},
        team.editor,
    )
    assert interview.key == "int-1"
    store.save_answer(row, interview, "competences", "  Two joint projects.  ", team.editor)
    assert position_evidence(row)[("cartwright", "competences")] == "confirmed"
    note = EvidenceNote.objects.get(interview_answer__interview=interview)
    assert (note.text, note.source, note.date) == (
        "Two joint projects.",
        "interview",
        dt.date(2026, 11, 20),
    )
    supported = set(note.supports.values_list("pk", flat=True))
    expected = Rating.objects.filter(case=row, subject__key="cartwright", factor="competences")
    assert supported == set(expected.values_list("pk", flat=True))
    store.save_answer(row, interview, "competences", "Three joint projects.", team.editor)
    note.refresh_from_db()
    assert note.text == "Three joint projects."
    store.save_answer(row, interview, "competences", "", team.editor)
    assert not InterviewAnswer.objects.filter(interview=interview).exists()
    assert not EvidenceNote.objects.filter(pk=note.pk).exists()
    assert position_evidence(row)[("cartwright", "competences")] == "estimated"
    answers = ChangeLog.objects.filter(case=row, model="interview_answer").order_by("id")
    assert [entry.changes for entry in answers] == [
        {"answer": [None, "Two joint projects."]},
        {"answer": ["Two joint projects.", "Three joint projects."]},
        {"answer": ["Three joint projects.", None]},
    ]
    assert ChangeLog.objects.get(case=row, model="interview").kind == ChangeLog.Kind.CREATE


def test_a_rating_given_after_the_answer_is_confirmed_too():
    team = make_team()
    row = make_demo_case(team.workspace)
    Rating.objects.filter(case=row, subject__key="cartwright", factor="competences").delete()
    interview = store.create_interview(row, {"interviewee": "Anna", "about": "cartwright"}, None)
    store.save_answer(row, interview, "competences", "Strong designers.", None)
    assert position_evidence(row)[("cartwright", "competences")] == "unrated"
    rater = row.raters.first()
    Rating.objects.create(
        case=row,
        rater=rater,
        subject=row.parties.get(key="cartwright"),
        factor="competences",
        score=5,
    )
    assert position_evidence(row)[("cartwright", "competences")] == "confirmed"


def test_changing_about_moves_the_evidence_and_delete_removes_it():
    team = make_team()
    row = make_demo_case(team.workspace)
    interview = store.create_interview(row, {"interviewee": "Anna", "about": "cartwright"}, None)
    store.save_answer(row, interview, "trust", "We check twice.", None)
    changed = store.update_interview(
        row, "int-1", interview.version, {"about": "halvorsen", "date": dt.date(2026, 12, 1)}, None
    )
    assert changed.about.key == "halvorsen"
    note = EvidenceNote.objects.get(interview_answer__interview=interview)
    assert (note.party.key, note.date) == ("halvorsen", dt.date(2026, 12, 1))
    with pytest.raises(store.StaleVersion):
        store.delete_interview(row, "int-1", interview.version, None)
    store.delete_interview(row, "int-1", changed.version, None)
    assert not EvidenceNote.objects.filter(case=row, source="interview").exists()
    kinds = list(
        ChangeLog.objects.filter(case=row, model="interview")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["create", "update", "delete"]
