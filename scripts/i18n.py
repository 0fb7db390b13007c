"""Compile the gettext catalogs (.po -> .mo) and check them.

python scripts/i18n.py compile   # after editing a .po file
python scripts/i18n.py check     # exit 1 when a .mo is missing or stale
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "kloof" / "locale"


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    stale = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        data = compiled(po_path)
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
