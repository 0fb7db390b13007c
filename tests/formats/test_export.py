"""Ratings and analysis exports (``kloof.formats.export``) on a small case and the examples."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kloof.domain.analysis import analyse
from kloof.domain.model import Case, Rater
from kloof.domain.results import Analysis
from kloof.formats.casefile import load_case
from kloof.formats.export import Wording, analysis_csv, case_xlsx, ratings_csv
from kloof.i18n import translator
from kloof.i18n.reasons import render_reason, severity_word

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent.parent / "examples"
BOM = b"\xef\xbb\xbf"
NOTE = "Prijs “vast”, €5 — ĳzersterk, café; =1+1"


@pytest.fixture(scope="module")
def small() -> tuple[Case, Analysis]:
    case = load_case(HERE / "export" / "small.yaml")
    return case, analyse(case)


def dutch(case: Case) -> Wording:
    """The wording the CLI and the web build for a Dutch export."""
    t = translator("nl")
    return Wording(
        label=lambda text: t.pgettext("export", text),
        severity=lambda severity: severity_word(severity, "nl"),
        reason=lambda reason: render_reason(reason, case, "nl"),
    )


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_ratings_csv_gives_exact_bytes_for_a_small_case(small):
    case, _ = small
    assert (
        ratings_csv(case)
        == BOM
        + (
            "rater_id,rater_name,rater_party,subject_party,factor_key,factor_name,"
            "score,confidence,source,note\r\n"
            "jan,'-Jan de Vries,acme,acme,intention,Intentie,5,high,self,\r\n"
            f'eva,Eva Hoëk,globex,globex,intention,Intentie,2.5,medium,self,"{NOTE}"\r\n'
            "jan,'-Jan de Vries,acme,globex,trust,Vertrouwen,,,,'@SUM(A1)\r\n"
        ).encode()
    )


def test_ratings_csv_names_factors_in_the_language_asked(small):
    case, _ = small
    rows = list(csv.reader(io.StringIO(ratings_csv(case, "en")[3:].decode())))
    assert [row[5] for row in rows[1:]] == ["Intention", "Intention", "Trust"]


def test_analysis_csv_gives_one_row_per_factor_and_pair(small):
    case, analysis = small
    data = analysis_csv(analysis, "en", Wording(reason=lambda reason: reason.code))
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == (
        "factor_key,factor_name,party_a,party_b,position_a,position_b,gap,points,"
        "severity,decided_severity,uncertain,reasons,kind"
    )
    assert lines[1] == (
        "intention,Intention,acme,globex,5,2.5,0.416667,2.5,blocking,blocking,true,"
        "positions | threshold | single_rating | single_rating,position"
    )
    assert lines[4] == (
        "trust,Trust,acme,globex,,,,,unknown,unknown,true,unknown_position | unknown_position,"
        "position"
    )
    assert len(lines) == 1 + len(case.factors) + 1  # the last line ends with CRLF


def test_a_blocking_perception_gap_is_a_row_of_the_export():
    case = load_case(EXAMPLES / "open-dialogue-four-views.yaml")
    analysis = analyse(case)
    rows = list(csv.reader(io.StringIO(analysis_csv(analysis, "en")[3:].decode())))
    perception = [row for row in rows if row[-1] == "perception"]
    # Intention: Brightline sees itself at 6, Harbour sees it at 3 → blocking.
    assert perception[0][:11] == [
        "intention",
        "Intention",
        "brightline",
        "harbour",
        "6",
        "3",
        "0.5",
        "3",
        "blocking",
        "blocking",
        "false",
    ]
    book = workbook(case_xlsx(case, analysis, "nl", dutch(case)))
    kinds = [row[12].value for row in book["Analyse"].iter_rows(min_row=2)]
    assert kinds.count("beeldverschil") == len(analysis.blind_spots) == 4
    assert kinds.count("verschil in positie") == len(analysis.all_gaps())


def test_analysis_csv_keeps_severity_keys_but_words_reasons_in_dutch(small):
    case, analysis = small
    rows = list(csv.reader(io.StringIO(analysis_csv(analysis, "nl", dutch(case))[3:].decode())))
    intention = rows[1]
    assert intention[8:11] == ["blocking", "blocking", "true"]
    reasons = intention[11].split(" | ")
    sentence = render_reason(analysis.factors[0].gaps[0].reasons[0], case, "nl")
    assert sentence.startswith("=ACME Inkoop staat op 5,0")
    assert reasons[0] == "'" + sentence  # the party name would start a formula
    assert len(reasons) == 4


def test_case_xlsx_has_dutch_sheets_with_bold_frozen_headers(small):
    case, analysis = small
    book = workbook(case_xlsx(case, analysis, "nl", dutch(case)))
    assert book.sheetnames == ["Beoordelingen", "Analyse"]
    ratings = book["Beoordelingen"]
    assert [c.value for c in ratings[1]][:4] == [
        "Id beoordelaar",
        "Beoordelaar",
        "Partij van beoordelaar",
        "Beoordeelde partij",
    ]
    assert all(cell.font.bold for cell in ratings[1])
    assert ratings.freeze_panes == "A2"
    assert book["Analyse"].freeze_panes == "A2"
    assert 8 <= ratings.column_dimensions["J"].width <= 60


def test_case_xlsx_writes_numbers_booleans_and_neutralised_text(small):
    case, analysis = small
    book = workbook(case_xlsx(case, analysis, "nl", dutch(case)))
    ratings = book["Beoordelingen"]
    assert [c.value for c in ratings[3]] == [
        "eva", "Eva Hoëk", "globex", "globex", "intention", "Intentie",
        2.5, "medium", "self", NOTE,
    ]  # fmt: skip
    assert ratings["B2"].value == "'-Jan de Vries"
    assert ratings["J4"].value == "'@SUM(A1)"
    assert ratings["G4"].value is None
    intention = [c.value for c in book["Analyse"][2]]
    assert intention[:11] == [
        "intention", "Intentie", "acme", "globex", 5, 2.5,
        pytest.approx(2.5 / 6), 2.5, "blokkerend", "blokkerend", True,
    ]  # fmt: skip
    assert book["Analyse"]["K2"].data_type == "b"


def test_case_xlsx_without_wording_is_in_english_with_keys(small):
    case, analysis = small
    book = workbook(case_xlsx(case, analysis, "en"))
    assert book.sheetnames == ["Ratings", "Analysis"]
    assert book["Analysis"]["I2"].value == "blocking"
    assert book["Analysis"]["L2"].value.startswith("positions ")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.*[ln]")), ids=lambda p: p.name)
def test_examples_export_without_formulas(path):
    case = load_case(path)
    analysis = analyse(case)
    language = case.language
    assert ratings_csv(case).startswith(BOM)
    rows = list(csv.reader(io.StringIO(analysis_csv(analysis, language)[3:].decode())))
    # A row per factor and pair, and a row per perception gap (blind spot).
    assert len(rows) == 1 + len(analysis.all_gaps()) + len(analysis.blind_spots)
    assert [row[12] for row in rows[1:]].count("perception") == len(analysis.blind_spots)
    book = workbook(case_xlsx(case, analysis, language, dutch(case)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert book["Beoordelingen"].max_row == 1 + len(case.ratings)
    assert all(cell.data_type != "f" for cell in cells)


hostile = st.one_of(
    st.text(min_size=1),
    st.builds(
        str.__add__, st.sampled_from(["=", "+", "-", "@", "\t", " =", "＝", "\n"]), st.text()
    ),
)


def is_safe(text: str) -> bool:
    """Quoted, or not starting a formula (also behind whitespace)."""
    if text.startswith("'"):
        return True
    return text[:1] not in {"\t", "\r", "\n"} and text.lstrip()[:1] not in set("=+-@＝＋－＠")


@settings(max_examples=60, deadline=None)
@given(name=hostile, party=hostile, note=hostile)
def test_exports_of_user_text_never_start_a_formula(small, name, party, note):
    case, _ = small
    case = replace(
        case,
        parties=(replace(case.parties[0], name=party), *case.parties[1:]),
        raters=(Rater("jan", name, "acme"), *case.raters[1:]),
        ratings=tuple(replace(r, note=note) for r in case.ratings),
    )
    analysis = analyse(case)
    texts = [
        cell
        for data in (ratings_csv(case), analysis_csv(analysis, "nl", dutch(case)))
        for row in csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""))
        for cell in row
    ]
    book = workbook(case_xlsx(case, analysis, "nl", dutch(case)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts += [cell.value for cell in cells if isinstance(cell.value, str)]
    assert [text for text in texts if not is_safe(text)] == []
