"""Who is in a room: one row per open connection, kept fresh by heartbeats and swept when they stop.

A crowd arriving or leaving changes the list many times a second: each room hears it at most once
in PRESENCE_GATHER_SECONDS from each server process, read once, instead of once per arrival (n²
frames): `announce_soon`, which the consumer calls as a connection arrives or leaves.
"""

import asyncio
import json
import logging
from datetime import timedelta

from channels.db import database_sync_to_async
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from rooms import broadcast
from rooms.messages import member_payload
from rooms.models import HandRaise, RoomPresence

PRESENCE_TIMEOUT = timedelta(seconds=60)
TYPING_INTERVAL = 1  # seconds: one typing signal a second per member is plenty
PRESENCE_GATHER_SECONDS = 1.0
_presence_due = {}  # room id -> the task about to send that room its presence list

logger = logging.getLogger(__name__)


def arrive(room, user, channel_name):
    """Count a connection as present."""
    arrive_many([(room, user, channel_name)])


def arrive_many(arrivals):
    """Count several connections, (room, user, channel name) each, as present in one statement: a thousand
    arrive within seconds when a session starts, and a server process lets them in a crowd at a time."""
    if not arrivals:
        return
    now = timezone.now()
    RoomPresence.objects.bulk_create(
        [RoomPresence(room=room, user=user, channel_name=channel, last_seen=now) for room, user, channel in arrivals],
        update_conflicts=True,
        unique_fields=["channel_name"],
        update_fields=["room", "user", "last_seen"],
    )


def heartbeat(channel_name):
    """Refresh a connection's presence; 0 when it was already swept (it must arrive again)."""
    return RoomPresence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def heartbeat_many(channel_names):
    """Refresh several connections' presence in two statements; the names among them that were already swept."""
    if not channel_names:
        return set()
    rows = RoomPresence.objects.filter(channel_name__in=channel_names)
    rows.update(last_seen=timezone.now())
    return set(channel_names) - set(rows.values_list("channel_name", flat=True))  # swept before or after: arrive


def may_signal_typing(room, user):
    """True at most once a TYPING_INTERVAL per member and room, across every connection and process."""
    return cache.add(f"room-typing:{room.pk}:{user.pk}", 1, TYPING_INTERVAL)


def leave(channel_name, room=None, user=None):
    """Forget a connection; True when that was the member's last one here and their raised hand went with them."""
    RoomPresence.objects.filter(channel_name=channel_name).delete()
    if room is None or user is None or RoomPresence.objects.filter(room=room, user=user).exists():
        return False
    return HandRaise.objects.filter(room=room, user=user).delete()[0] > 0


def sweep(room):
    """Forget connections that stopped sending heartbeats (a process died, a laptop closed)."""
    return RoomPresence.objects.filter(room=room, last_seen__lt=timezone.now() - PRESENCE_TIMEOUT).delete()[0]


def present_members(room):
    fresh = RoomPresence.objects.filter(room=room, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)
    return fresh.values("user_id").annotate(arrived=Min("id")).order_by("arrived")


# What a member's entry on the list is made of (rooms/messages.py `member_payload`): the list is read
# for every room each second while a crowd arrives, so only these columns are read.
MEMBER_FIELDS = (
    "user__id",
    "user__username",
    "user__first_name",
    "user__last_name",
    "user__profile__display_name",
    "user__profile__level",
)


def presence_list(room):
    rows = (
        RoomPresence.objects.filter(room=room, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)
        .select_related("user__profile")
        .only("user_id", *MEMBER_FIELDS)
        .order_by("pk")
    )
    seen, members = set(), []
    for row in rows:
        if row.user_id not in seen:
            seen.add(row.user_id)
            members.append(member_payload(row.user))
    return members


def announce_soon(layer, room):
    """In a moment, send the room its presence list: once for everyone who arrived or left meanwhile."""
    loop = asyncio.get_running_loop()
    due = _presence_due.get(room.pk)
    if due is not None and not due.done() and due.get_loop() is loop:
        return
    _presence_due[room.pk] = loop.create_task(_announce(layer, room))


async def _announce(layer, room):
    await asyncio.sleep(PRESENCE_GATHER_SECONDS)
    _presence_due.pop(room.pk, None)  # a change from now on is told again
    try:
        members = await database_sync_to_async(presence_list)(room)
        frame = json.dumps({"type": "presence", "members": members})
        event = {"type": "room.frame", "text": frame, "skip": None, "presence": True}
        await layer.group_send(broadcast.room_group(room.pk), event)
    except Exception as exc:  # the layer or the database is away: the next change, or the tick, tells it
        logger.warning("room %s: could not send who is here: %s", room.slug, exc)
