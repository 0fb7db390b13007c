"""The server killed with SIGKILL during submissions, and started again: every
acknowledged submission is there, exactly, none half-written, the SQLite file
sound.

The short version of ``benchmarks/respondents_crash.py`` (5 kills instead of 100),
on a SQLite file: the whole ``kloof serve`` process group (gunicorn master and
workers) is killed at once, as a power cut or the OOM killer would.
"""

from __future__ import annotations

from benchmarks.respondents_common import database_for
from benchmarks.respondents_crash import Options, report, run

SHORT = Options(kills=5, respondents=6)


def test_acknowledged_submissions_survive_sigkill_whole_and_sound() -> None:
    with database_for("sqlite", "") as database:
        tally = run(database, SHORT)
    summary = report(tally, 0.0)
    assert tally.kills == SHORT.kills, summary
    assert tally.failures == [], summary  # integrity_check ok, nothing lost or half-written
    assert tally.acknowledged > 0, summary
    assert tally.refused == 0, summary  # every answer that came was a thank-you
    # The first kill waits for every respondent's first acknowledgement, so every
    # restart after a kill checks every respondent: a count, not a matter of speed.
    assert tally.checks == SHORT.respondents * SHORT.kills, summary
    assert tally.exact + tally.later == tally.checks, summary
