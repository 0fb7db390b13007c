"""The interview guide in Markdown, for a case and for a bare framework."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kloof.domain.analysis import analyse
from kloof.domain.model import Case
from kloof.reports.guide import markdown_escape, render_guide
from tests.reports.golden_report.cases import FRAMEWORK, HOSTILE, hostile_case, rate, small_case


def _case_with_certain_dependency() -> Case:
    """The small case, but dependency is known, certain, rests on both views of each
    party and is aligned: not needed."""
    case = small_case()
    ratings = tuple(r for r in case.ratings if r.factor != "dependency")
    return replace(
        case,
        ratings=(
            *ratings,
            rate("jan", "acme", "dependency", 4),
            rate("mia", "acme", "dependency", 5),
            rate("eva", "globex", "dependency", 4, "self"),
            rate("jan", "globex", "dependency", 4),
            rate("eva", "acme", "dependency", 4),
        ),
    )


def _section(key: str, why: list[str]) -> str:
    name = {"intention": "Intention", "trust": "Trust", "value_creation": "Value creation"}[key]
    why_lines = "".join(f"- {line}\n" for line in why)
    return (
        f"## {name}\n\n"
        f"- **1:** {name}: left pole\n"
        f"- **7:** {name}: right pole\n\n"
        f"What {name} is about.\n\n"
        f"**Why this factor:**\n\n{why_lines}\n"
        "**Questions:**\n\n"
        f"1. First question about {name}?\n"
        f"2. Second question about {name}?\n\n"
        "**Signals to watch for:**\n\n"
        f"- Watch for a signal on {name}.\n"
    )


def test_render_guide_for_a_case_keeps_the_needed_factors_and_says_why() -> None:
    guide = render_guide(analyse(_case_with_certain_dependency()), "en")
    header = (
        "# Interview guide: Contract renewal 2027\n\n"
        "1 December 2026\n\n"
        "Parties to interview:\n\n"
        "- ACME Purchasing (buyer, own side)\n"
        "- Globex Sales (seller, counterparty)\n\n"
        "Scores run from 1 (the left pole) to 7 (the right pole).\n\n"
        "This guide covers the 3 factors out of 4 that need evidence or a conversation, "
        "with the reasons why.\n\n"
    )
    sections = [
        _section(
            "intention",
            [
                # ACME's own view (6) and Globex's view of ACME (3) differ: a blocking
                # perception gap, so the mean position hides it and the guide says so.
                "ACME Purchasing sees itself at 6.0, the other side sees it at 3.0: 3.0 points "
                "apart. The position is the mean of two views that disagree; look at both.",
                "Globex Sales sees ACME Purchasing at 3.0, while ACME Purchasing sees itself at "
                "6.0: 3.0 points apart (0.50 of the scale), at or above the blocking threshold "
                "(0.40 of the scale).",
                "Ask Globex Sales what makes them see ACME Purchasing this way, and tell them how "
                "ACME Purchasing sees itself.",
                "The difference between ACME Purchasing and Globex Sales is ‘blocking’ "
                "(2.75 points).",
            ],
        ),
        _section(
            "trust",
            [
                "The team treats the difference between ACME Purchasing and Globex Sales as "
                "‘blocking’ (computed: ‘significant’)."
            ],
        ),
        _section(
            "value_creation",
            [
                "The position of ACME Purchasing rests on a single rating; a second view would "
                "make it firmer.",
                "Nobody has rated Globex Sales on this factor yet, so its position is unknown "
                "— not the same as agreement.",
                "The position of ACME Purchasing rests on its own view only; nobody outside ACME "
                "Purchasing has rated it yet.",
            ],
        ),
    ]
    assert guide == header + "\n".join(sections)


def test_render_guide_scope_all_lists_every_factor() -> None:
    guide = render_guide(analyse(_case_with_certain_dependency()), "en", scope="all")
    headings = [line for line in guide.splitlines() if line.startswith("## ")]
    assert headings == ["## Intention", "## Trust", "## Value creation", "## Dependency"]
    dependency = guide[guide.index("## Dependency") :]
    assert "**Why this factor:**" not in dependency
    assert "This guide covers" not in guide


def test_render_guide_says_so_when_no_factor_is_needed() -> None:
    case = _case_with_certain_dependency()
    case = replace(case, factors=case.factors[3:])
    guide = render_guide(analyse(case), "nl")
    assert guide.endswith(
        "Scores lopen van 1 (de linkerpool) tot 7 (de rechterpool).\n\n"
        "Geen enkele factor vraagt nu om een interview: elke positie is bekend, rust op "
        "beide blikken en op meer dan schattingen, geen beeldverschil staat open en geen "
        "verschil is significant of erger.\n"
    )


def test_render_guide_covers_a_position_resting_on_one_view() -> None:
    # Without Eva's view of ACME, dependency rests on ACME's own view: not settled.
    case = _case_with_certain_dependency()
    case = replace(
        case,
        factors=case.factors[3:],
        ratings=tuple(r for r in case.ratings if not (r.rater == "eva" and r.subject == "acme")),
    )
    guide = render_guide(analyse(case), "en")
    assert "No factor needs an interview now" not in guide
    assert (
        "- The position of ACME Purchasing rests on its own view only; nobody outside ACME "
        "Purchasing has rated it yet.\n"
    ) in guide


def test_render_guide_for_a_framework_lists_every_factor_in_dutch() -> None:
    framework = replace(FRAMEWORK, factors=FRAMEWORK.factors[:1])
    assert render_guide(framework, "nl") == (
        "# Interviewgids: Vier factoren\n\n"
        "Een klein raamwerk voor tests.\n\n"
        "## Intentie\n\n"
        "- **Linkerpool:** Intentie: links\n"
        "- **Rechterpool:** Intentie: rechts\n\n"
        "Waar Intentie over gaat.\n\n"
        "**Vragen:**\n\n"
        "1. Eerste vraag over Intentie?\n"
        "2. Tweede vraag over Intentie?\n\n"
        "**Signalen om op te letten:**\n\n"
        "- Let op signaal bij Intentie.\n"
    )


def test_render_guide_for_a_case_speaks_dutch() -> None:
    guide = render_guide(analyse(_case_with_certain_dependency()), "nl")
    assert guide.startswith(
        "# Interviewgids: Contract renewal 2027\n\n"
        "1 december 2026\n\n"
        "Te interviewen partijen:\n\n"
        "- ACME Purchasing (buyer, eigen kant)\n"
        "- Globex Sales (seller, wederpartij)\n\n"
    )
    assert (
        "- Vraag Globex Sales waardoor ze ACME Purchasing zo zien, en vertel hoe ACME "
        "Purchasing zichzelf ziet.\n"
        "- Het verschil tussen ACME Purchasing en Globex Sales is ‘blokkerend’ (2,75 punten).\n"
    ) in guide
    assert (
        "Deze gids behandelt de 3 factoren van de 4 die om gegevens of een gesprek vragen" in guide
    )


def test_render_guide_escapes_markdown_and_html_in_user_text() -> None:
    guide = render_guide(analyse(hostile_case()), "en")
    assert HOSTILE not in guide
    assert "- ACME \\<script\\>alert(1)\\</script\\> (buyer, own side)\n" in guide


def test_markdown_escape_neutralises_markup_and_folds_line_breaks() -> None:
    assert markdown_escape("*bold* [x](y) `c`\n# h") == "\\*bold\\* \\[x\\](y) \\`c\\` \\# h"


def test_render_guide_refuses_an_unknown_scope() -> None:
    with pytest.raises(ValueError, match="unknown guide scope 'some'; use one of needed, all"):
        render_guide(FRAMEWORK, "en", scope="some")
