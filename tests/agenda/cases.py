"""Small cases for the agenda tests."""

from __future__ import annotations

from kloof.domain.model import Case
from kloof.formats.casefile import parse_case

HEAD = """\
kloof: 1
title: Agenda test
language: en
parties:
  - {id: acme, name: ACME, side: own}
  - {id: globex, name: Globex, side: counterparty}
raters:
  - {id: jan, name: Jan, party: acme}
  - {id: eva, name: Eva, party: globex}
ratings:
"""


def case_with(scores: dict[str, tuple[float, float, float, float]], extra: str = "") -> Case:
    """Per factor: jan on acme, jan on globex, eva on globex, eva on acme."""
    lines = []
    for factor, (ja, jg, eg, ea) in scores.items():
        lines += [
            f"  - {{rater: jan, subject: acme, factor: {factor}, score: {ja}}}",
            f"  - {{rater: jan, subject: globex, factor: {factor}, score: {jg}}}",
            f"  - {{rater: eva, subject: globex, factor: {factor}, score: {eg}}}",
            f"  - {{rater: eva, subject: acme, factor: {factor}, score: {ea}}}",
        ]
    return parse_case((HEAD + "\n".join(lines) + "\n" + extra).encode(), "agenda.yaml")
