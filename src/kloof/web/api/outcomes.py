"""``/api/cases/{case}/outcomes`` and ``/api/cases/{case}/minutes``: what the
open conversation settled per agenda item, and the minutes' data.

Every member reads; editors record an outcome, with the item's ``version`` as
read (409 with the item as it is now when someone recorded one first). The
outcome goes into the register as the meeting view's form does it
(:mod:`kloof.storage.outcomes`). The minutes come in two audiences: ``team``
(every item, owners by their rater names) and ``counterparty`` (the shareable
items only, nothing internal).
"""

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from kloof.domain.model import OUTCOMES
from kloof.reports.minutes import minutes_data
from kloof.storage import outcomes as store
from kloof.storage.dashboard import load_case
from kloof.storage.models import Case
from kloof.storage.models_dialogue import AgendaItem
from kloof.storage.outcomes import Outcome, OutcomeRefused
from kloof.storage.versions import MAX_VERSION, StaleVersion
from kloof.web.api.common import EDITOR, NO_NUL, Body, IsoDate, case_of, id_path
from kloof.web.api.errors import answers, unprocessable

router = Router(tags=["outcomes"])

TEXT_LENGTH = 5000
ACTION_LENGTH = 1000
OWNER_LENGTH = 200
OutcomeKey = Literal["named", "accepted_both", "mitigation_agreed", "open"]
assert OUTCOMES == ("named", "accepted_both", "mitigation_agreed", "open")
Audience = Literal["team", "counterparty"]
Language = Literal["en", "nl"]


class ActionOut(Schema):
    text: str
    owner: str | None
    due: dt.date | None
    done: bool


class ItemOutcomeOut(Schema):
    id: int
    number: int = Field(description="The item's place on the agenda, from 1.")
    title: str
    kind: str = Field(description="position, perception or other (outside the factors).")
    factor: str | None
    parties: list[str] = Field(description="The pair, or [subject, viewer] of a perception gap.")
    shareable: bool
    outcome: OutcomeKey | None = Field(description="null: not discussed yet.")
    outcome_note: str | None
    entry: int | None = Field(description="The id of the register entry the outcome went to.")
    version: int
    actions: list[ActionOut] = Field(description="The actions agreed at this item.")
    updated: dt.datetime


def item_out(item: AgendaItem, number: int) -> dict[str, Any]:
    return {
        "id": item.pk,
        "number": number,
        "title": item.title,
        "kind": item.kind,
        "factor": item.factor or None,
        "parties": [party.key for party in (item.party_a, item.party_b) if party is not None],
        "shareable": item.shareable,
        "outcome": item.outcome or None,
        "outcome_note": item.outcome_note,
        "entry": item.difference_id,
        "version": item.version,
        "actions": [
            {"text": a.text, "owner": a.owner, "due": a.due, "done": a.done}
            for a in store.agreed_actions(item)
        ],
        "updated": item.updated,
    }


def _items(row: Case) -> list[AgendaItem]:
    return store.items(row)


@router.get(
    "/cases/{case}/outcomes",
    response=answers({200: list[ItemOutcomeOut]}),
    url_name="api_outcomes",
    summary="Every agenda item with its outcome, in agenda order (empty: no agenda yet)",
)
def list_outcomes(request: HttpRequest, case: int = id_path("case")) -> list[dict[str, Any]]:
    row = case_of(request, case)
    return [item_out(item, number) for number, item in enumerate(_items(row), 1)]


class AgreedActionIn(Body):
    text: str = Field(..., min_length=1, max_length=ACTION_LENGTH, pattern=NO_NUL)
    owner: str | None = Field(None, max_length=OWNER_LENGTH, pattern=NO_NUL)
    due: IsoDate | None = None


class OutcomeIn(Body):
    """``action`` only with ``mitigation_agreed``, where it is required."""

    version: int = Field(..., ge=1, le=MAX_VERSION, description="The item's version you read.")
    outcome: OutcomeKey
    note: str | None = Field(None, max_length=TEXT_LENGTH, pattern=NO_NUL)
    action: AgreedActionIn | None = None


class StaleOutcomeOut(Schema):
    detail: str
    current: ItemOutcomeOut | None


