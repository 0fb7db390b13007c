"""Secret links through which the other side reads the counterparty version of
the agenda, without an account.

The rules of every secret in kloof: the token is 24 random bytes from
:mod:`secrets` (192 bits), shown once to whoever makes the link; only its
SHA-256 is stored. A link can be revoked, and stops at its expiry. No HTTP here.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from kloof.storage.history import record_change
from kloof.storage.models import AgendaLink, Case
from kloof.storage.respondents import token_hash

TOKEN_BYTES = 24
LINK_MODEL = "agenda_link"


class AgendaLinkState(enum.Enum):
    OPEN = "open"
    REVOKED = "revoked"
    EXPIRED = "expired"


def create_link(
    case: Case,
    *,
    language: str,
    expires: datetime,
    name: str = "",
    created_by: AbstractBaseUser | None = None,
) -> tuple[AgendaLink, str]:
    """A new link and its token (the only time the token exists in clear).
    ``name`` is the team's label; the other side never sees it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    user = created_by if created_by is not None and created_by.is_authenticated else None
    link = AgendaLink.objects.create(
        case=case,
        name=" ".join(name.split()),
        language=language,
        expires=expires,
        token_hash=token_hash(token),
        created_by=user,
    )
    record_change(
        case,
        user,
        "agenda link created",
        {"expires": [None, expires]},
        kind="create",
        model=LINK_MODEL,
        object_id=link.pk,
    )
    return link, token


def find_link(token: str) -> AgendaLink | None:
    """The link of ``token`` in any state; None when no link has it."""
    if not token or len(token) > 200:
        return None
    return AgendaLink.objects.select_related("case").filter(token_hash=token_hash(token)).first()


def link_state(link: AgendaLink, now: datetime | None = None) -> AgendaLinkState:
    if link.revoked is not None:
        return AgendaLinkState.REVOKED
    if link.expires <= (now or timezone.now()):
        return AgendaLinkState.EXPIRED
    return AgendaLinkState.OPEN


def mark_used(link: AgendaLink) -> None:
    AgendaLink.objects.filter(pk=link.pk).update(last_used=timezone.now())


def links_of(case: Case) -> list[AgendaLink]:
    return list(AgendaLink.objects.filter(case=case).select_related("created_by"))


def revoke(case: Case, link_id: int, user: AbstractBaseUser | None) -> AgendaLink | None:
    """Revoke a link of ``case``: it stops at once. None when the case has no such link;
    revoking twice keeps the first moment."""
    link = AgendaLink.objects.filter(pk=link_id, case=case).first()
    if link is None:
        return None
    if link.revoked is None:
        now = timezone.now()
        AgendaLink.objects.filter(pk=link.pk, revoked__isnull=True).update(revoked=now)
        record_change(
            case,
            user,
            "agenda link revoked",
            {"revoked": [None, now]},
            model=LINK_MODEL,
            object_id=link.pk,
        )
        link.refresh_from_db()
    return link
