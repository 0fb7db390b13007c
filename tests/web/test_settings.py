"""The settings as Django sees them: hashing, headers, HTTPS, and bad values."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from tests.web.processes import RUN_MANAGE, clean_env, run_python

PRINT_SETTINGS = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "kloof.web.settings"
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hosts": settings.ALLOWED_HOSTS,
    "origins": settings.CSRF_TRUSTED_ORIGINS,
    "proxies": [str(network) for network in settings.TRUSTED_PROXIES],
    "database": settings.DATABASES["default"]["NAME"],
}))
"""


def test_passwords_are_hashed_with_argon2_first():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_answers_carry_the_secure_headers(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_settings_default_to_debug_off_plain_http_and_this_machine(data_dir):
    result = run_python(PRINT_SETTINGS, clean_env(data_dir))
    assert json.loads(result.stdout) == {
        "debug": False,
        "session_secure": False,
        "csrf_secure": False,
        "hsts": 0,
        "ssl_redirect": False,
        "hosts": ["localhost", "127.0.0.1", "[::1]"],
        "origins": [],
        "proxies": [],
        "database": str(data_dir / "kloof.sqlite3"),
    }
    assert (data_dir / "secret_key").is_file()


def test_settings_secure_turns_on_https_cookies_hsts_and_redirect(data_dir):
    env = clean_env(
        data_dir,
        KLOOF_SECURE="1",
        KLOOF_ALLOWED_HOSTS="kloof.example.org",
        KLOOF_CSRF_TRUSTED_ORIGINS="https://kloof.example.org",
    )
    data = json.loads(run_python(PRINT_SETTINGS, env).stdout)
    assert (data["session_secure"], data["csrf_secure"], data["ssl_redirect"]) == (True,) * 3
    assert data["hsts"] == 31_536_000
    assert data["hosts"] == ["kloof.example.org"]
    assert data["origins"] == ["https://kloof.example.org"]


def test_manage_it_reports_a_bad_database_url_in_one_line(data_dir):
    env = clean_env(data_dir, KLOOF_DATABASE_URL="nonsense")
    result = run_python(RUN_MANAGE, env, "check")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "kloof: error: KLOOF_DATABASE_URL 'nonsense' is not a database kloof supports — "
        "write postgresql://user:password@host:5432/name or sqlite:////path/kloof.sqlite3\n"
    )


def test_manage_it_reports_a_bad_flag_in_one_line(data_dir):
    result = run_python(RUN_MANAGE, clean_env(data_dir, KLOOF_DEBUG="maybe"), "check")
    assert result.returncode == 2
    assert result.stderr == (
        "kloof: error: KLOOF_DEBUG must be on or off, not 'maybe' — "
        "write KLOOF_DEBUG=1 or KLOOF_DEBUG=0\n"
    )


def test_trusted_proxies_are_read_as_networks(data_dir):
    env = clean_env(data_dir, KLOOF_TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8")
    assert json.loads(run_python(PRINT_SETTINGS, env).stdout)["proxies"] == [
        "127.0.0.1/32",
        "10.0.0.0/8",
    ]


def test_manage_it_reports_a_bad_trusted_proxy_in_one_line(data_dir):
    env = clean_env(data_dir, KLOOF_TRUSTED_PROXIES="nginx")
    result = run_python(RUN_MANAGE, env, "check")
    assert result.returncode == 2
    assert result.stderr == (
        "kloof: error: KLOOF_TRUSTED_PROXIES: 'nginx' is not a network address — write "
        "addresses or networks separated by commas, such as 127.0.0.1,10.0.0.0/8\n"
    )


def test_manage_passes_commands_through_to_django(data_dir):
    result = run_python(RUN_MANAGE, clean_env(data_dir), "check")
    assert result.returncode == 0
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_manage_check_deploy_is_clean_with_secure_settings(data_dir):
    env = clean_env(data_dir, KLOOF_SECURE="1", KLOOF_ALLOWED_HOSTS="kloof.example.org")
    result = run_python(RUN_MANAGE, env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
