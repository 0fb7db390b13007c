"""The agenda of a case file: its own, or the one proposed from the analysis."""

from __future__ import annotations

from pathlib import Path

from kloof.domain.agenda import propose_agenda
from kloof.domain.analysis import analyse
from kloof.domain.model import Agenda, Case
from kloof.i18n.agenda import render_agenda
from kloof.services.casework import load


def agenda_of(case: Case) -> Agenda:
    """The case's agenda; without one, the proposal in the case's language."""
    if case.agenda is not None:
        return case.agenda
    return render_agenda(propose_agenda(analyse(case)), case, case.language)


def agenda_document(path: Path, audience: str, language: str | None, *, pdf: bool) -> str | bytes:
    """The agenda of the case file at ``path`` for ``audience``, HTML or PDF bytes."""
    from kloof.reports.agenda import render_agenda_html, render_agenda_pdf

    case = load(path)
    agenda = agenda_of(case)
    language = language or case.language
    if pdf:
        return render_agenda_pdf(case, agenda, audience, language)
    return render_agenda_html(case, agenda, audience, language)


def shared_item_count(path: Path) -> int:
    """How many items of the case file's agenda go into the other side's version."""
    return sum(1 for item in agenda_of(load(path)).items if item.shareable)
