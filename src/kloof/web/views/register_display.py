"""What the register, entry and history pages show: rows as plain values, words in
the active language. Kept apart from the views so those stay a screen long."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext

from kloof.domain.model import PERCEPTION, POSITION, Severity
from kloof.domain.results import BlindSpot
from kloof.i18n import format_score
from kloof.i18n.outcomes import outcome_word
from kloof.i18n.reasons import severity_word
from kloof.storage.evidence import case_factors
from kloof.storage.history import last_change
from kloof.storage.models import Case, ChangeLog
from kloof.storage.register import RegisterRow
from kloof.web.forms.evidence import source_choices
from kloof.web.forms.register import decision_choices, decision_of, status_choices
from kloof.web.views.imports_display import history_text as import_history_text

DASH = "—"


def language() -> str:
    """The active language as the core knows it: ``nl`` or ``en``."""
    return "nl" if (get_language() or "").startswith("nl") else "en"


def register_row(row: RegisterRow, language: str) -> dict[str, Any]:
    gap = row.gap
    names = [party.name for party in row.parties]
    return {
        "factor": row.factor.key,
        "factor_name": row.factor.name.get(language),
        "kind": row.kind,
        "is_perception": row.is_perception,
        "kind_word": kind_label(row.kind),
        "about": difference_label(row.kind, *names),
        "scores": perception_scores(gap, *names, language) if row.is_perception else None,
        "parties": [party.id for party in row.parties],
        "party_names": names,
        "severity": row.severity.value,
        "severity_word": severity_word(row.severity, language),
        "decided": row.decided_severity.value,
        "decided_word": severity_word(row.decided_severity, language),
        "overridden": row.overridden,
        "confirmed": row.confirmed,
        "team_word": team_label(row.confirmed, row.decided_severity),
        "changes_severity": row.decided_severity is not row.severity,
        "points": format_score(gap.points, language) if gap and gap.points is not None else None,
        "uncertain": row.uncertain,
        "status": row.status,
        "status_word": status_label(row.status) if row.status else None,
        "entry": row.entry,
        "new_query": new_entry_query(row.kind, row.factor.key, *(p.id for p in row.parties)),
        "actions_done": row.actions_done,
        "actions_total": row.actions_total,
        "blocking": row.decided_severity is Severity.BLOCKING,
    }


def kind_label(kind: str) -> str:
    """``perception gap`` / ``beeldverschil``; ``position difference`` otherwise."""
    if kind == PERCEPTION:
        return pgettext("difference kind", "perception gap")
    return pgettext("difference kind", "position difference")


def difference_label(kind: str, first: str, second: str) -> str:
    """Who the difference is between: ``ACME – Globex``, or for a perception gap
    (first the subject, then the viewer) ``how Globex sees ACME``."""
    if kind == PERCEPTION:
        return gettext("how %(viewer)s sees %(subject)s") % {"viewer": second, "subject": first}
    return f"{first} – {second}"


def perception_scores(gap: Any, subject: str, viewer: str, language: str) -> str | None:
    """Both views of a perception gap in a sentence, saying which one is unrated."""
    if not isinstance(gap, BlindSpot):
        return None
    names = {"subject": subject, "viewer": viewer}
    seen, own = gap.viewer_score, gap.self_score
    if seen is not None and own is not None:
        return gettext(
            "%(viewer)s sees %(subject)s at %(seen)s, %(subject)s sees itself at %(own)s"
        ) % {**names, "seen": format_score(seen, language), "own": format_score(own, language)}
    if own is not None:
        return gettext(
            "%(viewer)s has not rated %(subject)s yet; %(subject)s sees itself at %(own)s"
        ) % {**names, "own": format_score(own, language)}
    if seen is not None:
        return gettext(
            "%(viewer)s sees %(subject)s at %(seen)s; %(subject)s has not rated itself yet"
        ) % {**names, "seen": format_score(seen, language)}
    return (
        gettext("Not rated yet: how %(viewer)s sees %(subject)s, and how %(subject)s sees itself")
        % names
    )


def team_label(confirmed: bool, decided: Severity) -> str:
    """The note beside a decided severity: a confirmation or an override."""
    if not confirmed:
        return gettext("team decision")
    if decided is Severity.BLOCKING:
        return gettext("the team confirmed that it blocks")
    return gettext("the team confirmed that it does not block")


def new_entry_query(kind: str, factor: str, first: str, second: str) -> str:
    """The query string that preselects a difference on the new-entry page."""
    if kind == PERCEPTION:
        fields = {"kind": PERCEPTION, "factor": factor, "subject": first, "viewer": second}
    else:
        fields = {"kind": POSITION, "factor": factor, "a": first, "b": second}
    return urlencode(fields)


def new_entry_choices(case_row: Case, language: str) -> dict[str, list[tuple[str, str]]]:
    return {
        "factors": [(f.key, f.name.get(language)) for f in case_factors(case_row)],
        "parties": list(case_row.parties.values_list("key", "name")),
    }


def owner_names(case_row: Case) -> dict[str, str]:
    """Rater keys and names, in the case's order: the suggested action owners."""
    return dict(case_row.raters.values_list("key", "name"))


