"""Reading the KLOOF_* variables: defaults, parsing, and one-line errors."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kloof.web import config
from kloof.web.config import SettingsError


def test_data_dir_defaults_to_kloof_data_in_the_current_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert config.data_dir({}) == tmp_path.resolve() / "kloof-data"


def test_database_defaults_to_sqlite_in_the_data_dir_with_wal_and_immediate(tmp_path):
    folder = tmp_path / "data"
    database = config.database({}, folder)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(folder / "kloof.sqlite3")
    assert database["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    assert folder.is_dir()


def test_database_url_postgresql_switches_to_postgresql(tmp_path):
    env = {"KLOOF_DATABASE_URL": "postgresql://kloof:pw@db.example.org:6543/teams"}
    database = config.database(env, tmp_path / "unused")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.example.org",
        6543,
        "teams",
    )
    assert (database["USER"], database["PASSWORD"]) == ("kloof", "pw")
    assert database["CONN_HEALTH_CHECKS"] is True
    assert not (tmp_path / "unused").exists()


@pytest.mark.parametrize("url", ["nonsense://x", "not a url", "mysql://u@h/db"])
def test_database_url_it_rejects_an_unsupported_url_in_one_line(url, tmp_path):
    with pytest.raises(SettingsError) as raised:
        config.database({"KLOOF_DATABASE_URL": url}, tmp_path)
    message = str(raised.value)
    assert message.startswith(f"KLOOF_DATABASE_URL {url!r} is not a database kloof supports")
    assert "\n" not in message


def test_database_url_error_hides_the_password(tmp_path):
    with pytest.raises(SettingsError) as raised:
        config.database({"KLOOF_DATABASE_URL": "mysql://kloof:hunter2@h/db"}, tmp_path)
    assert "hunter2" not in str(raised.value)
    assert "'mysql://kloof:***@h/db'" in str(raised.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("On", True), ("0", False), ("no", False), ("", False)],
)
def test_flag_reads_on_and_off(value, expected):
    assert config.flag({"KLOOF_DEBUG": value}, "KLOOF_DEBUG") is expected


def test_flag_is_off_when_absent():
    assert config.flag({}, "KLOOF_SECURE") is False


def test_flag_it_rejects_other_words():
    with pytest.raises(SettingsError, match=r"^KLOOF_DEBUG must be on or off, not 'maybe'"):
        config.flag({"KLOOF_DEBUG": "maybe"}, "KLOOF_DEBUG")


def test_allowed_hosts_default_to_this_machine_only():
    assert config.word_list({}, "KLOOF_ALLOWED_HOSTS", config.DEFAULT_ALLOWED_HOSTS) == [
        "localhost",
        "127.0.0.1",
        "[::1]",
    ]


def test_allowed_hosts_are_split_on_commas():
    env = {"KLOOF_ALLOWED_HOSTS": " kloof.example.org, .example.net ,"}
    assert config.word_list(env, "KLOOF_ALLOWED_HOSTS") == ["kloof.example.org", ".example.net"]


def test_csrf_origins_it_rejects_an_origin_without_scheme():
    env = {"KLOOF_CSRF_TRUSTED_ORIGINS": "https://a.example.org,b.example.org"}
    with pytest.raises(SettingsError, match=r"'b.example.org' is not an origin"):
        config.origins(env, "KLOOF_CSRF_TRUSTED_ORIGINS")


def test_secret_key_is_taken_from_the_environment_without_touching_the_disk(tmp_path):
    folder = tmp_path / "data"
    assert config.secret_key({"KLOOF_SECRET_KEY": "given-key"}, folder) == "given-key"
    assert not folder.exists()


def test_secret_key_is_generated_once_with_mode_0600_and_reused(tmp_path):
    folder = tmp_path / "data"
    first = config.secret_key({}, folder)
    path = folder / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 50
    assert config.secret_key({}, folder) == first
    assert path.read_text(encoding="ascii") == first
    assert sorted(p.name for p in folder.iterdir()) == ["secret_key"]


def test_secret_key_it_rejects_an_empty_key_file(tmp_path):
    Path(tmp_path / "secret_key").write_text("", encoding="ascii")
    with pytest.raises(SettingsError, match=r"secret key file .* is empty"):
        config.secret_key({}, tmp_path)
