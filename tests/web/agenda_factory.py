"""A small agenda on the demo case, for the meeting, outcome and minutes tests.

Made directly as rows (the agenda's own generation lives elsewhere): four items,
one of each kind that matters for outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

from kloof.storage import models
from kloof.storage.models_dialogue import Agenda, AgendaItem


@dataclass(frozen=True)
class DemoAgenda:
    agenda: Agenda
    intention: AgendaItem  # position, has a register entry already (named)
    trust: AgendaItem  # perception: how cartwright sees halvorsen, no entry yet
    flexibility: AgendaItem  # position, no entry yet (aligned)
    payment: AgendaItem  # other: outside the nine factors


def make_agenda(case: models.Case, *, shareable: bool = True) -> DemoAgenda:
    parties = {party.key: party for party in case.parties.all()}
    halvorsen, cartwright = parties["halvorsen"], parties["cartwright"]
    agenda = Agenda.objects.create(case=case)

    def item(position: int, **fields: object) -> AgendaItem:
        return AgendaItem.objects.create(
            agenda=agenda, position=position, shareable=shareable, **fields
        )

    return DemoAgenda(
        agenda=agenda,
        intention=item(
            0,
            kind="position",
            factor="intention",
            party_a=halvorsen,
            party_b=cartwright,
            title="What each side wants from the deal",
            see="We lean towards winning together; Cartwright looks after itself first.",
            ask="What would a good year look like for you?",
            offer="Open books on volume forecasts.",
            mitigations="Agree on a shared goal\nReview the deal together each quarter",
        ),
        trust=item(
            1,
            kind="perception",
            factor="trust",
            party_a=halvorsen,
            party_b=cartwright,
            title="How Cartwright sees our trust",
            see="Cartwright thinks we trust only what is in writing.",
            ask="Where did that impression come from?",
            offer="A named contact who answers within a day.",
        ),
        flexibility=item(
            2,
            kind="position",
            factor="flexibility",
            party_a=halvorsen,
            party_b=cartwright,
            title="When things go wrong",
            see="Both sides say they adapt.",
            ask="What did you do in the last shortage?",
            offer="Room to move delivery dates.",
        ),
        payment=item(
            3,
            kind="other",
            title="Payment terms",
            see="Invoices are paid in 60 days; Cartwright wants 30.",
            ask="What would 30 days mean for your prices?",
            offer="45 days with electronic invoices.",
        ),
    )
