"""Each room connection's tick: heartbeats, sweeping the presence list, rechecking standing, what the layer missed.

A room's connections in a server process tick together, at the room's own point of the interval
(`until_turn`): one trip to the database thread serves them all (`look_around_crowd`, through
rooms/together.py), and the rooms take turns. A tick writes the heartbeats of the connections heard
from, forgets connections that died without closing (once per room and interval in a process),
reads the member's standing afresh every `recheck_seconds`, and sends what the channel layer
dropped, or brought while it was down (rooms/replay.py). The intervals are the consumer's
(rooms/consumers.py `tick_seconds`, `degraded_tick_seconds`, `recheck_seconds`, `heartbeat_seconds`).
"""

import asyncio
import logging
import time
from dataclasses import dataclass

from channels.db import database_sync_to_async

from forums.streams import viewers
from rooms import access as room_access
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms import replay, shared
from rooms.together import together

logger = logging.getLogger(__name__)

_last_sweep = {}  # room id -> when this process last swept it: one sweep per room and interval, not per connection


@dataclass
class Tick:
    consumer: object  # the RoomConsumer ticking (rooms/consumers.py)
    recheck: bool  # read the member's standing afresh
    back: bool  # the layer is back after an outage: send the room's state again
    beat: bool  # heard from since `last_seen` was written


async def tick(consumer):
    """The connection's ticks, until it leaves. The first comes one to two intervals after arriving."""
    first = True
    while consumer.room is not None and not consumer.closed:
        interval = consumer.tick_seconds if consumer.layer_up else consumer.degraded_tick_seconds
        await _until(consumer, until_turn(consumer.room.pk, interval) + (interval if first else 0))
        first = False
        if consumer.room is None or consumer.closed:
            return
        try:
            await housekeeping(consumer)
        except Exception:
            logger.exception("room %s: housekeeping failed", consumer.group)


async def _until(consumer, seconds):
    """Sleep until the next turn; while the layer is up, an outage noticed meanwhile (a failed receive or
    send) ends the wait at once, so what other processes store reaches this connection from the database
    within the degraded interval rather than after the rest of an ordinary one."""
    if not consumer.layer_up:
        await asyncio.sleep(seconds)
        return
    try:
        await asyncio.wait_for(consumer.layer_went_down.wait(), seconds)
    except TimeoutError:
        pass


async def housekeeping(consumer):
    was_up = consumer.layer_up
    await consumer.join_groups()  # also repairs a membership Redis forgot
    recheck = time.monotonic() - consumer.checked_at >= consumer.recheck_seconds
    if recheck:
        consumer.checked_at = time.monotonic()
    beat, consumer.beat_due = consumer.beat_due, False
    if beat:
        consumer.beat_at = time.monotonic()
    # Messages keep arriving while the database is read: the read covers exactly the ids up to
    # `read_to`, so what the watermark passed meanwhile is simply not sent twice.
    ticking = Tick(consumer, recheck, back=consumer.layer_up and not was_up, beat=beat)
    outcome = await together(consumer.channel_layer, "ticks", look_around_crowd, ticking)
    if isinstance(outcome, Exception):
        raise outcome
    refusal, members, snapshot, (missed, read_to) = outcome
    async with consumer.delivering:
        await replay.send_missed(consumer, missed, read_to)
    if refusal:
        await consumer.close_with(refusal)
        return
    for frame in snapshot:  # back from an outage: what may have changed meanwhile
        await consumer.send_json(frame)
    if members is not None:
        await consumer.tell_room({"type": "presence", "members": members}, to_self=True)


def look_around_crowd(ticks):
    """In the database thread: each ticking connection's housekeeping (`look_around`), the heartbeats
    of the lot written in one statement, the members due a recheck read together; each result, or the
    exception that stopped it."""
    swept = room_presence.heartbeat_many([ticking.consumer.channel_name for ticking in ticks if ticking.beat])
    members = members_now([ticking.consumer for ticking in ticks if ticking.recheck and ticking.consumer.room])
    results = []
    for ticking in ticks:
        consumer = ticking.consumer
        try:
            if consumer.room is None:  # left while waiting for the trip
                results.append((None, None, [], ([], consumer.high)))
                continue
            returned = consumer.channel_name in swept
            if returned:  # swept while its frames waited for this tick: back on the list
                room_presence.arrive(consumer.room, consumer.user, consumer.channel_name)
            member = members.get(consumer.channel_name)
            results.append(look_around(consumer, ticking.recheck, ticking.back, returned=returned, member=member))
        except Exception as exc:  # this connection's own trouble: the others go on
            results.append(exc)
    return results


