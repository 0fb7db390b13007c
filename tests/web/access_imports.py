"""Who may import into a case: editors and owners; an upload is its uploader's only."""

from __future__ import annotations

import json
from typing import Any

from kloof.storage.models_exchange import PendingUpload
from tests.web.access_table import World, case_kwargs, in_workspace

CSV = b"Naam,Partij,Over,Intentie\nAnna Visser,halvorsen,cartwright,4\n"
MAPPING = {
    "kloof_import": 1,
    "rater": "Naam",
    "rater_party": {"column": "Partij"},
    "subject": {"column": "Over"},
    "scores": {"intention": "Intentie"},
}


def upload_kwargs(world: World) -> dict[str, Any]:
    """An upload of the world's editor: the owner may not use it either."""
    upload = PendingUpload.objects.create(
        case=world.case, user=world.team.editor, filename="answers.csv", data=CSV
    )
    return {**case_kwargs(world), "upload_id": upload.pk}


def confirm_data(world: World) -> dict[str, str]:
    return {"mapping": json.dumps(MAPPING)}


ACCESS_ENTRIES = {
    "case_import": in_workspace("GET", viewer=403, editor=200, owner=200, kwargs=case_kwargs),
    "case_import_mapping": in_workspace(
        "GET", viewer=403, editor=200, owner=404, kwargs=upload_kwargs
    ),
    "case_import_confirm": in_workspace(
        "POST", viewer=403, editor=302, owner=404, kwargs=upload_kwargs, data=confirm_data
    ),
    "case_import_cancel": in_workspace(
        "POST", viewer=403, editor=302, owner=404, kwargs=upload_kwargs
    ),
}
