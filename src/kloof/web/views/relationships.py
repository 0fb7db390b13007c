"""Relationships: the list with when each review is due, a relationship's page,
creating and editing one, linking cases and its calendar file."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kloof.storage import relationships as commands
from kloof.storage.models import Case, Relationship
from kloof.storage.relationship_due import due_by_relationship
from kloof.storage.versions import StaleVersion
from kloof.web.access import EDITOR, VIEWER, Access, case_view, workspace_view
from kloof.web.forms.relationships import CaseLinkForm, LinkForm, PhaseForm, RelationshipForm
from kloof.web.ics import review_calendar


def find_relationship(access: Access, rel_id: int) -> Relationship:
    """A relationship of the access's workspace, else 404."""
    return get_object_or_404(
        Relationship.objects.select_related("owner", "workspace"),
        pk=rel_id,
        workspace=access.workspace,
    )


def owner_error(form: RelationshipForm, error: commands.InvalidRelationship) -> None:
    texts = {
        "name": _("Give the counterparty's name."),
        "cadence": _("Give a number of months from 1 to 60."),
        "owner": _("Choose a member of this workspace as the owner."),
    }
    field = error.field if error.field in form.fields else None
    form.add_error(field, texts.get(error.code, _("This value cannot be saved.")))


@require_GET
@workspace_view(VIEWER)
def relationship_list(request: HttpRequest, access: Access) -> HttpResponse:
    """Every relationship, the soonest due first."""
    archived = request.GET.get("archived") == "1"
    rows = commands.relationship_rows(access.workspace, timezone.localdate(), archived=archived)
    context = {"access": access, "rows": rows, "archived": archived}
    return render(request, "kloof/relationships/list.html", context)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def relationship_create(request: HttpRequest, access: Access) -> HttpResponse:
    form = RelationshipForm(
        access.workspace, request.POST or None, initial={"owner": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = commands.create_relationship(access.workspace, form.fields_value())
        except commands.InvalidRelationship as error:
            owner_error(form, error)
        else:
            messages.success(request, _("Relationship “%(name)s” created.") % {"name": row.name})
            return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "form": form}
    return render(request, "kloof/relationships/form.html", context, status=status)


@require_GET
@workspace_view(VIEWER)
def relationship_detail(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    """A relationship's cases over time (newest first), its phases and cadence."""
    row = find_relationship(access, rel_id)
    today = timezone.localdate()
    cases = list(row.cases.order_by("-date", "-created", "-id"))
    unlinked = list(
        access.workspace.cases.filter(relationship__isnull=True, archived=False).order_by("title")
    )
    context = {
        "access": access,
        "relationship": row,
        "cases": cases,
        "due": due_by_relationship([row], today)[row.pk],
        "phases": row.phases.all(),
        "phase_form": PhaseForm(),
        "link_form": CaseLinkForm(unlinked) if unlinked else None,
    }
    return render(request, "kloof/relationships/detail.html", context)


@require_http_methods(["GET", "POST"])
@workspace_view(EDITOR)
def relationship_edit(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    row = find_relationship(access, rel_id)
    initial = {
        "name": row.name,
        "note": row.note,
        "owner": row.owner_id,
        "cadence_months": row.cadence_months,
        "version": row.version,
    }
    form = RelationshipForm(access.workspace, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            commands.update_relationship(
                row, form.cleaned_data["version"] or 0, form.fields_value()
            )
        except commands.InvalidRelationship as error:
            owner_error(form, error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone saved this relationship after you opened it. Reload the page "
                    "to see their change, then make yours again."
                ),
            )
        else:
            messages.success(request, _("Relationship saved."))
            return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "form": form, "relationship": row}
    return render(request, "kloof/relationships/form.html", context, status=status)


@require_POST
@workspace_view(EDITOR)
def relationship_archive(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    row = find_relationship(access, rel_id)
    archived = request.POST.get("archived", "1") == "1"
    commands.set_relationship_archived(row, archived)
    if archived:
        messages.success(request, _("Relationship “%(name)s” archived.") % {"name": row.name})
    else:
        messages.success(request, _("Relationship “%(name)s” is back.") % {"name": row.name})
    return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)


@require_POST
@workspace_view(EDITOR)
def relationship_link(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    """Link one of the workspace's cases (``case``), or unlink (``unlink``)."""
    row = find_relationship(access, rel_id)
    if "unlink" in request.POST:
        case = _workspace_case(access, request.POST.get("unlink", ""))
        if case.relationship_id != row.pk:
            raise Http404("not a case of this relationship")
        commands.unlink_case(case, request.user)
        messages.success(request, _("“%(title)s” is no longer linked.") % {"title": case.title})
    else:
        case = _workspace_case(access, request.POST.get("case", ""))
        commands.link_case(case, row, request.user)
        messages.success(request, _("“%(title)s” is linked.") % {"title": case.title})
    return redirect("relationship", slug=access.workspace.slug, rel_id=row.pk)


def _workspace_case(access: Access, value: str) -> Case:
    if not value.isdigit():
        raise Http404("no such case")
    return get_object_or_404(Case, pk=int(value), workspace=access.workspace)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def case_relationship(request: HttpRequest, access: Access) -> HttpResponse:
    """From the case: link it to a relationship, or unlink it."""
    case = access.case
    assert case is not None  # case_view sets it
    form = LinkForm(
        access.workspace, request.POST or None, initial={"relationship": case.relationship_id}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["relationship"]
        if chosen is None:
            commands.unlink_case(case, request.user)
            messages.success(request, _("The case is no longer linked to a relationship."))
        else:
            target = find_relationship(access, chosen)
            commands.link_case(case, target, request.user)
            messages.success(
                request, _("The case is linked to “%(name)s”.") % {"name": target.name}
            )
        return redirect("dashboard", slug=access.workspace.slug, case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "case": case, "form": form}
    return render(request, "kloof/relationships/case_link.html", context, status=status)


@require_GET
@workspace_view(VIEWER)
def relationship_ics(request: HttpRequest, access: Access, rel_id: int) -> HttpResponse:
    """The next review date as an RFC 5545 calendar with one all-day event."""
    row = find_relationship(access, rel_id)
    due = due_by_relationship([row], timezone.localdate())[row.pk]
    page = request.build_absolute_uri(
        reverse("relationship", kwargs={"slug": access.workspace.slug, "rel_id": row.pk})
    )
    body, name = review_calendar(row, due.date, page, request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
