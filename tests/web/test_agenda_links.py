"""The other side's secret link to the agenda: made by editors, shown once,
hashed at rest, revocable, expiring, throttled, redacted in logs; its page is
the counterparty version only, never cached, with no referrer."""

from __future__ import annotations

import hashlib
import io
import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kloof.storage import agenda as store
from kloof.storage.agenda_links import create_link, revoke
from kloof.storage.models import AgendaLink, AttemptCount
from kloof.web.logfilters import redact
from kloof.web.secret_throttle import LIMIT
from tests.web.agenda_markers import SHARED_ASK, SHARED_TITLE, leaked, plant_markers

pytestmark = pytest.mark.django_db


def url(case, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"slug": case.workspace.slug, "case_id": case.pk, **kwargs})


def assert_secret_headers(response) -> None:
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def make(case, language: str = "en", days: int = 7):
    return create_link(
        case, language=language, expires=timezone.now() + timedelta(days=days), name="For Bob"
    )


def test_an_editor_makes_a_link_that_is_shown_once_and_stored_hashed(editor, case):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = editor.post(
        url(case, "agenda_links"),
        {"name": "Bob at Cartwright", "language": "nl", "expires": tomorrow},
    )
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    link = AgendaLink.objects.get(case=case)
    token = page.split("/a/")[1].split('"')[0]
    assert len(token) >= 32  # 24 random bytes, URL-safe: 192 bits
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in link.token_hash and (link.name, link.language) == (
        "Bob at Cartwright",
        "nl",
    )
    listing = editor.get(url(case, "agenda_links")).content.decode()
    assert "Bob at Cartwright" in listing and token not in listing


def test_a_link_in_the_past_or_too_far_ahead_is_refused(editor, case):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = editor.post(url(case, "agenda_links"), {"language": "en", "expires": past})
    assert response.status_code == 400
    assert "This date has passed: choose today or a later day." in response.content.decode()
    far = (timezone.localdate() + timedelta(days=91)).isoformat()
    response = editor.post(url(case, "agenda_links"), {"language": "en", "expires": far})
    assert "That is more than 90 days away" in response.content.decode()
    assert not AgendaLink.objects.exists()


def test_the_page_shows_the_shared_items_only_without_an_account(client, team, case):
    plant_markers(case, team.editor)
    _link, token = make(case)
    response = client.get(f"/a/{token}")
    assert response.status_code == 200
    assert_secret_headers(response)
    page = response.content.decode()
    assert SHARED_TITLE in page and SHARED_ASK in page
    assert "Between Halvorsen Foods and Cartwright Packaging" in page
    assert leaked(page) == []
    pdf = client.get(f"/a/{token}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_secret_headers(pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert SHARED_TITLE in text and leaked(text) == []


def test_the_page_speaks_the_links_language(client, team, case):
    store.generate(case, None)
    _link, token = make(case, language="nl")
    page = client.get(f"/a/{token}").content.decode()
    assert '<html lang="nl">' in page
    assert "Agenda: hoe we samen zaken willen doen" in page and "Downloaden als PDF" in page


def test_a_revoked_or_expired_link_says_so(client, team, case):
    link, token = make(case)
    revoke(case, link.pk, team.editor)
    response = client.get(f"/a/{token}")
    assert response.status_code == 403
    assert_secret_headers(response)
    assert "This link has been withdrawn" in response.content.decode()
    _old, expired = make(case)
    AgendaLink.objects.filter(pk=_old.pk).update(expires=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/a/{expired}/pdf")
    assert response.status_code == 403
    assert "This link has expired" in response.content.decode()


def test_an_editor_revokes_from_the_list(editor, case):
    link, _token = make(case)
    response = editor.post(url(case, "agenda_link_revoke", link_id=link.pk))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked is not None
    assert (
        "Link for the other side revoked"
        in editor.get(url(case, "agenda_history")).content.decode()
    )


def test_wrong_tokens_are_throttled_and_logged_without_the_token(client, case, caplog):
    _link, token = make(case)
    with caplog.at_level(logging.WARNING):
        for attempt in range(LIMIT):
            assert client.get(f"/a/wrong-{attempt}").status_code == 404
    response = client.get("/a/wrong-again")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert AttemptCount.objects.get(scope="agenda").count == LIMIT
    assert client.get(f"/a/{token}").status_code == 200  # a right one still opens
    assert all("wrong-" not in record.getMessage() for record in caplog.records)


def test_the_log_filter_redacts_the_links_token():
    assert redact("GET /a/Zq9secretTOKEN HTTP/1.1") == "GET /a/[redacted] HTTP/1.1"
    assert redact("GET /a/Zq9secretTOKEN/pdf HTTP/1.1") == "GET /a/[redacted]/pdf HTTP/1.1"
    assert redact("GET /w/a/cases/1/agenda/ HTTP/1.1").startswith("GET /w/a/")


def test_a_link_made_before_the_agenda_shows_no_items(client, case):
    _link, token = make(case)
    assert "No items are shared yet." in client.get(f"/a/{token}").content.decode()
    assert client.get(f"/a/{token}/pdf").status_code == 200
