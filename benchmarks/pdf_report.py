"""Time the PDF report of the demo case (a typical two-party case).

Run: .venv/bin/python benchmarks/pdf_report.py [RUNS]
Prints, per language, the median and the spread of RUNS renders (default 7)
after one warm-up render (fonts loaded once per process, as in a running web
server), and the page count. Wall-clock time is the figure the target is judged
on; the process's CPU time is printed beside it because on a shared machine it
moves much less with what else runs.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from kloof.services.casework import analyse_file, render_pdf_report

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo-contract-renewal.yaml"


def main(runs: int) -> None:
    analysis = analyse_file(DEMO)
    for language in ("en", "nl"):
        data = render_pdf_report(analysis, language)  # warm-up
        wall, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            render_pdf_report(analysis, language)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        print(
            f"{language}: median {statistics.median(wall):.0f} ms "
            f"(min {min(wall):.0f}, max {max(wall):.0f}, {runs} runs), "
            f"CPU median {statistics.median(cpu):.0f} ms (min {min(cpu):.0f}), {pages} pages"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
