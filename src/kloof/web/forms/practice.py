"""Forms of practice: choosing a scenario, and an attempt at one.

An attempt's form has a score per party and factor (the rating page's text
field with a slider beside it: :class:`~kloof.web.forms.numbers.TypedNumberField`,
a decimal comma works), a checkbox per difference that could block (position
differences between parties; at the advanced level also how one party sees
another) and the first move. A draft may leave anything open; a submitted
attempt needs the first move (unrated cells simply count as errors).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kloof.domain.model import PERCEPTION, POSITION
from kloof.domain.practice import (
    DOMAINS,
    LEVELS,
    SCENARIO_SCALE,
    Attempt,
    DifferenceKey,
    Scenario,
    possible_differences,
)
from kloof.web.forms.numbers import TypedNumberField

ADVANCED = "advanced"
SUBMIT = "submit"
DRAFT = "draft"


def level_name(level: str) -> str:
    return str({"basic": _("Basic"), "advanced": _("Advanced")}.get(level, level))


def domain_name(domain: str) -> str:
    names = {"work": _("Work"), "private": _("Private life"), "news": _("News")}
    return str(names.get(domain, domain))


class ChooseForm(forms.Form):
    """The scenario list's filters (a GET form)."""

    level = forms.ChoiceField(label=_("Level"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the text"),
        required=False,
        choices=[("", _("The page's language")), ("nl", "Nederlands"), ("en", "English")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("All levels"))] + [
            (level, level_name(level)) for level in LEVELS
        ]
        self.fields["domain"].choices = [("", _("All domains"))] + [
            (domain, domain_name(domain)) for domain in DOMAINS
        ]


def position_field(party: str, factor: str) -> str:
    return f"pos__{party}__{factor}"


def difference_value(key: DifferenceKey) -> str:
    return ":".join((key.kind, key.factor, *key.parties))


def offered_differences(scenario: Scenario) -> tuple[DifferenceKey, ...]:
    """The differences to tick: position differences, and at the advanced
    level perception gaps too."""
    keys = possible_differences(scenario)
    if scenario.level == ADVANCED:
        return keys
    return tuple(key for key in keys if key.kind == POSITION)


class AttemptForm(forms.Form):
    """One attempt at ``scenario``, its fields made from the scenario."""

    first_move = forms.ChoiceField(
        label=_("Your first move"), required=False, widget=forms.RadioSelect
    )
    blocking = forms.MultipleChoiceField(
        label=_("Differences that block a deal"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action = forms.ChoiceField(required=False, choices=[(SUBMIT, SUBMIT), (DRAFT, DRAFT)])

    def __init__(self, *args: Any, scenario: Scenario, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scenario = scenario
        move = scenario.reference.first_move
        self.fields["first_move"].choices = [
            (option.key, option.text.get(language)) for option in move.options
        ]
        self.keys = {difference_value(key): key for key in offered_differences(scenario)}
        self.fields["blocking"].choices = [(value, value) for value in self.keys]
        for party in scenario.parties:
            for factor in scenario.factors:
                self.fields[position_field(party.id, factor)] = TypedNumberField(
                    label=party.name.get(language), required=False
                )

    @property
    def submitted(self) -> bool:
        return self.data.get("action", SUBMIT) != DRAFT

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = SCENARIO_SCALE.low, SCENARIO_SCALE.high
        for party in self.scenario.parties:
            for factor in self.scenario.factors:
                name = position_field(party.id, factor)
                value = data.get(name)
                if value is not None and not low <= value <= high:
                    self.add_error(name, _("Give a score from 1 to 7, or leave it empty."))
        if self.submitted and not data.get("first_move"):
            self.add_error("first_move", _("Choose the first move you would make."))
        return data

    def attempt(self) -> Attempt:
        data = self.cleaned_data
        positions = {
            (party.id, factor): data.get(position_field(party.id, factor))
            for party in self.scenario.parties
            for factor in self.scenario.factors
        }
        return Attempt(
            scenario=self.scenario.id,
            positions=positions,
            blocking=frozenset(self.keys[value] for value in data.get("blocking") or ()),
            first_move=data.get("first_move") or None,
        )


def initial_from(answers: dict[str, Any]) -> dict[str, Any]:
    """A stored draft's answers as the form's initial values."""
    initial: dict[str, Any] = {}
    for party, scores in (answers.get("positions") or {}).items():
        for factor, value in scores.items():
            initial[position_field(party, factor)] = value
    blocking = []
    for item in answers.get("blocking") or ():
        parties = (
            [item["viewer"], item["subject"]] if item.get("kind") == PERCEPTION else item["parties"]
        )
        blocking.append(":".join((item.get("kind", POSITION), item["factor"], *parties)))
    initial["blocking"] = blocking
    initial["first_move"] = answers.get("first_move") or ""
    return initial
