"""``kloof chart``: SVG or PNG, the format from the file name."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import DEMO, KLOOF, kloof
from tests.png import dark_pixels, png_size, top_rows


@pytest.mark.parametrize(("kind", "height"), [("profile", 1670), ("radar", 1458)])
def test_a_png_name_writes_a_picture_for_slides(tmp_path: Path, kind: str, height: int):
    target = tmp_path / f"{kind}.png"
    result = kloof("chart", DEMO, "-o", target, "--kind", kind)
    assert result.returncode == 0, result.stderr
    png = target.read_bytes()
    assert png_size(png) == (1920, height)
    assert dark_pixels(top_rows(png, 100)) > 3000  # the title, in a real font


def test_format_png_to_standard_output(tmp_path: Path):
    done = subprocess.run(
        [str(KLOOF), "chart", str(DEMO), "-o", "-", "--format", "png"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert png_size(done.stdout) == (1920, 1670)


def test_the_svg_name_and_a_name_without_extension_stay_svg(tmp_path: Path):
    for name in ("chart.svg", "chart"):
        assert kloof("chart", DEMO, "-o", tmp_path / name).returncode == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<svg ")
    assert kloof("chart", DEMO, "-o", tmp_path / "chart.png", "--format", "png").returncode == 0


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        (
            "chart.png",
            ("--format", "svg"),
            "kloof: error: the file name {file} asks for PNG but --format asks for SVG"
            " — leave out --format, or give the file the extension .svg\n",
        ),
        (
            "chart.svg",
            ("--format", "png"),
            "kloof: error: the file name {file} asks for SVG but --format asks for PNG"
            " — leave out --format, or give the file the extension .png\n",
        ),
        (
            "chart.jpg",
            (),
            "kloof: error: cannot tell the chart's format from the file name {file}"
            " — end the name in .svg or .png, or add --format svg or --format png\n",
        ),
    ],
)
def test_a_contradiction_is_refused_and_nothing_written(
    tmp_path: Path, name: str, args: tuple[str, ...], message: str
):
    target = tmp_path / name
    result = kloof("chart", DEMO, "-o", target, *args)
    assert result.returncode == 2
    assert result.stderr == message.format(file=target)
    assert os.listdir(tmp_path) == []


def test_the_refusal_in_dutch(tmp_path: Path):
    target = tmp_path / "grafiek.png"
    done = subprocess.run(
        [str(KLOOF), "chart", str(DEMO), "-o", str(target), "--format", "svg"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "KLOOF_LANG": "nl"},
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"kloof: fout: de bestandsnaam {target} vraagt om PNG, maar --format vraagt om SVG"
        " — laat --format weg, of geef het bestand de extensie .svg\n"
    )
