"""The JSON API under ``/api/`` (django-ninja): see :mod:`kloof.web.api.main`
and docs/api.md. One module per resource; ``urls`` is what ``kloof.web.urls``
includes."""
