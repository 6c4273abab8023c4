"""The WebSocket health check: proves the ASGI stack, and with Redis the cross-process channel layer.

Every connection joins one group. A client frame `{"type": "broadcast", "text": ...}` is sent to
that group, so a client on one server process hears a broadcast made on another.
"""

import json
import logging
import os
import socket

from channels.generic.websocket import AsyncWebsocketConsumer

logger = logging.getLogger(__name__)
GROUP = "health"
MAX_FRAME = 4096


def layer_kind(layer):
    return "redis" if "Redis" in type(layer).__name__ else "in-memory"


class HealthConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        self.in_group = False
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
        frame = _parse(text_data)
        if frame is None:
            await self.send_json({"type": "error", "code": "invalid", "detail": "Send a JSON object under 4 KB."})
            return
        if frame.get("type") == "ping":
            await self.send_json({"type": "pong"})
        elif frame.get("type") == "broadcast" and isinstance(frame.get("text"), str):
            try:
                await self.channel_layer.group_send(GROUP, {"type": "health.broadcast", "text": frame["text"][:200]})
            except Exception as exc:
                logger.warning("channel layer unavailable: %s", exc)
                await self.send_json(
                    {"type": "error", "code": "unavailable", "detail": "Live updates are unavailable."}
                )
        else:
            await self.send_json({"type": "error", "code": "invalid", "detail": "Unknown frame type."})

    async def health_broadcast(self, event):
        await self.send_json({"type": "broadcast", "text": event["text"], "server": f"{os.getpid()}"})

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


def _parse(text_data):
    if not text_data or len(text_data) > MAX_FRAME:
        return None
    try:
        frame = json.loads(text_data)
    except ValueError:
        return None
    return frame if isinstance(frame, dict) else None


class BenchBroadcastConsumer(AsyncWebsocketConsumer):
    """bench/rooms.py's baseline (served only with COP_BENCH=1): the cheapest room Channels can run.

    Joins the group of the room in its URL and relays every `message` frame to everyone in it, the
    sender included, in the room protocol's shape. No persistence, no checks: what the room consumer
    costs beyond this is the price of "stored before broadcast" and of its rules.
    """

    async def connect(self):
        self.group = f"bench-{self.scope['url_route']['kwargs']['room']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        frame = _parse(text_data) or {}
        if frame.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        message = {"body_html": frame.get("body"), "client_id": frame.get("client_id")}
        await self.channel_layer.group_send(self.group, {"type": "bench.frame", "frame": message})

    async def bench_frame(self, event):
        await self.send(text_data=json.dumps({"type": "message", "message": event["frame"]}))

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))
