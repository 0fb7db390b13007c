"""kloof import keeps the case file's comments: new raters and ratings are added
to the file as it is, and what it then holds is checked against the import."""

from __future__ import annotations

from pathlib import Path

from kloof.cli import main
from kloof.domain.model import Rater, Rating
from kloof.formats.casefile import load_case

HERE = Path(__file__).parent / "imports"
CASE = """\
# Renewal 2027: our preparation. Keep this file in the team folder.
kloof: 1
title: Import test
scale: {min: 1, max: 7}
parties:
  - {id: acme, name: ACME Inkoop}     # us
  - {id: globex, name: Globex Sales}  # them
raters:
  - {id: jan, name: Jan de Vries, party: acme}  # lead negotiator
ratings:
  # Jan's first impressions, before the interviews
  - {rater: jan, subject: globex, factor: trust, score: 3}
  - {rater: jan, subject: globex, factor: intention, score: 2,
     note: "Only price so far."}
"""
MAPPING = """\
kloof_import: 1
rater: Naam
rater_party: {column: Partij}
subject: {other_party: true}
scores: {intention: Intentie, trust: Vertrouwen}
"""


def _files(tmp_path: Path, case_text: str = CASE, case_name: str = "case.yaml") -> list[str]:
    (tmp_path / case_name).write_text(case_text, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "a.csv").write_text(
        "Naam;Partij;Intentie;Vertrouwen\nEva;globex;5;4\nJan de Vries;acme;6;\n"
    )
    return [
        "import", str(tmp_path / "a.csv"), "--into", str(tmp_path / case_name),
        "--mapping", str(tmp_path / "map.yaml"), "-o", str(tmp_path / "out.yaml"), "--replace",
    ]  # fmt: skip


def test_import_keeps_every_comment_and_adds_the_new_entries(tmp_path, capsys):
    assert main(_files(tmp_path)) == 0

    written = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    for line in CASE.splitlines():
        if "#" in line:
            assert line.strip() in written, line
    case = load_case(tmp_path / "out.yaml")
    assert case.raters == (Rater("jan", "Jan de Vries", "acme"), Rater("eva", "Eva", "globex"))
    assert sorted(case.ratings, key=lambda r: (r.rater, r.factor)) == [
        Rating("eva", "acme", "intention", 5.0),
        Rating("eva", "acme", "trust", 4.0),
        Rating("jan", "globex", "intention", 6.0),
        Rating("jan", "globex", "trust", 3.0),
    ]
    assert "  - {id: eva, name: Eva, party: globex}\n" in written
    assert "could not be kept" not in capsys.readouterr().err


def test_a_json_case_is_written_anew_without_a_note(tmp_path, capsys):
    json_case = (
        '{"kloof": 1, "title": "Import test", "parties": [{"id": "acme", "name": "ACME"}, '
        '{"id": "globex", "name": "Globex"}], "raters": [{"id": "jan", "name": "Jan de Vries", '
        '"party": "acme"}]}'
    )

    assert main(_files(tmp_path, json_case, "case.json")) == 0

    assert len(load_case(tmp_path / "out.yaml").ratings) == 3
    assert "could not be kept" not in capsys.readouterr().err


def test_when_the_comments_cannot_be_kept_kloof_import_says_so_in_dutch(
    tmp_path, capsys, monkeypatch
):
    import kloof.formats.casekeep as casekeep

    monkeypatch.setattr(casekeep, "_same_case", lambda *args: False)  # a round trip gone wrong
    monkeypatch.setenv("KLOOF_LANG", "nl")

    assert main(_files(tmp_path)) == 0

    assert "#" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert len(load_case(tmp_path / "out.yaml").ratings) == 4
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"kloof: let op: het commentaar in {tmp_path / 'case.yaml'} kon niet behouden worden; "
        "het nieuwe casusbestand heeft geen commentaar"
    )
