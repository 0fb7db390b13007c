"""JSON Schema validation that speaks to people.

jsonschema reports what failed in its own terms ("'x' is not of type 'number'");
these functions turn the first failure, in the order of the file, into one
sentence with the place, the problem and the fix, as an :class:`InputError`.
Shared by every document kloof validates against a schema.

Every sentence is an English template with its values (see
:meth:`InputError.worded`), so an interface can word it in the reader's language;
the parts that are worded in their own right (the place, a value as found, the
schema's description of a field) are :class:`Phrase` values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from kloof.formats.errors import N_, InputError, Phrase, TemplateValue
from kloof.formats.yamlsafe import LineMap, PathKey

if TYPE_CHECKING:  # jsonschema costs some 40 ms to import; the caller brings the validator
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

# Lists whose items people know by a name: "rating 4" reads better than "ratings[3]".
_ITEM_LABELS = {
    "parties": N_("party %(number)s"),
    "raters": N_("rater %(number)s"),
    "ratings": N_("rating %(number)s"),
    "factors": N_("factor %(number)s"),
    "differences": N_("difference %(number)s"),
    "actions": N_("action %(number)s"),
    "questions": N_("question %(number)s"),
    "signals": N_("signal %(number)s"),
    "interviews": N_("interview %(number)s"),
    "items": N_("item %(number)s"),
    "mitigations": N_("mitigation %(number)s"),
}

_EXPECTED = {
    "string": N_("text"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "object": N_("a mapping of fields ('name: value')"),
    "array": N_("a list"),
    "null": N_("empty"),
}

_TYPE_FIXES = {
    "string": N_('put the value in quotes, for example "2027"'),
    "number": N_("write a number such as 4 or 4.5, without quotes"),
    "integer": N_("write a whole number such as 4, without quotes"),
    "boolean": N_("write true or false (yes/no/on/off are read as text)"),
    "object": N_("write the fields as 'name: value' lines, indented under this one"),
    "array": N_("write a list: one item per line, each starting with '- '"),
}

_BOUNDS = {
    "minimum": N_("%(subject)s must be at least %(limit)s, not %(value)s"),
    "maximum": N_("%(subject)s must be at most %(limit)s, not %(value)s"),
    "exclusiveMinimum": N_("%(subject)s must be more than %(limit)s, not %(value)s"),
    "exclusiveMaximum": N_("%(subject)s must be less than %(limit)s, not %(value)s"),
}

_COUNTS = {
    "minItems": N_("%(subject)s must have at least %(limit)s items, not %(count)s"),
    "maxItems": N_("%(subject)s must have at most %(limit)s items, not %(count)s"),
}

#: Fixes the case checks use too.
DID_YOU_MEAN = N_("did you mean '%(guess)s'?")
USE_ONE_OF = N_("use one of: %(allowed)s")

#: A number written with a decimal comma ("4,5"): YAML and JSON read it as text.
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
DECIMAL_POINT_FIX = N_("write %(suggestion)s (a number takes a decimal point, not a comma)")


class _Words(NamedTuple):
    """One schema error in words: where (None: the file as a whole), what, the fix."""

    where: TemplateValue | None
    problem: Phrase
    fix: Phrase | None


def first_schema_problem(
    validator: Validator, data: Any, lines: LineMap, source: str
) -> InputError | None:
    """The schema problem that comes first in the file, as a readable error."""
    problems = schema_problems(validator, data, lines, source)
    return problems[0] if problems else None


def schema_problems(
    validator: Validator, data: Any, lines: LineMap, source: str
) -> list[InputError]:
    """Every schema problem as a readable error, in the order of the file."""
    errors = list(validator.iter_errors(as_json_data(data)))
    located = [(_error_line(error, lines), index, error) for index, error in enumerate(errors)]
    located.sort(key=lambda item: (item[0] or 0, item[1]))
    return [placed_error(*_sentence(error), source=source, line=line) for line, _, error in located]


def placed_error(
    where: TemplateValue | None,
    problem: Phrase,
    fix: Phrase | None,
    *,
    source: str | None,
    line: int | None,
) -> InputError:
    """An error whose problem starts with the place (``rating 4: …``) when there is
    one. The fix's values join the problem's: one name, one value (and none named
    like :meth:`InputError.worded`'s own arguments: source, line, template)."""
    if where is None or where == "":
        template, values = problem.template, dict(problem.args)
    else:
        template, values = N_("%(place)s: %(problem)s"), {"place": where, "problem": problem}
    for name, value in (fix.args if fix is not None else {}).items():
        if values.setdefault(name, value) != value:
            raise ValueError(f"the fix gives {name!r} another value than the problem")
    fix_template = fix.template if fix is not None else ""
    return InputError.worded(template, fix_template, source=source, line=line, **values)


def as_json_data(value: Any) -> Any:
    """The data as JSON would have it: YAML dates become ISO text, which the
    schema checks as text (a date with a time then fails as it should). Lists and
    mappings without a date are returned as they are, not copied."""
    if type(value) in _JSON_SCALARS:
        return value
    if isinstance(value, dict):
        changed = {}
        for key, item in value.items():
            if type(item) not in _JSON_SCALARS and (new := as_json_data(item)) is not item:
                changed[key] = new
        return {**value, **changed} if changed else value
    if isinstance(value, list):
        items = [as_json_data(item) for item in value]
        return (
            items if any(new is not old for new, old in zip(items, value, strict=True)) else value
        )
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_JSON_SCALARS = frozenset((str, int, float, bool, type(None)))


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, when one is close enough to be a typo."""
    options = list(candidates)
    for option in options:
        if option.lower() == word.lower():  # 'EN' for 'en'
            return option
    import difflib  # lazy: only a problem needs a guess

    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def place(path: PathKey) -> str:
    """Where a node sits, for people: ``("ratings", 3, "score")`` → ``rating 4, score``
    (English; :func:`place_phrase` keeps it translatable)."""
    where = place_phrase(path)
    return "" if where is None else str(where)


def place_phrase(path: PathKey) -> TemplateValue | None:
    """:func:`place` as a template value: a :class:`Phrase` when an item label
    ("rating 4") is part of it, plain text when it is only field names (the file
    format's own keys, not translated), None for the file as a whole."""
    parts: list[TemplateValue] = []
    index = 0
    while index < len(path):
        part = path[index]
        following = path[index + 1] if index + 1 < len(path) else None
        if isinstance(part, str) and isinstance(following, int):
            parts.append(_item_label(part, following))
            index += 2
        else:
            parts.append(str(part))
            index += 1
    if not parts:
        return None
    if all(isinstance(part, str) for part in parts):
        return ", ".join(str(part) for part in parts)
    return _joined(parts, N_("%(place)s, %(part)s"), "place", "part")


def _joined(parts: list[TemplateValue], template: str, first: str, second: str) -> TemplateValue:
    """The parts joined by ``template`` from the left: ``a, b, c`` as ``(a, b), c``."""
    result = parts[0]
    for part in parts[1:]:
        result = Phrase(template, {first: result, second: part})
    return result


def _item_label(list_name: str, index: int) -> Phrase:
    # The number as text: "rating 1234" as a person counts it, without a separator.
    template = _ITEM_LABELS.get(list_name)
    if template:
        return Phrase(template, {"number": str(index + 1)})
    return Phrase(
        N_("item %(number)s of '%(list)s'"), {"number": str(index + 1), "list": list_name}
    )


def _error_line(error: ValidationError, lines: LineMap) -> int | None:
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        unknown = _unknown_fields(error)
        if unknown:
            return lines.line((*path, unknown[0]))
    return lines.line(path)


def _rule(error: ValidationError) -> Any:
    """The value of the failed keyword (``validator_value``), untyped as in jsonschema."""
    return error.validator_value


def _properties(error: ValidationError) -> Mapping[str, Any]:
    schema = error.schema
    if isinstance(schema, Mapping):
        properties: Mapping[str, Any] = schema.get("properties", {})
        return properties
    return {}


def _unknown_fields(error: ValidationError) -> list[str]:
    known = _properties(error)
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in instance if key not in known]


def _subject(path: PathKey) -> tuple[TemplateValue | None, TemplateValue]:
    """(place, subject) for a sentence about the node at ``path``: the place of
    its parent and its own name, so a message reads ``rating 4: 'score' must ...``.
    A field's name is the file's own key, quoted and not translated."""
    if not path:
        return None, Phrase(N_("the file"))
    if isinstance(path[-1], int) and len(path) >= 2:
        return place_phrase(path[:-2]), _item_label(str(path[-2]), path[-1])
    return place_phrase(path[:-1]), f"'{path[-1]}'"


def _sentence(error: ValidationError) -> _Words:
    """Where, what and the fix for one jsonschema error."""
    path = tuple(error.absolute_path)
    kind = str(error.validator)
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(error, path)
    where, subject = _subject(path)
    description = schema_description(error.schema)
    fix = (
        Phrase(N_("expected: %(description)s"), {"description": description})
        if description
        else None
    )
    problem = Phrase(N_("%(subject)s has a value that is not allowed here"), {"subject": subject})
    return _Words(where, problem, fix)


def schema_description(schema: Any) -> Phrase | None:
    """The schema's ``description`` as a fix uses it ("the highest score (the right
    pole); above min"): a phrase of its own, translated like a template."""
    if isinstance(schema, Mapping) and isinstance(schema.get("description"), str):
        text: str = schema["description"]
        # A template: a literal % is written %%.
        return Phrase((text[:1].lower() + text[1:].rstrip(".")).replace("%", "%%"))
    return None


def _required(error: ValidationError, path: PathKey) -> _Words:
    instance = error.instance if isinstance(error.instance, dict) else {}
    missing = next(name for name in _rule(error) if name not in instance)
    hint = schema_description(_properties(error).get(missing))
    fix = (
        Phrase(N_("add '%(field)s: …' (%(hint)s)"), {"field": missing, "hint": hint})
        if hint
        else Phrase(N_("add '%(field)s: …'"), {"field": missing})
    )
    problem = Phrase(N_("the required field '%(field)s' is missing"), {"field": missing})
    return _Words(place_phrase(path), problem, fix)


def _additional(error: ValidationError, path: PathKey) -> _Words:
    unknown = _unknown_fields(error)[0]
    split = _split_number(error.instance, unknown)
    if split is not None:
        return _Words(place_phrase(path), *split)
    known = list(_properties(error))
    guess = did_you_mean(unknown, known)
    fix = (
        Phrase(DID_YOU_MEAN, {"guess": guess})
        if guess
        else Phrase(N_("remove it; the fields here are: %(fields)s"), {"fields": ", ".join(known)})
    )
    return _Words(
        place_phrase(path), Phrase(N_("unknown field '%(field)s'"), {"field": unknown}), fix
    )


def _split_number(mapping: Any, unknown: str) -> tuple[Phrase, Phrase] | None:
    """``{score: 4,5}``: in a mapping written on one line a comma ends a field,
    so YAML reads 'score: 4' and a field '5' without a value. (problem, fix)
    when ``unknown`` is such a field, right after a whole number; else None."""
    digits = unknown.isascii() and unknown.isdigit()
    if not isinstance(mapping, dict) or not digits or mapping[unknown] is not None:
        return None
    keys = list(mapping)
    index = keys.index(unknown)
    field = keys[index - 1] if index else None
    whole = mapping[field] if field is not None else None
    if not isinstance(whole, int) or isinstance(whole, bool):
        return None
    problem = Phrase(
        N_(
            "the decimal comma in '%(field)s: %(typed)s' splits the number in two: "
            "%(whole)s and an unknown field '%(fraction)s'"
        ),
        {"field": field, "typed": f"{whole},{unknown}", "whole": str(whole), "fraction": unknown},
    )
    return problem, Phrase(DECIMAL_POINT_FIX, {"suggestion": f"{field}: {whole}.{unknown}"})


def _type(error: ValidationError, path: PathKey) -> _Words:
    expected = _rule(error)
    names = [expected] if isinstance(expected, str) else list(expected)
    kinds: list[TemplateValue] = [
        Phrase(_EXPECTED[name]) if name in _EXPECTED else name for name in names if name != "null"
    ]
    wanted = _joined(kinds, N_("%(first)s or %(second)s"), "first", "second") if kinds else ""
    if "null" in names:
        wanted = Phrase(N_("%(wanted)s (or empty)"), {"wanted": wanted})
    where, subject = _subject(path)
    problem = _must_be(subject, wanted, error.instance)
    text = error.instance.strip() if isinstance(error.instance, str) else ""
    if names[0] == "number" and DECIMAL_COMMA.fullmatch(text):
        return _Words(
            where, problem, Phrase(DECIMAL_POINT_FIX, {"suggestion": text.replace(",", ".")})
        )
    fix = _TYPE_FIXES.get(names[0])
    return _Words(where, problem, Phrase(fix) if fix else None)


def _must_be(subject: TemplateValue, wanted: TemplateValue, instance: Any) -> Phrase:
    return Phrase(
        N_("%(subject)s must be %(wanted)s, not %(value)s"),
        {"subject": subject, "wanted": wanted, "value": value_phrase(instance)},
    )


def _enum(error: ValidationError, path: PathKey) -> _Words:
    allowed = ", ".join(str(value) for value in _rule(error))
    where, subject = _subject(path)
    problem = Phrase(
        N_("%(subject)s is %(value)s, which is not one of: %(allowed)s"),
        {"subject": subject, "value": value_phrase(error.instance), "allowed": allowed},
    )
    options = [str(value) for value in _rule(error)]
    guess = did_you_mean(error.instance, options) if isinstance(error.instance, str) else None
    fix = (
        Phrase(DID_YOU_MEAN, {"guess": guess})
        if guess
        else Phrase(USE_ONE_OF, {"allowed": allowed})
    )
    return _Words(where, problem, fix)


def _const(error: ValidationError, path: PathKey) -> _Words:
    where, subject = _subject(path)
    wanted = repr(_rule(error))
    fix = Phrase(N_("write %(wanted)s"), {"wanted": wanted})
    return _Words(where, _must_be(subject, wanted, error.instance), fix)


def _count(error: ValidationError, path: PathKey) -> _Words:
    # Counts as text, as they always were: a list of 1234 items shows "1234".
    count = str(len(error.instance) if isinstance(error.instance, list) else 0)
    where, subject = _subject(path)
    if path == ("parties",):
        return _Words(
            None,
            Phrase(
                N_("a case needs at least two parties; this file has %(count)s"), {"count": count}
            ),
            Phrase(N_("add the other side under 'parties'")),
        )
    if len(path) >= 1 and path[-1] == "parties":
        return _Words(
            where,
            Phrase(N_("'parties' must name exactly two parties, not %(count)s"), {"count": count}),
            Phrase(N_("write the ids of two parties, for example parties: [acme, globex]")),
        )
    values = {"subject": subject, "limit": str(_rule(error)), "count": count}
    return _Words(where, Phrase(_COUNTS[str(error.validator)], values), None)


def _min_length(error: ValidationError, path: PathKey) -> _Words:
    where, subject = _subject(path)
    hint = schema_description(error.schema)
    fix = Phrase(N_("write %(wanted)s"), {"wanted": hint}) if hint else Phrase(N_("fill it in"))
    return _Words(where, Phrase(N_("%(subject)s is empty"), {"subject": subject}), fix)


def _pattern(error: ValidationError, path: PathKey) -> _Words:
    where, subject = _subject(path)
    values = {"subject": subject, "value": value_phrase(error.instance)}
    if "[0-9]{4}" in str(_rule(error)):
        return _Words(
            where,
            Phrase(N_("%(subject)s must be a date as YYYY-MM-DD, not %(value)s"), values),
            Phrase(N_("write a date such as 2026-12-01")),
        )
    problem = Phrase(N_("%(subject)s has the wrong form: %(value)s"), values)
    return _Words(where, problem, schema_description(error.schema))


def _bound(error: ValidationError, path: PathKey) -> _Words:
    where, subject = _subject(path)
    values = {
        "subject": subject,
        "limit": number_text(_rule(error)),
        "value": value_phrase(error.instance),
    }
    return _Words(where, Phrase(_BOUNDS[str(error.validator)], values), None)


_HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "minItems": _count,
    "maxItems": _count,
    "minLength": _min_length,
    "pattern": _pattern,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
}


