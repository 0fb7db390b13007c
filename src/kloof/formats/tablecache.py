"""A read table as compact bytes and back, so that a file is parsed once.

The web import reads an upload at the upload step and keeps the table, not the
file: the mapping page, its preview and the confirm load these bytes (zlib over
JSON: a fraction of a second for 100,000 rows) instead of parsing a CSV or an
XLSX file again on every step. The rows go in lines of a few hundred, each
encoded and decoded on its own: one call over the whole table would hold the
interpreter's lock for as long as it takes, and the server's other threads
(``/healthz``, pages) would wait for it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator

from kloof.formats.tabular import Row, Table

__all__ = ["MAGIC", "is_table_bytes", "table_from_bytes", "table_to_bytes"]

#: The first bytes of a kept table; no CSV or XLSX file starts with them.
MAGIC = b"kloof-table-1\n"
_ROWS_PER_LINE = 500


def table_to_bytes(table: Table) -> bytes:
    compressor = zlib.compressobj(1)
    parts = [MAGIC, compressor.compress(_line(list(table.header)))]
    for start in range(0, len(table.rows), _ROWS_PER_LINE):
        rows = table.rows[start : start + _ROWS_PER_LINE]
        parts.append(compressor.compress(_line([_row(row) for row in rows])))
    parts.append(compressor.flush())
    return b"".join(parts)


def is_table_bytes(data: bytes) -> bool:
    return data.startswith(MAGIC)


def table_from_bytes(data: bytes, source: str) -> Table:
    """The table kept by :func:`table_to_bytes` (``source`` names it in messages)."""
    lines = _lines(data[len(MAGIC) :])
    header = tuple(json.loads(next(lines)))
    rows = [
        Row(item[0], tuple(item[1]), frozenset(item[2]) if len(item) > 2 else frozenset())
        for line in lines
        for item in json.loads(line)
    ]
    return Table(source, header, tuple(rows))


def _row(row: Row) -> list[object]:
    if row.formulas:
        return [row.number, list(row.cells), sorted(row.formulas)]
    return [row.number, list(row.cells)]


def _line(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n"


def _lines(compressed: bytes) -> Iterator[bytes]:
    decompressor = zlib.decompressobj()
    rest = b""
    for start in range(0, len(compressed), 64 * 1024):
        rest += decompressor.decompress(compressed[start : start + 64 * 1024])
        *whole, rest = rest.split(b"\n")
        yield from whole
    rest += decompressor.flush()
    yield from (line for line in rest.split(b"\n") if line)
