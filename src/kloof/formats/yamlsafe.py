"""Safe reading of YAML and JSON documents, with line numbers for error messages.

Case files and frameworks come from users (and from the web upload), so this module
is the one gate every document passes. It refuses, each as an :class:`InputError`
naming the file, the line where known, the problem and the fix:

- files over :data:`MAX_BYTES` (checked before reading),
- bytes that are not UTF-8 (a byte order mark is fine),
- syntax errors, several documents in one file, an empty file,
- duplicate keys in a mapping (PyYAML and ``json`` would keep the last one silently),
- any tag that is not one of the plain YAML types (``!!python/object``, ``!!binary``,
  ``!custom``, ...): nothing here ever builds an object from a tag,
- anchors and aliases (``&a`` / ``*a``) altogether. A case file has no need for
  them, refusing them outright makes "billion laughs" (aliases nested so that the
  expanded data is exponentially large) impossible without tuning a budget, and it
  keeps every value at one place in the file, so line numbers stay truthful,
- nesting deeper than :data:`MAX_DEPTH`, non-finite numbers (``.nan``, ``.inf``,
  ``NaN``, ``Infinity``), and a top level that is not a mapping.

YAML 1.1 quirk: PyYAML reads ``yes/no/on/off/y/n`` as booleans, which would turn a
party id ``no`` or a country code ``NO`` into ``False``. We resolve booleans the
YAML 1.2 way instead: only ``true`` and ``false`` (any common capitalisation) are
booleans, every other word stays text. Mapping keys are always text: the key's
own characters, so ``2027:`` is the key ``"2027"``. Values that are not text
(``id: 2027``) stay numbers; the case schema then asks for quotes, which beats
guessing what ``007`` or ``1:30`` was meant to be.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from kloof.formats.errors import N_, InputError, Phrase
from kloof.formats.yamlnodes import (
    MAX_DEPTH,
    MAX_NODES,
    PathKey,
    event_lines,
    first_plain_scalar,
    huge_number_in,
    read_yaml,
    too_many_values,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "LineMap",
    "PathKey",
    "parse_document",
    "read_document",
]

#: Largest document we read. A real case file is a few kilobytes.
MAX_BYTES = 10 * 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class LineMap:
    """1-based line numbers of the nodes of a document, by path.

    A mapping entry is found on the line of its key, a list item on the line where
    it starts. Paths look like ``("ratings", 3, "score")``. The numbers may be
    worked out only when first asked for (``later``): a JSON file needs a second
    reading for them, and only a message about a problem asks.
    """

    def __init__(
        self,
        lines: Mapping[PathKey, int] | None = None,
        *,
        later: Callable[[], Mapping[PathKey, int]] | None = None,
    ) -> None:
        self._lines = lines
        self._later = later

    @property
    def lines(self) -> Mapping[PathKey, int]:
        if self._lines is None:
            self._lines = self._later() if self._later is not None else {}
        return self._lines

    def line(self, path: PathKey) -> int | None:
        """The line of the node at ``path``, else of its nearest known ancestor."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            found = lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class Document:
    """A parsed document: plain data (dicts, lists, str, int, float, bool, None,
    date) and where each part of it sits in the file."""

    data: Any
    lines: LineMap


