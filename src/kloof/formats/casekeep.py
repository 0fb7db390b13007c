"""A case file with an import's raters and ratings added, its comments kept.

``kloof import`` used to write the case anew, without the comments people put in
their case files. Here the file is read with ruamel.yaml, which keeps comments,
key order and flow style; the new raters and ratings are added (a replaced
rating is changed where it stands), and the text is written back. The result is
then read again with kloof's own reader and must hold exactly the case the
import computed: when it does not (or the file is JSON, which has no comments),
the caller writes the case anew and says that the comments were not kept.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from kloof.domain.model import Case, Rating
from kloof.formats.casewrite import rating_to_data

__all__ = ["with_imported"]

_SEQUENCE_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


def with_imported(text: str, source: Path, result: Case, added: tuple[Rating, ...]) -> str | None:
    """``text`` (the case file ``source`` as read) with the raters of ``result``
    that it lacks and the ``added`` ratings, its comments kept; None when that
    cannot be done faithfully."""
    if source.suffix.lower() == ".json":
        return None
    try:
        return _with_imported(text, source, result, added)
    except Exception:  # a third-party round trip on odd YAML: fall back, never fail
        return None


def _with_imported(text: str, source: Path, result: Case, added: tuple[Rating, ...]) -> str | None:
    from ruamel.yaml import YAML  # lazy: only kloof import needs it
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # no new line breaks: an item stays on its line
    offset = _sequence_offset(text)
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        return None
    raters = _sequence(data, "raters", CommentedSeq, before="ratings")
    known = {item.get("id") for item in raters if isinstance(item, dict)}
    for rater in result.raters:
        if rater.id not in known:
            raters.append(_like(raters, {"id": rater.id, "name": rater.name, "party": rater.party}))
    ratings = _sequence(data, "ratings", CommentedSeq, before="differences")
    standing = {
        (item.get("rater"), item.get("subject"), item.get("factor")): item
        for item in ratings
        if isinstance(item, dict)
    }
    for rating in added:
        fields = rating_to_data(rating)
        item = standing.get((rating.rater, rating.subject, rating.factor))
        if item is None:
            ratings.append(_like(ratings, fields))
            continue
        for key in ("score", "confidence", "source", "note"):
            if key in fields:
                item[key] = fields[key]
            elif key in item:
                del item[key]
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    written = buffer.getvalue()
    return written if _same_case(written, source, result) else None


def _sequence_offset(text: str) -> int:
    """How far list items stand in under their key (``  - id: …``: 2)."""
    found = _SEQUENCE_ITEM.search(text)
    return len(found.group(1)) if found else 2


def _sequence(data: Any, key: str, make: Any, *, before: str) -> Any:
    """The list under ``key``, made (before ``before`` where that key is) if missing."""
    if data.get(key) is None:
        keys = list(data)
        position = keys.index(before) if before in keys else len(keys)
        if key in data:
            del data[key]
            keys = list(data)
            position = keys.index(before) if before in keys else len(keys)
        data.insert(position, key, make())
    return data[key]


def _like(sequence: Any, fields: dict[str, Any]) -> Any:
    """A new item written as the list's first item is: inline ``{…}`` or in lines."""
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap(fields)
    first = sequence[0] if len(sequence) else None
    flow = first is None or (hasattr(first, "fa") and first.fa.flow_style())
    if flow:
        item.fa.set_flow_style()
    return item


def _same_case(written: str, source: Path, result: Case) -> bool:
    from kloof.formats.casefile import parse_case

    case = parse_case(written.encode("utf-8"), str(source), "yaml", base_dir=source.parent)
    return (
        case.raters == result.raters
        and sorted(case.ratings, key=_key) == sorted(result.ratings, key=_key)
        and case.parties == result.parties
        and case.differences == result.differences
        and case.factors == result.factors
    )


def _key(rating: Rating) -> tuple[str, str, str]:
    return (rating.rater, rating.subject, rating.factor)
