"""Interview guides: for a case (the factors that need evidence) or a framework."""

from __future__ import annotations

from pathlib import Path

from kloof.services.casework import analyse_file


def guide_for_case(path: Path, *, language: str | None, everything: bool) -> str:
    from kloof.reports.guide import render_guide

    analysis = analyse_file(path)
    return render_guide(
        analysis, language or analysis.case.language, scope="all" if everything else "needed"
    )


def guide_for_framework(reference: str, *, language: str) -> str:
    from kloof.formats.framework import load_framework
    from kloof.reports.guide import render_guide

    return render_guide(load_framework(reference, base_dir=Path.cwd()), language, scope="all")
