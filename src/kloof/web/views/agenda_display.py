"""What the agenda pages show: items with their words, in the page's language.

:func:`team_items` carries everything; :func:`counterparty_items` only what the
team marked shareable, and of that only the title, what we see, ask and offer,
and the mitigations (never the register, notes, ratings or names of raters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext, pgettext

from kloof.domain.model import OTHER, PERCEPTION
from kloof.storage.models import AgendaItem, ChangeLog
from kloof.web.views.register_display import HistoryNames, field_label, format_value, history_row


def language() -> str:
    return "nl" if (get_language() or "en").startswith("nl") else "en"


@dataclass(frozen=True)
class SharedItem:
    """An item as the other side may read it."""

    title: str
    see: str
    ask: str
    offer: str
    mitigations: tuple[str, ...]


def shared_item(row: AgendaItem) -> SharedItem:
    return SharedItem(
        title=row.title,
        see=row.see,
        ask=row.ask,
        offer=row.offer,
        mitigations=mitigation_lines(row.mitigations),
    )


def counterparty_items(rows: list[AgendaItem]) -> list[SharedItem]:
    return [shared_item(row) for row in rows if row.shareable]


def mitigation_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def kind_word(kind: str) -> str:
    words = {
        "position": pgettext("agenda kind", "Positions differ"),
        PERCEPTION: pgettext("agenda kind", "Perception gap"),
        OTHER: pgettext("agenda kind", "Outside the factors"),
    }
    return str(words.get(kind, kind))


def outcome_word(outcome: str | None) -> str:
    words = {
        "named": pgettext("outcome", "named"),
        "accepted_both": pgettext("outcome", "accepted by both"),
        "mitigation_agreed": pgettext("outcome", "mitigation agreed"),
        "open": pgettext("outcome", "still open"),
    }
    return str(words.get(outcome or "", ""))


def team_item(row: AgendaItem, names: HistoryNames, number: int, count: int) -> dict[str, Any]:
    parties = [party.key for party in (row.party_a, row.party_b) if party is not None]
    return {
        "row": row,
        "number": number,
        "first": number == 1,
        "last": number == count,
        "kind_word": kind_word(row.kind),
        "factor_name": names.factor(row.factor) if row.factor else "",
        "party_names": [names.party(key) for key in parties],
        "mitigations": mitigation_lines(row.mitigations),
        "outcome_word": outcome_word(row.outcome),
    }


def team_items(rows: list[AgendaItem], names: HistoryNames) -> list[dict[str, Any]]:
    return [team_item(row, names, number, len(rows)) for number, row in enumerate(rows, 1)]


def agenda_history_row(change: ChangeLog, names: HistoryNames) -> dict[str, Any]:
    row = history_row(change, names)
    row["what"] = agenda_change_text(change)
    row["changes"] = [
        (agenda_field_label(field), format_value(field, pair[0]), format_value(field, pair[1]))
        for field, pair in (change.changes or {}).items()
        if isinstance(pair, list) and len(pair) == 2
    ]
    subject = change.subject or {}
    row["about"] = f"“{subject['title']}”" if subject.get("title") else ""
    return row


def agenda_change_text(change: ChangeLog) -> str:
    """What a history row of the agenda did, in the page's language."""
    if change.model == "agenda_link":
        if change.kind == "create":
            return str(pgettext("history", "Link for the other side made"))
        return str(pgettext("history", "Link for the other side revoked"))
    if change.model == "agenda":
        if "order" in (change.changes or {}):
            return str(pgettext("history", "Agenda items reordered"))
        if "items" in (change.changes or {}):
            if change.kind == "create":
                return str(pgettext("history", "Agenda generated"))
            return str(pgettext("history", "Agenda generated again"))
        return str(pgettext("history", "Agenda changed"))
    words = {
        "create": pgettext("history", "Agenda item added"),
        "update": pgettext("history", "Agenda item changed"),
        "delete": pgettext("history", "Agenda item removed"),
    }
    if change.kind == "update" and set(change.changes or {}) == {"position"}:
        return str(pgettext("history", "Agenda item moved"))
    return str(words.get(change.kind, change.summary))


def agenda_field_label(field: str) -> str:
    labels = {
        "title": gettext("Title"),
        "see": gettext("What we see"),
        "ask": gettext("What we want to ask"),
        "offer": gettext("What we could offer"),
        "mitigations": gettext("Possible mitigations"),
        "shareable": gettext("Shared with the other side"),
        "position": gettext("Place on the agenda"),
        "items": gettext("Items"),
        "order": gettext("Order of the items"),
    }
    return str(labels.get(field) or field_label(field))
