"""The YAML half of the safe reader: libyaml's parser, our builder.

The events come from libyaml (PyYAML's C parser, several times faster than its
pure-Python one); :func:`read_yaml` builds plain data from them in one pass,
without PyYAML's node tree or constructors for the common values: it refuses
anchors, aliases, deep nesting, every tag that is not a plain YAML type and
every duplicate key as it meets them, and notes the line of each value. libyaml
first counts the events against :data:`MAX_NODES` in C, building nothing. No PyYAML constructor ever
sees a tag of the user's choosing. See :mod:`kloof.formats.yamlsafe` for the
reasons behind each refusal.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from kloof.formats.errors import N_, InputError, Phrase

#: Deepest nesting we accept; the case format needs five levels.
MAX_DEPTH = 64

#: Most parts (keys, values, the start and the end of each list and mapping) in
#: one document. A case at the ratings limit (:data:`kloof.formats.casecheck.
#: MAX_RATINGS`, 20,000 ratings of up to 8 fields: 18 parts each) has about
#: 360,000. libyaml counts them in C before anything is built (about 7 ms per
#: 100,000), so a hostile file is stopped before it costs seconds and memory.
MAX_NODES = 400_000

#: Scalars longer than this are not remembered for reuse (see :class:`_Scalars`).
_SHARED_SCALAR_LENGTH = 64

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_INT = _TAG + "int"
_MERGE = _TAG + "merge"
_PLAIN_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _PlainResolver(Resolver):
    """PyYAML's resolver with YAML 1.2 booleans (see :mod:`kloof.formats.yamlsafe`) and
    without the ``=`` value tag, so ``yes``, ``no``, ``on``, ``off`` and ``=`` are text."""


_PlainResolver.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag not in (_TAG + "bool", _TAG + "value")
    ]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_PlainResolver.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _PythonEvents(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, for a PyYAML built without libyaml (every
    PyYAML wheel has it): slower, the same events, and libyaml's ``raw_parse``."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)

    def raw_parse(self) -> int:
        """The number of events, counting no further than one past the budget."""
        count = 0
        while count <= MAX_NODES and self.get_event() is not None:  # type: ignore[no-untyped-call]
            count += 1
        return count


_LIBYAML: type | None
try:
    from yaml._yaml import CParser

    _LIBYAML = CParser
except ImportError:  # PyYAML built without libyaml
    _LIBYAML = None

#: The parser :func:`read_yaml` and :func:`event_lines` use by default.
_Events: type = _LIBYAML or _PythonEvents


def too_many_values() -> InputError:
    return InputError.worded(
        N_("the file holds more than %(limit)s values, more than a case file may have"),
        N_("check that this is the right file; a large case file has a few thousand ratings"),
        limit=MAX_NODES,
    )


def line_of(mark: Any) -> int | None:
    return None if mark is None else int(mark.line) + 1


def read_yaml(text: str, events: type = _Events) -> tuple[Any, dict[PathKey, int]]:
    """The plain data of ``text`` (None when it is empty) and the line of each
    value by path, or an :class:`InputError`. ``events`` is the parser:
    libyaml's where PyYAML has it."""
    try:
        if events(text).raw_parse() > MAX_NODES:  # libyaml counts in C, building nothing
            raise too_many_values()
        return _Builder(events(text)).run()
    except yaml.reader.ReaderError as error:
        # libyaml reads the text as UTF-8 and reports a byte offset; PyYAML, a character.
        before = (
            text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n")
            if events is _LIBYAML
            else text[: error.position].count("\n")
        )
        raise InputError.worded(
            N_("the file contains a control character YAML does not allow (%(code)s)"),
            N_("remove the character, or write it as an escape inside double quotes"),
            line=before + 1,
            code=f"U+{error.character:04X}",
        ) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None


