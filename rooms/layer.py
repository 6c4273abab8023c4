"""A room connection and the channel layer: joining the room's groups, telling the room, outliving an outage.

The channel layer only carries news. When it is down (Redis restarting) a room connection stays
open, reads what is new from the database every couple of seconds (rooms/housekeeping.py), and
rejoins the groups when the layer is back; `layer_up` says which of the two it is doing.
"""

import asyncio
import json
import logging

from rooms import broadcast

logger = logging.getLogger(__name__)


class OutlivesTheLayer:
    """What RoomConsumer (rooms/consumers.py) does with the channel layer; it sets `group` and `layer_up`."""

    async def join_groups(self, user_id=None):
        """Join the room's group and the member's; False (and served from the database) when the layer is down."""
        user_id = user_id or (self.user.pk if self.user is not None else None)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
            if user_id is not None:
                await self.channel_layer.group_add(broadcast.member_group(user_id), self.channel_name)
        except Exception as exc:
            self.layer_lost(exc)
            return False
        self.layer_up = True
        self.layer_went_down.clear()
        return True

    async def leave_groups(self, room):
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            if self.user is not None:
                await self.channel_layer.group_discard(broadcast.member_group(self.user.pk), self.channel_name)
        except Exception as exc:
            logger.warning("channel layer unavailable on leaving room %s: %s", room.slug, exc)

    def layer_lost(self, exc):
        if self.layer_up:
            logger.warning("channel layer unavailable, room %s is served from the database: %s", self.group, exc)
            self.layer_up = False
            self.layer_went_down.set()  # the tick reads the database now, not at its next turn

    async def tell_room(self, frame, to_self=False):
        """Send a frame that changes nothing stored (presence, typing) to the room, and to this connection if asked."""
        text = json.dumps(frame)  # serialised once for the whole room, not once per member
        try:
            if to_self:
                await self.send(text_data=text)
        finally:  # the room hears it even when the sender's socket went at that moment
            try:
                await self.channel_layer.group_send(
                    self.group, {"type": "room.frame", "text": text, "skip": self.channel_name}
                )
            except Exception as exc:  # the database has what matters: others catch up by polling
                self.layer_lost(exc)

    # Channels ends a consumer whose channel layer fails to receive (Redis restarting). A room
    # connection outlives that: `__call__` sets `channel_receive`, and gets a receive that waits out
    # the outage instead.
    @property
    def channel_receive(self):
        return self._receive_from_layer

    @channel_receive.setter
    def channel_receive(self, receive):
        self._layer_receive = receive

    async def _receive_from_layer(self):
        delay = 0.5
        while True:
            try:
                return await self._layer_receive()
            except Exception as exc:
                # The Redis client can turn the cancellation of a closing connection into an ordinary
                # error: waiting out an outage then would keep a finished connection (and a server
                # that is shutting down) alive for ever.
                if self.closed or asyncio.current_task().cancelling():
                    raise
                self.layer_lost(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)
