"""A case's own factors inherit the default thresholds of the case's framework."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kloof.formats.casefile import load_case

FRAMEWORKS = Path(__file__).parent / "frameworks"

CASE = """\
kloof: 1
title: Own factor under a framework with its own thresholds
framework: team-3.yaml
parties:
  - {id: acme, name: ACME}
  - {id: globex, name: Globex}
factors:
  - key: delivery
    name: {nl: Levering, en: Delivery}
    left: {nl: Traag, en: Slow}
    right: {nl: Snel, en: Fast}
raters:
  - {id: jan, name: Jan, party: acme}
ratings:
  - {rater: jan, subject: globex, factor: delivery, score: 3}
"""


def test_own_factor_inherits_framework_default_thresholds(tmp_path: Path):
    shutil.copy(FRAMEWORKS / "team-3.yaml", tmp_path / "team-3.yaml")
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    case = load_case(str(path))  # a plain string path works too
    delivery = case.factor("delivery")
    assert delivery.custom is True
    # team-3.yaml sets nuance "1/5", significant 0.4, blocking "3/5"
    assert delivery.thresholds.nuance == pytest.approx(1 / 5)
    assert delivery.thresholds.significant == 0.4
    assert delivery.thresholds.blocking == pytest.approx(3 / 5)
    assert case.framework.thresholds == delivery.thresholds
