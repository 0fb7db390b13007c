"""The one error type that input problems raise: it names the file, the line, the
problem and the fix, so the CLI and the web can show it without a traceback."""

from __future__ import annotations


class InputError(Exception):
    """Bad input from a user: a case file, a framework file, a command-line value.

    ``problem`` says what is wrong, ``fix`` what to do about it. ``source`` is the
    file name (or another label such as ``<stdin>``) and ``line`` the 1-based line
    where the parser knows it.
    """

    def __init__(
        self,
        problem: str,
        *,
        fix: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problem = problem
        self.fix = fix
        self.source = source
        self.line = line
        super().__init__(self.message)

    @property
    def location(self) -> str:
        if self.source and self.line:
            return f"{self.source}:{self.line}"
        return self.source or ""

    @property
    def message(self) -> str:
        """One line: ``file:line: problem — fix``."""
        text = f"{self.location}: {self.problem}" if self.location else self.problem
        if self.fix:
            text = f"{text} — {self.fix}"
        return text

    def located(self, source: str, line: int | None = None) -> InputError:
        """The same error with a file name (and line) filled in where missing."""
        return InputError(
            self.problem,
            fix=self.fix,
            source=self.source or source,
            line=self.line if self.line is not None else line,
        )
