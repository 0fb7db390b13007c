"""kloof: difference analysis for tough negotiations.

The public surface, for use from Python::

    from kloof import load_case, analyse
    analysis = analyse(load_case(Path("case.yaml")))
    analysis.blocking        # factor keys with a blocking difference
    analysis.toughness       # 0-100 for the first two parties
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kloof.domain.analysis import analyse
from kloof.domain.model import Case, Severity
from kloof.domain.results import Analysis
from kloof.formats.errors import InputError

if TYPE_CHECKING:
    from kloof.formats.casefile import load_case as load_case

__all__ = ["Analysis", "Case", "InputError", "Severity", "analyse", "load_case"]


def __getattr__(name: str) -> Any:
    # The file loader pulls in yaml and jsonschema: import it only when asked for.
    if name == "load_case":
        from kloof.formats.casefile import load_case

        return load_case
    raise AttributeError(name)
