"""Django settings for kloof web, from ``KLOOF_*`` environment variables.

Every variable has a safe default (see ``docs/settings.md``); reading and
checking them is :mod:`kloof.web.config`.
"""

from __future__ import annotations

import os
from pathlib import Path

from csp.constants import NONE, SELF

from kloof.web import config, mail

_env = os.environ

DATA_DIR = config.data_dir(_env)
DEBUG = config.flag(_env, "KLOOF_DEBUG")
SECURE = config.flag(_env, "KLOOF_SECURE")
SECRET_KEY = config.secret_key(_env, DATA_DIR)
ALLOWED_HOSTS = config.word_list(_env, "KLOOF_ALLOWED_HOSTS", config.DEFAULT_ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = config.origins(_env, "KLOOF_CSRF_TRUSTED_ORIGINS")
# The reverse proxies whose X-Forwarded-For names the client (kloof.web.client).
# Where people open kloof: the links in mails sent outside a request (kloof remind).
BASE_URL = config.base_url(_env)
TRUSTED_PROXIES = config.networks(_env, "KLOOF_TRUSTED_PROXIES")
DATABASES = {"default": config.database(_env, DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    # django-ninja: the API's docs page from its own static files, not a CDN.
    "ninja",
    "kloof.storage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "kloof.web.sessions.SessionMiddleware",  # Django's, with a 503 when it cannot save
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kloof.web.urls"
WSGI_APPLICATION = "kloof.web.wsgi.application"
WEB_DIR = Path(__file__).resolve().parent

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kloof.web.access.navigation",
                "kloof.web.case_nav.case_navigation",
            ],
        },
    },
]

# Argon2 first: new and upgraded passwords use it; the others only read old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# The language: the one chosen in the user menu (a cookie, set again from the
# user's profile at log-in), else the browser's Accept-Language, else English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
LOCALE_PATHS = [WEB_DIR.parent / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files come straight from the package folders through WhiteNoise (no
# collectstatic step, so `kloof serve` and the tests need none); in DEBUG it
# looks again on every request so edits show at once.
STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# A cache in each worker's memory: it holds rendered dashboards under keys that
# change with every change to their case (kloof/web/views/dashboard.py), so the
# workers need not share it and nothing in it can go stale.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kloof",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}

# Mail (password reset): the console by default; see docs/settings.md.
globals().update(mail.settings(_env))

# The JSON API (kloof.web.api): lists take ?limit= (at most 100) and ?offset=.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Headers on every answer, on plain HTTP too.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Behind HTTPS (KLOOF_SECURE=1): cookies only over HTTPS, HSTS for a year, and
# plain HTTP redirected, except the health check a load balancer calls directly.
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
# HSTS preload binds the whole domain and its subdomains to HTTPS in browsers for
# months: a choice for the owner of the domain, not a default of one application.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The secrets of URLs (respondent links, invitations, reset links) never reach a
# log: the loggers that write request paths, and the console, rewrite them
# first (kloof.web.logfilters).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "kloof.web.logfilters.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "loggers": {
        name: {"filters": ["redact_secrets"]}
        for name in ("django.request", "django.security.csrf", "django.server")
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
