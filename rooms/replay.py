"""What a connection is owed from the database: the room's history on arriving, and any gap in what it was sent.

Within a room, messages commit in id order (rooms/messages.py), so "the messages after id N" read
at any moment is exact: nothing with a lower id can still appear. A connection keeps the highest
id it has sent (its watermark) and asks here for whatever lies between that and a newer message.

Exact resume. A connection sends a message only when everything up to the one before it has been
sent (`deliver`): one that arrives early (the layer reordered two senders, or the sender's own copy
overtook someone else's) is held until its predecessor comes through the layer, or is read from the
database after a short wait (`fill_gap`). So message frames leave in increasing id order with no gap,
and a client that reconnects with `?after=` the highest id it saw loses nothing and gets nothing twice.
The watermark, the held messages and the lock around them are the connection's own (rooms/consumers.py).
"""

import asyncio
import logging

from channels.db import database_sync_to_async

from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms.messages import HISTORY_PAGE, last_message_id, message_payload
from rooms.models import RoomMessage

logger = logging.getLogger(__name__)

REPLAY_LIMIT = 500  # a client further behind than this is told to reload (a `reload` frame) instead


class TooFarBehind(Exception):
    """`?after=` is more than REPLAY_LIMIT messages behind."""

    def frame(self):
        """The `reload` frame the client is sent before the socket closes: it starts again from the latest."""
        detail = f"More than {REPLAY_LIMIT} messages were said while you were away: here are the latest."
        return {"type": "reload", "detail": detail}


def arrival_history(room, after):
    """(the `history` frame, the watermark): what a connection arriving sends first, and the id it sent up to.

    Without `after`, the latest HISTORY_PAGE messages and `has_more` for older ones. With it, every
    message after it, or TooFarBehind. The watermark is the room's highest id when this was read
    (removed messages included), so the connection sends nothing twice and passes nothing over.
    """
    last = last_message_id(room)
    visible = RoomMessage.objects.filter(room=room, removed=False, pk__lte=last).select_related("author__profile")
    if after is None:
        page = list(visible.order_by("-pk")[: HISTORY_PAGE + 1])
        messages, has_more = list(reversed(page[:HISTORY_PAGE])), len(page) > HISTORY_PAGE
    else:
        missed = visible.filter(pk__gt=after).order_by("pk")
        messages = list(missed[: REPLAY_LIMIT + 1])
        if len(messages) > REPLAY_LIMIT:
            raise TooFarBehind
        has_more = False
    frame = {"type": "history", "messages": [message_payload(m) for m in messages], "has_more": has_more}
    return frame, last


def since(room, after, limit=REPLAY_LIMIT):
    """(payloads of the visible messages after `after`, the id read up to): a gap filled from the database.

    At most `limit` rows are read (removed ones count, and are passed over), so the id read up to may
    be short of the room's newest: the next call goes on from there.
    """
    newer = RoomMessage.objects.filter(room=room, pk__gt=after).select_related("author__profile")
    rows = list(newer.order_by("pk")[:limit])
    if not rows:
        return [], after
    return [message_payload(m) for m in rows if not m.removed], rows[-1].pk


def with_since(history, payloads, read_to):
    """A fresh arrival's history frame with what was said after it was read, and the new watermark."""
    if not payloads:
        return history, read_to
    messages = [*history["messages"], *payloads]
    has_more = history["has_more"] or len(messages) > HISTORY_PAGE
    return {**history, "messages": messages[-HISTORY_PAGE:], "has_more": has_more}, read_to


def older(room, user, before):
    """The `history` frame a member asked for: the page of messages before `before`."""
    room_floor.limit_signals(user, "history")
    messages, more = room_messages.history(room, before=before)
    return {
        "type": "history",
        "messages": [message_payload(m) for m in messages],
        "has_more": more,
    }


# --- a connection's messages, in order ----------------------------------------------------------------
async def deliver(consumer, event):
    """Send a message once its predecessor has been sent; hold it (and fill the gap soon) otherwise."""
    async with consumer.delivering:
        if event["id"] <= consumer.high:
            return  # sent already (from history, the database, or another copy)
        if event["previous"] <= consumer.high:
            await consumer.send(text_data=event["text"])
            consumer.high = event["id"]
            await release_held(consumer)
            return
        consumer.held[event["id"]] = (event["previous"], event["text"])
    if consumer.gap_filler is None:
        consumer.gap_filler = asyncio.create_task(fill_gap(consumer))


async def release_held(consumer):
    for message_id in sorted(consumer.held):
        previous, text = consumer.held[message_id]
        if message_id <= consumer.high:
            del consumer.held[message_id]
        elif previous <= consumer.high:
            del consumer.held[message_id]
            await consumer.send(text_data=text)
            consumer.high = message_id
        else:
            return


async def fill_gap(consumer):
    """Wait a moment for the missing messages to come through the layer, then read them from the database."""
    try:
        if consumer.layer_up:
            await asyncio.sleep(consumer.reorder_seconds)
        while consumer.held and consumer.room is not None and not consumer.closed:
            await catch_up(consumer)
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("room %s: filling a gap failed", consumer.group)
    finally:
        consumer.gap_filler = None


async def catch_up(consumer):
    """Send whatever the database has after the watermark (what the layer reordered, dropped or never brought)."""
    async with consumer.delivering:
        room = consumer.room
        if room is None:
            return
        await send_missed(consumer, *await database_sync_to_async(since)(room, consumer.high))


async def send_missed(consumer, payloads, read_to):
    """Send messages read from the database after the watermark, then move it to where the read ended."""
    for payload in payloads:
        if payload["id"] > consumer.high:
            await consumer.send_json({"type": "message", "message": payload})
            consumer.high = payload["id"]
    consumer.high = max(consumer.high, read_to)
    await release_held(consumer)
