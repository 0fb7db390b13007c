"""Compile the gettext catalogs (.po -> .mo) and check them.

    python scripts/i18n.py compile   # after editing a .po file
    python scripts/i18n.py check     # exit 1 when a .mo is missing or stale

Each area of kloof keeps its own catalog in src/kloof/locale/nl/LC_MESSAGES/:
``<area>.po`` compiles to ``<area>.mo`` (read by ``kloof.i18n.translator``). The
web pages' catalogs are ``web-<area>.po``; Django reads one domain only, so they
are merged into ``django.mo`` (read by Django through LOCALE_PATHS).
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
LOCALE = Path(__file__).resolve().parent.parent / "src" / "kloof" / "locale"


def read(po_path: Path) -> Catalog:
    with po_path.open("rb") as handle:
        return read_po(handle)


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def merged(po_paths: list[Path], locale: str) -> Catalog:
    # Fixed dates: the header is compiled into the .mo, and "check" compares bytes.
    catalog = Catalog(
        locale=locale, domain="django", creation_date=FIXED_DATE, revision_date=FIXED_DATE
    )
    for po_path in po_paths:
        for message in read(po_path):
            if message.id and message.string:
                catalog[message.id] = message
    return catalog


def targets() -> dict[Path, bytes]:
    """Every .mo file that should exist, with its compiled content."""
    wanted: dict[Path, bytes] = {}
    for folder in sorted(LOCALE.glob("*/LC_MESSAGES")):
        web = sorted(folder.glob("web-*.po"))
        for po_path in sorted(folder.glob("*.po")):
            if po_path not in web:
                wanted[po_path.with_suffix(".mo")] = mo_bytes(read(po_path))
        if web:
            wanted[folder / "django.mo"] = mo_bytes(merged(web, folder.parent.name))
    return wanted


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    stale = []
    for mo_path, data in targets().items():
        if command == "compile":
            mo_path.write_bytes(data)
            print(f"compiled {mo_path.relative_to(LOCALE.parent.parent.parent)}")
        elif not mo_path.exists() or mo_path.read_bytes() != data:
            stale.append(str(mo_path))
    if stale:
        print("stale or missing .mo files (run: python scripts/i18n.py compile):")
        print("\n".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