def read_document(path: Path) -> Document:
    """Read and parse the YAML or JSON file at ``path`` (JSON when it ends in .json)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(size, source)
        # Read one byte more than allowed: a special file may lie about its size.
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError.worded(
            N_("file not found"), N_("check the path and the file name"), source=source
        ) from None
    except IsADirectoryError:
        raise InputError.worded(
            N_("this is a directory, not a file"), N_("name a file"), source=source
        ) from None
    except OSError as error:
        # The system's own reason (strerror) is quoted as it is: it has no template.
        raise InputError.worded(
            N_("cannot read the file (%(error)s)"),
            N_("check that the file exists and that you may read it"),
            source=source,
            error=str(error.strerror or error),
        ) from None
    return parse_document(data, source)


def parse_document(data: bytes, source: str, kind: str | None = None) -> Document:
    """Parse ``data`` as ``kind`` ("yaml" or "json"; None: JSON when ``source``
    ends in ``.json``, YAML otherwise). ``source`` names the input in messages."""
    if kind is None:
        kind = "json" if source.lower().endswith(".json") else "yaml"
    if kind not in ("yaml", "json"):
        raise ValueError(f"unknown document kind {kind!r}")
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), source)
    text = _decode(data, source)
    document = _parse_json(text, source) if kind == "json" else _parse_yaml(text, source)
    _require_mapping(document, source, kind)
    return document


def _too_large(size: int, source: str) -> InputError:
    return InputError.worded(
        N_("the file is %(size)s MB, more than the %(limit)s MB a case or framework file may have"),
        N_("check that this is the right file; a case file is usually a few kilobytes"),
        source=source,
        size=Decimal(f"{size / 1024 / 1024:.1f}"),
        limit=MAX_BYTES // 1024 // 1024,
    )


def _decode(data: bytes, source: str) -> str:
    if data.startswith(_UTF16_BOMS):
        raise InputError.worded(
            N_("the file is saved as UTF-16, not UTF-8"),
            N_("save it again as UTF-8 (in most editors: 'Save as' → encoding UTF-8)"),
            source=source,
            line=1,
        )
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line = data[:offset].count(b"\n") + 1
        raise InputError.worded(
            N_("the file is not valid UTF-8 (byte %(byte)s at byte offset %(offset)s)"),
            N_("save the file as UTF-8"),
            source=source,
            line=line,
            byte=f"0x{data[offset]:02x}",
            offset=str(offset),  # a position, as a hex editor shows it: no thousands commas
        ) from None


def _require_mapping(document: Document, source: str, kind: str) -> None:
    if isinstance(document.data, dict):
        return
    fix = (
        N_('write the file as {"kloof": 1, ...}')
        if kind == "json"
        else N_("write the file as 'key: value' lines such as 'kloof: 1'")
    )
    raise InputError.worded(
        N_("the top level of the file is %(found)s, expected a mapping of field names to values"),
        fix,
        source=source,
        line=document.lines.line(()),
        found=_describe_type(document.data),
    )


def _describe_type(value: object) -> Phrase:
    if value is None:
        return Phrase(N_("empty"))
    if isinstance(value, list):
        return Phrase(N_("a list"))
    if isinstance(value, str):
        return Phrase(N_("a single text"))
    return Phrase(N_("a single value (%(value)s)"), {"value": repr(value)})


def _parse_yaml(text: str, source: str) -> Document:
    try:
        data, lines = read_yaml(text)
    except InputError as error:
        raise error.located(source) from None
    return Document(data=data, lines=LineMap(lines))


# --- JSON ---------------------------------------------------------------------------


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _unusable_number(name)


def _finite_float(text: str) -> float:
    """A JSON number with a fraction or an exponent; ``1e400`` would be infinity."""
    value = float(text)
    if not math.isfinite(value):
        raise _unusable_number(text)
    return value


def _unusable_number(text: str) -> InputError:
    return InputError.worded(
        N_("'%(value)s' is not a usable number"),
        N_("write a finite number such as 4 or 4.5"),
        value=text,
    )


def _parse_json(text: str, source: str) -> Document:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_unique_pairs,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as error:
        # json's own words (error.msg) stay English: a detail quoted from the parser.
        raise InputError.worded(
            N_("JSON syntax error: %(detail)s (column %(column)s)"),
            N_("check the commas, brackets and quotes near this spot"),
            source=source,
            line=error.lineno,
            detail=error.msg,
            column=str(error.colno),
        ) from None
    except _DuplicateKeyError as error:
        raise InputError.worded(
            N_("duplicate key '%(key)s'"),
            N_("keep one of them: a key may appear only once in the same object"),
            source=source,
            line=_duplicate_line(text),
            key=error.key,
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    except InputError as error:  # a number that is not finite: find its line
        literal = error.template_args.get("value")
        found = first_plain_scalar(text, lambda value: value == literal)
        raise error.located(source, found[1] if found else None) from None
    except ValueError:  # not a syntax error: a whole number of more than 4,300 digits
        raise huge_number_in(text).located(source) from None
    _check_shape(data, source)
    return Document(data=data, lines=LineMap(later=lambda: _json_lines(text)))


def _json_lines(text: str) -> dict[PathKey, int]:
    """Lines for JSON through libyaml's events (JSON is nearly YAML); none when
    that fails, which costs the messages their line number, nothing else."""
    try:
        return event_lines(text)
    except yaml.YAMLError:
        return {}


def _duplicate_line(text: str) -> int | None:
    """The line of a duplicate JSON key, found by the YAML reading, when it can."""
    try:
        read_yaml(text)
    except InputError as error:
        if error.problem.startswith("duplicate key"):
            return error.line
    except (yaml.YAMLError, RecursionError):
        pass
    return None


def _check_shape(data: Any, source: str) -> None:
    """The limits the YAML composer applies as it goes: depth and number of values
    (keys and values, as YAML counts them), so JSON meets the same budget."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    count = 0
    while pending:
        value, depth = pending.pop()
        count += 1
        if count > MAX_NODES:
            raise too_many_values().located(source)
        if depth > MAX_DEPTH:
            raise _too_deep(source)
        if isinstance(value, dict):
            count += len(value)  # the keys
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def _too_deep(source: str) -> InputError:
    return InputError.worded(
        N_("the data is nested more than %(limit)s levels deep"),
        N_("check the brackets"),
        source=source,
        limit=MAX_DEPTH,
    )
