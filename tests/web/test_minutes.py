"""The minutes from the web: downloads for both audiences, and a guard that the
other side's minutes (HTML, PDF and API) carry nothing internal."""

from __future__ import annotations

import datetime
import hashlib
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kloof.storage import models
from kloof.storage import outcomes as store
from kloof.storage.api_tokens import create_token
from kloof.storage.models_dialogue import AgendaLink, Interview, InterviewAnswer
from kloof.storage.outcomes import Outcome
from kloof.storage.respondents import create_link
from tests.web.agenda_factory import make_agenda
from tests.web.factories import make_demo_case, make_team

pytestmark = pytest.mark.django_db

#: One marker per internal field; none may reach the other side.
MARKERS = {
    "rater name": "RATERNAME-k2",
    "rating note": "RATINGNOTE-p7",
    "evidence": "EVIDENCE-q4",
    "register reason": "REASON-z8",
    "register note": "REGNOTE-w3",
    "interview answer": "ANSWER-m5",
    "interviewee": "INTERVIEWEE-j6",
    "respondent link name": "LINKNAME-r1",
    "agenda link name": "AGENDALINK-t9",
    "item not shared": "NOTSHARED-h2",
    "case title": "TITLE-b6",
}


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def planted(team):
    case = make_demo_case(team.workspace, title=f"Renewal {MARKERS['case title']}")
    agenda = make_agenda(case)
    rater = case.raters.order_by("position").first()
    rater.name = f"Maria {MARKERS['rater name']}"
    rater.save(update_fields=["name"])
    models.Rating.objects.filter(case=case).update(note=MARKERS["rating note"])
    party = case.parties.order_by("position").first()
    models.EvidenceNote.objects.create(
        case=case, party=party, factor="trust", source="interview", text=MARKERS["evidence"]
    )
    case.differences.update(reason=MARKERS["register reason"], note=MARKERS["register note"])
    interview = Interview.objects.create(
        case=case, key="i1", interviewee=MARKERS["interviewee"], about=party
    )
    InterviewAnswer.objects.create(
        interview=interview, factor="trust", text=MARKERS["interview answer"]
    )
    create_link(
        case,
        party=party,
        rates="both",
        language="en",
        expires=timezone.now() + datetime.timedelta(days=7),
        name=MARKERS["respondent link name"],
    )
    AgendaLink.objects.create(
        case=case,
        name=MARKERS["agenda link name"],
        token_hash=hashlib.sha256(b"planted").hexdigest(),
        expires=timezone.now() + datetime.timedelta(days=7),
    )
    models.AgendaItem.objects.filter(pk=agenda.payment.pk).update(
        shareable=False, title=f"Walk-away {MARKERS['item not shared']}"
    )
    mitigation = Outcome("mitigation_agreed", "Agreed warmly", "Plan a review", rater.key, None)
    store.record_outcome(case, agenda.intention.pk, 1, mitigation, None)
    store.record_outcome(case, agenda.trust.pk, 1, Outcome("accepted_both"), None)
    store.record_outcome(
        case, agenda.payment.pk, 1, Outcome("mitigation_agreed", None, "Pay in 45"), None
    )
    return case


def minutes_url(team, case, audience: str, fmt: str) -> str:
    return f"/w/{team.workspace.slug}/cases/{case.pk}/minutes/?audience={audience}&format={fmt}"


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_the_team_minutes_carry_every_item_with_owners_by_name(client, team, planted):
    client.force_login(team.viewer)
    response = client.get(minutes_url(team, planted, "team", "html"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="renewal-title-b6')
    html = response.content.decode()
    assert MARKERS["item not shared"] in html  # the planting worked
    assert MARKERS["rater name"] in html  # the owner, by the rater's name
    assert "not shared with the other side" in html
    assert "accepted by both sides" in html


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_the_other_sides_minutes_hold_no_internal_field(client, team, planted, fmt):
    client.force_login(team.editor)
    response = client.get(minutes_url(team, planted, "counterparty", fmt))
    assert response.status_code == 200
    text = pdf_text(response.content) if fmt == "pdf" else response.content.decode()
    assert "What each side wants from the deal" in text
    assert "Plan a review" in text
    leaked = [field for field, marker in MARKERS.items() if marker in text]
    assert leaked == []
    assert "Pay in 45" not in text  # the action of the item not shared
    assert (
        "halvorsen-foods-cartwright-packaging-minutes-counterparty"
        in response["Content-Disposition"]
    )


def test_the_other_sides_minutes_through_the_api_hold_no_internal_field(client, team, planted):
    token = create_token(team.viewer, team.workspace, "script")[1]
    response = client.get(
        f"/api/cases/{planted.pk}/minutes?audience=counterparty",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert [item["title"] for item in response.json()["items"]] == [
        "What each side wants from the deal",
        "How Cartwright sees our trust",
        "When things go wrong",
    ]
    assert [field for field, marker in MARKERS.items() if marker in text] == []


def test_the_team_pdf_is_a4_in_dutch(client, team, planted):
    client.force_login(team.viewer)
    client.cookies["django_language"] = "nl"
    response = client.get(minutes_url(team, planted, "team", "pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = pdf_text(response.content)
    assert "VERSLAG" in text  # the kicker, in capitals
    assert "mitigatie afgesproken" in text
    assert "door beide kanten geaccepteerd" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("audience=them&format=pdf", "Choose the audience team or counterparty"),
        ("audience=team&format=docx", "Choose the format html or pdf"),
    ],
)
def test_a_wrong_choice_is_refused_with_the_fix(client, team, planted, query, message):
    client.force_login(team.viewer)
    response = client.get(f"/w/{team.workspace.slug}/cases/{planted.pk}/minutes/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_minutes_of_a_case_without_agenda_are_not_found(client, team):
    case = make_demo_case(team.workspace)
    client.force_login(team.viewer)
    response = client.get(minutes_url(team, case, "team", "pdf"))
    assert response.status_code == 404
    assert "has no agenda yet" in response.content.decode()
