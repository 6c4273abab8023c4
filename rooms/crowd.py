"""A crowd arriving and speaking: what its trips to the database thread do (rooms/together.py).

When a session starts, hundreds of members arrive within seconds. Connections that arrive while
the previous crowd is being let in (or within `together.GATHER_SECONDS` of the first) wait for one
trip to the database thread together: the members, their standing (rooms/access.py `standings`),
the rooms' shared views (rooms/shared.py) and one presence write for the lot, instead of a trip and
about six queries each. Each connection still gets its own answer, decided by the same rule. The
messages a process's connections send at about the same time are stored the same way, a batch at a
time (`send_crowd`).
"""

import asyncio
import copy
import gc
import json
import time
import weakref
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import prefetch_related_objects

from forums.streams import viewers
from rooms import access as room_access
from rooms import broadcast, housekeeping, replay, shared
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms.together import together

NOT_FOUND = 4404


@dataclass
class Arrival:
    consumer: object  # the RoomConsumer arriving (rooms/consumers.py)
    slug: str
    after: int | None
    person: object = None  # who the socket's session says is behind it, read with the crowd's (`let_in`)
    joined: float | None = None  # when it joined the room's group, if before the trip in (None: it joins after)


async def let_in(arrival):
    """(refusal, frames as text) for one connection, decided with the crowd arriving at the same time.

    Who is behind each socket is read from its session with the crowd's (forums.streams `viewers`:
    two queries for the lot, not a trip and two queries a socket). Then the connection joins its
    room's group and its member's, at once when this process knows the room (else right after
    arriving, and catches up), before the trip that reads the member's standing and what the room
    said: a change made meanwhile reaches it through the groups, so nothing falls between the two.
    """
    consumer = arrival.consumer
    person = await together(consumer.channel_layer, "callers", viewers, consumer.scope)
    if isinstance(person, Exception):
        raise person
    arrival.person = person
    room_id = shared.known_room_id(arrival.slug)
    if room_id is not None and person.is_authenticated:
        consumer.group = broadcast.room_group(room_id)
        arrival.joined = time.monotonic() if await consumer.join_groups(person.pk) else None
    outcome = await together(consumer.channel_layer, "arrivals", enter_crowd, arrival)
    collect_after_crowd()
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def enter_crowd(crowd):
    """In the database thread: each arrival's (refusal, frames), or the exception that stopped it."""
    views = {slug: shared.room_view(slug) for slug in {arrival.slug for arrival in crowd}}
    _forget_signed_out(crowd)
    users = {arrival.person.pk: arrival.person for arrival in crowd if arrival.person.is_authenticated}
    prefetch_related_objects(list(users.values()), "profile")
    communities = {view.room.community_id: view.room.community for view in views.values() if view is not None}
    standings = room_access.standings(users.values(), communities.values())
    since, results, present = _said_since(crowd, views), [], []
    for arrival in crowd:
        consumer, person = arrival.consumer, arrival.person
        user = users[person.pk] if person.is_authenticated else person
        try:
            standing = standings.get(getattr(user, "pk", None))
            result = enter(arrival, views[arrival.slug], user, standing, since)
        except Exception as exc:  # this connection's own trouble (a client too far behind): the others go on
            result = exc
        if not isinstance(result, Exception) and result[0] is None:
            present.append((consumer.room, consumer.user, consumer.channel_name))
        results.append(result)
    room_presence.arrive_many(present)
    for room, _user, _channel in present:
        housekeeping.sweep_room(room, crowd[0].consumer.tick_seconds)
    return results


def _forget_signed_out(crowd):
    """Arrivals whose session was read before they joined their member's group are read again now, after:
    a sign-out (or a password change, a deactivation) that came in between told an empty group, so it is
    found here and the arrival is refused as signed out. Two queries for the crowd (forums.streams `viewers`)."""
    joined = [arrival for arrival in crowd if arrival.joined is not None and arrival.person.is_authenticated]
    if not joined:
        return
    for arrival, now in zip(joined, viewers([arrival.consumer.scope for arrival in joined]), strict=True):
        if getattr(now, "pk", None) != arrival.person.pk:
            arrival.person = AnonymousUser()


def _said_since(crowd, views):
    """{room id: ([], watermark)} for the rooms whose view is older than an arrival but where nothing was said since.

    Read after every connection of the crowd joined its room's group: the rooms' newest ids in one
    query, so only a room that did hear something meanwhile is read message by message (`enter`).
    """
    stale = {}
    for arrival in crowd:
        view = views[arrival.slug]
        if view is not None and arrival.after is None and arrival.joined is not None and view.read_at < arrival.joined:
            stale[view.room.pk] = view
    newest = room_messages.last_message_ids(stale) if stale else {}
    return {pk: ([], view.high) for pk, view in stale.items() if newest.get(pk, 0) <= view.high}