def number_text(value: Any) -> str:
    """A number as people write it in a file: 7, not 7.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe_value(value: Any) -> str:
    """A short description of a value for a message, never a Python repr of a container
    (English; :func:`value_phrase` keeps it translatable)."""
    return str(value_phrase(value))


def value_phrase(value: Any) -> TemplateValue:
    """:func:`describe_value` as a template value. A number and a text are shown as
    the file has them (``the number 2027``, never ``2,027``); true and false are the
    file's own words."""
    if value is None:
        return Phrase(N_("empty"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return Phrase(N_("the number %(number)s"), {"number": number_text(value)})
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Phrase(N_("the text '%(text)s'"), {"text": shown})
    if isinstance(value, list):
        return Phrase(N_("a list"))
    if isinstance(value, dict):
        return Phrase(N_("a mapping"))
    return Phrase(N_("a value of another kind"))


def inline_refs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema with every ``{"$ref": "#/$defs/NAME"}`` replaced by that
    definition, written out. For schemas without recursion (ours), whose references
    carry nothing besides ``$ref`` and annotations; the messages stay the same, as
    they are worded from the failing keyword and the place in the data."""
    definitions = schema.get("$defs", {})

    def resolved(node: Any) -> Any:
        if isinstance(node, list):
            return [resolved(item) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            target = resolved(definitions[reference.removeprefix("#/$defs/")])
            rest = {key: resolved(value) for key, value in node.items() if key != "$ref"}
            return {**target, **rest}
        return {key: resolved(value) for key, value in node.items()}

    result: dict[str, Any] = resolved(dict(schema))
    return result
