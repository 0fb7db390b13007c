"""The problems of an import, each at a row and a column, and the one error that
lists them all (see :mod:`kloof.formats.importer`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kloof.formats.errors import InputError

__all__ = ["MAX_SHOWN", "ImportProblemsError", "Problem", "said", "shown"]

#: Problems listed in the message; the rest are counted.
MAX_SHOWN = 50


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of an import, at a row (None: the mapping) and a column.

    ``problem`` and ``fix`` are English; ``template`` and ``fix_template`` are the
    same sentences with ``%(name)s`` placeholders filled from ``args``, so that an
    interface can word them in its own language (the web and the command line do).
    """

    row: int | None
    column: str | None
    problem: str
    fix: str
    template: str = ""
    fix_template: str = ""
    args: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        place = [f"row {self.row}"] if self.row is not None else []
        place += [f"column {self.column}"] if self.column is not None else []
        prefix = f"{', '.join(place)}: " if place else ""
        return f"{prefix}{self.problem} — {self.fix}"


class ImportProblemsError(InputError):
    """Every problem of an import; ``problems`` holds them all for a preview page."""

    def __init__(self, problems: Sequence[Problem], source: str) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
        shown_lines = [f"  {problem.text()}" for problem in self.problems[:MAX_SHOWN]]
        rest = len(self.problems) - MAX_SHOWN
        if rest > 0:
            shown_lines.append(f"  … and {rest} more problem{'s' if rest > 1 else ''}")
        count = len(self.problems)
        head = f"{count} problem{'s' if count > 1 else ''} found; nothing was imported:"
        super().__init__("\n".join([head, *shown_lines]), source=source)


def said(
    row: int | None, column: str | None, template: str, fix_template: str, **args: str
) -> Problem:
    """A problem in English, keeping its templates for other languages."""
    return Problem(row, column, template % args, fix_template % args, template, fix_template, args)


def shown(text: str) -> str:
    """A value from the file, quoted and cut short for a message."""
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'
