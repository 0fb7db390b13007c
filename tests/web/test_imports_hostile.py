"""Hostile files through the web import: refused with the reader's clear message
on the form (never a 500), quickly, and nothing stored."""

from __future__ import annotations

import io
import zipfile

import pytest

from kloof.storage.imports import safe_filename
from kloof.storage.models_exchange import PendingUpload
from tests.formats.test_tabular_hostile import LAUGHS, _with_sheet
from tests.web.factories import make_demo_case, make_team
from tests.web.test_imports_support import HEADER, ROWS, csv_bytes, raw_upload, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    team = make_team()
    return team, make_demo_case(team.workspace)


def refused(client, case_row, name: str, data: bytes) -> str:
    response = upload(client, case_row, name, data)
    assert response.status_code == 400
    assert not PendingUpload.objects.exists()
    return response.content.decode()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def test_zip_bomb_xlsx_is_refused(client, case):
    team, case_row = case
    client.force_login(team.editor)
    html = refused(client, case_row, "bomb.xlsx", zip_bomb())
    assert "The file cannot be imported: the XLSX file would unpack to 60 MB" in html


def test_billion_laughs_xlsx_is_refused(client, case):
    team, case_row = case
    client.force_login(team.editor)
    html = refused(client, case_row, "laughs.xlsx", _with_sheet(LAUGHS))
    assert "the XLSX file contains unsafe XML (entity declarations), which kloof refuses" in html


def test_a_1_mb_cell_is_refused(client, case):
    team, case_row = case
    client.force_login(team.editor)
    data = csv_bytes(
        [HEADER, ["Anna", "halvorsen", "cartwright", "4", "x" * (1024 * 1024 + 1), ""]]
    )
    html = refused(client, case_row, "wide.csv", data)
    assert "row 2, column E: the cell holds 1,048,577 characters" in html


def test_binary_data_named_csv_is_refused(client, case):
    team, case_row = case
    client.force_login(team.editor)
    html = refused(client, case_row, "x.csv", b"Naam\x00\x01\x02")
    assert "the file holds binary data (NUL characters), not CSV text" in html


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("..\\\\..\\\\windows\\\\answers.csv", "answers.csv"),
        ("bad\x01name\x7f.csv", "badname.csv"),
        (".hidden.csv", "hidden.csv"),
    ],
)
def test_path_like_and_control_character_names_are_stored_sanitised(client, case, sent, kept):
    team, case_row = case
    client.force_login(team.editor)

    response = raw_upload(client, case_row, sent, csv_bytes([HEADER, *ROWS]))

    assert response.status_code == 302
    assert PendingUpload.objects.get().filename == kept


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("a\x00b.csv", "ab.csv"),
        ("line\nbreak\r.csv", "linebreak.csv"),
        ("/", "upload"),
        ("..", "upload"),
        ("", "upload"),
        ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx"),
    ],
)
def test_safe_filename(name, kept):
    assert safe_filename(name) == kept
