"""A room's connections share one read of what was said after their watermarks, and it is never wrong."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rooms import replay, shared
from rooms.messages import send_message
from rooms.models import RoomMessage

pytestmark = pytest.mark.django_db


def _say(room, user, n):
    return [send_message(room, user, f"message {i}", f"c-{i}")[0] for i in range(n)]


def test_connections_at_or_after_the_read_share_it_and_get_what_their_own_read_would(room, fraser, monkeypatch):
    monkeypatch.setattr("rooms.messages.hit", lambda *args, **kwargs: None)  # no rate limit: the test says a lot
    said = _say(room, fraser, 6)
    behind, ahead = said[1].pk, said[3].pk

    with CaptureQueriesContext(connection) as first:
        from_behind = shared.since(room, behind)
    with CaptureQueriesContext(connection) as second:
        from_ahead = shared.since(room, ahead)

    assert len(first.captured_queries) > 0
    assert len(second.captured_queries) == 0  # the read of the connection further behind serves it
    assert from_behind == replay.since(room, behind)
    assert from_ahead == replay.since(room, ahead)
    assert [p["id"] for p in from_ahead[0]] == [m.pk for m in said[4:]]


def test_a_connection_further_behind_than_the_read_reads_for_itself(room, fraser, monkeypatch):
    monkeypatch.setattr("rooms.messages.hit", lambda *args, **kwargs: None)
    said = _say(room, fraser, 4)
    shared.since(room, said[2].pk)
    with CaptureQueriesContext(connection) as reads:
        found = shared.since(room, said[0].pk)
    assert len(reads.captured_queries) > 0
    assert [p["id"] for p in found[0]] == [m.pk for m in said[1:]]


def test_a_message_said_after_the_read_is_not_skipped(room, fraser, monkeypatch):
    monkeypatch.setattr("rooms.messages.hit", lambda *args, **kwargs: None)
    said = _say(room, fraser, 2)
    payloads, read_to = shared.since(room, said[0].pk)
    later = send_message(room, fraser, "later", "c-later")[0]

    payloads, read_to = shared.since(room, said[0].pk)  # still the shared read: it ends before `later`
    assert later.pk > read_to  # so the watermark stops short of it, and the next read brings it
    shared.forget_recent(room.pk)
    assert [p["id"] for p in shared.since(room, read_to)[0]] == [later.pk]


def test_a_message_taken_out_is_not_served_once_the_room_hears_of_it(room, fraser, monkeypatch):
    monkeypatch.setattr("rooms.messages.hit", lambda *args, **kwargs: None)
    said = _say(room, fraser, 3)
    assert said[2].pk in [p["id"] for p in shared.since(room, said[0].pk)[0]]
    RoomMessage.objects.filter(pk=said[2].pk).update(removed=True)
    shared.forget_recent(room.pk)  # what the consumer does on the room's `removed` frame
    assert [p["id"] for p in shared.since(room, said[0].pk)[0]] == [said[1].pk]


def test_a_read_goes_stale_after_a_second(room, fraser, monkeypatch):
    monkeypatch.setattr("rooms.messages.hit", lambda *args, **kwargs: None)
    said = _say(room, fraser, 2)
    clock = [1000.0]
    monkeypatch.setattr(shared.time, "monotonic", lambda: clock[0])
    shared.since(room, said[0].pk)
    later = send_message(room, fraser, "later", "c-later")[0]
    clock[0] += shared.SINCE_FRESH_SECONDS
    assert later.pk in [p["id"] for p in shared.since(room, said[0].pk)[0]]
