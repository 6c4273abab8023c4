"""Rooms moved from `forums` to their own app without losing a row (rooms/migrations/0001).

The database is taken back to the schema before the move, filled through the models as they were
then, and migrated forward: every room, message, hand, presence row and session is still there,
readable through the `rooms` app, with the content types moved rather than duplicated.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forums", "0004_room_round_floor_control"), ("rooms", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rooms_and_their_rows_survive_the_move_to_their_own_app():
    old = _migrate(BEFORE)
    User = old.get_model(*settings.AUTH_USER_MODEL.split("."))
    Community = old.get_model("forums", "Community")
    Room = old.get_model("forums", "Room")
    RoomMessage = old.get_model("forums", "RoomMessage")
    HandRaise = old.get_model("forums", "HandRaise")
    RoomPresence = old.get_model("forums", "RoomPresence")
    RoomSession = old.get_model("forums", "RoomSession")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="forums", model="roommessage")

    ailsa = User.objects.create(username="ailsa-move")
    community = Community.objects.create(name="Moved", slug="moved", visibility="open")
    room = Room.objects.create(
        community=community, slug="moving-room", title="Moving", purpose="p", ground_rules="r", state="open"
    )
    first, last = (
        RoomMessage.objects.create(room=room, author=ailsa, body_source=w, body_html=f"<p>{w}</p>", client_id=w)
        for w in ("one", "two")
    )
    HandRaise.objects.create(room=room, user=ailsa)
    RoomPresence.objects.create(room=room, user=ailsa, channel_name="chan-1")
    RoomSession.objects.create(room=room, facilitator=ailsa, key_points="k", first_message=first, last_message=last)

    _migrate(_latest())

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from rooms.models import HandRaise as NewHand
    from rooms.models import Room as NewRoom
    from rooms.models import RoomMessage as NewMessage
    from rooms.models import RoomPresence as NewPresence
    from rooms.models import RoomSession as NewSession

    moved = NewRoom.objects.get(slug="moving-room")
    assert list(NewMessage.objects.filter(room=moved).values_list("body_source", flat=True)) == ["one", "two"]
    assert NewHand.objects.filter(room=moved, user_id=ailsa.pk).exists()
    assert NewPresence.objects.filter(room=moved, channel_name="chan-1").exists()
    session = NewSession.objects.get(room=moved)
    assert (session.first_message_id, session.last_message_id) == (first.pk, last.pk)
    assert CurrentContentType.objects.filter(app_label="rooms", model="roommessage").count() == 1
    assert not CurrentContentType.objects.filter(app_label="forums", model="roommessage").exists()
