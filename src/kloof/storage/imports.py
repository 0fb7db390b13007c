"""Importing a spreadsheet into a stored case: the pending upload, the remembered
mapping, the preview and the all-or-nothing write.

The reading, the mapping checks and the import itself are the CLI's
(:mod:`kloof.formats.tabular`, :mod:`kloof.formats.importmap`,
:mod:`kloof.formats.importer`); this module only feeds them a stored case and
writes their result back. The case is taken as stored, without the anonymity
view of the dashboard: an import must see every rater to find the ones it
reuses and the ratings it would overwrite.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from kloof.domain.model import Rating
from kloof.formats.importer import ImportResult, import_ratings
from kloof.formats.importmap import mapping_from_data
from kloof.formats.tablecache import is_table_bytes, table_from_bytes, table_to_bytes
from kloof.formats.tabular import Table, read_table
from kloof.storage.history import record_change
from kloof.storage.mapping import case_to_domain
from kloof.storage.models import Case, ChangeLog, Party, Rater
from kloof.storage.models_exchange import ImportMappingMemory, PendingUpload
from kloof.storage.rating import RatingValues, add_rater, save_ratings
from kloof.storage.summaries import keeping

#: How long an upload waits for its mapping before it is thrown away.
UPLOAD_LIFETIME = datetime.timedelta(days=1)
_MAX_FILENAME = 120


@dataclass(frozen=True)
class Imported:
    """What a confirmed import wrote."""

    ratings: int
    replaced: int
    new_raters: int


def safe_filename(name: str) -> str:
    """The file name as kept and shown: no folders, no control characters, not
    too long, never empty. ``../../etc/passwd.csv`` becomes ``passwd.csv``."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = base.strip().lstrip(".").strip()
    if len(base) > _MAX_FILENAME:
        _stem, dot, suffix = base.rpartition(".")
        keep = suffix if dot and len(suffix) <= 5 else ""
        base = base[: _MAX_FILENAME - len(keep) - 1] + (f".{keep}" if keep else "")
    return base or "upload"


def clean_old_uploads(now: datetime.datetime | None = None) -> int:
    """Delete every upload older than :data:`UPLOAD_LIFETIME`; how many."""
    limit = (now or timezone.now()) - UPLOAD_LIFETIME
    return PendingUpload.objects.filter(created__lt=limit).delete()[0]


def store_upload(case: Case, user: AbstractBaseUser, filename: str, table: Table) -> PendingUpload:
    """Keep the upload's table, read once, until the import is confirmed or
    cancelled: the later steps load it instead of parsing the file again."""
    clean_old_uploads()
    return PendingUpload.objects.create(
        case=case, user=user, filename=safe_filename(filename), data=table_to_bytes(table)
    )


def find_upload(case: Case, user: AbstractBaseUser, upload_id: int) -> PendingUpload | None:
    """The user's own upload for this case, if it is still there and not too old."""
    limit = timezone.now() - UPLOAD_LIFETIME
    return PendingUpload.objects.filter(
        pk=upload_id, case=case, user_id=user.pk, created__gte=limit
    ).first()


def upload_table(upload: PendingUpload) -> Table:
    """The upload's table as kept at the upload; an upload kept as the file
    itself (before this version) is read again with the CLI's safe reader
    (raises ``InputError``)."""
    data = bytes(upload.data)
    if is_table_bytes(data):
        return table_from_bytes(data, upload.filename)
    return read_table(data, upload.filename)


def cancel_upload(upload: PendingUpload) -> None:
    PendingUpload.objects.filter(pk=upload.pk).delete()


def remembered_mapping(case: Case) -> dict[str, Any] | None:
    """The mapping document of the case's last import, if any."""
    row = ImportMappingMemory.objects.filter(case=case).first()
    return dict(row.data) if row is not None and isinstance(row.data, dict) else None


def preview_import(
    case: Case,
    upload: PendingUpload,
    mapping: Mapping[str, Any],
    *,
    replace: bool,
    table: Table | None = None,
) -> ImportResult:
    """The import computed against the case as stored now; nothing is written.
    ``table``: the upload's table when the caller has it loaded already.
    Raises ``InputError`` (``ImportProblemsError`` with every problem)."""
    checked = mapping_from_data(mapping, "mapping")
    rows = table if table is not None else upload_table(upload)
    return import_ratings(case_to_domain(case), rows, checked, replace=replace)


def confirm_import(
    case: Case,
    upload: PendingUpload,
    mapping: Mapping[str, Any],
    *,
    replace: bool,
    user: AbstractBaseUser,
    table: Table | None = None,
) -> Imported:
    """Compute the import again and write it, all or nothing, in one transaction:
    new raters, their ratings, the remembered mapping and one history row; the
    upload is deleted. Raises ``InputError`` when the case no longer takes it."""
    with keeping():
        # Serialise imports and edits of one case (PostgreSQL; SQLite locks on write).
        Case.objects.select_for_update().filter(pk=case.pk).first()
        result = preview_import(case, upload, mapping, replace=replace, table=table)
        _write(case, result, user)
        ImportMappingMemory.objects.update_or_create(case=case, defaults={"data": dict(mapping)})
        count = len(result.added)
        record_change(
            case,
            user,
            f"imported {count} rating{'s' if count != 1 else ''} from {upload.filename}",
            {},
            kind=ChangeLog.Kind.CREATE,
            model="import",
            subject={"file": upload.filename, "ratings": count},
        )
        cancel_upload(upload)
    preview = result.preview
    return Imported(preview.added, preview.replaced, len(preview.new_raters))


def _write(case: Case, result: ImportResult, user: AbstractBaseUser) -> None:
    parties = {row.key: row for row in Party.objects.filter(case=case)}
    raters = {row.key: row for row in Rater.objects.filter(case=case)}
    for rater in result.preview.new_raters:
        # add_rater picks the stored key itself; the domain id maps to that row.
        raters[rater.id] = add_rater(case, rater.name, parties[rater.party])
    groups: dict[tuple[str, str], list[Rating]] = defaultdict(list)
    for rating in result.added:
        groups[(rating.rater, rating.subject)].append(rating)
    for (rater_id, subject_id), ratings in groups.items():
        values = [
            (r.factor, RatingValues(r.score, r.confidence, r.source, r.note)) for r in ratings
        ]
        save_ratings(case, raters[rater_id], parties[subject_id], values)
