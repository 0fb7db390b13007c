"""``kloof review``: the next review of a case file, written as a new case file."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from kloof.domain.review import next_review
from kloof.formats.errors import N_, InputError

__all__ = ["next_review_file", "review_date"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def review_date(text: str | None, today: date | None = None) -> date:
    """The review date from ``--date`` (YYYY-MM-DD); None: ``today``."""
    if text is None:
        return today or date.today()
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError.worded(
        N_("the review date '%(value)s' is not a date as YYYY-MM-DD"),
        N_("write an existing date, for example --date 2027-03-01, or leave --date out for today"),
        value=text,
    )


def refuse_to_overwrite(output: Path, force: bool) -> None:
    """Before any work: the new review must not silently replace a file."""
    if str(output) != "-" and output.exists() and not force:
        raise InputError.worded(
            N_("%(file)s already exists"),
            N_("choose another file name for the new review, or add --force to replace it"),
            file=str(output),
        )


def next_review_file(source: Path, output: Path, on: date) -> str:
    """The text of the next review of the case file ``source``, to be written to
    ``output`` (YAML, or JSON when its name ends in .json)."""
    from kloof.formats.casefile import dump_case_json, dump_case_yaml, load_case

    case = load_case(source)
    folder = Path.cwd() if str(output) == "-" else output.parent
    review = next_review(case, on, _relative(source, folder))
    framework_ref = _rebased_framework(review.framework_ref, source.parent, folder)
    if framework_ref != review.framework_ref:
        import dataclasses

        review = dataclasses.replace(review, framework_ref=framework_ref)
    if output.suffix.lower() == ".json":
        return dump_case_json(review)
    return dump_case_yaml(review)


def _relative(path: Path, folder: Path) -> str:
    """``path`` as seen from ``folder``, with forward slashes (files move between
    systems); absolute when no relative path exists (another drive)."""
    try:
        text = os.path.relpath(path.resolve(), folder.resolve())
    except ValueError:
        return path.resolve().as_posix()
    return Path(text).as_posix()


def _rebased_framework(reference: str, old_folder: Path, new_folder: Path) -> str:
    """A framework file named relative to the old case file, named relative to the
    new one; a built-in name or an absolute path stays as it is."""
    from kloof.formats.framework import builtin_frameworks

    if not reference or reference in builtin_frameworks():
        return reference
    path = Path(reference).expanduser()
    if path.is_absolute() or not (old_folder / path).exists():
        return reference
    return _relative(old_folder / path, new_folder)