class _Builder:
    """One pass over the parser's events: plain data and lines, refusing what is
    unsafe as soon as it appears. An open list or mapping is a list
    ``[container, path, key]``, where ``key`` is the key whose value comes next
    (None: a key comes next); kept plain because this loop runs for every value."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.lines: dict[PathKey, int] = {}
        self.scalars = _Scalars()

    def run(self) -> tuple[Any, dict[PathKey, int]]:  # one loop, kept flat: it runs per value
        get_event = self.parser.get_event
        lines = self.lines
        value_of = self.scalars.value
        plain = self.scalars.plain
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    _refuse_anchor(event)
                line = event.start_mark.line + 1
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(line)
                path: PathKey = ()
                if stack:
                    top = stack[-1]
                    if type(top[0]) is list:
                        path = (*top[1], len(top[0]))
                    elif top[2] is None:
                        top[2] = self._key(top, event, line)
                        continue
                    else:
                        path = (*top[1], top[2])
                lines.setdefault(path, line)
                if kind is not ScalarEvent:
                    _check_tag(_resolved_tag(event), line)
                    stack.append([{} if kind is MappingStartEvent else [], path, None])
                    continue
                value = plain.get(event.value, _UNSEEN) if event.implicit[0] else _UNSEEN
                if value is _UNSEEN or event.tag is not None:
                    value = value_of(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
            elif kind is AliasEvent:
                _refuse_anchor(event)
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise InputError.worded(
                        N_("the file holds more than one YAML document"),
                        N_("keep one document per file: remove the second '---' and what follows"),
                        line=line_of(event.start_mark),
                    )
                continue
            else:
                continue
            if not stack:
                root = value
            elif type(stack[-1][0]) is list:
                stack[-1][0].append(value)
            else:
                top = stack[-1]
                top[0][top[2]] = value
                top[2] = None
        return root, lines

    def _key(self, top: list[Any], event: NodeEvent, line: int) -> str:
        """The key ``event`` holds, checked, its line noted."""
        plain_key = type(event) is ScalarEvent and event.tag is None  # type: ignore[attr-defined]
        if plain_key and event.value == "<<" and event.implicit[0]:  # type: ignore[attr-defined]
            raise InputError.worded(
                N_("YAML merge keys ('<<') are not supported"),
                N_("write the fields out in full"),
                line=line,
            )
        if not plain_key:
            tag = _resolved_tag(event)
            if tag == _MERGE:
                raise InputError.worded(
                    N_("YAML merge keys ('<<') are not supported"),
                    N_("write the fields out in full"),
                    line=line,
                )
            _check_tag(tag, line)
        if not isinstance(event, ScalarEvent):
            raise InputError.worded(
                N_("a key must be a plain word, not a list or a mapping"),
                N_("write 'name: value'"),
                line=line,
            )
        key = self.scalars.text(event.value)
        path = (*top[1], key)
        if key in top[0]:
            raise _duplicate_key(key, self.lines.get(path), line)
        self.lines[path] = line
        return key


def _too_deep(line: int) -> InputError:
    return InputError.worded(
        N_("the data is nested more than %(limit)s levels deep"),
        N_("check the indentation and the brackets"),
        line=line,
        limit=MAX_DEPTH,
    )


def _check_tag(tag: str, line: int | None) -> None:
    if tag not in _PLAIN_TAGS:
        raise _tag_error(tag, line)


def _resolved_tag(event: NodeEvent) -> str:
    """The tag of the node ``event`` starts, as PyYAML's composer resolves it."""
    tag: str | None = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        return tag
    if isinstance(event, ScalarEvent):
        return _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-any-return]
    return _TAG + ("map" if isinstance(event, MappingStartEvent) else "seq")


_RESOLVER = _PlainResolver()
_UNSEEN = object()


class _Scalars:
    """Values of scalars. Equal short values are one object: an id that a file
    repeats on every rating is then one string (as if interned), which the
    analysis compares by identity, and resolving a plain scalar's type is done
    once per distinct text."""

    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.plain: dict[str, Any] = {}
        self.texts: dict[str, str] = {}

    def text(self, value: str) -> str:
        if len(value) > _SHARED_SCALAR_LENGTH:
            return value
        return self.texts.setdefault(value, value)

    def value(self, event: ScalarEvent) -> Any:
        plain = event.tag is None and event.implicit[0]
        if plain and event.value in self.plain:
            return self.plain[event.value]
        tag = _resolved_tag(event)
        _check_tag(tag, line_of(event.start_mark))
        if tag == _STR:
            value: Any = self.text(event.value)
        else:
            value = _construct(event, tag, self.constructor)
        if plain and len(event.value) <= _SHARED_SCALAR_LENGTH:
            self.plain[event.value] = value
        return value


def _construct(event: ScalarEvent, tag: str, constructor: SafeConstructor) -> Any:
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = constructor.construct_object(node, deep=True)
    except ValueError:
        if tag == _INT:  # more digits than Python turns into a number
            raise huge_number(event.value, line_of(event.start_mark)) from None
        # Otherwise a timestamp: 2026-02-30, year 0, ...
        raise InputError.worded(
            N_("'%(value)s' is not a valid date"),
            N_("write an existing date as YYYY-MM-DD, for example 2026-12-01"),
            line=line_of(event.start_mark),
            value=str(event.value),
        ) from None
    finally:
        constructor.constructed_objects.clear()  # one node each: keep no memory of them
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError.worded(
            N_("'%(value)s' is not a usable number"),
            N_("write a finite number such as 4 or 4.5"),
            line=line_of(event.start_mark),
            value=str(event.value),
        )
    return value


def huge_number(text: str, line: int | None = None) -> InputError:
    """A whole number too long to read: Python turns at most 4,300 digits into a
    number (:func:`sys.get_int_max_str_digits`), and a message quoting it would
    fill the screen."""
    return InputError.worded(
        N_("a number of %(digits)s digits is too long to read (at most %(limit)s)"),
        N_("write a number such as a score on the case's scale; if it is text, put it in quotes"),
        line=line,
        digits=sum(character.isdigit() for character in text),
        limit=sys.get_int_max_str_digits(),
    )