def action_item(action: Any, owners: Mapping[str, str]) -> dict[str, Any]:
    return {
        "action": action,
        "owner": owners.get(action.owner or "", action.owner or ""),
    }


def status_label(status: str) -> str:
    return str(dict(status_choices()).get(status, status))


def decision_label(blocking: bool | None) -> str:
    return str(dict(decision_choices())[decision_of(blocking)])


def format_value(field: str, value: Any) -> str:
    """One stored value (as kept in the history's JSON) for people."""
    if field == "blocking" and value in (None, True, False):
        return decision_label(value)  # None is a decision too: the computed severity
    if value is None or value == "":
        return DASH
    if field == "status":
        return status_label(value)
    if field == "outcome":
        return outcome_word(str(value), (get_language() or "en")[:2])
    if field == "source":
        return str(dict(source_choices()).get(value, value))
    if field == "supports" and isinstance(value, list):
        return ngettext("%(num)d rating", "%(num)d ratings", len(value)) % {"num": len(value)}
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or DASH
    if field in ("due", "date"):
        return _date(value)
    return str(value)


def field_label(field: str) -> str:
    labels = {
        "status": gettext("Status"),
        "blocking": gettext("Decided severity"),
        "reason": gettext("Reason for the decision"),
        "note": gettext("Note"),
        "text": gettext("Text"),
        "owner": gettext("Owner"),
        "due": gettext("Due date"),
        "done": gettext("Done"),
        "source": gettext("Source"),
        "date": gettext("Date"),
        "supports": gettext("Ratings this note supports"),
        "answer": gettext("Answer"),
        "interviewee": gettext("Interviewee"),
        "about": gettext("The answers tell about"),
        "party": gettext("Party of the interviewee"),
        "role": gettext("Role"),
        "interviewer": gettext("Interviewer"),
        "factors": gettext("Factors to ask about"),
        "outcome": gettext("Outcome"),
        "outcome_note": gettext("Short note"),
    }
    return labels.get(field, field)


def who_and_when(case_row: Case, model: str, row: models.Model) -> dict[str, str]:
    """Who saved ``row`` last and when, for a conflict message."""
    change = last_change(case_row, model, row.pk)
    user = getattr(row, "updated_by", None)
    who = change.user_label if change and change.user_label else ""
    if not who and user is not None:
        who = user.email or user.get_username()
    updated = getattr(row, "updated", None)
    return {
        "who": who or gettext("someone"),
        "when": _datetime(updated) if updated else DASH,
    }


def entry_conflict(
    case_row: Case, current: Any, yours: Mapping[str, Any], language: str
) -> dict[str, Any]:
    fields = ("status", "blocking", "reason", "note")
    return {
        **who_and_when(case_row, "difference", current),
        "fields": [
            (field_label(f), format_value(f, getattr(current, f)), format_value(f, yours.get(f)))
            for f in fields
        ],
    }


def action_conflict(case_row: Case, current: Any, yours: Mapping[str, Any]) -> dict[str, Any]:
    fields = [f for f in ("text", "owner", "due", "done") if f in yours]
    return {
        **who_and_when(case_row, "action", current),
        "fields": [
            (field_label(f), format_value(f, getattr(current, f)), format_value(f, yours.get(f)))
            for f in fields
        ],
    }


