"""Room news reaches every connection once the change that caused it commits, whichever path made it.

Room actions (a message sent, a hand raised, the floor given, the room closed by the end of a
session) call `announce` or `announce_message`; the frames go to the room's group after the
transaction commits, so no one hears of a change the database might still roll back. The channel
layer only carries news: when it is down the frames are dropped here with a warning, and each
connection catches up from the database (rooms/replay.py, rooms/housekeeping.py).

A connection that made the change gets its frames directly as well (it must not depend on the
layer for its own acknowledgement), so the group copy skips it; and the consumer sends the group
copies itself from the event loop once its trip to the database thread is back: see `Acting`.

Groups: `room-<id>` holds every connection in a room; `room-member-<user id>` holds every room
connection of one member, so a change in their standing reaches all of them at once (rooms/signals.py).
"""

import json
import logging
from contextvars import ContextVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


class Acting:
    """The connection (or the batch of connections) whose frames caused the current change.

    The consumer sets one in `acting` around each trip to the database thread; the announcements
    made on commit are collected: its own copy in `events` (the consumer sends them to its own
    socket), and what the room's group is to hear in `sends`, skipping it, which the consumer sends
    from the event loop once the trip is back (`send_collected`) instead of hopping back to the loop
    from the database thread for each. `channel_name` None: a batch of several connections' messages
    (rooms/together.py, rooms/crowd.py), whose senders take their copies from what the batch returns.
    """

    def __init__(self, channel_name=None):
        self.channel_name = channel_name
        self.events = []
        self.sends = []  # (group, events)


acting = ContextVar("acting", default=None)


def room_group(room_id):
    return f"room-{room_id}"


def member_group(user_id):
    return f"room-member-{user_id}"


def frame_event(frame, skip=None):
    return {"type": "room.frame", "text": json.dumps(frame), "skip": skip}


def message_event(payload, previous_id, skip=None):
    """A new message, with the id of the room's message before it.

    `previous` lets each connection deliver messages in id order with no gap: one that has not yet
    sent `previous` holds this message back until it has (rooms/replay.py `deliver`).
    """
    text = json.dumps({"type": "message", "message": payload})
    return {"type": "room.message", "id": payload["id"], "previous": previous_id, "text": text, "skip": skip}


def messages_event(items):
    """Several new messages of one room, each with the id of the message before it, as one group event."""
    return {"type": "room.messages", "messages": [message_event(payload, previous) for payload, previous in items]}


def announce(room_id, *frames):
    """After commit: send each frame to everyone in the room."""
    _on_commit(room_id, lambda skip: [frame_event(frame, skip) for frame in frames])


def announce_message(room_id, payload, previous_id):
    """After commit: a new message, to everyone in the room."""
    _on_commit(room_id, lambda skip: [message_event(payload, previous_id, skip)])


def announce_messages(room_id, items):
    """After commit: new messages of one room, (payload, previous id) each in id order, in one event for the room."""
    if len(items) == 1:
        announce_message(room_id, *items[0])
    else:
        _on_commit(room_id, lambda skip: [messages_event(items)])


def recheck_member(user_id):
    """After commit: every room connection of this member checks at once that they may still be there."""
    transaction.on_commit(lambda: _send(member_group(user_id), [{"type": "room.recheck", "user_id": user_id}]))


def recheck_room(room_id):
    """After commit: every connection in the room checks that its member may still be there."""
    event = {"type": "room.recheck", "user_id": None}  # None: whoever the connection's member is
    transaction.on_commit(lambda: _send(room_group(room_id), [event]))


def _on_commit(room_id, events_for):
    actor = acting.get()

    def send():
        if actor is None:
            _send(room_group(room_id), events_for(None))
            return
        if actor.channel_name is not None:
            actor.events.extend(events_for(None))
        actor.sends.append((room_group(room_id), events_for(actor.channel_name)))

    transaction.on_commit(send)


async def send_collected(layer, actor):
    """From the event loop: what an action collected for the room's groups (see `Acting`)."""
    sends, actor.sends = actor.sends, []
    if layer is None:
        return
    try:
        for group, events in sends:
            for event in events:
                await layer.group_send(group, event)
    except Exception as exc:  # the database has it; connections catch up on their own
        logger.warning("channel layer unavailable, the room catches up from the database: %s", exc)


def _send(group, events):
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        for event in events:
            async_to_sync(layer.group_send)(group, event)
    except Exception as exc:  # the database has it; connections catch up on their own
        logger.warning("channel layer unavailable, %s catches up from the database: %s", group, exc)
