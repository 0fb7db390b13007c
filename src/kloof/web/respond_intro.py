"""What the questionnaire says before its first question: who asks, why, who
will see the answers, and how long it takes.

The respondent never sees the case's title nor the name the team gave the
link (both are the team's own words); the parties' names are in the questions
anyway, so "who asks" names the party (or parties) of the team's own side.
The words are in the template (``kloof/respond/form.html``); this module
gathers the facts they need.
"""

from __future__ import annotations

import math
from typing import Any

from kloof.i18n.reasons import join_names
from kloof.storage.models import RespondentLink

#: How long a question takes, in seconds: reading it, choosing a score, now and
#: then a note. Rounded up to whole minutes in the estimate.
SECONDS_PER_QUESTION = 30


def minutes_for(questions: int) -> int:
    """About how many minutes ``questions`` questions take; at least one."""
    return max(1, math.ceil(questions * SECONDS_PER_QUESTION / 60))


def intro_of(link: RespondentLink, questions: int, language: str) -> dict[str, Any]:
    """The facts of the questionnaire's introduction, for its template."""
    parties = list(link.case.parties.all())
    own = [party.name for party in parties if party.side == "own"]
    others = [party.name for party in parties if party.side != "own"]
    return {
        "greeting": link.greeting,
        # Without a party marked as ours, the questionnaire names them all.
        "asking": join_names(own, language),
        "others": join_names(others if own else [party.name for party in parties], language),
        "anonymous": link.case.anonymous,
        "min_group": link.case.min_group,
        "minutes": minutes_for(questions),
    }
