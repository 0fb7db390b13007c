"""Importing responses collected elsewhere into a case: upload, mapping with its
preview, confirm (or cancel).

The file is read with the CLI's safe reader and imported with the CLI's importer;
the mapping form produces the CLI's mapping document. Nothing is written before
the confirm, and the confirm computes the import again against the case as it is
then, all or nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from kloof.formats.errors import InputError
from kloof.formats.importer import ImportProblemsError
from kloof.formats.tabular import read_table
from kloof.storage import imports as store
from kloof.storage.mapping import case_to_domain
from kloof.storage.models_exchange import PendingUpload
from kloof.web.access import EDITOR, Access, case_view
from kloof.web.forms import imports as import_forms
from kloof.web.views.dashboard import ui_language
from kloof.web.views.imports_display import (
    error_text,
    file_message,
    preview_context,
    problems_context,
    sample_rows,
)

#: The confirm form's mapping document; a mapping document is a few hundred bytes.
MAX_MAPPING_JSON = 64 * 1024


class _SizeLimit(FileUploadHandler):
    """Stops keeping an uploaded file past the limit (the rest of the request is
    read and dropped), so a 1 GB upload costs neither memory nor disk; the view
    then says the file is too large."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.content_length is not None and self.content_length > import_forms.MAX_UPLOAD_BYTES:
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > import_forms.MAX_UPLOAD_BYTES:
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self) -> None:
        self.request.kloof_upload_too_large = True  # type: ignore[union-attr]
        raise SkipFile


@csrf_exempt  # checked below, once the size limit is in place
def case_import(request: HttpRequest, slug: str, case_id: int) -> HttpResponse:
    """Upload a CSV or XLSX file to import (the first step)."""
    # Upload handlers can only change before the body is read, which the CSRF
    # check would do; so the check runs after, in _upload.
    request.upload_handlers.insert(0, _SizeLimit(request))
    return _upload(request, slug=slug, case_id=case_id)


case_import.kloof_min_role = EDITOR  # type: ignore[attr-defined]  # what _upload checks


@csrf_protect
@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def _upload(request: HttpRequest, access: Access) -> HttpResponse:
    assert access.case is not None
    posted = request.method == "POST"
    form = import_forms.UploadForm(*((request.POST, request.FILES) if posted else ()))
    if posted and getattr(request, "kloof_upload_too_large", False):
        form.is_valid()  # the file was dropped: say why instead of "required"
        form.errors["file"] = form.error_class([import_forms.too_large_message()])
    elif posted and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(import_forms.MAX_UPLOAD_BYTES + 1)
        name = store.safe_filename(upload.name or "")
        try:
            table = read_table(data, name)
        except InputError as error:
            form.add_error("file", file_message(error))
        else:
            pending = store.store_upload(access.case, request.user, name, table)
            return redirect(
                "case_import_mapping",
                slug=access.workspace.slug,
                case_id=access.case.pk,
                upload_id=pending.pk,
            )
    status = 400 if posted else 200
    context = {"access": access, "form": form}
    return render(request, "kloof/imports/upload.html", context, status=status)


@require_http_methods(["GET", "POST"])
@case_view(EDITOR)
def case_import_mapping(request: HttpRequest, access: Access, upload_id: int) -> HttpResponse:
    """Which column is what; a valid POST shows the preview above the form."""
    upload = _upload_of(request, access, upload_id)
    page = _MappingPage(request, access, upload)
    if page.table is None:
        return page.render(status=400)
    if request.method == "GET":
        return page.render()
    form = page.form(request.POST)
    if not form.is_valid():
        return page.render(form, status=400)
    document, replace = form.document(), form.cleaned_data["replace"]
    try:
        result = store.preview_import(
            access.case,  # type: ignore[arg-type]
            upload,
            document,
            replace=replace,
            table=page.table,
        )
    except ImportProblemsError as problems:
        return page.render(form, problems=problems, status=400)
    except InputError as error:
        form.add_error(None, error_text(error, located=True))
        return page.render(form, status=400)
    return page.render(form, preview=preview_context(result, document, replace, access))


