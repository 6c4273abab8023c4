"""The WebSocket health check: proves the ASGI stack, and with Redis the cross-process channel layer.

Anyone may connect: the first frame says whether the channel layer is up, and `ping` gets `pong`.
Every connection joins one group. A staff member (is_staff or superuser, signed in by session cookie)
may send `{"type": "broadcast", "text": ...}` to that group, so an operator or a test can see a client
on one server process hear a broadcast made on another. Anyone else gets `error` `forbidden`: open
to all, the group would relay any visitor's text to every health socket. Even staff may broadcast at
most BROADCAST_LIMIT times in BROADCAST_WINDOW seconds on one connection (`error` `rate_limited`).
"""

import json
import logging
import os
import socket
import time
from collections import deque

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer

from cop_site import frames

logger = logging.getLogger(__name__)
GROUP = "health"
MAX_FRAME = 4096
BROADCAST_LIMIT = 5
BROADCAST_WINDOW = 10  # seconds
BROADCAST_TEXT = 200  # characters of a broadcast's text that are relayed


def layer_kind(layer):
    return "redis" if "Redis" in type(layer).__name__ else "in-memory"


class HealthConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        self.in_group = False
        self.broadcasts = deque(maxlen=BROADCAST_LIMIT)  # when this connection made its latest broadcasts
        try:
            await self.channel_layer.group_add(GROUP, self.channel_name)
            self.in_group = True
        except Exception as exc:  # the layer's service is down: say so, keep the socket
            logger.warning("channel layer unavailable: %s", exc)
        await self.send_json(
            {
                "type": "health",
                "status": "ok" if self.in_group else "degraded",
                "channel_layer": layer_kind(self.channel_layer),
                "channel_layer_available": self.in_group,
                "server": f"{socket.gethostname()}:{os.getpid()}",
            }
        )

    async def disconnect(self, code):
        if getattr(self, "in_group", False):
            try:
                await self.channel_layer.group_discard(GROUP, self.channel_name)
            except Exception as exc:
                logger.warning("channel layer unavailable on disconnect: %s", exc)

    async def receive(self, text_data=None, bytes_data=None):
        frame = frames.parse(text_data, MAX_FRAME)
        if frame is None:
            await self.send_json(frames.invalid(MAX_FRAME))
        elif frame.get("type") == "ping":
            await self.send_json({"type": "pong"})
        elif frame.get("type") == "broadcast":
            await self.broadcast(frame.get("text"))
        else:
            await self.send_json(frames.error("invalid", "Unknown frame type."))

    async def broadcast(self, text):
        if not may_broadcast(self.scope.get("user")):
            await self.send_json(frames.error("forbidden", "Only staff may broadcast on the health socket."))
        elif not isinstance(text, str):
            await self.send_json(frames.error("invalid", "A broadcast needs a text."))
        elif not self._may_broadcast_now():
            detail = f"At most {BROADCAST_LIMIT} broadcasts in {BROADCAST_WINDOW} seconds."
            await self.send_json(frames.error("rate_limited", detail))
        else:
            try:
                await self.channel_layer.group_send(GROUP, {"type": "health.broadcast", "text": text[:BROADCAST_TEXT]})
            except Exception as exc:
                logger.warning("channel layer unavailable: %s", exc)
                await self.send_json(frames.error("unavailable", "Live updates are unavailable."))

    def _may_broadcast_now(self):
        """Count a broadcast unless this connection already made BROADCAST_LIMIT in the last BROADCAST_WINDOW."""
        now = time.monotonic()
        if len(self.broadcasts) == BROADCAST_LIMIT and now - self.broadcasts[0] < BROADCAST_WINDOW:
            return False
        self.broadcasts.append(now)
        return True

    async def health_broadcast(self, event):
        await self.send_json({"type": "broadcast", "text": event["text"], "server": f"{os.getpid()}"})

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


def may_broadcast(user):
    """Staff only: a broadcast reaches every health socket, so it is an operator's tool, not a visitor's."""
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


class DispatchWithoutDatabase:
    """Channels' dispatch, without its trip to the database thread before every message.

    Channels closes stale database connections before each message it dispatches, in the one thread
    all database work of a process shares. For a room that is every frame delivered to every member,
    and most touch no database; `database_sync_to_async` already does it around each call that does.
    """

    async def dispatch(self, message):
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


class BenchBroadcastConsumer(DispatchWithoutDatabase, AsyncWebsocketConsumer):
    """bench/rooms.py's baseline (served only with COP_BENCH=1): the cheapest room Channels can run.

    Joins the group of the room in its URL and relays every `message` frame to everyone in it, the
    sender included, in the room protocol's shape. No persistence, no checks: what the room consumer
    costs beyond this is the price of "stored before broadcast" and of its rules. It dispatches as
    the room consumer does (DispatchWithoutDatabase), so neither gains from that.
    """

    async def connect(self):
        self.group = f"bench-{self.scope['url_route']['kwargs']['room']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        frame = frames.parse(text_data, MAX_FRAME) or {}
        if frame.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        message = {"body_html": frame.get("body"), "client_id": frame.get("client_id")}
        await self.channel_layer.group_send(self.group, {"type": "bench.frame", "frame": message})

    async def bench_frame(self, event):
        await self.send(text_data=json.dumps({"type": "message", "message": event["frame"]}))

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))
