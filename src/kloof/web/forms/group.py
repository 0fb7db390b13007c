"""Forms of group sessions: the trainer's new session, a participant's nickname,
and reading a participant's answers from the posted page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kloof.domain.practice import DifferenceKey, Scenario, possible_differences
from kloof.services.practice import builtin_scenarios
from kloof.storage.group_sessions import NAME_LENGTH, NICKNAME_LENGTH, Answers, tidy_nickname
from kloof.web.forms.numbers import WholeNumberField, typed_number

DEFAULT_HOURS = 4
#: A session is a meeting: a week at most (respondent links: a year).
MAX_HOURS = 7 * 24
LOW, HIGH = 1.0, 7.0


def scenario_choices(language: str, own: Sequence[Scenario] = ()) -> list[tuple[str, Any]]:
    """The built-ins, then the workspace's own scenarios (in a group of their own)."""
    builtins = [(item.id, item.title.get(language)) for item in builtin_scenarios()]
    if not own:
        return builtins
    return [
        (_("Built-in scenarios"), builtins),
        (_("This workspace's scenarios"), [(item.id, item.title.get(language)) for item in own]),
    ]


class GroupSessionForm(forms.Form):
    scenario = forms.ChoiceField(label=gettext_lazy("Scenario"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the participants' pages"), choices=settings.LANGUAGES
    )
    name = forms.CharField(
        label=gettext_lazy("Name (optional)"),
        required=False,
        max_length=NAME_LENGTH,
        help_text=gettext_lazy("For you, such as the group or the date; participants see it."),
    )
    hours = WholeNumberField(
        label=gettext_lazy("Open for (hours)"),
        min_value=1,
        max_value=MAX_HOURS,
        initial=DEFAULT_HOURS,
        help_text=gettext_lazy("The link stops after this, or when you close the session."),
    )

    def __init__(
        self, *args: object, language: str, own: Sequence[Scenario] = (), **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["scenario"].choices = scenario_choices(language, own)
        self.fields["language"].initial = language


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        label=gettext_lazy("Your nickname"),
        max_length=NICKNAME_LENGTH,
        help_text=gettext_lazy("The trainer and the export show only this name."),
    )

    def clean_nickname(self) -> str:
        value = tidy_nickname(self.cleaned_data["nickname"])
        if not value:
            raise forms.ValidationError(_("Type a nickname of at least one letter."))
        return value


def difference_value(key: DifferenceKey) -> str:
    return ":".join((key.kind, key.factor, *key.parties))


def score_field(party: str, factor: str) -> str:
    return f"score-{party}-{factor}"


@dataclass
class ParsedAnswers:
    answers: Answers
    #: Typed texts by field name, to show again.
    typed: dict[str, str]
    #: Field name -> message of the scores that are no score.
    errors: dict[str, str]


def parse_answers(scenario: Scenario, data: QueryDict) -> ParsedAnswers:
    """The posted answers; a score that is no number from 1 to 7 in halves is
    an error naming the field (nothing is kept then)."""
    positions: dict[tuple[str, str], float | None] = {}
    typed: dict[str, str] = {}
    errors: dict[str, str] = {}
    for factor in scenario.factors:
        for party in scenario.parties:
            name = score_field(party.id, factor)
            text = str(data.get(name, "")).strip()[:20]
            typed[name] = text
            if not text:
                positions[(party.id, factor)] = None
                continue
            value = typed_number(text)
            if value is None or not LOW <= value <= HIGH or value * 2 != int(value * 2):
                errors[name] = _("Type a score from 1 to 7, in steps of 0.5 (such as 4,5).")
                continue
            positions[(party.id, factor)] = value
    chosen = set(data.getlist("blocking"))
    blocking = frozenset(
        key for key in possible_differences(scenario) if difference_value(key) in chosen
    )
    options = {option.key for option in scenario.reference.first_move.options}
    move = data.get("first_move")
    return ParsedAnswers(
        Answers(positions, blocking, move if move in options else None), typed, errors
    )