@dataclass(frozen=True)
class HistoryNames:
    """Factor and party names of a case, to name what a history row is about."""

    factors: Mapping[str, str]
    parties: Mapping[str, str]

    @classmethod
    def of(cls, case_row: Case, language: str) -> HistoryNames:
        return cls(
            factors={f.key: f.name.get(language) for f in case_factors(case_row)},
            parties=dict(case_row.parties.values_list("key", "name")),
        )

    def factor(self, key: Any) -> str:
        return self.factors.get(str(key), str(key))

    def party(self, key: Any) -> str:
        return self.parties.get(str(key), str(key))


def history_row(change: ChangeLog, names: HistoryNames) -> dict[str, Any]:
    return {
        "when": change.when,
        "who": change.user_label or gettext("unknown user"),
        "what": _what(change, names),
        "about": _about(change, names),
        "changes": [
            (field_label(field), format_value(field, pair[0]), format_value(field, pair[1]))
            for field, pair in change.changes.items()
            if isinstance(pair, list) and len(pair) == 2
        ],
    }


def _what(change: ChangeLog, names: HistoryNames) -> str:
    words = {
        ("difference", "create"): pgettext("history", "Register entry opened"),
        ("difference", "update"): pgettext("history", "Register entry changed"),
        ("action", "create"): pgettext("history", "Action added"),
        ("action", "update"): pgettext("history", "Action changed"),
        ("evidence", "create"): pgettext("history", "Evidence note added"),
        ("evidence", "update"): pgettext("history", "Evidence note changed"),
        ("evidence", "delete"): pgettext("history", "Evidence note deleted"),
        ("interview", "create"): pgettext("history", "Interview planned"),
        ("interview", "update"): pgettext("history", "Interview changed"),
        ("interview", "delete"): pgettext("history", "Interview deleted"),
        ("interview_answer", "update"): pgettext("history", "Interview answer saved"),
        ("outcome", "update"): pgettext("history", "Outcome of the conversation recorded"),
    }
    if change.model == "import":  # worded by the import area, from its subject
        return import_history_text(change.subject or {}, change.summary)
    if change.model in ("anonymity", "round"):
        return _respondent_setting(change.model, change.subject or {})
    if change.model in ("agenda", "agenda_item", "agenda_link"):
        from kloof.web.views.agenda_display import agenda_change_text  # it imports this module

        return agenda_change_text(change)
    return words.get((change.model, change.kind), change.summary or change.model)


def _respondent_setting(model: str, subject: Mapping[str, Any]) -> str:
    """The anonymity promise or the round, as changed (see kloof.storage.anonymity)."""
    if model == "round":
        if subject.get("closed"):
            return pgettext("history", "Respondent round closed")
        return pgettext("history", "Respondent round reopened")
    if subject.get("anonymous"):
        return pgettext(
            "history", "Respondents promised anonymity, groups shown from %(n)s answers"
        ) % {"n": subject.get("min_group", "?")}
    return pgettext("history", "Respondents not promised anonymity")


def _about(change: ChangeLog, names: HistoryNames) -> str:
    subject = change.subject or {}
    parts = []
    if "factor" in subject:
        parts.append(names.factor(subject["factor"]))
    if subject.get("kind") == PERCEPTION:
        seen, viewer = names.party(subject.get("subject")), names.party(subject.get("viewer"))
        parts.append(difference_label(PERCEPTION, seen, viewer))
    if isinstance(subject.get("parties"), list):
        parts.append(" – ".join(names.party(key) for key in subject["parties"]))
    if "party" in subject:
        parts.append(names.party(subject["party"]))
    if (
        change.model in ("outcome", "action")
        and subject.get("agenda_item")
        and subject.get("title")
    ):
        parts.append(str(subject["title"]))  # an agenda item (outside the factors: no factor)
    if change.model == "action" and subject.get("text"):
        parts.append(f"“{subject['text']}”")
    return " · ".join(parts)


def _date(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return str(formats.date_format(value, "DATE_FORMAT"))


def _datetime(value: datetime.datetime) -> str:
    return str(formats.date_format(timezone.localtime(value), "DATETIME_FORMAT"))
