"""Live rooms moved to the `rooms` app: forums forgets their models; the tables stay (rooms/migrations/0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0004_room_round_floor_control"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RoomSession"),
                migrations.DeleteModel(name="HandRaise"),
                migrations.DeleteModel(name="RoomPresence"),
                migrations.DeleteModel(name="RoomMessage"),
                migrations.DeleteModel(name="Room"),
            ],
            database_operations=[],
        ),
    ]
