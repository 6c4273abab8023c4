"""What the connections of one server process share about a room, so a crowd arriving at once reads it once.

When a session starts, hundreds of members arrive within seconds, and each needs the same things:
the room, its latest messages, raised hands, who has the floor, who is here. Each connection used
to read them all itself, one after another through Channels' single database thread. Here they are
read once per room and process and shared for `FRESH_SECONDS`, and forgotten as soon as this
process hears of a change to the room (rooms/consumers.py calls `forget`).

Nothing a member must not see depends on this: who may enter is still decided per connection
(rooms/access.py), and a view a moment old costs nothing. The history's watermark is the room's last
message id when the view was read, so a message said since then reaches the newcomer through the
group or the gap filling (rooms/replay.py); the presence list is completed with the newcomer,
and the room hears the true list moments later.

The same goes for each connection's check, every tick, that the layer dropped nothing: what the
room said after the connection's watermark (`since`). A thousand connections ticking every ten
seconds asked that a hundred times a second; a read shared for `SINCE_FRESH_SECONDS` serves every
connection of the room whose watermark is at or after where the read began, and covers exactly
the ids up to where it ended, so the answer is the one each would have read itself a moment
earlier. A new message does not make it wrong (it is simply not in it yet); a message taken out
does, so moderation's room frames drop it (`forget_recent`).

Views are read in the database thread and forgotten from the event loop: one dictionary operation
each, which needs no lock.
"""

import json
import time
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from forums.models import Community
from rooms import floor, presence, replay
from rooms.messages import member_payload
from rooms.models import Room

FRESH_SECONDS = 5.0
SINCE_FRESH_SECONDS = 1.0


@dataclass
class RoomView:
    room: Room
    read_at: float
    history: dict = None  # the `history` frame of a fresh arrival, and its watermark
    high: int = 0
    hands: list = field(default_factory=list)
    floor: dict = None
    members: list = field(default_factory=list)

    @cached_property
    def history_text(self):
        """The `history` frame as sent: encoded once for every arrival this view serves."""
        return json.dumps(self.history)


@dataclass
class RecentRead:
    after: int  # the read covers the messages with after < id <= read_to
    read_to: int
    payloads: list
    read_at: float


_by_slug = {}  # slug -> RoomView
_recent = {}  # room id -> RecentRead
_ids = {}  # slug -> room id, for as long as the process lives (a room's id never changes; a slug rarely)


def room_view(slug):
    """The room with this slug and what an arrival is shown, read at most FRESH_SECONDS ago; None when there is none."""
    view = _by_slug.get(slug)
    if view is not None and time.monotonic() - view.read_at < FRESH_SECONDS:
        return view
    room = Room.objects.select_related("community", "floor_user__profile").filter(slug=slug).first()
    if room is None:
        _by_slug.pop(slug, None)
        return None
    view = RoomView(room=room, read_at=time.monotonic())
    view.history, view.high = replay.arrival_history(room, None)
    view.hands = floor.hand_queue(room)
    view.floor = member_payload(room.floor_user) if room.floor_user_id else None
    view.members = presence.presence_list(room)
    _by_slug[slug] = view
    _ids[slug] = room.pk
    return view


def known_room_id(slug):
    """The id of the room with this slug if this process has read it (without asking the database), else None."""
    return _ids.get(slug)


def arrived(view, member):
    """The presence list with this member on it, kept in the view for the next arrivals (it is read before them)."""
    if all(present["id"] != member["id"] for present in view.members):
        view.members = [*view.members, member]
    return view.members


def since(room, after):
    """(payloads of the visible messages after `after`, the id read up to), as `replay.since`, shared among
    this process's connections to the room for SINCE_FRESH_SECONDS."""
    read = _recent.get(room.pk)
    if read is not None and read.after <= after and time.monotonic() - read.read_at < SINCE_FRESH_SECONDS:
        return [payload for payload in read.payloads if payload["id"] > after], max(read.read_to, after)
    read_at = time.monotonic()
    payloads, read_to = replay.since(room, after)
    _recent[room.pk] = RecentRead(after, read_to, payloads, read_at)
    return payloads, read_to


def forget(slug):
    """Something in the room changed: the next arrival reads it afresh."""
    _by_slug.pop(slug, None)


def forget_recent(room_id):
    """A message was taken out, put back or changed: the next check reads the room afresh."""
    _recent.pop(room_id, None)


def forget_all():
    _by_slug.clear()
    _ids.clear()
    _recent.clear()


@receiver(post_save, sender=Room)
@receiver(post_delete, sender=Room)
@receiver(post_save, sender=Community)
def room_changed(sender, instance, **kwargs):
    """A room or community edited or deleted in this process is read afresh.

    Other processes' views last FRESH_SECONDS; who may enter is decided with the community the
    view holds, so a community made private admits no newcomer here from the moment it is saved.
    """
    _by_slug.clear()  # by any slug: an edit may have changed it
    _ids.clear()
