"""``kloof review``: the next review of a case file, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from kloof.formats.casefile import load_case, parse_case
from tests.cli.test_cli import DEMO, kloof

OWN_FACTOR_CASE = """\
kloof: 1
title: Cleaning services 2026
date: 2026-04-01
language: nl
framework: frameworks/short.yaml
scale: {min: 1, max: 5}
parties:
  - {id: us, name: Wij, side: own}
  - {id: them, name: Schoonmaak BV, side: counterparty}
factors:
  - key: punctuality
    name: {nl: Stiptheid, en: Punctuality}
    left: {nl: Laat, en: Late}
    right: {nl: Op tijd, en: On time}
raters:
  - {id: ann, name: Ann, party: us}
ratings:
  - {rater: ann, subject: them, factor: punctuality, score: 2}
differences:
  - {factor: punctuality, status: open}
"""

FRAMEWORK = """\
kloof_framework: 1
name: short
title: {nl: Kort, en: Short}
factors:
  - key: trust
    name: {nl: Vertrouwen, en: Trust}
    left: {nl: Wantrouwen, en: Distrust}
    right: {nl: Vertrouwen, en: Trust}
"""


def test_review_writes_the_next_case_without_scores(tmp_path: Path) -> None:
    target = tmp_path / "review-2027.yaml"
    result = kloof("review", DEMO, "--date", "2027-03-01", "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {target}\n"

    old, new = load_case(DEMO), load_case(target)
    assert new.parties == old.parties
    assert new.raters == old.raters
    assert [f.key for f in new.factors] == [f.key for f in old.factors]
    assert new.title == old.title
    assert new.ratings == new.differences == new.interviews == ()
    assert new.agenda is None
    assert new.date.isoformat() == "2027-03-01"
    # the predecessor, relative to the new file: it moves along with the folder
    assert (target.parent / new.previous).resolve() == DEMO.resolve()
    text = target.read_text(encoding="utf-8")
    assert f"date: 2027-03-01\nprevious: {new.previous}\n" in text
    assert "ratings:" not in text

    analysed = kloof("analyse", target, "--format", "json")
    assert analysed.returncode == 0, analysed.stderr
    assert kloof("report", target, "-o", tmp_path / "r.html").returncode == 0


def test_review_keeps_own_factors_scale_language_and_a_framework_file(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "short.yaml").write_text(FRAMEWORK, encoding="utf-8")
    source = tmp_path / "cleaning-2026.yaml"
    source.write_text(OWN_FACTOR_CASE, encoding="utf-8")
    (tmp_path / "2027").mkdir()
    target = tmp_path / "2027" / "cleaning.json"

    result = kloof("review", source, "--date", "2027-04-01", "-o", target)
    assert result.returncode == 0, result.stderr

    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["previous"] == "../cleaning-2026.yaml"
    assert data["framework"] == "../frameworks/short.yaml"  # still found from the new folder
    assert data["date"] == "2027-04-01"
    assert data["language"] == "nl"
    assert data["scale"] == {"min": 1, "max": 5}
    assert [f["key"] for f in data["factors"]] == ["punctuality"]
    assert "ratings" not in data and "differences" not in data
    new = load_case(target)
    assert [f.key for f in new.factors] == ["trust", "punctuality"]
    assert new.raters == load_case(source).raters


def test_previous_survives_a_round_trip_in_yaml_and_json(tmp_path: Path) -> None:
    from kloof.formats.casewrite import dump_case_json, dump_case_yaml

    text = DEMO.read_text(encoding="utf-8").replace(
        "kloof: 1\n", "kloof: 1\nprevious: archive/renewal-2025.yaml\n", 1
    )
    case = parse_case(text.encode(), "case.yaml")
    assert case.previous == "archive/renewal-2025.yaml"
    assert parse_case(dump_case_yaml(case).encode(), "again.yaml") == case
    assert parse_case(dump_case_json(case).encode(), "again.json") == case


def test_an_old_file_without_previous_still_reads(tmp_path: Path) -> None:
    assert load_case(DEMO).previous is None


def test_a_blank_previous_is_refused_with_its_line_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(
        'kloof: 1\nprevious: ""\ntitle: x\nparties:\n  - {id: a, name: A}\n  - {id: b, name: B}\n',
        encoding="utf-8",
    )
    english = kloof("validate", path, env={"KLOOF_LANG": "en"})
    assert english.returncode == 2
    assert english.stderr == (
        f"kloof: error: {path}:2: 'previous' is empty — write the case this one follows up, "
        "such as last year's review: a path relative to this case file, or any identifier "
        "you use for it\n"
    )
    dutch = kloof("validate", path, env={"KLOOF_LANG": "nl"})
    assert dutch.stderr == (
        f"kloof: fout: {path}:2: 'previous' is leeg — schrijf de casus waarop deze volgt, "
        "zoals de evaluatie van vorig jaar: een pad vanaf de map van dit casusbestand, of een "
        "andere naam waarmee je hem aanduidt\n"
    )


def test_review_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "next.yaml"
    target.write_text("keep me\n", encoding="utf-8")

    result = kloof("review", DEMO, "-o", target)
    assert result.returncode == 2
    assert result.stderr == (
        f"kloof: error: {target} already exists — choose another file name for the new "
        "review, or add --force to replace it\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me\n"

    forced = kloof("review", DEMO, "--date", "2027-03-01", "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert load_case(target).date.isoformat() == "2027-03-01"


def test_review_refuses_a_bad_date_in_english_and_dutch(tmp_path: Path) -> None:
    target = tmp_path / "next.yaml"
    english = kloof("review", DEMO, "--date", "2027-02-30", "-o", target, env={"KLOOF_LANG": "en"})
    assert english.returncode == 2
    assert english.stderr == (
        "kloof: error: the review date '2027-02-30' is not a date as YYYY-MM-DD — write an "
        "existing date, for example --date 2027-03-01, or leave --date out for today\n"
    )
    dutch = kloof("review", DEMO, "--date", "1-3-2027", "-o", target, env={"KLOOF_LANG": "nl"})
    assert dutch.returncode == 2
    assert dutch.stderr == (
        "kloof: fout: de datum van de evaluatie '1-3-2027' is geen datum als JJJJ-MM-DD — "
        "schrijf een bestaande datum, bijvoorbeeld --date 2027-03-01, of laat --date weg "
        "voor vandaag\n"
    )
    assert not target.exists()


def test_review_without_date_is_dated_today(tmp_path: Path) -> None:
    from datetime import date

    target = tmp_path / "next.yaml"
    before = date.today()
    assert kloof("review", DEMO, "-o", target).returncode == 0
    assert before <= load_case(target).date <= date.today()  # the day may turn meanwhile


def test_review_needs_an_output_file() -> None:
    result = kloof("review", DEMO)
    assert result.returncode == 2
    assert "-o/--output" in result.stderr


def test_review_help_names_every_option() -> None:
    result = kloof("review", "--help")
    assert result.returncode == 0
    for option in ("--date YYYY-MM-DD", "default: today", "-o FILE", "--force", "previous:"):
        assert option in result.stdout


def test_review_to_standard_output_names_the_case_from_the_current_folder() -> None:
    result = kloof("review", DEMO, "--date", "2027-03-01", "-o", "-", cwd=DEMO.parent)
    assert result.returncode == 0, result.stderr
    case = parse_case(result.stdout.encode(), "next.yaml")
    assert case.previous == "demo-contract-renewal.yaml"
    assert case.ratings == ()