def enter(arrival, view, user, standing, since):
    """(refusal, frames): whether this person may enter and, if so, welcome, history, presence, hands, floor (as text).

    Called in the database thread for each connection of a crowd (`enter_crowd`), with what was
    read once for the crowd: the room's shared view (rooms/shared.py), the member, their standing,
    and what each room said since its view was read. The presence row is written for the crowd.
    """
    consumer = arrival.consumer
    if view is None:
        return NOT_FOUND, None
    room = copy.copy(view.room)  # this connection's own: facilitation refreshes it
    refusal = room_access.refusal(room, standing if standing is not None else user)
    if refusal:
        return refusal, None
    if arrival.after is None:
        history, high = view.history, view.high
        if arrival.joined is not None and view.read_at < arrival.joined:  # read before this joined the group
            if room.pk not in since:  # read after every connection of the crowd joined: one read serves all
                since[room.pk] = replay.since(room, high)
            history, high = replay.with_since(history, *since[room.pk])
    else:
        history, high = replay.arrival_history(room, arrival.after)  # a client too far behind goes no further
    consumer.room, consumer.user, consumer.high = room, user, high
    consumer.me = room_messages.member_payload(user)
    facilitator, moderator = room_access.roles(room, standing)
    members = shared.arrived(view, consumer.me)
    welcome = {
        "type": "welcome",
        "room": {
            "slug": room.slug,
            "title": room.title,
            "purpose": room.purpose,
            "ground_rules": room.rules,
            "state": room.state,
            "allow_anonymous": room.allow_anonymous,
            "floor_control": room.floor_control,
        },
        "you": {**consumer.me, "facilitator": facilitator, "moderator": moderator},
    }
    consumer.presence_sent = json.dumps({"type": "presence", "members": members})
    return None, [
        json.dumps(welcome),
        view.history_text if history is view.history else json.dumps(history),  # the room's, encoded once
        consumer.presence_sent,
        json.dumps({"type": "hands", "queue": view.hands}),
        json.dumps({"type": "floor", "user": view.floor}),
    ]


def send_crowd(sends):
    """In the database thread: each connection's message stored as `room_messages.send_messages` decides.

    Each sender is read from their session afresh (signed out a moment ago: refused), the batch's
    sessions and accounts in two queries; the result is (payload, created, this room's new messages
    as events in id order) or the refusal.
    """
    senders = viewers([scope for _room, scope, *_ in sends])
    batch = [
        (room, sender, body, client_id, bool(anonymous))
        for (room, _scope, body, client_id, anonymous), sender in zip(sends, senders, strict=True)
    ]
    results = room_messages.send_messages(batch)
    payloads, announced = {}, {}  # message id -> payload; room id -> the events of its new messages, in id order
    for (room, *_), result in zip(batch, results, strict=True):
        if not isinstance(result, Exception):
            message, created = result
            if message.pk not in payloads:
                payloads[message.pk] = room_messages.message_payload(message)
                if created:
                    announced.setdefault(room.pk, []).append(
                        broadcast.message_event(payloads[message.pk], message.previous_id)
                    )
    outcomes = []
    for (room, *_), result in zip(batch, results, strict=True):
        if isinstance(result, Exception):
            outcomes.append(result)
        else:
            message, created = result
            outcomes.append((payloads[message.pk], created, announced.get(room.pk, []) if created else []))
    return outcomes


# A crowd arriving leaves hundreds of thousands of new long-lived objects (sockets, consumers, their
# queues), and Python's collector makes a full pass over everything once the newcomers are a quarter
# of what it tracked before: a pause of 150-300 ms for every room of the process, due just as the
# session gets talking, and again every few seconds of talk. Once at least CROWD_FOR_COLLECTION have
# arrived and no one else has for COLLECT_AFTER_SECONDS, the process makes that pass itself, then sets
# what survived aside (`gc.freeze`, as cop_site/asgi.py does after start-up): later passes walk only
# what is newer, a few milliseconds. What was set aside is walked again at the next crowd's pass, so
# the cycles of the connections that left since are collected then.
CROWD_FOR_COLLECTION = 100
COLLECT_AFTER_SECONDS = 1.0
_collections = weakref.WeakKeyDictionary()  # event loop -> [arrivals since its last pass, the pass waiting]


def collect_after_crowd():
    loop = asyncio.get_running_loop()
    state = _collections.setdefault(loop, [0, None])
    state[0] += 1
    if state[1] is not None:
        state[1].cancel()
    if state[0] >= CROWD_FOR_COLLECTION:
        state[1] = loop.call_later(COLLECT_AFTER_SECONDS, _collect, state)


def _collect(state):
    state[0], state[1] = 0, None
    gc.unfreeze()
    gc.collect()
    gc.freeze()
