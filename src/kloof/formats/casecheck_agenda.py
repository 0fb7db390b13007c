"""The checks of a case file's ``agenda:`` section that the schema cannot express.

Runs on data that already passed the case schema (see :mod:`kloof.formats.casecheck`
for how problems are reported: the first in the file wins). An item of kind
``position`` or ``perception`` names a factor of the case and two different
parties; an item of kind ``other`` is about a difference outside the factors and
names no factor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kloof.formats.errors import N_, InputError
from kloof.formats.schemacheck import DID_YOU_MEAN, USE_ONE_OF, did_you_mean
from kloof.formats.yamlsafe import PathKey

if TYPE_CHECKING:  # casecheck runs these checks: importing it here would be a cycle
    from kloof.formats.casecheck import CaseContext

#: Most items one agenda may hold: a conversation of a few hours has a dozen.
MAX_ITEMS = 200


def agenda_problems(data: Mapping[str, Any], context: CaseContext) -> Iterator[InputError]:
    """Every problem of the agenda section, roughly in file order."""
    agenda = data.get("agenda")
    if agenda is None:
        return
    if "date" in agenda:
        yield from _date(agenda["date"], ("agenda", "date"), context)
    items = agenda.get("items", [])
    if len(items) > MAX_ITEMS:
        yield context.error(
            ("agenda", "items"),
            N_("the agenda has %(count)s items, more than the %(limit)s one agenda may hold"),
            N_("keep the items the conversation can cover, and remove the rest"),
            count=len(items),
            limit=MAX_ITEMS,
        )
        return
    parties = [party["id"] for party in data["parties"]]
    factors = [factor.key for factor in context.framework.factors]
    factors += [f.key for f in context.own_factors if f.key not in factors]
    for index, item in enumerate(items):
        path: PathKey = ("agenda", "items", index)
        yield from _item_problems(item, path, parties, factors, context)


def _item_problems(
    item: Mapping[str, Any],
    path: PathKey,
    parties: list[str],
    factors: list[str],
    context: CaseContext,
) -> Iterator[InputError]:
    if not item["title"].strip():
        yield context.error(
            (*path, "title"),
            N_("the agenda item's 'title' is blank"),
            N_("write a short heading for the item"),
        )
    kind = item.get("kind", "position")
    if kind == "other":
        if "factor" in item:
            yield context.error(
                (*path, "factor"),
                N_("an item of kind 'other' is about a difference outside the factors"),
                N_("remove 'factor', or write 'kind: position' or 'kind: perception'"),
            )
    elif "factor" not in item:
        yield context.error(
            path,
            N_("an agenda item of kind '%(kind)s' needs 'factor'"),
            N_("add 'factor: …' with a factor key, or write 'kind: other'"),
            kind=kind,
        )
    else:
        yield from _known(item["factor"], factors, (*path, "factor"), _FACTOR, context)
    if kind == "perception" and "parties" not in item:
        yield context.error(
            path,
            N_("a perception item needs 'parties'"),
            N_("write 'parties: [subject, viewer]': the party being seen, then the one seeing"),
        )
    pair = item.get("parties", [])
    for number, party in enumerate(pair):
        yield from _known(party, parties, (*path, "parties", number), _PARTY, context)
    if len(pair) == 2 and pair[0] == pair[1]:
        yield context.error(
            (*path, "parties"),
            N_("'parties' names '%(party)s' twice"),
            N_("an agenda item is about two different parties"),
            party=pair[0],
        )
    for number, text in enumerate(item.get("mitigations", [])):
        if not text.strip() or "\n" in text.strip() or "\r" in text:
            yield context.error(
                (*path, "mitigations", number),
                N_("a mitigation is one line of text"),
                N_("write each mitigation as its own item of the list"),
            )
    for number, action in enumerate(item.get("actions", [])):
        if "due" in action:
            yield from _date(action["due"], (*path, "actions", number, "due"), context)


_FACTOR = N_("unknown factor '%(id)s'")
_PARTY = N_("unknown party '%(id)s'")


def _known(
    value: str, known: list[str], path: PathKey, problem: str, context: CaseContext
) -> Iterator[InputError]:
    if value in known:
        return
    guess = did_you_mean(value, known)
    if guess:
        yield context.error(path, problem, DID_YOU_MEAN, id=value, guess=guess)
    else:
        yield context.error(path, problem, USE_ONE_OF, id=value, allowed=", ".join(known))


def _date(value: str, path: PathKey, context: CaseContext) -> Iterator[InputError]:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        yield context.error(
            path,
            N_("'%(field)s' is '%(value)s', which is not an existing date"),
            N_("check the day and the month (YYYY-MM-DD)"),
            field=str(path[-1]),
            value=value,
        )
