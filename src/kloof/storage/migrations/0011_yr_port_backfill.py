# ruff: noqa: RUF012 -- Django expects lists
"""Fill the portfolio's summaries of the cases stored before they were kept on
write (migration 0010 made the tables empty): every case without one is
analysed, 200 per transaction.

Unlike the usual data migration this uses the current code, not the
historical models: a summary is the analysis of the case as kloof loads it
today, and only the current loader and analysis can make it. Should a later
migration change the tables the loader reads, this step finds nothing to do on
databases made after it; ``kloof summaries --rebuild`` repairs the rest.
"""

from django.db import migrations


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kloof.storage.summaries import missing_case_ids, rebuild

    rebuild(missing_case_ids())


class Migration(migrations.Migration):
    # Batches commit one by one: a crash keeps the summaries made so far.
    atomic = False

    dependencies = [("storage", "0010_years_practice")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
