"""The SVG charts as PNG images, for slides.

resvg (through ``resvg-py``, a wheel with no system libraries) draws the very SVG
the other outputs use, so the picture looks the same. The image is
:data:`PNG_WIDTH` pixels wide, a full-HD slide's width; the height follows the
chart (a profile chart of nine factors is 1920 × 1670).

Fonts: the charts ask for ``system-ui, …, sans-serif``, which a browser on Linux
resolves through fontconfig to DejaVu Sans, the font :mod:`kloof.reports.svg`
measures text widths with. resvg has no fontconfig, so it is given DejaVu Sans
explicitly (Debian: ``fonts-dejavu-core``, installed by ``scripts/setup.sh``); the
same glyphs cover Dutch and English. Where DejaVu Sans is not installed (macOS,
Windows) the system's fonts are loaded and the chart's own family list decides.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: The width of a chart picture in pixels: a full-HD slide.
PNG_WIDTH = 1920
#: Where Debian, Fedora and Arch put DejaVu Sans.
FONT_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
#: The faces the charts use: regular, bold and italic (pole names).
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
FONT_NAME = "DejaVu Sans"


@lru_cache(maxsize=1)
def chart_fonts() -> tuple[str, ...]:
    """The DejaVu Sans files of the first folder that holds them all, or none."""
    for folder in FONT_FOLDERS:
        files = tuple(str(Path(folder) / name) for name in FONT_FILES)
        if all(Path(file).is_file() for file in files):
            return files
    return ()


def svg_to_png(svg: str, *, width: int = PNG_WIDTH) -> bytes:
    """The chart ``svg`` drawn as a PNG ``width`` pixels wide, on white."""
    import resvg_py  # lazy: only a PNG needs it (start-up of every other command)

    fonts = chart_fonts()
    if fonts:
        # Only these files: the same look on every Linux, and no font scan.
        png: bytes = resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width,
            background="#ffffff",
            skip_system_fonts=True,
            font_files=list(fonts),
            font_family=FONT_NAME,
            sans_serif_family=FONT_NAME,
        )
    else:
        png = resvg_py.svg_to_bytes(svg_string=svg, width=width, background="#ffffff")
    return png
