"""Time the other paper documents of the demo case: the interview guide (about
the other side), the agenda (team and counterparty) and the minutes.

Run: .venv/bin/python benchmarks/paper_documents.py [RUNS]
One warm-up render per document (fonts loaded once per process, as in a running
web server), then RUNS timed renders (default 7); prints the median and spread,
the process's CPU time and the page count. The agenda is the one kloof proposes
for the demo case, every item shared, with an outcome on each item.
"""

from __future__ import annotations

import dataclasses
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from kloof.domain.model import OUTCOMES, Action
from kloof.reports.agenda import render_agenda_pdf
from kloof.reports.guide_html import GuideRequest, render_guide_pdf
from kloof.services.agenda import agenda_of
from kloof.services.casework import analyse_file
from kloof.services.minutes import minutes_document

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo-contract-renewal.yaml"


def documents(language: str) -> dict[str, Callable[[], bytes]]:
    analysis = analyse_file(DEMO)
    case = analysis.case
    proposed = agenda_of(case)
    items = tuple(
        dataclasses.replace(
            item,
            shareable=True,
            outcome=OUTCOMES[number % len(OUTCOMES)],
            outcome_note="Both sides named the difference and agreed the next step.",
            actions=(Action(text="Plan the quarterly review", owner="Maria"),),
        )
        for number, item in enumerate(proposed.items)
    )
    agenda = dataclasses.replace(proposed, items=items)
    other = case.parties[1].id
    return {
        "guide": lambda: render_guide_pdf(analysis, language, GuideRequest(party=other)),
        "agenda (team)": lambda: render_agenda_pdf(case, agenda, "team", language),
        "agenda (counterparty)": lambda: render_agenda_pdf(case, agenda, "counterparty", language),
        "minutes (team)": lambda: minutes_document(case, agenda, language, fmt="pdf"),
    }


def main(runs: int) -> None:
    for language in ("en", "nl"):
        for name, render in documents(language).items():
            data = render()  # warm-up
            wall, cpu = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                render()
                wall.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            pages = len(PdfReader(io.BytesIO(data)).pages)
            print(
                f"{language} {name}: median {statistics.median(wall):.0f} ms "
                f"(min {min(wall):.0f}, max {max(wall):.0f}, {runs} runs), "
                f"CPU median {statistics.median(cpu):.0f} ms, {pages} pages"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
