# ruff: noqa: RUF012 -- Django expects lists
"""kloof over the years (relationships, contract phases, case summaries,
reminders; a case's relationship, predecessor and kind) and practice
(scenarios, attempts, the spotting journal, group sessions)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0009_dialogue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseSummary",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="summary",
                        serialize=False,
                        to="storage.case",
                    ),
                ),
                ("toughness", models.FloatField(blank=True, null=True)),
                ("blocking_positions", models.PositiveIntegerField(default=0)),
                ("blocking_perceptions", models.PositiveIntegerField(default=0)),
                ("significant", models.PositiveIntegerField(default=0)),
                ("unknown", models.PositiveIntegerField(default=0)),
                ("open_actions", models.PositiveIntegerField(default=0)),
                ("ratings", models.PositiveIntegerField(default=0)),
                ("factors", models.JSONField(blank=True, default=dict)),
                ("updated", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name="case",
            name="kind",
            field=models.CharField(
                choices=[("negotiation", "Negotiation"), ("review", "Review")],
                default="negotiation",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="previous",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="next_cases",
                to="storage.case",
            ),
        ),
        migrations.CreateModel(
            name="PracticeScenario",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.TextField()),
                ("source", models.TextField()),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workspace",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="practice_scenarios",
                        to="storage.workspace",
                    ),
                ),
            ],
            options={
                "ordering": ("key", "id"),
            },
        ),
        migrations.CreateModel(
            name="PracticeAttempt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scenario", models.TextField()),
                ("language", models.CharField(default="en", max_length=8)),
                ("level", models.CharField(blank=True, default="", max_length=16)),
                ("answers", models.JSONField(blank=True, default=dict)),
                ("feedback", models.JSONField(blank=True, default=dict)),
                ("score", models.FloatField(blank=True, null=True)),
                ("recall", models.FloatField(blank=True, null=True)),
                ("precision", models.FloatField(blank=True, null=True)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("finished", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="practice_attempts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workspace_scenario",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="storage.practicescenario",
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "-id"),
            },
        ),
        migrations.CreateModel(
            name="GroupSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scenario", models.TextField()),
                ("language", models.CharField(default="en", max_length=8)),
                ("name", models.TextField(blank=True, default="")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("expires", models.DateTimeField()),
                ("revealed", models.DateTimeField(blank=True, null=True)),
                ("closed", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workspace",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="group_sessions",
                        to="storage.workspace",
                    ),
                ),
                (
                    "workspace_scenario",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="storage.practicescenario",
                    ),
                ),
            ],
            options={
                "ordering": ("-created", "-id"),
            },
        ),
        migrations.CreateModel(
            name="Relationship",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.TextField()),
                ("note", models.TextField(blank=True, default="")),
                ("cadence_months", models.PositiveSmallIntegerField(default=12)),
                ("archived", models.BooleanField(default=False)),
                ("version", models.PositiveIntegerField(default=1)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workspace",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="relationships",
                        to="storage.workspace",
                    ),
                ),
            ],
            options={
                "ordering": ("name", "id"),
            },
        ),
        migrations.CreateModel(
            name="ContractPhase",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start", models.DateField()),
                ("end", models.DateField()),
                ("note", models.TextField(blank=True, default="")),
                (
                    "relationship",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phases",
                        to="storage.relationship",
                    ),
                ),
            ],
            options={
                "ordering": ("start", "id"),
            },
        ),
        migrations.AddField(
            model_name="case",
            name="relationship",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="cases",
                to="storage.relationship",
            ),
        ),
        migrations.CreateModel(
            name="ReminderSent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("due_soon", "Due Soon"), ("overdue", "Overdue")], max_length=16
                    ),
                ),
                ("due", models.DateField()),
                ("recipient", models.TextField()),
                ("sent", models.DateTimeField(auto_now_add=True)),
                (
                    "relationship",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="storage.relationship",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="CaseFactorSummary",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("factor", models.TextField()),
                ("position", models.CharField(default="unknown", max_length=16)),
                ("perception", models.CharField(blank=True, default="", max_length=16)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="factor_summaries",
                        to="storage.case",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["factor", "position"], name="storage_cas_factor_104136_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("case", "factor"), name="one_summary_per_factor"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="GroupParticipant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("nickname", models.TextField()),
                ("secret_hash", models.CharField(max_length=64, unique=True)),
                ("answers", models.JSONField(blank=True, default=dict)),
                ("feedback", models.JSONField(blank=True, default=dict)),
                ("score", models.FloatField(blank=True, null=True)),
                ("joined", models.DateTimeField(auto_now_add=True)),
                ("submitted", models.DateTimeField(blank=True, null=True)),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="storage.groupsession",
                    ),
                ),
            ],
            options={
                "ordering": ("joined", "id"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "nickname"), name="nickname_unique_in_session"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="JournalEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField()),
                ("situation", models.TextField()),
                ("parties", models.TextField(blank=True, default="")),
                ("factor", models.TextField()),
                (
                    "severity",
                    models.CharField(
                        choices=[("nuance", "Nuance"), ("blocking", "Blocking")], max_length=16
                    ),
                ),
                ("next", models.TextField(blank=True, default="")),
                ("version", models.PositiveIntegerField(default=1)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="journal_entries",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "workspace",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="storage.workspace",
                    ),
                ),
            ],
            options={
                "ordering": ("-date", "-id"),
                "indexes": [
                    models.Index(fields=["user", "-date"], name="storage_jou_user_id_6d9c0d_idx")
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="practicescenario",
            constraint=models.UniqueConstraint(
                fields=("workspace", "key"), name="scenario_key_unique_in_workspace"
            ),
        ),
        migrations.AddIndex(
            model_name="practiceattempt",
            index=models.Index(fields=["user", "-created"], name="storage_pra_user_id_b46071_idx"),
        ),
        migrations.AddIndex(
            model_name="relationship",
            index=models.Index(fields=["workspace", "name"], name="storage_rel_workspa_3e648f_idx"),
        ),
        migrations.AddConstraint(
            model_name="contractphase",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gte", models.F("start"))), name="phase_ends_after_start"
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersent",
            constraint=models.UniqueConstraint(
                fields=("relationship", "kind", "due"), name="one_reminder_per_period"
            ),
        ),
    ]
