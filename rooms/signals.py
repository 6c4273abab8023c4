"""A member who loses the right to be in a room leaves it at once, not at the next minute's check.

When a membership changes or ends, or a suspension starts, every room the member is present in
(`RoomPresence`, across processes) is told through the channel layer; their connections there check
their access again (`RoomConsumer.room_recheck`) and close with 4403 if it is gone. The minute's
recheck in each connection stays as the fallback if the layer is down.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from forums.models import Membership, Suspension
from rooms.models import RoomPresence

logger = logging.getLogger(__name__)


def recheck_rooms_of(user_id):
    """After the current transaction commits: ask the member's room connections to check their access."""

    def send():
        room_ids = set(RoomPresence.objects.filter(user_id=user_id).values_list("room_id", flat=True))
        layer = get_channel_layer()
        for room_id in room_ids:
            try:
                async_to_sync(layer.group_send)(f"room-{room_id}", {"type": "room.recheck", "user_id": user_id})
            except Exception as exc:  # the connection's own recheck, each minute, still applies
                logger.warning("could not ask room %s to recheck member %s: %s", room_id, user_id, exc)

    transaction.on_commit(send)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, **kwargs):
    recheck_rooms_of(instance.user_id)


@receiver(post_save, sender=Suspension)
def suspension_changed(sender, instance, **kwargs):
    recheck_rooms_of(instance.user_id)
