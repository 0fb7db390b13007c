"""The WSGI application that gunicorn serves."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kloof.web.settings")

application = get_wsgi_application()

# Import every URL and view now, in the process that forks the workers (kloof
# serve), instead of on each worker's first request, where it would hold up the
# requests that come in beside it.
get_resolver().url_patterns  # noqa: B018