def first_plain_scalar(
    text: str, wanted: Callable[[str], bool], events: type = _Events
) -> tuple[str, int | None] | None:
    """The first plain scalar of ``text`` that is ``wanted``, and its line; None
    when there is none or libyaml cannot read ``text``. For JSON that ``json``
    refused for a number: JSON's numbers are plain scalars to libyaml."""
    try:
        parser = events(text)
        while (event := parser.get_event()) is not None:
            if type(event) is ScalarEvent and not event.style and wanted(event.value):
                return event.value, line_of(event.start_mark)
    except yaml.YAMLError:
        pass
    return None


def huge_number_in(text: str) -> InputError:
    """:func:`huge_number` for the first whole number in ``text`` with more digits
    than Python reads, on its line."""
    limit = sys.get_int_max_str_digits()
    found = first_plain_scalar(text, lambda value: sum(map(str.isdigit, value)) > limit)
    if found is None:  # not where libyaml looked: name the longest run of digits
        longest = max(re.findall(r"[0-9]+", text), key=len, default="")
        return huge_number(longest, text[: text.find(longest)].count("\n") + 1)
    return huge_number(*found)


def _refuse_anchor(event: Any) -> None:
    if type(event) is AliasEvent or event.anchor is not None:
        raise InputError.worded(
            N_("YAML anchors and aliases ('&name', '*name') are not supported"),
            N_("write the repeated part out in full"),
            line=line_of(event.start_mark),
        )


def _syntax_error(error: yaml.MarkedYAMLError) -> InputError:
    # PyYAML's own words (the problem and its context) stay English: they are
    # details quoted from the parser inside a sentence that is translated.
    problem: str | Phrase = error.problem or Phrase(N_("unreadable YAML"))
    fix = N_("check the indentation, colons and quotes on this line and the one before")
    line = line_of(error.problem_mark or error.context_mark)
    if error.context:
        return InputError.worded(
            N_("YAML syntax error: %(problem)s (%(context)s)"),
            fix,
            line=line,
            problem=problem,
            context=error.context,
        )
    return InputError.worded(N_("YAML syntax error: %(problem)s"), fix, line=line, problem=problem)


def _tag_error(tag: str | None, line: int | None) -> InputError:
    shown = str(tag).replace(_TAG, "!!")
    return InputError.worded(
        N_("the YAML tag '%(tag)s' is not allowed: kloof reads plain data only"),
        N_("remove the tag and write the value as plain text, a number, a list or a mapping"),
        line=line,
        tag=shown,
    )


def _duplicate_key(key: str, first: int | None, line: int | None) -> InputError:
    fix = N_("keep one of them: a key may appear only once in the same mapping")
    if first:  # line numbers as text: "line 1234", as an editor shows it
        return InputError.worded(
            N_("duplicate key '%(key)s' (first on line %(first)s)"),
            fix,
            line=line,
            key=key,
            first=str(first),
        )
    return InputError.worded(N_("duplicate key '%(key)s'"), fix, line=line, key=key)


def event_lines(text: str, events: type = _Events) -> dict[PathKey, int]:
    """The line of each node, from libyaml's events alone: no node is built, no
    value constructed. For JSON that ``json`` has already read (so it has no
    anchors, tags or duplicate keys, and its depth is checked): its lines cost a
    quarter of a second for 400,000 values instead of seconds through
    :func:`compose`. Paths and lines as :func:`to_data` records them."""
    lines: dict[PathKey, int] = {}
    frames: list[_Frame] = []
    parser = events(text)
    while (event := parser.get_event()) is not None:
        if isinstance(event, CollectionEndEvent):
            frames.pop()
        elif isinstance(event, ScalarEvent | CollectionStartEvent):
            line = line_of(event.start_mark)
            path = frames[-1].place(event) if frames else ()
            if path is None:  # a mapping key: its line is the entry's
                path = frames[-1].key_path()
            if line is not None:
                lines.setdefault(path, line)
            if isinstance(event, CollectionStartEvent):
                frames.append(_Frame(path, isinstance(event, MappingStartEvent)))
    return lines


class _Frame:
    """An open list or mapping while :func:`event_lines` walks the events."""

    def __init__(self, path: PathKey, is_mapping: bool) -> None:
        self.path = path
        self.is_mapping = is_mapping
        self.index = 0
        self.key: str | None = None

    def place(self, event: NodeEvent) -> PathKey | None:
        """The path of the node ``event`` starts; None when it is a mapping key."""
        if not self.is_mapping:
            self.index += 1
            return (*self.path, self.index - 1)
        if self.key is None:
            self.key = str(getattr(event, "value", ""))
            return None
        key, self.key = self.key, None
        return (*self.path, key)

    def key_path(self) -> PathKey:
        return (*self.path, str(self.key))
