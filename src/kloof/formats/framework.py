"""Frameworks in: the built-in ones shipped in ``kloof/frameworks/`` and a user's
own framework files (YAML or JSON), validated and turned into a ``Framework``.

A user's file passes the safe reader (:mod:`kloof.formats.yamlsafe`), then the JSON
Schema (``schemas/framework.schema.json``), then the checks a schema cannot
express: unique factor keys, increasing thresholds, weights that are not all zero,
texts that are not blank. Every problem is an ``InputError`` with file, line and fix.

A file's schema check is :mod:`kloof.formats.quickschema`'s yes or no; jsonschema
(some 100 ms to import) is asked only to explain a file that fails it. Built-in
frameworks are our own tested files, so they skip the schema and are read with
libyaml when it is there; the semantic checks still run. The result is cached: the CLI starts fast.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from kloof.domain.model import Factor, Framework, Severity, Text, Thresholds
from kloof.formats.errors import N_, InputError, Phrase, TemplateValue
from kloof.formats.yamlsafe import Document, LineMap, PathKey, read_document

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "frameworks"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "framework.schema.json"
FORMAT_VERSION = 1
DEFAULT_FRAMEWORK = "hopmans-9"

#: The severities a factor may give advice for (``unknown`` is not a gap size).
ADVICE_SEVERITIES: tuple[Severity, ...] = (
    Severity.ALIGNED,
    Severity.NUANCE,
    Severity.SIGNIFICANT,
    Severity.BLOCKING,
)
_THRESHOLD_NAMES = ("nuance", "significant", "blocking")
_FILE_SUFFIXES = (".yaml", ".yml", ".json")


# --- public API ---------------------------------------------------------------------


def builtin_frameworks() -> list[str]:
    """The names of the built-in frameworks, sorted."""
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))


def load_framework(ref: str, *, base_dir: Path | None = None) -> Framework:
    """The framework ``ref`` names: a built-in name (``hopmans-9``), or the path of a
    YAML/JSON framework file, relative to ``base_dir`` (a case file's folder) when
    not absolute. A built-in name wins over a file of the same name."""
    if ref in builtin_frameworks():
        return _load_builtin(ref)
    path = Path(ref).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.exists() and _looks_like_name(ref):
        raise _unknown_builtin(ref)
    return load_framework_file(path)


def load_framework_file(path: Path) -> Framework:
    """A user's framework file, fully validated."""
    return framework_from_document(read_document(path), str(path))


def framework_from_document(document: Document, source: str) -> Framework:
    """A framework from a parsed document (a file, or an upload through
    ``yamlsafe.parse_document``); ``source`` names it in messages."""
    from kloof.formats.schemacheck import as_json_data, first_schema_problem

    _check_version(document, source)
    if not _quick_check()(as_json_data(document.data)):  # only then jsonschema explains
        problem = first_schema_problem(_validator(), document.data, document.lines, source)
        if problem is not None:
            raise problem
    try:
        return _build_framework(document.data, document.lines)
    except InputError as error:
        raise error.located(source) from None


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of a framework file (a fresh copy each call)."""
    result: dict[str, Any] = json.loads(_schema_text())
    return result


def parse_factor(
    data: Mapping[str, Any],
    *,
    defaults: Thresholds,
    custom: bool,
    where: PathKey,
    lines: LineMap | None = None,
) -> Factor:
    """One factor from schema-valid data (``$defs/factor``), with the semantic checks.

    ``where`` is the factor's path in its document, such as ``("factors", 2)``: it
    finds the line in ``lines`` and names the place in messages. ``defaults`` are
    the thresholds the factor's own ``thresholds`` override. Raises ``InputError``
    without a file name: the caller adds it with ``error.located(source)``.
    """
    key = sys.intern(str(data["key"]))  # shared with the ids of the case: see casefile
    weight = data.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
        raise _error(
            (*where, "weight"),
            lines,
            N_("the weight must be a number of 0 or more"),
            N_("write a weight such as 1 (0 leaves the factor out of the toughness score)"),
        )
    return Factor(
        key=key,
        name=parse_text(data["name"], where=(*where, "name"), lines=lines),
        left=parse_text(data["left"], where=(*where, "left"), lines=lines),
        right=parse_text(data["right"], where=(*where, "right"), lines=lines),
        description=_optional_text(data, "description", where, lines),
        questions=_text_list(data, "questions", where, lines),
        signals=_text_list(data, "signals", where, lines),
        advice=_advice(data.get("advice", {}), (*where, "advice"), lines),
        weight=float(weight),
        thresholds=parse_thresholds(
            data.get("thresholds", {}),
            defaults=defaults,
            where=(*where, "thresholds"),
            lines=lines,
        ),
        custom=custom,
    )


def parse_text(value: Any, *, where: PathKey, lines: LineMap | None = None) -> Text:
    """A ``{nl, en}`` text; both languages present and not blank."""
    if not isinstance(value, Mapping):
        raise _error(
            where,
            lines,
            N_("this must be a text in two languages"),
            N_('write it as nl: "…" and en: "…" on two indented lines'),
        )
    for language, name in (("nl", N_("the Dutch text")), ("en", N_("the English text"))):
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise _error(
                (*where, language),
                lines,
                N_("%(text)s ('%(language)s') is missing or empty"),
                N_("write %(text)s after '%(language)s:'; every text needs both nl and en"),
                text=Phrase(name),
                language=language,
            )
    return Text(nl=value["nl"].strip(), en=value["en"].strip())


def parse_thresholds(
    data: Mapping[str, Any], *, defaults: Thresholds, where: PathKey, lines: LineMap | None = None
) -> Thresholds:
    """``defaults`` overridden by the thresholds in ``data``; they must increase.

    The message for thresholds out of order quotes them as the file has them and
    marks the ones that come from ``defaults``: a factor that sets only
    ``blocking: 0.3`` collides with the framework's ``significant``, not its own.
    """
    values = {name: getattr(defaults, name) for name in _THRESHOLD_NAMES}
    # Threshold values as the file writes them (0.4, 1/6): they are file syntax.
    shown: dict[str, TemplateValue] = {
        name: Phrase(N_("%(value)s (default)"), {"value": _shown(value)})
        for name, value in values.items()
    }
    for name, raw in data.items():
        if name not in values:
            raise _error(
                (*where, name),
                lines,
                N_("'%(name)s' is not a threshold"),
                N_("use nuance, significant and blocking"),
                name=str(name),
            )
        values[name] = _threshold_value(raw, (*where, name), lines)
        shown[name] = raw.strip() if isinstance(raw, str) else _shown(values[name])
    for lower, upper in itertools.pairwise(_THRESHOLD_NAMES):
        if values[lower] >= values[upper]:
            raise _error(
                where,
                lines,
                N_(
                    "the thresholds must increase (nuance < significant < blocking), but "
                    "%(upper)s %(upper_value)s is not above %(lower)s %(lower_value)s"
                ),
                N_(
                    "set %(upper)s above %(lower)s, for example "
                    'nuance: "1/6", significant: "2/6", blocking: "3/6"'
                ),
                upper=upper,
                upper_value=shown[upper],
                lower=lower,
                lower_value=shown[lower],
            )
    return Thresholds(**values)


# --- building a framework -----------------------------------------------------------


@cache
def _load_builtin(name: str) -> Framework:
    data = _read_builtin(BUILTIN_DIR / f"{name}.yaml")
    try:
        return _build_framework(data, None)
    except InputError as error:  # a bug in our own file; tests keep it from shipping
        raise error.located(f"built-in framework {name}") from None


def _read_builtin(path: Path) -> Any:
    from kloof.formats.yamlnodes import read_yaml  # libyaml's events, as for any file

    data, _ = read_yaml(path.read_text(encoding="utf-8"))
    return data


def _build_framework(data: Mapping[str, Any], lines: LineMap | None) -> Framework:
    defaults = parse_thresholds(
        data.get("thresholds", {}), defaults=Thresholds(), where=("thresholds",), lines=lines
    )
    raw_factors: Sequence[Mapping[str, Any]] = data["factors"]
    _check_unique_keys(raw_factors, lines)
    factors = tuple(
        parse_factor(item, defaults=defaults, custom=False, where=("factors", index), lines=lines)
        for index, item in enumerate(raw_factors)
    )
    if all(factor.weight == 0 for factor in factors):
        raise _error(
            ("factors",),
            lines,
            N_("every factor has weight 0, so no toughness can be computed"),
            N_("give at least one factor a weight above 0 (1 is the usual weight)"),
        )
    return Framework(
        name=str(data["name"]),
        title=parse_text(data["title"], where=("title",), lines=lines),
        factors=factors,
        description=_optional_text(data, "description", (), lines),
        source=str(data.get("source", "")).strip(),
        thresholds=defaults,
    )


def _check_unique_keys(raw_factors: Sequence[Mapping[str, Any]], lines: LineMap | None) -> None:
    first_index: dict[str, int] = {}
    for index, item in enumerate(raw_factors):
        key = str(item["key"])
        if key in first_index:
            first = _line(("factors", first_index[key]), lines)
            where = (
                Phrase(N_("at line %(line)s"), {"line": str(first)})
                if first
                else Phrase(N_("at factor %(number)s"), {"number": str(first_index[key] + 1)})
            )
            raise _error(
                ("factors", index, "key"),
                lines,
                N_("the factor key '%(key)s' is used twice (first %(first)s)"),
                N_("give every factor its own key, or remove the repeated factor"),
                key=key,
                first=where,
            )
        first_index[key] = index


def _optional_text(
    data: Mapping[str, Any], field: str, where: PathKey, lines: LineMap | None
) -> Text:
    if field not in data:
        return Text("", "")
    return parse_text(data[field], where=(*where, field), lines=lines)


def _text_list(
    data: Mapping[str, Any], field: str, where: PathKey, lines: LineMap | None
) -> tuple[Text, ...]:
    return tuple(
        parse_text(item, where=(*where, field, index), lines=lines)
        for index, item in enumerate(data.get(field, ()))
    )


def _advice(data: Mapping[str, Any], where: PathKey, lines: LineMap | None) -> dict[Severity, Text]:
    allowed = {severity.value: severity for severity in ADVICE_SEVERITIES}
    advice: dict[Severity, Text] = {}
    for name, value in data.items():
        if name not in allowed:
            raise _error(
                (*where, name),
                lines,
                N_("'%(name)s' is not a severity to give advice for"),
                N_("use one of: %(names)s"),
                name=str(name),
                names=", ".join(allowed),
            )
        advice[allowed[name]] = parse_text(value, where=(*where, name), lines=lines)
    return advice


def _threshold_value(raw: Any, where: PathKey, lines: LineMap | None) -> float:
    """A threshold as a float; "a/b" is converted exactly, then rounded once."""
    value: Fraction | None = None
    if isinstance(raw, str):
        try:
            value = Fraction("".join(raw.split()))  # "1 / 6" too: Fraction refuses spaces
        except (ValueError, ZeroDivisionError):
            value = None
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        value = Fraction(raw)
    if value is None or not 0 < value <= 1:
        raise _error(
            where,
            lines,
            N_("the threshold %(value)s is not a number above 0 and at most 1"),
            N_('write a number such as 0.4, or an exact fraction in quotes such as "1/6"'),
            value=repr(raw),
        )
    return float(value)


# --- helpers ------------------------------------------------------------------------


@cache
def _schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


@cache
def _quick_check() -> Any:
    from kloof.formats.quickschema import compile_schema
    from kloof.formats.schemacheck import inline_refs

    return compile_schema(inline_refs(framework_schema()))


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(framework_schema())


def _check_version(document: Document, source: str) -> None:
    """A file from a newer kloof deserves that answer, not a list of schema errors."""
    version = document.data.get("kloof_framework")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        # Format numbers as text: a version is a name ("format 2"), not a quantity.
        raise InputError.worded(
            N_(
                "this framework file has format %(version)s; this version of kloof reads "
                "format %(supported)s"
            ),
            N_("update kloof, or write the file in format 1 (see docs/frameworks.md)"),
            source=source,
            line=document.lines.line(("kloof_framework",)),
            version=str(version),
            supported=str(FORMAT_VERSION),
        )


def _looks_like_name(ref: str) -> bool:
    """True for ``hopmans9``, false for ``my/framework`` or ``mine.yaml``."""
    return "/" not in ref and "\\" not in ref and not ref.lower().endswith(_FILE_SUFFIXES)


def _unknown_builtin(ref: str) -> InputError:
    import difflib

    names = builtin_frameworks()
    guess = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    fix = (
        N_(
            "did you mean '%(guess)s'? the built-in frameworks are: %(names)s; "
            "or give the path of a framework file ending in .yaml or .json"
        )
        if guess
        else N_(
            "the built-in frameworks are: %(names)s; "
            "or give the path of a framework file ending in .yaml or .json"
        )
    )
    return InputError.worded(
        N_("there is no built-in framework '%(name)s' and no file of that name"),
        fix,
        name=ref,
        names=", ".join(names),
        guess=guess[0] if guess else "",
    )


def _shown(value: float) -> str:
    """A threshold for a message: 0.4 stays 0.4, 0.1666… shows as 1/6."""
    fraction = Fraction(value).limit_denominator(100)
    if abs(float(fraction) - value) < 1e-12 and len(repr(value)) > 6:
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:g}"


def _line(path: PathKey, lines: LineMap | None) -> int | None:
    return lines.line(path) if lines is not None else None


def _error(
    path: PathKey,
    lines: LineMap | None,
    template: str,
    fix_template: str,
    **values: TemplateValue,
) -> InputError:
    """An error at ``path``: the message starts with the place (``factor 3, left``).

    ``template`` and ``fix_template`` are worded with ``values``; the problem
    becomes a phrase after the place, so both are translated."""
    from kloof.formats.schemacheck import place_phrase  # lazy: only on the error path

    line = _line(path, lines)
    prefix = place_phrase(path)
    # Typed loosely only for the call: the names of ``values`` never clash with
    # worded's own ``source`` and ``line``.
    args: dict[str, Any] = dict(values)
    if prefix is None:
        return InputError.worded(template, fix_template, line=line, **args)
    return InputError.worded(
        N_("%(place)s: %(problem)s"),
        fix_template,
        line=line,
        **args,
        place=prefix,
        problem=Phrase(template, values),
    )
