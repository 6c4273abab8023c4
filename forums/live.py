"""Live streams: store an event, then broadcast it after commit; replay what a client missed.

Comment threads, forum threads and (later) rooms all use this one machinery: the event id is the
LiveEvent row id, which only grows, so "everything after id N" is exact and ordered.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from forums.models import LiveEvent

logger = logging.getLogger(__name__)
REPLAY_LIMIT = 500  # beyond this a client is told to reload instead of receiving an unbounded backlog


def group_name(stream):
    return "live." + stream.replace(":", ".")


def publish(stream, type, payload):
    """Record an event in the current transaction and broadcast it once that commits."""
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
