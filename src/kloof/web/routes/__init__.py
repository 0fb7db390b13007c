"""URL patterns, one module per area; ``kloof.web.urls`` includes them all.

Every id in a URL is an ``<id:…>`` (:mod:`kloof.web.converters`): an id out of
the database's range is a 404, never a 500.
"""

from kloof.web import converters

converters.register()
