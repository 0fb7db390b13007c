"""``kloof summaries --rebuild`` through the installed console script."""

from __future__ import annotations

from tests.cli.test_cli_backup import environment, run


def test_rebuild_on_a_new_database_says_how_many(tmp_path):
    env = environment(tmp_path / "data")
    done = run(env, "summaries", "--rebuild")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "kloof: rebuilt the summaries of 0 cases\n"
    env["KLOOF_LANG"] = "nl"
    again = run(env, "summaries", "--rebuild")
    assert again.stderr == "kloof: samenvattingen van 0 casussen opnieuw gemaakt\n"


def test_summaries_needs_rebuild(tmp_path):
    done = run(environment(tmp_path / "data"), "summaries")
    assert done.returncode == 2
    assert "--rebuild" in done.stderr
