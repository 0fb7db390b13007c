"""URL patterns of the evidence area (filled by that area's views)."""

from __future__ import annotations

# The evidence area fills this list; every name here needs an entry in
# tests/web/access_table.py.
urlpatterns: list = []
