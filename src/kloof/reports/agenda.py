"""The agenda on paper and as a page to share: HTML, and PDF from the same HTML.

Two audiences. The team version carries everything: each item's kind, factor
and parties, its texts, whether it is shared, the outcome and the agreed
actions with their owners. The counterparty version carries only the items the
team marked shareable, and of those only the title, what we see, ask and offer,
and the mitigations: no rater, note, evidence, register reason, owner or the
case's own title (which is the team's name for the negotiation). It is built
from :func:`counterparty_view`, which copies nothing else, so nothing else can
slip into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from kloof.domain.model import OTHER, PERCEPTION, Agenda, AgendaItem, Case
from kloof.i18n import format_date, translator
from kloof.i18n.reasons import N_, factor_name, join_names, party_name

AUDIENCES = ("team", "counterparty")


@dataclass(frozen=True)
class SharedItem:
    """An item as the other side reads it: these five fields and nothing else."""

    title: str
    see: str
    ask: str
    offer: str
    mitigations: tuple[str, ...]


def counterparty_view(agenda: Agenda) -> tuple[SharedItem, ...]:
    """The shareable items, reduced to what the other side may read."""
    return tuple(
        SharedItem(item.title, item.see, item.ask, item.offer, item.mitigations)
        for item in agenda.items
        if item.shareable
    )


def render_agenda_html(
    case: Case, agenda: Agenda, audience: str, language: str, *, pdf: bool = False
) -> str:
    """The agenda for ``audience`` ("team" or "counterparty") as one HTML document."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; use team or counterparty")
    t = translator(language)
    template = _environment(language).get_template("agenda.html.j2")
    names = [party.name for party in case.parties if party.side in ("own", "counterparty")]
    names = names or [party.name for party in case.parties[:2]]
    when = agenda.date or case.date
    common = {
        "lang": language,
        "pdf": pdf,
        "between": t.gettext("Between {parties}").format(parties=join_names(names, language)),
        "when": format_date(when, language) if when else None,
    }
    if audience == "counterparty":
        return template.render(
            **common,
            audience=audience,
            title=t.gettext("Agenda: how we want to do business together"),
            kicker=t.gettext("Agenda for our conversation"),
            items=[_shared_row(item) for item in counterparty_view(agenda)],
        )
    return template.render(
        **common,
        audience=audience,
        title=case.title,
        kicker=t.gettext("Agenda of the open conversation (team version)"),
        items=[_team_row(case, item, language) for item in agenda.items],
    )


def render_agenda_pdf(case: Case, agenda: Agenda, audience: str, language: str) -> bytes:
    """The same document as A4 PDF."""
    from kloof.reports.pdf_report import html_to_pdf

    return html_to_pdf(render_agenda_html(case, agenda, audience, language, pdf=True))


def _shared_row(item: SharedItem) -> dict[str, object]:
    return {
        "title": item.title,
        "see": item.see,
        "ask": item.ask,
        "offer": item.offer,
        "mitigations": list(item.mitigations),
    }


_KINDS = {
    "position": N_("Positions differ"),
    PERCEPTION: N_("Perception gap"),
    OTHER: N_("Outside the factors"),
}
_OUTCOMES = {
    "named": N_("named"),
    "accepted_both": N_("accepted by both"),
    "mitigation_agreed": N_("mitigation agreed"),
    "open": N_("still open"),
}


def _team_row(case: Case, item: AgendaItem, language: str) -> dict[str, object]:
    t = translator(language)
    about = [t.pgettext("agenda kind", _KINDS.get(item.kind, item.kind))]
    if item.factor:
        about.append(factor_name(case, item.factor, language))
    if item.parties:
        about.append(" – ".join(party_name(case, pid) for pid in item.parties))
    return {
        **_shared_row(SharedItem(item.title, item.see, item.ask, item.offer, item.mitigations)),
        "about": " · ".join(about),
        "shared": item.shareable,
        "outcome": t.pgettext("outcome", _OUTCOMES[item.outcome]) if item.outcome else None,
        "outcome_note": item.outcome_note,
        "actions": [
            {
                "text": action.text,
                "owner": action.owner or "",
                "due": format_date(action.due, language) if action.due else "",
                "done": action.done,
            }
            for action in item.actions
        ],
    }


def _environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader("kloof", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translator(language), newstyle=True)  # type: ignore[attr-defined]
    return env