def members_now(consumers):
    """{channel name: its member as they stand now} for these connections: sessions, accounts and
    suspensions read for them all at once (forums/streams.py `viewers`, rooms/access.py `standings`)."""
    if not consumers:
        return {}
    people = viewers([consumer.scope for consumer in consumers])
    communities = {consumer.room.community_id: consumer.room.community for consumer in consumers}
    standings = room_access.standings(people, communities.values(), roles=False)
    return {
        consumer.channel_name: standings.get(person.pk, person) if person.is_authenticated else person
        for consumer, person in zip(consumers, people, strict=True)
    }


def look_around(consumer, recheck, back, returned=False, member=None):
    """(refusal, presence when it changed, state frames after an outage, what is new after the watermark).

    Called in the database thread for each connection of the room that ticks (`look_around_crowd`);
    `returned`: its heartbeat found it swept off the list, and it has just arrived again; `member`:
    with `recheck`, the member as they stand now, read with the others that recheck in this trip.
    """
    if recheck and (refusal := consumer.refusal(member)):
        return refusal, None, [], ([], consumer.high)
    # What the layer dropped, or brought while it was down: a read shared with the room's other
    # connections while the layer is up; without the layer this is the only way in, so read afresh.
    missed = (shared.since if consumer.layer_up else replay.since)(consumer.room, consumer.high)
    if back:
        consumer.room.refresh_from_db()
        presence, *state = state_frames(consumer.room)
        room = {"type": "room", "state": consumer.room.state, "floor_control": consumer.room.floor_control}
        return None, presence["members"], [room, *state], missed
    swept = sweep_room(consumer.room, consumer.tick_seconds)
    members = room_presence.presence_list(consumer.room) if swept or returned else None
    return None, members, [], missed


def state_frames(room):
    floor = room.floor_user if room.floor_user_id else None
    return [
        {"type": "presence", "members": room_presence.presence_list(room)},
        {"type": "hands", "queue": room_floor.hand_queue(room)},
        {"type": "floor", "user": room_messages.member_payload(floor) if floor else None},
    ]


def sweep_room(room, interval):
    """Forget the room's connections that died without closing, at most once an interval in this
    process; True when someone left the list."""
    now = time.monotonic()
    if now - _last_sweep.get(room.pk, float("-inf")) < interval:
        return False
    _last_sweep[room.pk] = now
    return room_presence.sweep(room) > 0


def until_turn(room_id, interval):
    """Seconds until this room's next turn to tick: the same moment for all its connections in a process,
    the rooms' turns spread over the interval (by the golden ratio, so any number of rooms stay apart)."""
    phase = (room_id * 0.6180339887498949) % 1.0 * interval
    wait = interval - (asyncio.get_running_loop().time() - phase) % interval
    return wait if wait > interval / 4 else wait + interval  # woken a hair early, or a slow tick: the next turn


async def heartbeat(consumer):
    """Any frame says the connection is alive: the tick writes that, off the message path."""
    quiet = time.monotonic() - consumer.beat_at
    if quiet < consumer.heartbeat_seconds:
        return
    consumer.beat_due = True
    if quiet < consumer.quiet_seconds:
        return
    consumer.beat_at, consumer.beat_due = time.monotonic(), False
    members = await database_sync_to_async(_beat)(consumer)
    if members is not None:  # swept while quiet: back on the list
        await consumer.tell_room({"type": "presence", "members": members}, to_self=True)


def _beat(consumer):
    """Refresh this connection's presence; the new list when it had been swept and is back on it."""
    if room_presence.heartbeat(consumer.channel_name):
        return None
    room_presence.arrive(consumer.room, consumer.user, consumer.channel_name)
    return room_presence.presence_list(consumer.room)
