"""A read table as compact bytes and back, so that a file is parsed once.

The web import reads an upload at the upload step and keeps the table, not the
file: the mapping page, its preview and the confirm load these bytes (zlib over
JSON: a fraction of a second for 100,000 rows) instead of parsing a CSV or an
XLSX file again on every step.
"""

from __future__ import annotations

import json
import zlib

from kloof.formats.tabular import Row, Table

__all__ = ["MAGIC", "is_table_bytes", "table_from_bytes", "table_to_bytes"]

#: The first bytes of a kept table; no CSV or XLSX file starts with them.
MAGIC = b"kloof-table-1\n"


def table_to_bytes(table: Table) -> bytes:
    rows = [
        [row.number, list(row.cells), sorted(row.formulas)]
        if row.formulas
        else [row.number, list(row.cells)]
        for row in table.rows
    ]
    text = json.dumps({"header": list(table.header), "rows": rows}, ensure_ascii=False)
    return MAGIC + zlib.compress(text.encode("utf-8"), 1)


def is_table_bytes(data: bytes) -> bool:
    return data.startswith(MAGIC)


def table_from_bytes(data: bytes, source: str) -> Table:
    """The table kept by :func:`table_to_bytes` (``source`` names it in messages)."""
    document = json.loads(zlib.decompress(data[len(MAGIC) :]).decode("utf-8"))
    rows = tuple(
        Row(item[0], tuple(item[1]), frozenset(item[2]) if len(item) > 2 else frozenset())
        for item in document["rows"]
    )
    return Table(source, tuple(document["header"]), rows)
