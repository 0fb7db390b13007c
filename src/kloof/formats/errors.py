"""The one error type that input problems raise: it names the file, the line, the
problem and the fix, so the CLI and the web can show it without a traceback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["N_", "InputError", "Phrase", "TemplateValue"]

#: Marks an English message template for translation without translating it here
#: (gettext_noop): the formats layer has no language, an interface translates it.
N_ = str


@dataclass(frozen=True)
class Phrase:
    """A part of a message that is worded in its own right and so translated too:
    ``Phrase(N_("rating %(number)s"), {"number": "4"})`` where a message says where
    (``rating 4, score``) or what it found (``the number 9``). English by
    :meth:`english`; an interface translates the template and fills it in."""

    template: str
    args: Mapping[str, TemplateValue] = field(default_factory=dict)

    def english(self) -> str:
        return self.template % {name: english_value(value) for name, value in self.args.items()}

    def __str__(self) -> str:
        return self.english()


#: A value filled into a template: text as it is (names, ids, values from the
#: file: never translated), a number that an interface may write in its own
#: language (``1,048,577`` in English is ``1.048.577`` in Dutch), or a phrase.
TemplateValue = str | int | Decimal | Phrase


class InputError(Exception):
    """Bad input from a user: a case file, a framework file, a command-line value.

    ``problem`` says what is wrong, ``fix`` what to do about it. ``source`` is the
    file name (or another label such as ``<stdin>``) and ``line`` the 1-based line
    where the parser knows it.

    Errors made with :meth:`worded` also keep ``template`` and ``fix_template``: the
    same English sentences with ``%(name)s`` placeholders filled from
    ``template_args``, so that an interface can word them in its own language (the
    web does). (Not ``args``: an exception's ``args`` are its constructor's.)
    """

    def __init__(
        self,
        problem: str,
        *,
        fix: str | None = None,
        source: str | None = None,
        line: int | None = None,
        template: str = "",
        fix_template: str = "",
        template_args: Mapping[str, TemplateValue] | None = None,
    ) -> None:
        self.problem = problem
        self.fix = fix
        self.source = source
        self.line = line
        self.template = template
        self.fix_template = fix_template
        self.template_args: Mapping[str, TemplateValue] = dict(template_args or {})
        super().__init__(self.message)

    @classmethod
    def worded(
        cls,
        template: str,
        fix_template: str = "",
        *,
        source: str | None = None,
        line: int | None = None,
        **values: TemplateValue,
    ) -> InputError:
        """An error whose English ``problem`` and ``fix`` are the templates filled
        with ``values``; numbers are written with thousands commas (``1,001``).
        Row numbers are passed as text: a spreadsheet shows row 1234, not 1,234."""
        english = {name: english_value(value) for name, value in values.items()}
        return cls(
            template % english,
            fix=fix_template % english if fix_template else None,
            source=source,
            line=line,
            template=template,
            fix_template=fix_template,
            template_args=values,
        )

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
            template=self.template,
            fix_template=self.fix_template,
            template_args=self.template_args,
        )


def english_value(value: TemplateValue) -> str:
    """A template value as the English message writes it."""
    if isinstance(value, str):
        return value
    if isinstance(value, Phrase):
        return value.english()
    return format(value, ",")
