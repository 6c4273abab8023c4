"""Live rooms' models, moved here from forums: their tables (forums/migrations/0003 and 0004) stay as they are.

Only Django's idea of which app owns them changes; no row moves. The content types follow, so
permissions given on rooms and anything pointing at a room's content type keep working.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ["room", "roommessage", "roompresence", "roomsession", "handraise"]


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "forums", "rooms")


def move_content_types_back(apps, schema_editor):
    _move(apps, "rooms", "forums")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forums", "0005_rooms_move_to_their_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Room",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("slug", models.SlugField(max_length=120, unique=True)),
                        ("title", models.CharField(max_length=200)),
                        ("purpose", models.TextField(help_text="What the conversation is for.")),
                        (
                            "ground_rules",
                            models.TextField(help_text="Shown to everyone on joining. One rule per line."),
                        ),
                        ("starts_at", models.DateTimeField(blank=True, null=True)),
                        ("ends_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "state",
                            models.CharField(
                                choices=[("open", "Open"), ("closed", "Closed")], default="closed", max_length=8
                            ),
                        ),
                        (
                            "allow_anonymous",
                            models.BooleanField(default=False, help_text="Members may post without their name."),
                        ),
                        (
                            "floor_control",
                            models.BooleanField(
                                default=False, help_text="Only the person with the floor (and facilitators) may post."
                            ),
                        ),
                        (
                            "round_queue",
                            models.JSONField(
                                blank=True, default=list, help_text="Members still to speak in the current round."
                            ),
                        ),
                        (
                            "round_floor_control",
                            models.BooleanField(
                                default=False,
                                help_text="The current round turned floor control on, and turns it off when it ends.",
                            ),
                        ),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        (
                            "community",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="rooms", to="forums.community"
                            ),
                        ),
                        (
                            "floor_user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_room",
                        "ordering": ["title"],
                    },
                ),
                migrations.CreateModel(
                    name="RoomMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("anonymous", models.BooleanField(default=False)),
                        ("body_source", models.TextField()),
                        ("body_html", models.TextField()),
                        ("client_id", models.CharField(max_length=64)),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        ("removed", models.BooleanField(default=False)),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "room",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="messages", to="rooms.room"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_roommessage",
                        "ordering": ["pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RoomPresence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("channel_name", models.CharField(max_length=200, unique=True)),
                        ("last_seen", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        (
                            "room",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="presence", to="rooms.room"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_roompresence",
                    },
                ),
                migrations.CreateModel(
                    name="RoomSession",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key_points", models.TextField()),
                        ("actions", models.TextField(blank=True)),
                        ("participation", models.JSONField(default=dict)),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        (
                            "facilitator",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "first_message",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="rooms.roommessage",
                            ),
                        ),
                        (
                            "last_message",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="rooms.roommessage",
                            ),
                        ),
                        (
                            "room",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="sessions", to="rooms.room"
                            ),
                        ),
                        (
                            "thread",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="forums.thread",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_roomsession",
                    },
                ),
                migrations.CreateModel(
                    name="HandRaise",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("raised_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "room",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="hands", to="rooms.room"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_handraise",
                        "ordering": ["raised_at", "pk"],
                        "constraints": [models.UniqueConstraint(fields=("room", "user"), name="one_hand_per_member")],
                    },
                ),
                migrations.AddIndex(
                    model_name="roommessage",
                    index=models.Index(fields=["room", "id"], name="forums_room_room_id_26cbf5_idx"),
                ),
                migrations.AddConstraint(
                    model_name="roommessage",
                    constraint=models.UniqueConstraint(
                        fields=("room", "author", "client_id"), name="one_message_per_client_id"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
