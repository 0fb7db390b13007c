"""Repairs run from the command line against the database ``kloof serve`` uses."""

from __future__ import annotations


def rebuild_summaries() -> int | None:
    """Migrate, then analyse every case again and rewrite its portfolio summary;
    the number of cases, None after printing a settings error."""
    from kloof.web.runner import setup

    if not setup():
        return None
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from kloof.storage.summaries import rebuild

    return rebuild()
