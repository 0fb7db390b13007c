"""Evidence per party and factor: evidence notes and the ratings they support,
and the ratings whose own note is evidence (an interview, an observation or a
document with a note: one concept, kept in either place).

Everybody in the workspace reads the evidence and sees which positions are
confirmed or estimated; editors and owners add, change, link and delete notes
(a rating's own note is changed on the rate page). Saves carry the note's
version (409 when stale).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kloof.storage import evidence as store
from kloof.storage.models import Case, EvidenceNote
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view
from kloof.web.forms.evidence import NoteDeleteForm, NoteEditForm, NoteForm, source_choices
from kloof.web.views import register_display as display
from kloof.web.views.rating import rate_url


@require_http_methods(["GET", "POST"])
@case_view(VIEWER)
def evidence(request: HttpRequest, access: Access) -> HttpResponse:
    """All notes, per party and factor; a POST adds one (editors)."""
    choices = _choices(access.case)
    if request.method != "POST":
        initial = {"party": request.GET.get("party", ""), "factor": request.GET.get("factor", "")}
        return _list_page(request, access, NoteForm(initial=initial, **choices))
    if not access.can_edit:
        raise PermissionDenied("role too low")
    form = NoteForm(request.POST, **choices)
    if not form.is_valid():
        return _list_page(request, access, form, status=400)
    party = access.case.parties.get(key=form.cleaned_data["party"])
    note = store.add_note(
        access.case, party, form.cleaned_data["factor"], form.values(), request.user
    )
    messages.success(request, _("Note added. Tick the ratings it supports."))
    return redirect(
        "evidence_edit", slug=access.workspace.slug, case_id=access.case.pk, note_id=note.pk
    )


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def evidence_edit(request: HttpRequest, access: Access, note_id: int) -> HttpResponse:
    """Change a note and the ratings it supports; ``delete`` in the post deletes it."""
    note = store.find_note(access.case, note_id)
    if note is None:
        raise Http404("no such note")
    answer = getattr(note, "interview_answer", None)
    if answer is not None:  # an interview's answer is changed on the interview's page
        return redirect(
            "interview",
            slug=access.workspace.slug,
            case_id=access.case.pk,
            interview_id=answer.interview_id,
        )
    ratings = store.supportable_ratings(access.case, note.party, note.factor)
    if request.method != "POST":
        return _edit_page(request, access, note, _edit_form(note, ratings))
    if "delete" in request.POST:
        return _delete(request, access, note, ratings)
    form = NoteEditForm(request.POST, ratings=ratings)
    if not form.is_valid():
        return _edit_page(request, access, note, form, status=400)
    try:
        store.update_note(
            access.case,
            note.pk,
            form.cleaned_data["version"],
            form.values(),
            form.cleaned_data["supports"],
            request.user,
        )
    except StaleVersion as stale:
        return _conflict(request, access, stale.current, ratings, form.values())
    messages.success(request, _("Note saved."))
    return redirect("evidence", slug=access.workspace.slug, case_id=access.case.pk)


# --- helpers -------------------------------------------------------------------------


def _delete(request: HttpRequest, access: Access, note: EvidenceNote, ratings: Any) -> HttpResponse:
    form = NoteDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note could not be deleted: reload the page."))
        return _edit_page(request, access, note, _edit_form(note, ratings), status=400)
    try:
        store.delete_note(access.case, note.pk, form.cleaned_data["version"], request.user)
    except StaleVersion as stale:
        return _conflict(request, access, stale.current, ratings, {})
    messages.success(request, _("Note deleted."))
    return redirect("evidence", slug=access.workspace.slug, case_id=access.case.pk)


def _choices(case_row: Case) -> dict[str, list[tuple[str, str]]]:
    language = display.language()
    return {
        "parties": list(case_row.parties.values_list("key", "name")),
        "factors": [(f.key, f.name.get(language)) for f in store.case_factors(case_row)],
    }


def _edit_form(note: EvidenceNote, ratings: Any) -> NoteEditForm:
    initial = {
        "version": note.version,
        "source": note.source,
        "date": note.date,
        "text": note.text,
        "supports": [rating.pk for rating in note.supports.all()],
    }
    return NoteEditForm(initial=initial, ratings=ratings)


def _sections(case_row: Case) -> list[dict[str, Any]]:
    """Per party, per factor: the position's evidence state and the notes."""
    language = display.language()
    states = store.position_evidence(case_row)
    sources = dict(source_choices())
    notes: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for note in store.case_notes(case_row):
        notes[(note.party.key, note.factor)].append(
            {
                "note": note,
                "source": sources.get(note.source, note.source),
                "supports": [rating.rater.name for rating in note.supports.all()],
            }
        )
    slug = case_row.workspace.slug
    for rating in store.rating_evidence(case_row):
        notes[(rating.subject.key, rating.factor)].append(
            {
                "rating": rating,
                "source": sources.get(rating.source, rating.source),
                "rate_url": rate_url(case_row, rating.rater, rating.subject, slug),
            }
        )
    factors = store.case_factors(case_row)
    sections = []
    for party in case_row.parties.all():
        rows = []
        for factor in factors:
            state = states.get((party.key, factor.key), "unrated")
            rows.append(
                {
                    "key": factor.key,
                    "name": factor.name.get(language),
                    "state": state,
                    "notes": notes.get((party.key, factor.key), []),
                }
            )
        sections.append({"party": party, "factors": rows})
    return sections


def _list_page(
    request: HttpRequest, access: Access, form: NoteForm, status: int = 200
) -> HttpResponse:
    context = {"access": access, "form": form, "sections": _sections(access.case)}
    return render(request, "kloof/evidence/list.html", context, status=status)


def _edit_page(
    request: HttpRequest,
    access: Access,
    note: EvidenceNote,
    form: NoteEditForm,
    *,
    conflict: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = display.language()
    factor_names = {f.key: f.name.get(language) for f in store.case_factors(access.case)}
    context = {
        "access": access,
        "note": note,
        "factor_name": factor_names.get(note.factor, note.factor),
        "form": form,
        "conflict": conflict,
    }
    return render(request, "kloof/evidence/edit.html", context, status=status)


def _conflict(
    request: HttpRequest, access: Access, current: Any, ratings: Any, yours: dict[str, Any]
) -> HttpResponse:
    if current is None:
        messages.error(request, _("Someone deleted this note in the meantime."))
        return redirect("evidence", slug=access.workspace.slug, case_id=access.case.pk)
    fields = [name for name in ("source", "date", "text") if name in yours]
    conflict = {
        **display.who_and_when(access.case, "evidence", current),
        "fields": [
            (
                display.field_label(name),
                display.format_value(name, getattr(current, name)),
                display.format_value(name, yours.get(name)),
            )
            for name in fields
        ],
    }
    form = _edit_form(current, ratings)
    return _edit_page(request, access, current, form, conflict=conflict, status=409)
