"""What a connection is owed from the database: the room's history on arriving, and any gap in what it was sent.

Within a room, messages commit in id order (rooms/messages.py), so "the messages after id N" read
at any moment is exact: nothing with a lower id can still appear. A connection keeps the highest
id it has sent (its watermark) and asks here for whatever lies between that and a newer message.
"""

from rooms.messages import HISTORY_PAGE, last_message_id, message_payload
from rooms.models import RoomMessage

REPLAY_LIMIT = 500  # a client further behind than this is told to reload (a `reload` frame) instead


class TooFarBehind(Exception):
    """`?after=` is more than REPLAY_LIMIT messages behind."""


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