def _numbered(row: Case, item_id: int) -> tuple[AgendaItem, int]:
    for number, item in enumerate(_items(row), 1):
        if item.pk == item_id:
            return item, number
    raise Http404(
        f"No agenda item with id {item_id} in this case: "
        f"list them with GET /api/cases/{row.pk}/outcomes."
    )


def _outcome_of(payload: OutcomeIn) -> Outcome:
    action = payload.action
    if payload.outcome == store.MITIGATION:
        if action is None or not action.text.strip():
            raise unprocessable(
                "action",
                "a mitigation agreed needs what was agreed",
                "add 'action' with its 'text' (and an 'owner' and 'due' if agreed)",
            )
    elif action is not None:
        raise unprocessable(
            "action",
            f"an action is agreed only with 'mitigation_agreed', not with '{payload.outcome}'",
            "leave out 'action', or set 'outcome' to 'mitigation_agreed'",
        )
    return Outcome(
        outcome=payload.outcome,
        note=(payload.note or "").strip() or None,
        action=action.text.strip() if action else None,
        owner=((action.owner or "").strip() or None) if action else None,
        due=action.due if action else None,
    )


@router.put(
    "/cases/{case}/outcomes/{item}",
    response=answers({200: ItemOutcomeOut, 409: StaleOutcomeOut}),
    url_name="api_outcome_record",
    summary="Record an item's outcome into the register (editor; with the item's version)",
)
def record_outcome(
    request: HttpRequest,
    payload: OutcomeIn,
    case: int = id_path("case"),
    item: int = id_path("agenda item"),
) -> Any:
    row = case_of(request, case, EDITOR)
    found, number = _numbered(row, item)
    outcome = _outcome_of(payload)
    try:
        saved = store.record_outcome(row, found.pk, payload.version, outcome, request.auth.user)  # type: ignore[union-attr]
    except StaleVersion as stale:
        current = stale.current
        data = {
            "detail": (
                f"The item changed since version {payload.version}: nothing was saved. "
                "Read it again ('current'), then send the outcome with its version."
            ),
            "current": item_out(current, number) if isinstance(current, AgendaItem) else None,
        }
        return Status(409, data)
    except OutcomeRefused as refused:  # pragma: no cover -- checked above
        raise unprocessable(refused.field, refused.problem, "see the documentation") from None
    return item_out(saved, number)


class MinutesActionOut(Schema):
    item: str
    text: str
    owner: str = Field(description="Team: a rater's name where the owner is a rater key.")
    due: dt.date | None
    done: bool


class MinutesItemOut(Schema):
    number: int
    title: str
    about: str = Field(description="The factor and the parties in words; empty for 'other'.")
    see: str
    ask: str
    offer: str
    mitigations: list[str]
    outcome: str = Field(description="An outcome key, or 'none': not discussed yet.")
    outcome_word: str
    note: str
    shared: bool
    actions: list[MinutesActionOut]


class MinutesOut(Schema):
    audience: Audience
    language: Language
    date: dt.date | None
    items: list[MinutesItemOut]


class MinutesQuery(Schema):
    audience: Audience = "team"
    lang: Language | None = Field(None, description="Default: the case's language.")


@router.get(
    "/cases/{case}/minutes",
    response=answers({200: MinutesOut}),
    url_name="api_minutes",
    summary="The minutes' data for the team or the other side (404: no agenda yet)",
)
def minutes(
    request: HttpRequest, query: Query[MinutesQuery], case: int = id_path("case")
) -> dict[str, Any]:
    row = case_of(request, case)
    agenda = store.domain_agenda(row)
    if agenda is None:
        raise Http404(f"Case {row.pk} has no agenda yet: make one before the minutes.")
    domain_case = load_case(row)
    language = query.lang or ("nl" if domain_case.language == "nl" else "en")
    return {
        "audience": query.audience,
        "language": language,
        "date": agenda.date,
        "items": [
            {**item, "actions": [_dated(action) for action in item["actions"]]}
            for item in minutes_data(domain_case, agenda, language, query.audience)
        ],
    }


def _dated(action: dict[str, Any]) -> dict[str, Any]:
    """An action of the minutes with its due date as a date (not in words)."""
    return {**action, "due": action["due_iso"]}
