"""Reading back the PNG images kloof writes, without an imaging library: the
size from the IHDR chunk and the pixels of the top rows (8-bit RGBA, as resvg
writes them)."""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGBA = 6


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of ``png``, each checked against its CRC."""
    assert png.startswith(SIGNATURE), "not a PNG image"
    found, offset = [], len(SIGNATURE)
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + data) == crc, f"bad CRC in {kind!r}"
        found.append((kind, data))
        offset += 12 + length
    assert found[0][0] == b"IHDR" and found[-1][0] == b"IEND"
    return found


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the IHDR chunk."""
    width, height = struct.unpack(">II", chunks(png)[0][1][:8])
    return width, height


def top_rows(png: bytes, count: int) -> list[bytes]:
    """The first ``count`` rows of an 8-bit RGBA ``png`` as raw RGBA bytes."""
    parts = chunks(png)
    header = parts[0][1]
    width, _ = struct.unpack(">II", header[:8])
    assert (header[8], header[9], header[12]) == (8, RGBA, 0), "only 8-bit RGBA, not interlaced"
    raw = zlib.decompress(b"".join(data for kind, data in parts if kind == b"IDAT"))
    stride = width * 4
    previous = bytes(stride)
    rows = []
    for index in range(count):
        start = index * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous)
        rows.append(row)
        previous = row
    return rows


def _unfilter(kind: int, row: bytearray, above: bytes) -> bytes:
    """Undo one row's filter (PNG specification, section 9)."""
    if kind == 2:
        return bytes((a + b) & 0xFF for a, b in zip(row, above, strict=True))
    for i in range(len(row)):
        left = row[i - 4] if i >= 4 else 0
        up = above[i]
        corner = above[i - 4] if i >= 4 else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            row[i] = (row[i] + best) & 0xFF
    return bytes(row)


def dark_pixels(rows: list[bytes]) -> int:
    """How many opaque pixels are as dark as the charts' text (#1f2328)."""
    count = 0
    for row in rows:
        for i in range(0, len(row), 4):
            if row[i + 3] == 255 and max(row[i], row[i + 1], row[i + 2]) < 90:
                count += 1
    return count