@require_POST
@case_view(EDITOR)
def case_import_confirm(request: HttpRequest, access: Access, upload_id: int) -> HttpResponse:
    """Write the import: all or nothing, computed again against the case now."""
    assert access.case is not None
    upload = _upload_of(request, access, upload_id)
    document = _posted_mapping(request)
    page = _MappingPage(request, access, upload)
    if document is None or page.table is None:
        return page.render(status=400)
    replace = request.POST.get("replace") == "1"
    try:
        done = store.confirm_import(
            access.case,
            upload,
            document,
            replace=replace,
            user=request.user,
            table=page.table,
        )
    except ImportProblemsError as problems:
        messages.error(request, _("Nothing was imported: the case changed since the preview."))
        return page.render(page.form(initial=document), problems=problems, status=409)
    except InputError as error:
        messages.error(
            request,
            _("Nothing was imported: %(problem)s") % {"problem": error_text(error, located=True)},
        )
        return page.render(page.form(initial=document), status=400)
    except DatabaseError:
        messages.error(
            request,
            _("Nothing was imported: the database could not save it just now. Try again."),
        )
        return page.render(page.form(initial=document), status=503)
    messages.success(request, _done_message(done, upload.filename))
    return redirect("rating_overview", slug=access.workspace.slug, case_id=access.case.pk)


@require_POST
@case_view(EDITOR)
def case_import_cancel(request: HttpRequest, access: Access, upload_id: int) -> HttpResponse:
    """Throw the upload away."""
    assert access.case is not None
    store.cancel_upload(_upload_of(request, access, upload_id))
    messages.info(request, _("Import cancelled; the uploaded file is deleted."))
    return redirect("case_import", slug=access.workspace.slug, case_id=access.case.pk)


def _upload_of(request: HttpRequest, access: Access, upload_id: int) -> PendingUpload:
    """The user's own upload for this case: anyone else's is as if it did not exist."""
    assert access.case is not None
    upload = store.find_upload(access.case, request.user, upload_id)  # type: ignore[arg-type]
    if upload is None:
        raise Http404("No such upload.")
    return upload


def _posted_mapping(request: HttpRequest) -> dict[str, Any] | None:
    text = request.POST.get("mapping", "")
    if not text or len(text) > MAX_MAPPING_JSON:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _done_message(done: store.Imported, filename: str) -> str:
    text = ngettext(
        "Imported %(count)d rating from %(file)s.",
        "Imported %(count)d ratings from %(file)s.",
        done.ratings,
    ) % {"count": done.ratings, "file": filename}
    if done.new_raters:
        text += " " + ngettext("%(count)d new rater.", "%(count)d new raters.", done.new_raters) % {
            "count": done.new_raters
        }
    return text


class _MappingPage:
    """The mapping page: the file's columns and samples, the form, and a preview
    or the problems."""

    def __init__(self, request: HttpRequest, access: Access, upload: PendingUpload) -> None:
        assert access.case is not None
        self.request, self.access, self.upload = request, access, upload
        self.case = case_to_domain(access.case)
        self.language = ui_language()
        self.error = ""
        try:
            self.table = store.upload_table(upload)
        except InputError as error:  # it was read at the upload; a limit may have changed
            self.table = None
            self.error = file_message(error)

    def form(self, data: Any = None, initial: Any = None) -> import_forms.MappingForm:
        assert self.table is not None
        remembered = initial
        if remembered is None:
            remembered = store.remembered_mapping(self.access.case)  # type: ignore[arg-type]
        return import_forms.MappingForm(
            data,
            case=self.case,
            table=self.table,
            language=self.language,
            initial=import_forms.initial_values(self.case, self.table, remembered),
        )

    def render(
        self,
        form: import_forms.MappingForm | None = None,
        *,
        preview: dict[str, Any] | None = None,
        problems: ImportProblemsError | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "access": self.access,
            "upload": self.upload,
            "error": self.error,
            "preview": preview,
            "problems": problems_context(problems) if problems else None,
            "case_scale": self.case.scale,
        }
        if self.table is not None:
            context["form"] = form or self.form()
            context["header"], context["samples"] = sample_rows(self.table)
            context["row_count"] = len(self.table.rows)
        return render(self.request, "kloof/imports/mapping.html", context, status=status)
