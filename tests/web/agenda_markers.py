"""A case whose every private field holds a marker of its own, for the tests
that no counterparty output (page, HTML, PDF, API, secret link) carries one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kloof.storage import agenda as store
from kloof.storage.models import (
    Action,
    AgendaItem,
    AgendaLink,
    Case,
    Difference,
    EvidenceNote,
    Interview,
    InterviewAnswer,
    Rater,
    Rating,
)
from kloof.storage.respondents import create_link

#: Field → its marker. Each is distinct, so a failure names the field that leaked.
MARKERS = {
    "rater name": "MKraterZq1",
    "rating note": "MKratingnoteZq2",
    "evidence": "MKevidenceZq3",
    "register reason": "MKreasonZq4",
    "register note": "MKregnoteZq5",
    "register action": "MKregactionZq6",
    "interview answer": "MKanswerZq7",
    "interviewee": "MKintervieweeZq8",
    "respondent link name": "MKresplinkZq9",
    "agenda link name": "MKagendalinkZq10",
    "case title": "MKcasetitleZq11",
    "unshared item": "MKunsharedZq12",
    "outcome note": "MKoutcomeZq13",
    "item action": "MKitemactionZq14",
    "item action owner": "MKownerZq15",
}
#: Texts of the shared item that the other side must read.
SHARED_TITLE = "Shared-Item-Title"
SHARED_ASK = "Shared-Ask-Text"


@dataclass(frozen=True)
class MarkedCase:
    case: Case
    shared: AgendaItem


def plant_markers(case: Case, user) -> MarkedCase:
    """Generate the agenda, share its first item, and plant every marker."""
    store.generate(case, user)
    items = store.items_of(store.find_agenda(case))
    shared, hidden = items[0], items[1]
    AgendaItem.objects.filter(pk=shared.pk).update(
        title=SHARED_TITLE,
        ask=SHARED_ASK,
        shareable=True,
        outcome="open",
        outcome_note=MARKERS["outcome note"],
    )
    AgendaItem.objects.filter(pk=hidden.pk).update(
        title=MARKERS["unshared item"], see=MARKERS["unshared item"]
    )
    Action.objects.create(
        agenda_item=shared, text=MARKERS["item action"], owner=MARKERS["item action owner"]
    )
    Case.objects.filter(pk=case.pk).update(title=MARKERS["case title"])
    Rater.objects.filter(pk=case.raters.first().pk).update(name=MARKERS["rater name"])
    Rating.objects.filter(pk=case.ratings.first().pk).update(note=MARKERS["rating note"])
    entry = Difference.objects.filter(case=case).first()
    Difference.objects.filter(pk=entry.pk).update(
        reason=MARKERS["register reason"], note=MARKERS["register note"]
    )
    Action.objects.create(difference=entry, text=MARKERS["register action"])
    party = case.parties.first()
    note = EvidenceNote.objects.create(
        case=case, party=party, factor="trust", source="interview", text=MARKERS["evidence"]
    )
    interview = Interview.objects.create(
        case=case, key="i1", interviewee=MARKERS["interviewee"], about=party
    )
    InterviewAnswer.objects.create(
        interview=interview, factor="trust", text=MARKERS["interview answer"], evidence=note
    )
    create_link(
        case,
        party=party,
        rates="both",
        language="en",
        expires=timezone.now() + timedelta(days=7),
        name=MARKERS["respondent link name"],
    )
    AgendaLink.objects.create(
        case=case,
        name=MARKERS["agenda link name"],
        token_hash="0" * 64,
        expires=timezone.now() + timedelta(days=7),
    )
    case.refresh_from_db()
    return MarkedCase(case=case, shared=AgendaItem.objects.get(pk=shared.pk))


def leaked(text: str) -> list[str]:
    """The fields whose marker appears in ``text``."""
    return [field for field, marker in MARKERS.items() if marker in text]
