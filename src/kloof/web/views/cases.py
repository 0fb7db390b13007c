"""Cases: the workspace's list, new cases (scratch, template, upload), editing,
archiving, deleting and downloading the case file.

Roles: everybody in the workspace sees and downloads; editors and owners create,
edit and archive (archiving hides a case and can be undone); only owners delete,
because deleting takes every rating and the register with it and cannot be undone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.formats.casefile import dump_case_json, dump_case_yaml
from kloof.formats.errors import InputError
from kloof.i18n.headline import factor_labels
from kloof.services.messages import localized_message
from kloof.storage import cases as commands
from kloof.storage import cases_edit as edit
from kloof.storage.models import Case
from kloof.storage.relationship_due import due_by_relationship
from kloof.storage.relationships import link_case
from kloof.web.access import EDITOR, OWNER, VIEWER, Access, case_view, workspace_view
from kloof.web.forms import cases as case_forms
from kloof.web.forms.relationships import NewCaseLinkForm, new_case_link_form
from kloof.web.views.dashboard import ui_language

DOWNLOADS = {
    "yaml": ("application/yaml; charset=utf-8", dump_case_yaml),
    "json": ("application/json; charset=utf-8", dump_case_json),
}


@require_GET
@workspace_view(VIEWER)
def case_list(request: HttpRequest, access: Access) -> HttpResponse:
    """The workspace's home: its cases, each analysed (see ``case_summaries``)."""
    language = ui_language()
    # What blocks, by name (position and perception), beside the count.
    summaries = [
        replace(
            item,
            blocking_names=tuple(
                factor_labels(item.analysis, list(item.analysis.blocking_detail), language)
            ),
        )
        if item.analysis
        else item
        for item in commands.case_summaries(access.workspace)
    ]
    # When each linked case's relationship is next due (one aggregate query).
    linked = {item.row.relationship for item in summaries if item.row.relationship_id}
    due = due_by_relationship(linked, timezone.localdate())
    for item in summaries:
        item.row.review_due = due.get(item.row.relationship_id)  # type: ignore[attr-defined]
    context = {
        "access": access,
        "active": [item for item in summaries if not item.row.archived],
        "archived": [item for item in summaries if item.row.archived],
    }
    return render(request, "kloof/cases/list.html", context)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def case_create(request: HttpRequest, access: Access) -> HttpResponse:
    """From the template or from scratch; the posted ``start`` says which."""
    language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("nl", "en") else "en"
    start = request.POST.get("start") if request.method == "POST" else None
    template = case_forms.TemplateForm(
        request.POST if start == "template" else None, initial={"language": language}
    )
    scratch = case_forms.NewCaseForm(
        request.POST if start == "scratch" else None, initial={"language": language}
    )
    parties = case_forms.NewPartyFormSet(
        request.POST if start == "scratch" else None, prefix="parties"
    )
    link = new_case_link_form(request, access, bound=start == "scratch")
    if start == "template" and template.is_valid():
        case = commands.template_case(template.cleaned_data["language"])
        return _created(request, access, case)
    if start == "scratch" and scratch.is_valid() and parties.is_valid() and _valid(link):
        data = scratch.cleaned_data
        case = commands.blank_case(
            title=data["title"],
            language=data["language"],
            parties=scratch.new_parties(parties),
            case_date=data["date"],
            scale=scratch.scale(),
            description=data["description"],
        )
        return _created(request, access, case, link)
    context = {
        "access": access,
        "template": template,
        "scratch": scratch,
        "parties": parties,
        "link_form": link,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "kloof/cases/create.html", context, status=status)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def case_upload(request: HttpRequest, access: Access) -> HttpResponse:
    """A case file from the user's disk, checked as ``kloof analyse`` checks it."""
    form = case_forms.UploadForm(request.POST or None, request.FILES or None)
    link = new_case_link_form(request, access, bound=request.method == "POST")
    if request.method == "POST" and form.is_valid() and _valid(link):
        upload = form.cleaned_data["file"]
        try:
            case = commands.read_upload(upload.read(), upload.name)
        except InputError as error:
            form.add_error("file", localized_message(error, get_language()))
        else:
            return _created(request, access, case, link)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "form": form, "link_form": link}
    return render(request, "kloof/cases/upload.html", context, status=status)


def _valid(link: NewCaseLinkForm | None) -> bool:
    return link is None or link.is_valid()


