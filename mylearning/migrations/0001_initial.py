"""Member learning's models, moved here from learning: their tables (learning/migrations/0007) stay as they are.

Only Django's idea of which app owns them changes; no row moves. The content types follow, so
permissions given on these models and anything pointing at their content types keep working.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["bookmark", "pathwayenrolment", "stepprogress", "practiceuse", "pagereadday", "memberread"]


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "learning", "mylearning")


def move_content_types_back(apps, schema_editor):
    _move(apps, "mylearning", "learning")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("learning", "0010_member_learning_moves_to_mylearning"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PathwayEnrolment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("started", models.DateTimeField(default=django.utils.timezone.now)),
                        ("completed", models.DateTimeField(blank=True, null=True)),
                        (
                            "pathway",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="enrolments",
                                to="learning.learningpathwaypage",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pathway_enrolments",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_pathwayenrolment",
                        "ordering": ["-started", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="PracticeUse",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=500)),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="practice_uses",
                                to="learning.contentpage",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="practice_uses",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_practiceuse",
                        "ordering": ["-created", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="StepProgress",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("step_id", models.CharField(max_length=64)),
                        ("done", models.DateTimeField(blank=True, null=True)),
                        ("plan", models.TextField(blank=True, max_length=4000)),
                        ("act", models.TextField(blank=True, max_length=4000)),
                        ("observe", models.TextField(blank=True, max_length=4000)),
                        ("reflect", models.TextField(blank=True, max_length=4000)),
                        ("updated", models.DateTimeField(default=django.utils.timezone.now)),
                        ("shared_url", models.CharField(blank=True, max_length=300)),
                        ("shared", models.DateTimeField(blank=True, null=True)),
                        (
                            "enrolment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="steps",
                                to="mylearning.pathwayenrolment",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_stepprogress",
                        "ordering": ["pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Bookmark",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contenttypes.contenttype",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="bookmarks",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_bookmark",
                        "ordering": ["-created", "-pk"],
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="learning_bo_content_4b7b18_idx")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "content_type", "object_id"), name="one_bookmark_per_target"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="MemberRead",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("first_read", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_read", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("reads", models.PositiveIntegerField(default=1)),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="page_reads",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_memberread",
                        "ordering": ["-last_read", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "page"), name="one_member_read_per_page")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PageReadDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField()),
                        ("reads", models.PositiveIntegerField(default=0)),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "learning_pagereadday",
                        "indexes": [models.Index(fields=["day"], name="learning_pa_day_d982af_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("page", "day"), name="one_read_count_per_page_and_day")
                        ],
                    },
                ),
                migrations.AddConstraint(
                    model_name="pathwayenrolment",
                    constraint=models.UniqueConstraint(fields=("user", "pathway"), name="one_enrolment_per_pathway"),
                ),
                migrations.AddConstraint(
                    model_name="practiceuse",
                    constraint=models.UniqueConstraint(fields=("user", "page"), name="one_practice_use_per_page"),
                ),
                migrations.AddConstraint(
                    model_name="stepprogress",
                    constraint=models.UniqueConstraint(fields=("enrolment", "step_id"), name="one_progress_per_step"),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
