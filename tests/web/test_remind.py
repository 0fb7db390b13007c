"""``kloof remind``: who is mailed about what, once per review date and kind,
and again after a failed send. SQLite and PostgreSQL (KLOOF_TEST_DATABASE_URL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from kloof.cli import main
from kloof.storage import models
from tests.web.remind_fixtures import TODAY, portfolio, relationship

pytestmark = pytest.mark.django_db

BASE = "https://kloof.example.org"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = BASE


def remind(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["remind", "--today", TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_each_owner_gets_one_mail_with_what_is_due_soon_today_or_overdue(capsys):
    workspace = portfolio()
    status, out, err = remind(capsys)
    assert status == 0, err
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bea@example.org"]
    ann = next(m for m in mail.outbox if m.to == ["ann@example.org"])
    ids = dict(models.Relationship.objects.values_list("name", "id"))
    assert ann.subject == "kloof: 3 relationship reviews are due"
    link = f"{BASE}/w/{workspace.slug}/relationships/%d/"
    assert ann.body == (
        "Hello,\n\nThese reviews of relationships you keep are due:\n\n"
        "- Crane (workspace Purchasing)\n  next review 20 November 2026, overdue by 13 days\n"
        f"  {link % ids['Crane']}\n\n"
        "- Bolt (workspace Purchasing)\n  next review 3 December 2026, due today\n"
        f"  {link % ids['Bolt']}\n\n"
        "- Acme (workspace Purchasing)\n  next review 15 December 2026, due in 12 days\n"
        f"  {link % ids['Acme']}\n\n"
        "Review trust and the other factors with your partner at least once a year, outside "
        "the contract negotiation: the stress of a deal colours the answers.\n"
        "You get one mail per review date when it comes near, and one more when it has passed."
        "\n\n-- kloof\n"
    )
    for absent in ("Delta", "Echo", "Gamma", "Hotel", "Index", "Juno", "Fjord"):
        assert absent not in ann.body
    assert out.splitlines() == [
        "mailed ann@example.org: 3 reviews (Crane, Bolt, Acme)",
        "mailed bea@example.org: 1 review (Fjord)",
        "2026-12-03: 2 mails sent, 4 reviews",
    ]
    assert err == ""


def test_the_owner_reads_the_mail_in_the_language_of_the_profile(capsys):
    workspace = portfolio()
    remind(capsys)
    bea = next(m for m in mail.outbox if m.to == ["bea@example.org"])
    fjord = models.Relationship.objects.get(name="Fjord")
    assert bea.subject == "kloof: 1 relatiereview staat voor de deur"
    assert bea.body.startswith(
        "Hallo,\n\nDeze reviews van relaties die je beheert, zijn aan de beurt:\n\n"
        "- Fjord (werkruimte Purchasing)\n  volgende review 2 januari 2027, over 30 dagen\n"
        f"  {BASE}/w/{workspace.slug}/relationships/{fjord.id}/\n"
    )


def test_the_sent_reminders_are_recorded_per_relationship_kind_and_date(capsys):
    portfolio()
    remind(capsys)
    rows = models.ReminderSent.objects.values_list("relationship__name", "kind", "due", "recipient")
    assert sorted(rows) == [
        ("Acme", "due_soon", date(2026, 12, 15), "ann@example.org"),
        ("Bolt", "due_soon", date(2026, 12, 3), "ann@example.org"),
        ("Crane", "overdue", date(2026, 11, 20), "ann@example.org"),
        ("Fjord", "due_soon", date(2027, 1, 2), "bea@example.org"),
    ]


def test_a_second_run_the_same_day_sends_nothing(capsys):
    portfolio()
    remind(capsys)
    mail.outbox.clear()
    status, out, _err = remind(capsys)
    assert (status, mail.outbox, out) == (0, [], "2026-12-03: no reminders due\n")


def test_the_next_days_mail_only_what_is_new(capsys):
    workspace = portfolio()
    remind(capsys)
    mail.outbox.clear()
    # Two weeks on: Acme's date (15 December) has passed, Bolt's too; Gamma got an owner.
    models.Relationship.objects.filter(name="Gamma").update(
        owner=models.Membership.objects.get(workspace=workspace, role="owner").user
    )
    main(["remind", "--today", "2026-12-17"])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "mailed ann@example.org: 3 reviews (Bolt, Gamma, Acme)"
    assert [m.subject for m in mail.outbox] == ["kloof: 3 relationship reviews are due"]
    assert "overdue by 14 days" in mail.outbox[0].body  # Bolt, 3 December
    assert "Crane" not in mail.outbox[0].body  # its overdue mail went out already


def test_a_new_review_starts_a_new_period(capsys):
    workspace = portfolio()
    remind(capsys)
    mail.outbox.clear()
    crane = models.Relationship.objects.get(name="Crane")
    # Reviewed on 2 December 2025 instead: due 2 December 2026, overdue by one day.
    models.Case.objects.create(
        workspace=workspace, title="Crane again", date=date(2025, 12, 2), relationship=crane
    )
    remind(capsys)
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    assert "next review 2 December 2026, overdue by 1 day" in mail.outbox[0].body


def test_dry_run_lists_and_sends_nothing(capsys):
    portfolio()
    status, out, _err = remind(capsys, "--dry-run")
    assert status == 0
    assert out.splitlines() == [
        "would mail ann@example.org: 3 reviews (Crane, Bolt, Acme)",
        "would mail bea@example.org: 1 review (Fjord)",
        "2026-12-03: 2 mails would be sent, 4 reviews (dry run: nothing sent)",
    ]
    assert mail.outbox == []
    assert not models.ReminderSent.objects.exists()


def test_the_summary_is_dutch_in_a_dutch_environment(capsys, monkeypatch):
    monkeypatch.setenv("KLOOF_LANG", "nl")
    portfolio()
    _status, out, _err = remind(capsys)
    assert out.splitlines()[-1] == "2026-12-03: 2 mails verstuurd, 4 reviews"


def test_a_failed_send_is_recorded_nowhere_and_retried_on_the_next_run(capsys, settings):
    portfolio()
    settings.EMAIL_BACKEND = "tests.web.remind_fixtures.FailingBackend"
    status, out, err = remind(capsys)
    assert status == 3
    assert not models.ReminderSent.objects.exists()
    assert err.splitlines()[0] == (
        "kloof: could not mail ann@example.org (SMTPServerDisconnected: Connection "
        "unexpectedly closed) — check KLOOF_EMAIL_URL; the next run tries again"
    )
    assert out == "2026-12-03: 0 mails sent, 0 reviews; 2 mails failed\n"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    status, out, _err = remind(capsys)
    assert status == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bea@example.org"]
    assert models.ReminderSent.objects.count() == 4


def test_without_a_base_url_the_links_use_the_trusted_origin_else_localhost(capsys, settings):
    settings.BASE_URL = ""
    settings.CSRF_TRUSTED_ORIGINS = ["https://kloof.example.net"]
    workspace = make_workspace_with_one_due()
    remind(capsys)
    assert f"https://kloof.example.net/w/{workspace.slug}/relationships/" in mail.outbox[0].body
    settings.CSRF_TRUSTED_ORIGINS = []
    models.ReminderSent.objects.all().delete()
    mail.outbox.clear()
    _status, _out, err = remind(capsys)
    assert f"http://localhost:8000/w/{workspace.slug}/relationships/" in mail.outbox[0].body
    assert err.startswith("kloof: KLOOF_BASE_URL is not set: the links in the mails point to ")


def make_workspace_with_one_due():
    from tests.web.factories import make_user, make_workspace

    owner = make_user("solo@example.org")
    workspace = make_workspace("Solo", owner)
    relationship(workspace, "Kilo", owner, date(2025, 12, 20))
    return workspace


def test_a_bad_date_is_refused_with_the_form_to_write(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["remind", "--today", "3-12-2026"])
    assert stop.value.code == 2
    assert "'3-12-2026' is not a date — write it as YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("https://kloof.example.org", "https://kloof.example.org"),
        (" https://kloof.example.org/ ", "https://kloof.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_kloof_base_url_is_a_scheme_and_host(value, expected):
    from kloof.web.config import base_url

    assert base_url({"KLOOF_BASE_URL": value}) == expected


@pytest.mark.parametrize(
    "value", ["kloof.example.org", "ftp://kloof.example.org", "https://kloof.example.org/kloof"]
)
def test_a_kloof_base_url_that_is_no_site_address_names_the_form_to_write(value):
    from kloof.web.config import SettingsError, base_url

    with pytest.raises(SettingsError) as error:
        base_url({"KLOOF_BASE_URL": value})
    assert str(error.value) == (
        f"KLOOF_BASE_URL: {value!r} is not the address of a site — write its scheme and "
        "host only, such as https://kloof.example.org"
    )


def test_a_database_that_cannot_be_read_is_named_with_the_fix(tmp_path):
    """A real process: nothing listens on the port of KLOOF_DATABASE_URL."""
    import subprocess

    from tests.e2e.server import free_port, kloof_command
    from tests.web.processes import clean_env

    env = clean_env(
        tmp_path / "data",
        KLOOF_DATABASE_URL=f"postgresql://kloof@127.0.0.1:{free_port()}/kloof",
    )
    result = subprocess.run(
        [str(kloof_command()), "remind"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kloof: cannot read the database (OperationalError: ")
    assert result.stderr.rstrip().endswith(
        "— check KLOOF_DATABASE_URL, that the database server is reachable, and that kloof "
        "serve or 'kloof manage migrate' has set the database up"
    )


def test_a_refused_recipient_leaves_the_other_owners_mails_sent_and_recorded(capsys, settings):
    from tests.web.remind_fixtures import RefusesAnnBackend

    portfolio()
    RefusesAnnBackend.accepted.clear()
    settings.EMAIL_BACKEND = "tests.web.remind_fixtures.RefusesAnnBackend"
    status, out, err = remind(capsys)
    assert status == 3
    assert [m.to for m in RefusesAnnBackend.accepted] == [["bea@example.org"]]
    assert sorted(models.ReminderSent.objects.values_list("relationship__name", flat=True)) == [
        "Fjord"
    ]
    assert out.splitlines() == [
        "mailed bea@example.org: 1 review (Fjord)",
        "2026-12-03: 1 mail sent, 1 review; 1 mail failed",
    ]
    assert err.startswith("kloof: could not mail ann@example.org (SMTPRecipientsRefused: ")
