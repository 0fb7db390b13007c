"""benchmarks/paper_documents.py renders what it says it times."""

from __future__ import annotations

import io

from benchmarks.paper_documents import documents
from pypdf import PdfReader


def test_every_paper_document_of_the_benchmark_is_a_pdf_in_its_language() -> None:
    rendered = {name: render() for name, render in documents("nl").items()}
    assert list(rendered) == ["guide", "agenda (team)", "agenda (counterparty)", "minutes (team)"]
    texts = {
        name: "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        for name, data in rendered.items()
    }
    assert "Wat we willen vragen" in texts["agenda (counterparty)"]
    # Every item is shared and each has an outcome: the minutes name all three kinds used.
    for outcome in ("benoemd", "door beide kanten geaccepteerd", "mitigatie afgesproken"):
        assert outcome in texts["minutes (team)"]
    assert "Plan the quarterly review" in texts["minutes (team)"]
