"""The minutes of the open conversation: every item, its outcome and the actions
agreed, as a self-contained HTML document (and, through
:func:`kloof.reports.pdf_report.html_to_pdf`, an A4 PDF).

Two audiences. The team's minutes carry every item, with a mark on those not
shared, and name action owners by their rater names. The counterparty's minutes
carry only the items the team marked shareable, and only what was said and
agreed at the table: the item's title, what we see, ask and offer, the outcome,
its note and the actions as agreed (owners as written, never resolved to a
rater's name). Nothing of the analysis goes in: no rater names, ratings or their
notes, evidence, register reasons or notes, interview answers, link names. Even
the case title stays out (it is the team's working title): the other side's
minutes are headed by the two parties' names.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from kloof.domain.model import OUTCOMES, PERCEPTION, Action, Agenda, AgendaItem, Case
from kloof.i18n import format_date, translator
from kloof.i18n.outcomes import AUDIENCES, outcome_word
from kloof.i18n.reasons import factor_name, join_names, party_name
from kloof.reports.html_report import installed_version

Row = dict[str, Any]


def minutes_items(agenda: Agenda, audience: str) -> tuple[AgendaItem, ...]:
    """The items the audience gets: all for the team, the shareable ones for the
    other side."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    if audience == "team":
        return agenda.items
    return tuple(item for item in agenda.items if item.shareable)


def render_minutes(
    case: Case,
    agenda: Agenda,
    language: str,
    *,
    audience: str = "team",
    pdf: bool = False,
    generated: date | None = None,
    version: str | None = None,
) -> str:
    """The minutes as an HTML5 document; ``pdf`` adds the paper rules."""
    items = minutes_items(agenda, audience)
    team = audience == "team"
    t = translator(language)
    rows = [
        _item_row(case, item, number, language, team=team) for number, item in enumerate(items, 1)
    ]
    when = agenda.date or generated
    template = _environment(language).get_template("minutes.html.j2")
    return template.render(
        lang=language,
        team=team,
        title=case.title if team else _sides(case, language),
        subtitle=t.gettext("How we want to do business together"),
        meeting_date=format_date(when, language) if when else None,
        summary=_summary(items, language),
        items=rows,
        actions=[action for row in rows for action in row["actions"]],
        generated=format_date(generated, language) if generated else None,
        version=version if version is not None else installed_version(),
        pdf=pdf,
    )


def minutes_data(case: Case, agenda: Agenda, language: str, audience: str) -> list[Row]:
    """The minutes' items as plain data (for the API), in ``language``."""
    team = audience == "team"
    return [
        _item_row(case, item, number, language, team=team)
        for number, item in enumerate(minutes_items(agenda, audience), 1)
    ]


def _sides(case: Case, language: str) -> str:
    return join_names([party.name for party in case.parties[:2]], language)


def _summary(items: tuple[AgendaItem, ...], language: str) -> list[Row]:
    counts = Counter(item.outcome for item in items)
    keys: list[str | None] = [*OUTCOMES, None]
    return [
        {"outcome": key or "none", "word": outcome_word(key, language), "count": counts[key]}
        for key in keys
        if counts[key]
    ]


def _item_row(case: Case, item: AgendaItem, number: int, language: str, *, team: bool) -> Row:
    return {
        "number": number,
        "title": item.title,
        "about": _about(case, item, language),
        "see": item.see,
        "ask": item.ask,
        "offer": item.offer,
        "mitigations": list(item.mitigations),
        "outcome": item.outcome or "none",
        "outcome_word": outcome_word(item.outcome, language),
        "note": item.outcome_note or "",
        "shared": item.shareable,
        "actions": [
            _action_row(case, item, action, language, team=team) for action in item.actions
        ],
    }


def _about(case: Case, item: AgendaItem, language: str) -> str:
    """``Trust: how Globex sees ACME`` / ``Intention: ACME and Globex``; for an
    item outside the factors, empty."""
    if not item.factor:
        return ""
    t = translator(language)
    factor = factor_name(case, item.factor, language)
    names = [party_name(case, party) for party in item.parties]
    if item.kind == PERCEPTION and len(names) == 2:
        seen = t.gettext("how {viewer} sees {subject}").format(viewer=names[1], subject=names[0])
        return f"{factor}: {seen}"
    return f"{factor}: {join_names(names, language)}" if names else factor


def _action_row(case: Case, item: AgendaItem, action: Action, language: str, *, team: bool) -> Row:
    owner = action.owner or ""
    if team and owner:
        owner = next((rater.name for rater in case.raters if rater.id == owner), owner)
    return {
        "item": item.title,
        "text": action.text,
        "owner": owner,
        "due": format_date(action.due, language) if action.due else "",
        "due_iso": action.due.isoformat() if action.due else None,
        "done": action.done,
    }


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("kloof", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translator(language), newstyle=True)  # type: ignore[attr-defined]
    return env
