"""URL patterns of the rating area (filled by that area's views)."""

from __future__ import annotations

# The rating area fills this list; every name here needs an entry in
# tests/web/access_table.py.
urlpatterns: list = []
