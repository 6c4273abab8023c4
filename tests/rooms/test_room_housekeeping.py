"""What a server process does for its room connections between messages: ticks, and the collector after a crowd.

A thousand members who arrived together used to tick on their own, a trip to the database thread
each, and the collector's full pass their arrival made due fell in the middle of the conversation.
These stories hold that a room's connections tick in one trip, and that the pass comes once the
crowd has settled. Every story runs on the in-memory channel layer and on Redis.
"""

import asyncio
import gc

import pytest

from rooms import crowd, housekeeping
from rooms.consumers import RoomConsumer
from rooms.models import RoomPresence
from tests.factories import MemberFactory, member_of
from tests.rooms.test_room_consumer import do, join, next_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def priya(room):
    user = MemberFactory(username="priya", profile__level="strategic")
    member_of(room.community, user)
    return user


async def test_a_rooms_connections_tick_together_in_one_trip_to_the_database(
    use_channel_layer, room, fiona, fraser, priya, monkeypatch
):
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.3)
    trips, look_around = [], housekeeping.look_around_crowd

    def counted(ticks):
        trips.append(sorted(tick.consumer.user.username for tick in ticks))
        return look_around(ticks)

    monkeypatch.setattr(housekeeping, "look_around_crowd", counted)
    everyone = [(await join(room, person))[0] for person in (fiona, fraser, priya)]
    await asyncio.sleep(1.5)  # the first tick comes one to two intervals after arriving, then every interval
    assert trips, "the connections ticked"
    assert trips[-1] == ["fiona", "fraser", "priya"], f"each tick is one trip for the whole room: {trips}"
    for communicator in everyone:
        await communicator.disconnect()


async def test_a_member_who_sends_a_frame_after_being_swept_is_back_on_the_list_by_the_next_tick(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    """The heartbeats of a tick are written together; a connection whose row was swept arrives again."""
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.3)
    monkeypatch.setattr(RoomConsumer, "heartbeat_seconds", 0)
    listener, _ = await join(room, fiona)
    quiet, _ = await join(room, fraser)
    await next_of(listener, "presence")
    await do(lambda: RoomPresence.objects.filter(user=fraser).delete())  # swept by another process
    await quiet.send_json_to({"type": "ping"})
    await next_of(quiet, "pong")
    for _ in range(30):
        if await do(RoomPresence.objects.filter(user=fraser).exists):
            break
        await asyncio.sleep(0.1)
    assert await do(RoomPresence.objects.filter(user=fraser).exists), "the next arrival sees him on the list"
    for communicator in (quiet, listener):
        await communicator.disconnect()


async def test_the_collector_makes_its_full_pass_once_a_crowd_has_settled_not_after_each_arrival(
    use_channel_layer, room, fiona, fraser, priya, monkeypatch
):
    monkeypatch.setattr(crowd, "CROWD_FOR_COLLECTION", 3)
    monkeypatch.setattr(crowd, "COLLECT_AFTER_SECONDS", 0.2)
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    first = [(await join(room, person))[0] for person in (fiona, fraser)]
    await asyncio.sleep(0.5)
    assert calls == [], "two arrivals are not a crowd"
    last, _ = await join(room, priya)
    assert calls == [], "the pass waits until no one has arrived for a moment"
    await asyncio.sleep(0.5)
    assert calls == ["unfreeze", "collect", "freeze"], "one full pass, then what survived is set aside"
    for communicator in [*first, last]:
        await communicator.disconnect()
