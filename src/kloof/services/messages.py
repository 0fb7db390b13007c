"""Input errors in the reader's language.

The formats layer words every problem in English and keeps the English template
and the values that fill it (:class:`kloof.formats.errors.InputError`, with
nested :class:`~kloof.formats.errors.Phrase` values for parts such as "rating 4"
or "the number 9"). Here a template is translated through the catalogs of
:func:`kloof.i18n.translator` and filled with values written the language's
way: ``1.048.577`` and ``2,5`` in Dutch. Names, ids and values quoted from the
user's file are never translated. An error without a template stays English.

Used by the command line (:func:`cli_language` picks the language) and by the
web pages (the page's language).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from kloof.formats.errors import InputError, Phrase, TemplateValue
from kloof.i18n import SUPPORTED, babel_locale, translator

if TYPE_CHECKING:
    from kloof.formats.importproblems import ImportProblemsError

__all__ = [
    "cli_language",
    "localized_fix",
    "localized_import_problems",
    "localized_message",
    "localized_problem",
    "localized_problems",
]

#: Environment variables that name the command line's language, first wins
#: (KLOOF_LANG, then gettext's own order).
LANGUAGE_VARIABLES = ("KLOOF_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """``nl`` when the first language variable that is set names Dutch
    (``nl``, ``nl_NL.UTF-8``, ``nl_BE``, ``nl:en``), else ``en``."""
    environ = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return first if first in SUPPORTED else "en"
    return "en"


def localized_problem(error: InputError, language: str) -> str:
    """What is wrong, in ``language``."""
    if not error.template or language == "en":
        return error.problem
    return _filled(error.template, error.template_args, language)


def localized_fix(error: InputError, language: str) -> str | None:
    """What to do about it, in ``language`` (None when the error names no fix)."""
    if not error.fix_template or language == "en":
        return error.fix
    return _filled(error.fix_template, error.template_args, language)


def localized_message(error: InputError, language: str, *, located: bool = True) -> str:
    """One line, as :attr:`InputError.message`: ``file:line: problem — fix``
    (without the file and line when not ``located``)."""
    problem = localized_problem(error, language)
    text = f"{error.location}: {problem}" if located and error.location else problem
    fix = localized_fix(error, language)
    return f"{text} — {fix}" if fix else text


def _filled(template: str, args: Mapping[str, TemplateValue], language: str) -> str:
    values = {name: _value(value, language) for name, value in args.items()}
    return translator(language).gettext(template) % values


def _value(value: TemplateValue, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Phrase):
        return _filled(value.template, value.args, language)
    from babel.numbers import format_decimal  # lazy: keeps CLI start-up fast

    places = 0
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(value, format=pattern, locale=babel_locale(language)))


def localized_problems(error: ImportProblemsError, language: str) -> list[str]:
    """An import's problems in ``language``, one line each as
    :meth:`~kloof.formats.importproblems.Problem.text` writes them (the first
    :data:`~kloof.formats.importproblems.MAX_SHOWN`)."""
    from kloof.formats.importproblems import MAX_SHOWN

    t = translator(language)
    lines = []
    for problem in error.problems[:MAX_SHOWN]:
        place = [t.gettext("row %(row)s") % {"row": problem.row}] if problem.row else []
        if problem.column is not None:
            place.append(t.gettext("column %(column)s") % {"column": problem.column})
        what, fix = problem.problem, problem.fix
        if problem.template and language != "en":
            what = t.gettext(problem.template) % dict(problem.args)
            fix = t.gettext(problem.fix_template) % dict(problem.args)
        prefix = f"{', '.join(place)}: " if place else ""
        lines.append(f"{prefix}{what} — {fix}")
    return lines


def localized_import_problems(error: ImportProblemsError, language: str) -> str:
    """The whole message of an import that found problems, in ``language``: a
    head line, the problems (the first 50) and the count of the rest."""
    from kloof.formats.importproblems import MAX_SHOWN

    t = translator(language)
    count = len(error.problems)
    head = t.ngettext(
        "%(count)s problem found; nothing was imported:",
        "%(count)s problems found; nothing was imported:",
        count,
    ) % {"count": _value(count, language)}
    lines = [head, *(f"  {line}" for line in localized_problems(error, language))]
    rest = count - MAX_SHOWN
    if rest > 0:
        more = t.ngettext("… and %(count)s more problem", "… and %(count)s more problems", rest)
        lines.append("  " + more % {"count": _value(rest, language)})
    return "\n".join(lines)
