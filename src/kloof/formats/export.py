"""Export a case's ratings and its analysis as CSV or XLSX bytes.

CSV is for machines and imports: stable English column names, ids, severity keys,
numbers with a decimal point. XLSX is for people: the same columns with headers
and sheet names in the chosen language. Every text cell is neutralised against
formulas (:mod:`kloof.formats.cells`), headers included.

The words for people (headers, severities, reason sentences) come in through a
:class:`Wording`: ``kloof.formats`` may not import ``kloof.i18n`` (the layering
test), so the caller, which may, builds one from ``kloof.i18n`` (the labels are
in the ``export`` catalog under the context ``export``). Without one, the export
is in English with severity keys and reason codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kloof.domain.model import PERCEPTION, POSITION, Case, Severity
from kloof.domain.results import Analysis, Gap, Position, Reason
from kloof.formats.cells import Sheet, Value, csv_bytes, xlsx_bytes

#: Marks a text for the ``export`` catalog; ``Wording.label`` translates it.
N_ = str

RATINGS_COLUMNS = (
    ("rater_id", N_("Rater id")),
    ("rater_name", N_("Rater")),
    ("rater_party", N_("Rater's party")),
    ("subject_party", N_("Rated party")),
    ("factor_key", N_("Factor key")),
    ("factor_name", N_("Factor")),
    ("score", N_("Score")),
    ("confidence", N_("Confidence")),
    ("source", N_("Source")),
    ("note", N_("Note")),
)
ANALYSIS_COLUMNS = (
    ("factor_key", N_("Factor key")),
    ("factor_name", N_("Factor")),
    ("party_a", N_("Party A")),
    ("party_b", N_("Party B")),
    ("position_a", N_("Position A")),
    ("position_b", N_("Position B")),
    ("gap", N_("Gap (0-1)")),
    ("points", N_("Points")),
    ("severity", N_("Severity")),
    ("decided_severity", N_("Decided severity")),
    ("uncertain", N_("Uncertain")),
    ("reasons", N_("Reasons")),
    ("kind", N_("Kind")),
)
#: What a row of the analysis is about. A perception row reads: Party A is the
#: subject (Position A its own view), Party B the viewer (Position B its view of A).
KINDS = {POSITION: N_("position difference"), PERCEPTION: N_("perception gap")}
RATINGS_SHEET = N_("Ratings")
ANALYSIS_SHEET = N_("Analysis")
REASON_SEPARATOR = " | "


def reason_code(reason: Reason) -> str:
    """A reason without sentences: its code and params (``threshold gap=0.5``)."""
    params = " ".join(f"{key}={value}" for key, value in sorted(reason.params.items()))
    return f"{reason.code} {params}".strip()


def severity_key(severity: Severity) -> str:
    """A severity as its stable key (``blocking``)."""
    return severity.value


@dataclass(frozen=True)
class Wording:
    """How an export words things for people in one language.

    ``label`` translates a column or sheet name (``pgettext("export", text)``),
    ``severity`` words a severity, ``reason`` turns a reason into a sentence.
    """

    label: Callable[[str], str] = str
    severity: Callable[[Severity], str] = severity_key
    reason: Callable[[Reason], str] = reason_code


def ratings_csv(case: Case, language: str | None = None) -> bytes:
    """One row per rating; factor names in ``language`` (default: the case's)."""
    header = [key for key, _ in RATINGS_COLUMNS]
    return csv_bytes(header, _ratings_rows(case, language or case.language))


def analysis_csv(analysis: Analysis, language: str, wording: Wording | None = None) -> bytes:
    """One row per factor and pair of parties; severities as keys (``blocking``).

    ``wording.reason`` words the reasons (default: codes with their numbers).
    """
    words = wording or Wording()
    header = [key for key, _ in ANALYSIS_COLUMNS]
    rows = _analysis_rows(analysis, language, Wording(reason=words.reason))
    return csv_bytes(header, rows)


def case_xlsx(
    case: Case, analysis: Analysis, language: str, wording: Wording | None = None
) -> bytes:
    """A workbook with the sheets Ratings and Analysis, worded by ``wording``."""
    words = wording or Wording()
    ratings = Sheet(
        name=words.label(RATINGS_SHEET),
        header=_headers(RATINGS_COLUMNS, words),
        rows=_ratings_rows(case, language),
    )
    gaps = Sheet(
        name=words.label(ANALYSIS_SHEET),
        header=_headers(ANALYSIS_COLUMNS, words),
        rows=_analysis_rows(analysis, language, words, kind=lambda k: words.label(KINDS[k])),
    )
    return xlsx_bytes([ratings, gaps])


def _headers(columns: Sequence[tuple[str, str]], words: Wording) -> list[str]:
    return [words.label(label) for _, label in columns]


def _ratings_rows(case: Case, language: str) -> list[list[Value]]:
    rows: list[list[Value]] = []
    for rating in case.ratings:
        rater = case.rater(rating.rater)
        rows.append(
            [
                rater.id,
                rater.name,
                rater.party,
                rating.subject,
                rating.factor,
                case.factor(rating.factor).name.get(language),
                rating.score,
                rating.confidence,
                rating.source,
                rating.note,
            ]
        )
    return rows


def _analysis_rows(
    analysis: Analysis,
    language: str,
    words: Wording,
    kind: Callable[[str], str] = str,
) -> list[list[Value]]:
    """Per factor: a row per pair of parties, then a row per perception gap (blind
    spot) on it, so a blocking perception gap is in the export as it is in the
    analysis. ``kind`` words the kind column (``position``/``perception`` keys by
    default)."""
    rows: list[list[Value]] = []
    for result in analysis.factors:
        key, name = result.factor.key, result.factor.name.get(language)
        for gap in result.gaps:
            a, b = gap.parties
            positions = [_score(result.positions, a), _score(result.positions, b)]
            rows.append([key, name, a, b, *positions, *_gap_cells(gap, words.severity)])
            rows[-1] += [_reasons(gap.reasons, words), kind(POSITION)]
        for spot in analysis.blind_spots_of(key):
            rows.append(
                [
                    key,
                    name,
                    spot.subject,
                    spot.viewer,
                    spot.self_score,
                    spot.viewer_score,
                    spot.gap,
                    spot.points,
                    words.severity(spot.severity),
                    words.severity(spot.decided_severity),
                    False,
                    _reasons(spot.reasons, words),
                    kind(PERCEPTION),
                ]
            )
    return rows


def _reasons(reasons: Sequence[Reason], words: Wording) -> str:
    return REASON_SEPARATOR.join(words.reason(r) for r in reasons)


def _score(positions: Mapping[str, Position], party: str) -> float | None:
    position = positions.get(party)
    return None if position is None else position.score


def _gap_cells(gap: Gap, severity: Callable[[Severity], str]) -> list[Value]:
    return [
        gap.gap,
        gap.points,
        severity(gap.severity),
        severity(gap.decided_severity),
        gap.uncertain,
    ]
