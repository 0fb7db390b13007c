# ruff: noqa: RUF012 -- Django expects lists
"""A respondent link's greeting: what the respondent reads above the
questionnaire. The link's name stays the team's own label and is never shown
to the respondent."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0007_throttle_attempt_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="respondentlink",
            name="greeting",
            field=models.TextField(blank=True, default=""),
        ),
    ]