def _created(
    request: HttpRequest, access: Access, case: Any, link: NewCaseLinkForm | None = None
) -> HttpResponse:
    """Store the new case and, when chosen, link it to a relationship: one transaction."""
    with transaction.atomic():
        row = commands.store_case(access.workspace, case)
        chosen = link.cleaned_data["relationship"] if link is not None else None
        if chosen is not None:
            target = access.workspace.relationships.get(pk=chosen)
            link_case(row, target, request.user)
    messages.success(request, _("Case “%(title)s” created.") % {"title": row.title})
    return redirect("dashboard", slug=access.workspace.slug, case_id=row.pk)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def case_edit(request: HttpRequest, access: Access) -> HttpResponse:
    row = _case(access)
    if request.method == "GET":
        return _edit_page(request, access, _edit_forms(row))
    bound = _edit_forms(row, request.POST)
    form, parties, factors = bound
    if not (form.is_valid() and parties.is_valid() and factors.is_valid()):
        return _edit_page(request, access, bound, status=400)
    changes = edit.CaseChanges(
        title=form.cleaned_data["title"],
        language=form.cleaned_data["language"],
        scale=form.scale(),
        case_date=form.cleaned_data["date"],
        description=form.cleaned_data["description"],
        parties=case_forms.party_changes(parties),
        factors=case_forms.factor_changes(factors),
    )
    try:
        edit.update_case(row, form.cleaned_data["version"], changes)
    except edit.StaleCaseError:
        return _stale(request, access, changes)
    except edit.EditRefusedError as refused:
        for problem in refused.problems:
            form.add_error(None, case_forms.problem_text(problem))
        return _edit_page(request, access, bound, status=400)
    messages.success(request, _("Case saved."))
    return redirect("case_edit", slug=access.workspace.slug, case_id=row.pk)


EditForms = tuple[case_forms.CaseEditForm, forms.BaseFormSet, forms.BaseFormSet]


def _edit_forms(row: Case, data: Any = None) -> EditForms:
    if data is not None:
        return (
            case_forms.CaseEditForm(data),
            case_forms.EditPartyFormSet(data, prefix="parties"),
            case_forms.FactorFormSet(data, prefix="factors"),
        )
    return (
        case_forms.CaseEditForm(initial=case_forms.case_initial(row)),
        case_forms.EditPartyFormSet(initial=case_forms.party_initial(row), prefix="parties"),
        case_forms.FactorFormSet(initial=case_forms.factor_initial(row), prefix="factors"),
    )


def _edit_page(
    request: HttpRequest, access: Access, bound: EditForms, status: int = 200, **extra: Any
) -> HttpResponse:
    form, parties, factors = bound
    context = {
        "access": access,
        "case": _case(access),
        "form": form,
        "parties": parties,
        "factors": factors,
        **extra,
    }
    return render(request, "kloof/cases/edit.html", context, status=status)


def _stale(request: HttpRequest, access: Access, mine: edit.CaseChanges) -> HttpResponse:
    """409: someone saved first. The form now holds the newer values; what this
    user typed is shown beside it to carry over by hand: never a silent overwrite."""
    newer = Case.objects.filter(pk=_case(access).pk).first()
    if newer is None:
        raise Http404("the case was deleted meanwhile")
    access = Access(workspace=access.workspace, membership=access.membership, case=newer)
    return _edit_page(request, access, _edit_forms(newer), status=409, mine=mine)


@require_POST
@case_view(EDITOR)
def case_archive(request: HttpRequest, access: Access) -> HttpResponse:
    form = case_forms.ArchiveForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Choose to archive or to restore the case."), status=400)
    row = _case(access)
    archive = form.cleaned_data["action"] == "archive"
    commands.set_archived(row, archive)
    text = _("Case “%(title)s” archived.") if archive else _("Case “%(title)s” restored.")
    messages.success(request, text % {"title": row.title})
    return redirect("case_list", slug=access.workspace.slug)


@require_http_methods(["GET", "POST"])
@case_view(OWNER)
def case_delete(request: HttpRequest, access: Access) -> HttpResponse:
    """GET asks for confirmation; the POST of that page deletes."""
    row = _case(access)
    if request.method == "POST":
        commands.delete_case(row)
        messages.success(request, _("Case “%(title)s” deleted.") % {"title": row.title})
        return redirect("case_list", slug=access.workspace.slug)
    counts = {"ratings": row.ratings.count(), "differences": row.differences.count()}
    return render(request, "kloof/cases/delete.html", {"access": access, "case": row, **counts})


@require_GET
@case_view(VIEWER)
def case_download(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """The case file, YAML or JSON: uploading it again gives the same analysis."""
    if fmt not in DOWNLOADS:
        raise Http404("no such format")
    content_type, dump = DOWNLOADS[fmt]
    row = _case(access)
    response = HttpResponse(dump(commands.load_case(row)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, download_name(row, fmt))
    return response


def download_name(row: Case, fmt: str) -> str:
    """A file name from the title that every system accepts: ASCII, no path."""
    return f"{slugify(row.title)[:80].strip('-') or 'case'}.{fmt}"


def _case(access: Access) -> Case:
    assert access.case is not None  # case_view always sets it
    return access.case
