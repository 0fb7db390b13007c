"""Building spreadsheets and walking the web import, for the import tests (no tests here)."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kloof.storage.models import Case
from kloof.storage.models_exchange import PendingUpload

HEADER = ["Naam", "Partij", "Over", "Intentie", "Vertrouwen", "Toelichting"]
ROWS = [
    ["Anna Visser", "halvorsen", "cartwright", "4", "2", "Geen zorgen"],
    ["Eric Müller", "halvorsen", "cartwright", "5", "", "Prijs telt"],
    ["Zoë Jansen", "cartwright", "halvorsen", "1", "7", "Café-overleg"],
]
#: The mapping form's values for HEADER on the demo case (scale 1 to 7).
FORM = {
    "rater": "Naam",
    "rater_party": "column:Partij",
    "subject": "column:Over",
    "score_intention": "Intentie",
    "score_trust": "Vertrouwen",
    "note": "Toelichting",
    "scale_min": "1",
    "scale_max": "7",
}


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def url(name: str, case: Case, **extra: Any) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **extra})


def upload(client: Client, case: Case, name: str, data: bytes) -> Any:
    return client.post(url("case_import", case), {"file": SimpleUploadedFile(name, data)})


def raw_upload(client: Client, case: Case, filename: str, data: bytes) -> Any:
    """A multipart body made by hand, so the file name reaches the server as
    written (the test client would take the base name first)."""
    boundary = "kloofBoundary7MA4YWxk"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.generic(
        "POST",
        url("case_import", case),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def upload_id(response: Any) -> int:
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(re.search(r"/import/(\d+)/$", response["Location"]).group(1))


def last_upload(case: Case) -> PendingUpload:
    return PendingUpload.objects.filter(case=case).latest("id")


def mapping_json(html: str) -> str:
    """The mapping document the preview's confirm form posts back."""
    import html as html_lib

    found = re.search(r'name="mapping" value="([^"]*)"', html)
    assert found, "no confirm form on the page"
    return html_lib.unescape(found.group(1))
