"""The interviews API: what each role may do, answers as evidence, clear refusals."""

from __future__ import annotations

import json

import pytest

from kloof.storage.evidence import position_evidence
from kloof.storage.models import ChangeLog, EvidenceNote
from tests.web.test_api_world import build_api_world

pytestmark = pytest.mark.django_db


def _send(client, method, url, body, headers):
    data = json.dumps(body) if body is not None else ""
    return client.generic(method, url, data, content_type="application/json", **headers)


def test_plan_answer_change_and_delete(client):
    world = build_api_world()
    editor, viewer = world.headers("editor"), world.headers("viewer")
    base = f"/api/cases/{world.case.pk}/interviews"
    body = {
        "interviewee": "  Anna   de Vries ",
        "party": "cartwright",
        "role": "Head of sales",
        "date": "2026-11-20",
        "factors": ["trust", "competences"],
    }
    assert _send(client, "POST", base, body, viewer).status_code == 403
    response = _send(client, "POST", base, body, editor)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["interviewee"] == "Anna de Vries"
    assert created["about"] == "cartwright"  # the interviewee's party by default
    assert created["factors"] == ["trust", "competences"]  # the case's factor order
    assert created["answers"] == [] and created["version"] == 1
    one = f"{base}/{created['id']}"
    answer = f"{one}/answers/competences"
    assert position_evidence(world.case)[("cartwright", "competences")] == "estimated"
    assert _send(client, "PUT", answer, {"text": "Two projects."}, viewer).status_code == 403
    response = _send(client, "PUT", answer, {"text": "Two projects."}, editor)
    assert response.json()["answers"] == [{"factor": "competences", "text": "Two projects."}]
    assert position_evidence(world.case)[("cartwright", "competences")] == "confirmed"
    listed = client.get(base, **viewer).json()
    assert [item["key"] for item in listed["items"]] == ["int-1"]
    assert client.get(one, **viewer).json()["answers"][0]["text"] == "Two projects."
    response = _send(client, "PATCH", one, {"version": 1, "about": "halvorsen"}, editor)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert (
        EvidenceNote.objects.get(
            case=world.case, source="interview", factor="competences"
        ).party.key
        == "halvorsen"
    )
    stale = _send(client, "PATCH", one, {"version": 1, "role": "x"}, editor)
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == 2
    assert _send(client, "DELETE", f"{one}?version=1", None, editor).status_code == 409
    assert _send(client, "DELETE", f"{one}?version=2", None, editor).status_code == 204
    assert client.get(one, **viewer).status_code == 404
    assert not EvidenceNote.objects.filter(
        case=world.case, factor="competences", source="interview"
    ).exists()
    kinds = ChangeLog.objects.filter(case=world.case, model__startswith="interview")
    assert kinds.count() == 4  # planned, answer, changed, deleted


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"interviewee": "Anna", "about": "globex"},
            "Invalid 'about': no party 'globex' in this case. "
            "Fix: use one of: halvorsen, cartwright.",
        ),
        (
            {"interviewee": "Anna"},
            "Invalid 'about': the interview names no party. "
            "Fix: use one of: halvorsen, cartwright.",
        ),
    ],
)
def test_refusals_name_the_field_and_the_fix(client, body, detail):
    world = build_api_world()
    response = _send(
        client, "POST", f"/api/cases/{world.case.pk}/interviews", body, world.headers("editor")
    )
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_answer_on_a_factor_not_planned(client):
    world = build_api_world()
    interview = world.ids(world.case)["interview"]  # plans trust only
    url = f"/api/cases/{world.case.pk}/interviews/{interview}/answers/intention"
    response = _send(client, "PUT", url, {"text": "x"}, world.headers("editor"))
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Invalid 'factor': the interview does not plan the factor 'intention'. "
        "Fix: use one of: trust (or add it with PATCH 'factors')."
    )
