"""A submission racing the owner: revoking the link or closing the round while a
respondent sends. The view checks the link before it writes, but that check may
be a moment old; the writing transaction checks again with the rows locked, so
nothing lands after the revocation or the close, and the respondent is told why.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import connection
from django.utils import timezone

from kloof.storage import models
from kloof.storage.respondents import (
    Answer,
    LinkNotOpenError,
    LinkState,
    drafts_of,
    revoke_link,
    save_answers,
    submit,
)
from tests.web import respond_support
from tests.web.factories import make_demo_case, make_team
from tests.web.respond_support import full_answers, make_link, open_session

sqlite_file = respond_support.sqlite_file
sqlite_options = respond_support.sqlite_options

WITHDRAWN = "This link has been withdrawn"
LINKS = models.RespondentLink._meta.db_table


def answer(link: models.RespondentLink) -> Answer:
    subject = link.case.parties.get(key=respond_support.OWN)
    return Answer(subject_id=subject.pk, factor="trust", score=5.0)


def stored(link: models.RespondentLink) -> tuple[int, int, int]:
    """(saved answers, submissions, ratings of the link's rater)."""
    ratings = models.Rating.objects.filter(rater__key=f"respondent_{link.pk}").count()
    submissions = models.Submission.objects.filter(link=link).count()
    return len(drafts_of(link)), submissions, ratings


@pytest.mark.django_db
def test_a_submission_after_the_link_was_revoked_writes_nothing() -> None:
    case = make_demo_case(make_team().workspace)
    link, _token = make_link(case)
    stale = models.RespondentLink.objects.select_related("case").get(pk=link.pk)
    assert revoke_link(case, link.pk)
    assert stale.revoked is None  # what a view read a moment before
    with pytest.raises(LinkNotOpenError) as refused:
        submit(stale, [answer(stale)])
    assert refused.value.state is LinkState.REVOKED
    with pytest.raises(LinkNotOpenError):
        save_answers(stale, [answer(stale)])
    assert stored(link) == (0, 0, 0)
    assert not models.Rater.objects.filter(key=f"respondent_{link.pk}").exists()


@pytest.mark.django_db
def test_a_submission_after_the_round_was_closed_writes_nothing() -> None:
    case = make_demo_case(make_team().workspace)
    link, _token = make_link(case)
    stale = models.RespondentLink.objects.select_related("case").get(pk=link.pk)
    save_answers(stale, [answer(stale)])
    models.Case.objects.filter(pk=case.pk).update(round_closed=timezone.now())
    with pytest.raises(LinkNotOpenError) as refused:
        submit(stale, [answer(stale)])
    assert refused.value.state is LinkState.CLOSED
    assert stored(link) == (1, 0, 0)  # the draft saved while open stays, no more


def send_while_revoking(client, link, hold_revocation) -> object:
    """Post the full questionnaire while another connection holds an uncommitted
    revocation of the link, committed 0.3 s later; the post's answer."""
    data = full_answers(link)
    committing = threading.Event()

    def commit_later(commit) -> None:
        committing.set()
        commit()

    with hold_revocation() as commit:
        timer = threading.Timer(0.3, commit_later, args=(commit,))
        timer.start()
        response = client.post("/respond/", data)
        # It waited for the revocation: it ended only once the commit had begun.
        assert committing.is_set()
        timer.join()
    return response


def test_a_submission_racing_a_revocation_on_a_sqlite_file_is_refused(sqlite_file, client):
    case = make_demo_case(make_team().workspace)
    link, token = make_link(case)
    open_session(client, token)

    def hold_revocation():
        other = sqlite3.connect(sqlite_file, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            f"UPDATE {LINKS} SET revoked = ? WHERE id = ?",
            (timezone.now().isoformat(" "), link.pk),
        )
        return _Closing(other, lambda: other.execute("COMMIT"))

    response = send_while_revoking(client, link, hold_revocation)
    assert response.status_code == 403
    assert WITHDRAWN in response.content.decode()
    assert stored(link) == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_a_submission_racing_a_revocation_on_postgresql_is_refused(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (KLOOF_TEST_DATABASE_URL); SQLite: the test above")
    case = make_demo_case(make_team().workspace)
    link, token = make_link(case)
    open_session(client, token)

    def hold_revocation():
        other = respond_support.other_postgresql_connection()
        other.execute(f"UPDATE {LINKS} SET revoked = now() WHERE id = %s", (link.pk,))
        return _Closing(other, other.commit)

    response = send_while_revoking(client, link, hold_revocation)
    assert response.status_code == 403
    assert WITHDRAWN in response.content.decode()
    assert stored(link) == (0, 0, 0)


class _Closing:
    """Hands out ``commit`` for the timer and closes the connection afterwards."""

    def __init__(self, other, commit) -> None:
        self.other, self.commit = other, commit

    def __enter__(self):
        return self.commit

    def __exit__(self, *exc) -> None:
        self.other.close()
