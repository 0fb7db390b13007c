"""The case owner's side of respondent links: the list with each link's state,
and closing or reopening the round. Creating and revoking are the respondent
core's (:mod:`kloof.storage.respondents`); no HTTP here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max
from django.utils import timezone

from kloof.storage.history import record_change
from kloof.storage.models import Case
from kloof.storage.models_exchange import RespondentLink
from kloof.storage.respondents import LinkState, link_state
from kloof.storage.summaries import kept


class ListState(enum.Enum):
    """A link's state as the list shows it (more detail than :class:`LinkState`)."""

    OPEN = "open"  # not opened yet
    USED = "used"  # opened, not submitted
    SUBMITTED = "submitted"  # submitted; the respondent may still change it
    REVOKED = "revoked"
    EXPIRED = "expired"
    CLOSED = "closed"  # the round is closed


@dataclass(frozen=True)
class LinkRow:
    link: RespondentLink
    state: ListState
    submitted: datetime | None

    @property
    def can_revoke(self) -> bool:
        return self.link.revoked is None


def link_rows(case: Case, now: datetime | None = None) -> list[LinkRow]:
    """Every link of the case, oldest first, with its state; one query."""
    now = now or timezone.now()
    links = (
        RespondentLink.objects.filter(case=case)
        .select_related("party")
        .annotate(last_submitted=Max("submissions__submitted"))
        .order_by("created", "id")
    )
    rows = []
    for link in links:
        link.case = case  # the same row: link_state reads the round from it
        submitted = link.last_submitted  # type: ignore[attr-defined]  # the annotation
        rows.append(LinkRow(link, _state(link, submitted, now), submitted))
    return rows


def _state(link: RespondentLink, submitted: datetime | None, now: datetime) -> ListState:
    core = link_state(link, now)
    if core is not LinkState.OPEN:
        return ListState(core.value)
    if submitted is not None:
        return ListState.SUBMITTED
    return ListState.USED if link.first_used is not None else ListState.OPEN


@kept
def set_round_closed(case: Case, closed: bool, user: AbstractBaseUser | None = None) -> bool:
    """Close the round (no link opens or saves any more) or reopen it; True if
    that changed anything, which the case's history then shows (``user`` did it).
    Closing again keeps the first moment."""
    if closed:
        changed = Case.objects.filter(pk=case.pk, round_closed__isnull=True).update(
            round_closed=timezone.now()
        )
    else:
        changed = Case.objects.filter(pk=case.pk, round_closed__isnull=False).update(
            round_closed=None
        )
    case.round_closed = Case.objects.values_list("round_closed", flat=True).get(pk=case.pk)
    if changed:
        summary = "respondent round closed" if closed else "respondent round reopened"
        record_change(case, user, summary, {}, model="round", subject={"closed": closed})
    return changed == 1
