"""Live streams: store an event, then broadcast it after commit; replay what a client missed.

Comment threads, forum threads and (later) rooms all use this one machinery: the event id is the
LiveEvent row id, which only grows, so "everything after id N" is exact and ordered.

That needs a stream's events to commit in id order. SQLite serialises writers (transactions start
IMMEDIATE), so they do. PostgreSQL hands out ids when rows are inserted, not when they commit: two
replies posted at once could commit as 11 then 10, and a client that saw 11 and reconnected with
`?after=11` would never get 10. So on PostgreSQL, `publish` first takes a transaction-scoped
advisory lock on the stream: the next event on that stream waits until this one's transaction ends.
"""

import logging
import zlib

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction

from forums.models import LiveEvent

logger = logging.getLogger(__name__)
REPLAY_LIMIT = 500  # beyond this a client is told to reload instead of receiving an unbounded backlog


def group_name(stream):
    return "live." + stream.replace(":", ".")


def stream_lock_key(stream):
    """A stable signed 64-bit key for PostgreSQL's advisory locks, kept apart from other users' keys."""
    return (0x4C49 << 32) | zlib.crc32(stream.encode())


def commit_in_order(stream):
    """Inside a transaction: the next row added to `stream` waits until this transaction ends.

    So rows of one stream commit in id order, on both databases (see the module's docstring). Live
    rooms call this for their messages too (rooms/messages.py).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [stream_lock_key(stream)])


def publish(stream, type, payload):
    """Record an event in the current transaction and broadcast it once that commits."""
    with transaction.atomic():
        commit_in_order(stream)
        event = LiveEvent.objects.create(stream=stream, type=type, payload=payload)
    frame = event.as_frame()
    transaction.on_commit(lambda: broadcast(stream, frame))
    return event


def broadcast(stream, frame):
    """Send to everyone watching; a channel layer outage loses nothing (clients replay from the log)."""
    try:
        async_to_sync(get_channel_layer().group_send)(group_name(stream), {"type": "live.event", "frame": frame})
    except Exception as exc:  # Redis down: the event is in the database, reconnecting clients catch up
        logger.warning("live broadcast on %s failed, clients will catch up on reconnect: %s", stream, exc)


def replay(stream, after, limit=REPLAY_LIMIT):
    """(frames after `after`, complete): complete is False when there were more than `limit`."""
    events = list(LiveEvent.objects.filter(stream=stream, pk__gt=after).order_by("pk")[: limit + 1])
    return [event.as_frame() for event in events[:limit]], len(events) <= limit


def latest_event_id(stream):
    last = LiveEvent.objects.filter(stream=stream).order_by("-pk").values_list("pk", flat=True).first()
    return last or 0
