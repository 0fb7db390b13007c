"""The YAML half of the safe reader: libyaml's parser, our composer.

The events come from libyaml (PyYAML's C parser, several times faster than its
pure-Python one), which first counts them against :data:`MAX_NODES`; the composer
that builds the node tree from them is PyYAML's Python one with our checks, so it
refuses anchors, aliases and deep nesting as it goes; :func:`to_data` then turns
the nodes into plain data, refusing every tag that is not a plain YAML type and
every duplicate key, and noting the line of each node. No PyYAML constructor ever
sees a tag of the user's choosing. See :mod:`kloof.formats.yamlsafe` for the
reasons behind each refusal.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
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

PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
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

#: The parser :func:`compose` and :func:`event_lines` use by default.
_Events: type = _LIBYAML or _PythonEvents


@cache
def _composer_class(events: type) -> type:
    """The composer over ``events`` (libyaml's parser, or PyYAML's Python one)."""

    class _Composer(events, Composer, _PlainResolver):  # type: ignore[misc]
        """Builds the node tree only, refusing anchors, aliases and deep nesting on
        the way, before any value is constructed. Values come from :func:`to_data`."""

        # libyaml's parser has a composer of its own that would skip our checks.
        get_single_node = Composer.get_single_node
        check_node = Composer.check_node
        get_node = Composer.get_node

        def __init__(self, text: str) -> None:
            events.__init__(self, text)  # type: ignore[misc]
            Composer.__init__(self)
            _PlainResolver.__init__(self)
            self._depth = 0

        def compose_node(self, parent: Node | None, index: Any) -> Node | None:
            event = self.peek_event()
            assert event is not None  # the parser only asks for a node where one starts
            _refuse_anchor(event)
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise InputError.worded(
                        N_("the data is nested more than %(limit)s levels deep"),
                        N_("check the indentation and the brackets"),
                        line=line_of(event.start_mark),
                        limit=MAX_DEPTH,
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return _Composer


def _refuse_anchor(event: Any) -> None:
    if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
        raise InputError.worded(
            N_("YAML anchors and aliases ('&name', '*name') are not supported"),
            N_("write the repeated part out in full"),
            line=line_of(event.start_mark),
        )


def too_many_values() -> InputError:
    return InputError.worded(
        N_("the file holds more than %(limit)s values, more than a case file may have"),
        N_("check that this is the right file; a large case file has a few thousand ratings"),
        limit=MAX_NODES,
    )


def line_of(mark: Any) -> int | None:
    return None if mark is None else int(mark.line) + 1


def compose(text: str, events: type = _Events) -> Node | None:
    """The node tree of ``text`` (None when it is empty), or an :class:`InputError`.
    ``events`` is the parser: libyaml's where PyYAML has it."""
    loader: Any = None
    try:
        if events(text).raw_parse() > MAX_NODES:  # libyaml counts in C, building nothing
            raise too_many_values()
        loader = _composer_class(events)(text)
        return loader.get_single_node()  # type: ignore[no-any-return]
    except yaml.reader.ReaderError as error:
        # libyaml reads the text as UTF-8 and reports a byte offset; PyYAML, a character.
        before = (
            text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n")
            if events is _LIBYAML
            else text[: error.position].count("\n")
        )
        line = before + 1
        raise InputError.worded(
            N_("the file contains a control character YAML does not allow (%(code)s)"),
            N_("remove the character, or write it as an escape inside double quotes"),
            line=line,
            code=f"U+{error.character:04X}",
        ) from None
    except yaml.composer.ComposerError as error:
        if "single document" in str(error.context):
            raise InputError.worded(
                N_("the file holds more than one YAML document"),
                N_("keep one document per file: remove the second '---' and what follows"),
                line=line_of(error.problem_mark),
            ) from None
        raise _syntax_error(error) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None
    finally:
        if loader is not None:
            loader.dispose()


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


def _build(node: Node, path: PathKey, lines: dict[PathKey, int], helper: SafeConstructor) -> Any:
    """Plain data from the node tree, recording lines and refusing what is unsafe."""
    line = line_of(node.start_mark)
    if path not in lines and line is not None:
        lines[path] = line
    if node.tag not in _PLAIN_TAGS:
        raise _tag_error(node.tag, line)
    if isinstance(node, MappingNode):
        return _build_mapping(node, path, lines, helper)
    if isinstance(node, SequenceNode):
        return [
            _build(item, (*path, index), lines, helper) for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    return _build_scalar(node, helper)


def _build_mapping(
    node: MappingNode, path: PathKey, lines: dict[PathKey, int], helper: SafeConstructor
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = line_of(key_node.start_mark)
        if key_node.tag == _TAG + "merge":
            raise InputError.worded(
                N_("YAML merge keys ('<<') are not supported"),
                N_("write the fields out in full"),
                line=line,
            )
        if key_node.tag not in _PLAIN_TAGS:
            raise _tag_error(key_node.tag, line)
        if not isinstance(key_node, ScalarNode):
            raise InputError.worded(
                N_("a key must be a plain word, not a list or a mapping"),
                N_("write 'name: value'"),
                line=line,
            )
        key = str(key_node.value)
        if key in result:
            raise _duplicate_key(key, lines.get((*path, key)), line)
        if line is not None:
            lines[(*path, key)] = line
        result[key] = _build(value_node, (*path, key), lines, helper)
    return result


def _build_scalar(node: ScalarNode, helper: SafeConstructor) -> Any:
    try:
        value = helper.construct_object(node, deep=True)
    except ValueError:  # only timestamps can fail here: 2026-02-30, year 0, ...
        raise InputError.worded(
            N_("'%(value)s' is not a valid date"),
            N_("write an existing date as YYYY-MM-DD, for example 2026-12-01"),
            line=line_of(node.start_mark),
            value=str(node.value),
        ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError.worded(
            N_("'%(value)s' is not a usable number"),
            N_("write a finite number such as 4 or 4.5"),
            line=line_of(node.start_mark),
            value=str(node.value),
        )
    return value


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


def to_data(root: Node, lines: dict[PathKey, int]) -> Any:
    """Plain data from a composed tree; fills ``lines`` with the line of each path."""
    return _build(root, (), lines, SafeConstructor())


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
