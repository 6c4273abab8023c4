"""`/ws/rooms/<slug>/`: the live room protocol of DESIGN.md §4, translated to and from forums/rooms.py.

The consumer decides nothing: who may enter, what a message may be and who may hand the floor are
functions in forums/rooms.py, called through `database_sync_to_async`. Everything shared lives in the
database, so any number of processes can serve one room and a restarted process loses nothing; a
connection keeps only what stops it sending a message twice.

The channel layer only carries news. A message is stored before it is broadcast and its sender gets
it back directly, so a layer outage (Redis restarting) costs nobody an acknowledgement: the
connection stays open, reads new messages from the database every couple of seconds, and rejoins the
room's group when the layer is back. A client that reconnects with `?after=` replays from the
database too. A layer may also drop a broadcast without saying so (a full channel under load), so
every connection reads what was said since its last tick and sends what it has not sent yet.

Beyond DESIGN.md §4 (extensions; a client that ignores them loses nothing):
- `ping` → `pong`. Any frame is a heartbeat; a client with nothing else to say sends `ping` every
  15-20 seconds, or it leaves the presence list after a minute (`rooms.PRESENCE_TIMEOUT`).
- `round` {action: start|next|stop} (facilitators): `start` turns floor control on and gives each
  present member the floor in turn, in the order they arrived; `next` moves on; `stop` ends the round.
  Each broadcasts `floor` {user} and `room` {state, floor_control}: a round in a room that spoke
  freely turns floor control off again when it ends (everyone has spoken, `stop`, or the session ends).
- `?after=` replays everything missed, in order, in `history` frames of at most 500 messages, with
  `has_more` true on every one but the last. Otherwise (a fresh join, or `history` {before}),
  `has_more` says whether older messages remain.
- Whatever a sender's frame causes reaches the sender directly as well as the rest of the room.
"""

import asyncio
import json
import logging
import random
import time
from collections import deque
from datetime import timedelta
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums import rooms
from forums.models import Room
from forums.rooms import RoomError
from forums.streams import InvalidAfter, parse_after, viewer

logger = logging.getLogger(__name__)

NOT_FOUND = 4404
TRY_AGAIN_LATER = 1013
MAX_FRAME = 64 * 1024
MAX_ID = 2**63 - 1
REMEMBERED_IDS = 2000  # message ids a connection remembers sending, so none is sent twice
_last_sweep = {}  # room id -> when this process last swept it: one sweep per room and interval, not per connection


class RoomConsumer(AsyncWebsocketConsumer):
    tick_seconds = 10  # sweep presence, refresh the group membership
    degraded_tick_seconds = 2  # while the channel layer is down: read new messages from the database
    recheck_seconds = 60  # check the member may still be here (suspended, removed, signed out)
    heartbeat_seconds = 10  # at most one `last_seen` write per connection in this time, made by the tick
    # A frame from a connection quiet for this long refreshes its presence at once instead of at the
    # next tick: it may have been swept off the list, and should be back on it as it speaks.
    quiet_seconds = 30
    # Each tick also reads what was said since the last one: a layer may drop a broadcast (a full
    # channel, a Redis restart), and the database has everything. Messages younger than this are read
    # again next tick too, so one committed a moment late behind a higher id is not passed over.
    settle_seconds = 2

    # --- connection -------------------------------------------------------------------------------
    async def __call__(self, scope, receive, send):
        # Set before anything runs: the layer's receive starts alongside `connect`, and may fail first.
        self.room = self.user = self.ticker = None
        self.closed = self.layer_up = False
        self.sent = _Recent(REMEMBERED_IDS)
        self.stream_high = 0  # the highest message id received from history, the group or the database
        self.poll_after = None
        self.beat_at = self.checked_at = time.monotonic()
        self.beat_due = False  # heard from since `last_seen` was last written
        try:
            await super().__call__(scope, receive, send)
        finally:  # also when the consumer failed without `disconnect`: no task outlives it
            await self._leave_room()

    async def connect(self):
        after, after_error = self._after()
        try:
            room, user, refusal = await database_sync_to_async(self._find)(self.scope["url_route"]["kwargs"]["slug"])
        except Exception:
            logger.exception("room access check failed")
            room, user, refusal = None, None, TRY_AGAIN_LATER
        await self.accept()  # then close: a browser only sees the close code of an accepted socket
        if refusal:
            self.closed = True
            await self.close(code=refusal)
            return
        self.group = f"room-{room.pk}"
        await self._join_group()  # before reading history: nothing said meanwhile falls between the two
        self.room, self.user = room, user
        try:
            frames = await database_sync_to_async(self._arrive)(after)
        except Exception:  # a database that is briefly locked or away: the client retries with ?after=
            logger.exception("room %s: arriving failed", room.slug)
            self.closed = True  # leaving (in __call__) undoes whatever part of arriving happened
            await self.close(code=TRY_AGAIN_LATER)
            return
        if after_error:
            frames.insert(1, _error("invalid", after_error))
        for frame in frames:
            await self.send_json(frame)
        self.poll_after = self.stream_high
        presence = next(frame for frame in frames if frame["type"] == "presence")
        await self.broadcast(presence, to_self=False)
        self.ticker = asyncio.create_task(self._tick())

    def _after(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        try:
            return parse_after(query["after"][-1] if "after" in query else None), None
        except InvalidAfter:
            return None, "after must be the id of the last message you saw (a whole number): here are the latest."

    def _find(self, slug):
        room = Room.objects.select_related("community").filter(slug=slug).first()
        if room is None:
            return None, None, NOT_FOUND
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            user = get_user_model().objects.select_related("profile").filter(pk=user.pk).first()
        return room, user, rooms.refusal(room, user)

    def _arrive(self, after):
        """welcome, history (one or more), presence, hands, floor: what a member sees on arriving."""
        room, user = self.room, self.user
        self.me = rooms.member_payload(user)
        rooms.arrive(room, user, self.channel_name)
        self._sweep()
        welcome = {
            "type": "welcome",
            "room": {
                "slug": room.slug,
                "title": room.title,
                "purpose": room.purpose,
                "ground_rules": room.rules,
                "state": room.state,
                "allow_anonymous": room.allow_anonymous,
                "floor_control": room.floor_control,
            },
            "you": {
                **self.me,
                "facilitator": rooms.is_facilitator(room, user),
                "moderator": rooms.is_moderator(room, user),
            },
        }
        return [welcome, *self._history_frames(after), *self._state_frames()]

    def _history_frames(self, after):
        if after is None:
            messages, more = rooms.history(self.room)
            return [self._history_frame(messages, more)]
        frames = []
        while True:
            messages, more = rooms.history(self.room, after=after)
            frames.append(self._history_frame(messages, more))
            if not more:
                return frames
            after = messages[-1].pk

    def _history_frame(self, messages, has_more):
        for message in messages:
            self._remember(message.pk)
        return {"type": "history", "messages": [rooms.message_payload(m) for m in messages], "has_more": has_more}

    def _state_frames(self):
        room = self.room
        floor = room.floor_user if room.floor_user_id else None
        return [
            {"type": "presence", "members": rooms.presence_list(room)},
            {"type": "hands", "queue": rooms.hand_queue(room)},
            {"type": "floor", "user": rooms.member_payload(floor) if floor else None},
        ]

    async def disconnect(self, code):
        await self._leave_room()

    async def _leave_room(self):
        if self.ticker and self.ticker is not asyncio.current_task():
            self.ticker.cancel()
        self.ticker = None
        room, self.room = self.room, None
        if room is None:
            return
        try:
            members, hands = await database_sync_to_async(self._leave)(room)
            await self.broadcast({"type": "presence", "members": members}, to_self=False)
            if hands is not None:  # their hand was up: it is not left in the queue for someone who has gone
                await self.broadcast({"type": "hands", "queue": hands}, to_self=False)
        except Exception:
            logger.exception("leaving room %s failed", room.slug)
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        except Exception as exc:
            logger.warning("channel layer unavailable on leaving room %s: %s", room.slug, exc)

    def _leave(self, room):
        lowered = rooms.leave(self.channel_name, room, self.user)
        return rooms.presence_list(room), (rooms.hand_queue(room) if lowered else None)

    # --- client frames ------------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if self.room is None or self.closed:  # refused, or leaving
            return
        frame = _parse(text_data)
        kind = frame.get("type") if frame is not None else None
        client_id = frame.get("client_id") if kind == "message" else None
        client_id = client_id if isinstance(client_id, str) and len(client_id) <= 64 else None
        try:
            await self._heartbeat()
            handler = self.handlers.get(kind) if isinstance(kind, str) else None
            if handler is None:
                raise RoomError("invalid", "Send a JSON object of at most 64 KB whose type the room knows.")
            await handler(self, frame)
        except RoomError as exc:
            await self.send_json(_error(exc.code, exc.detail, client_id))
        except Exception:
            logger.exception("room %s: a %r frame failed", self.room.slug if self.room else "?", kind)
            await self.send_json(_error("invalid", "That frame could not be handled.", client_id))

    async def _heartbeat(self):
        """Any frame says the connection is alive: the tick writes that, off the message path."""
        quiet = time.monotonic() - self.beat_at
        if quiet < self.heartbeat_seconds:
            return
        self.beat_due = True
        if quiet < self.quiet_seconds:
            return
        self.beat_at, self.beat_due = time.monotonic(), False
        members = await database_sync_to_async(self._beat)()
        if members is not None:  # swept while quiet: back on the list
            await self.broadcast({"type": "presence", "members": members})

    def _beat(self):
        """Refresh this connection's presence; the new list when it had been swept and is back on it."""
        if rooms.heartbeat(self.channel_name):
            return None
        rooms.arrive(self.room, self.user, self.channel_name)
        return rooms.presence_list(self.room)

    async def on_ping(self, frame):
        await self.send_json({"type": "pong"})

    async def on_message(self, frame):
        client_id, anonymous = frame.get("client_id"), frame.get("anonymous")
        if not isinstance(client_id, str):
            raise RoomError("invalid", "Every message needs a client_id (text of at most 64 characters).")
        if anonymous is not None and not isinstance(anonymous, bool):
            raise RoomError("invalid", "anonymous is true or false.")
        payload, created = await self._call(self._send_message, frame.get("body"), client_id, bool(anonymous))
        self._remember(payload["id"])
        reply = {"type": "message", "message": payload}
        if created:
            await self.broadcast(reply, message_id=payload["id"])
        else:  # a resend: the original, to the sender only
            await self.send_json(reply)

    def _send_message(self, body, client_id, anonymous):
        message, created = rooms.send_message(self.room, self.user, body, client_id, anonymous)
        return rooms.message_payload(message), created

    async def on_typing(self, frame):
        if await self._call(rooms.may_signal_typing, self.room, self.user):
            await self.broadcast({"type": "typing", "user": self.me}, to_self=False)

    async def on_hand(self, frame):
        raised = frame.get("raised")
        if not isinstance(raised, bool):
            raise RoomError("invalid", "raised is true or false.")
        queue = await self._call(rooms.set_hand, self.room, self.user, raised)
        await self.broadcast({"type": "hands", "queue": queue})

    async def on_history(self, frame):
        before = _whole_id(frame.get("before"), "before")
        await self.send_json(await self._call(self._older, before))

    def _older(self, before):
        rooms.limit_signals(self.user, "history")
        messages, more = rooms.history(self.room, before=before)
        return {"type": "history", "messages": [rooms.message_payload(m) for m in messages], "has_more": more}

    async def on_moderate(self, frame):
        message_id = _whole_id(frame.get("message_id"), "message_id")
        action = frame.get("action")
        payload = await self._call(self._moderate, action, message_id)
        if action == "remove":
            await self.broadcast({"type": "removed", "message_id": message_id})
        else:
            await self.broadcast({"type": "message", "message": payload})

    def _moderate(self, action, message_id):
        return rooms.message_payload(rooms.moderate(self.room, self.user, action, message_id))

    async def on_room(self, frame):
        state = frame.get("state")
        if not isinstance(state, str):
            raise RoomError("invalid", "The state is open or closed.")
        room = await self._call(self._facilitate, rooms.set_state, state)
        await self.broadcast({"type": "room", "state": room.state})

    async def on_floor(self, frame):
        if "user_id" not in frame:
            raise RoomError("invalid", "Say whom to give the floor: user_id, or null to take it back.")
        user_id = frame["user_id"]
        if user_id is not None:
            user_id = _whole_id(user_id, "user_id")
        floor, queue = await self._call(self._give_floor, user_id)
        await self.broadcast({"type": "floor", "user": floor})
        await self.broadcast({"type": "hands", "queue": queue})

    def _give_floor(self, user_id):
        target = self._facilitate(rooms.give_floor, user_id)
        return (rooms.member_payload(target) if target else None), rooms.hand_queue(self.room)

    async def on_round(self, frame):
        steps = {"start": rooms.start_round, "next": rooms.next_turn, "stop": rooms.stop_round}
        action = frame.get("action")
        if not isinstance(action, str) or action not in steps:
            raise RoomError("invalid", "A round's action is start, next or stop.")
        floor, state, floor_control = await self._call(self._round, steps[action])
        await self.broadcast({"type": "floor", "user": floor})
        await self.broadcast({"type": "room", "state": state, "floor_control": floor_control})

    def _round(self, step):
        floor = _person(self._facilitate(step))
        return floor, self.room.state, self.room.floor_control

    def _facilitate(self, rule, *args):
        """Facilitation reads and changes the room: read it afresh, another process may have changed it."""
        self.room.refresh_from_db()
        return rule(self.room, self.user, *args)

    handlers = {
        "ping": on_ping,
        "message": on_message,
        "typing": on_typing,
        "hand": on_hand,
        "history": on_history,
        "moderate": on_moderate,
        "room": on_room,
        "floor": on_floor,
        "round": on_round,
    }

    # --- the room's group ---------------------------------------------------------------------------
    async def broadcast(self, frame, to_self=True, message_id=None):
        """Send a frame to everyone in the room: to this connection directly, to the others through the group."""
        text = json.dumps(frame)  # serialised once for the whole room, not once per member
        event = {"type": "room.frame", "text": text, "skip": self.channel_name}
        if message_id is not None:
            event["message_id"] = message_id
        try:
            if to_self:
                await self.send(text_data=text)
        finally:  # the room hears it even when the sender's socket went at that moment
            await self._group_send(event)

    async def _group_send(self, event):
        try:
            await self.channel_layer.group_send(self.group, event)
        except Exception as exc:  # the database has it: others catch up by polling or on reconnecting
            self._layer_lost(exc)

    async def room_frame(self, event):
        """A frame another connection broadcast; a new message is sent once even if history had it."""
        if self.room is None or self.closed or event.get("skip") == self.channel_name:
            return
        message_id = event.get("message_id")
        if message_id is not None:
            if message_id in self.sent:
                return
            self._remember(message_id)
        await self.send(text_data=event["text"])

    async def room_recheck(self, event):
        """A member's rights changed (forums.room_signals): if they are this connection's, check them now."""
        if self.room is None or self.closed or self.user is None or event.get("user_id") != self.user.pk:
            return
        refusal = await database_sync_to_async(self._refusal)()
        if refusal and not self.closed:
            self.closed = True
            await self._leave_room()  # off the list for everyone else now, not when the socket is gone
            await self.close(code=refusal)

    def _refusal(self):
        return rooms.refusal(self.room, viewer(self.scope))

    async def _join_group(self):
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
        except Exception as exc:
            self._layer_lost(exc)
            return False
        self.layer_up = True
        return True

    def _layer_lost(self, exc):
        if self.layer_up:
            logger.warning("channel layer unavailable, room %s is served from the database: %s", self.group, exc)
            self.layer_up = False

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
                self._layer_lost(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)

    # --- housekeeping -------------------------------------------------------------------------------
    async def _tick(self):
        # The first tick comes at a random point of the interval: connections that arrived together
        # (a session starting, a process restarting) do not all reach for the database at once.
        await asyncio.sleep(random.random() * self.tick_seconds)
        while self.room is not None and not self.closed:
            await asyncio.sleep(self.tick_seconds if self.layer_up else self.degraded_tick_seconds)
            try:
                await self._housekeeping()
            except Exception:
                logger.exception("room %s: housekeeping failed", self.group)

    async def _housekeeping(self):
        was_up = self.layer_up
        await self._join_group()  # also repairs a membership Redis forgot
        recheck = time.monotonic() - self.checked_at >= self.recheck_seconds
        if recheck:
            self.checked_at = time.monotonic()
        beat, self.beat_due = self.beat_due, False
        if beat:
            self.beat_at = time.monotonic()
        refusal, members, missed, snapshot = await database_sync_to_async(self._look_around)(
            recheck, back=self.layer_up and not was_up, beat=beat
        )
        if refusal:  # `disconnect` follows, and takes the member off the list
            self.closed = True
            await self.close(code=refusal)
            return
        for message in missed:
            await self.send_json({"type": "message", "message": message})
        for frame in snapshot:  # back from an outage: what may have changed meanwhile
            await self.send_json(frame)
        if members is not None:
            await self.broadcast({"type": "presence", "members": members})

    def _look_around(self, recheck, back, beat=False):
        """(refusal, presence when it changed, messages the layer did not bring, state frames)."""
        if recheck and (refusal := rooms.refusal(self.room, viewer(self.scope))):
            return refusal, None, [], []
        returned = beat and self._beat() is not None  # swept while its frames waited for this tick
        missed = []
        if self.poll_after is not None:
            said = rooms.message_ids_after(self.room, self.poll_after)  # ids only: usually all sent already
            settled = timezone.now() - timedelta(seconds=self.settle_seconds)
            self.poll_after = max([self.poll_after] + [pk for pk, created in said if created <= settled])
            # With the layer up, a message younger than settle_seconds may still be on its way through it.
            due = settled if self.layer_up else timezone.now()
            unsent = [pk for pk, created in said if pk not in self.sent and created <= due]
            if unsent:
                missed = [rooms.message_payload(m) for m in rooms.messages_with_ids(self.room, unsent)]
            for message in missed:
                self._remember(message["id"])
        if back:
            self.room.refresh_from_db()
            presence, *state = self._state_frames()
            return (
                None,
                presence["members"],
                missed,
                [{"type": "room", "state": self.room.state, "floor_control": self.room.floor_control}, *state],
            )
        members = rooms.presence_list(self.room) if self._sweep() or returned else None
        return None, members, missed, []

    def _sweep(self):
        """Forget connections that died without closing; True when someone left the list."""
        now = time.monotonic()
        if now - _last_sweep.get(self.room.pk, float("-inf")) < self.tick_seconds:
            return False
        _last_sweep[self.room.pk] = now
        return rooms.sweep(self.room) > 0

    # --- helpers ------------------------------------------------------------------------------------
    def _remember(self, message_id):
        self.sent.add(message_id)
        self.stream_high = max(self.stream_high, message_id)

    async def _call(self, function, *args, **kwargs):
        return await database_sync_to_async(function)(*args, **kwargs)

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


class _Recent:
    """The last `size` ids added, for membership tests."""

    def __init__(self, size):
        self.order, self.ids = deque(), set()
        self.size = size

    def add(self, item):
        if item in self.ids:
            return
        self.order.append(item)
        self.ids.add(item)
        if len(self.order) > self.size:
            self.ids.discard(self.order.popleft())

    def __contains__(self, item):
        return item in self.ids


def _parse(text_data):
    """The frame as a dict, or None when it is not a JSON object of at most MAX_FRAME bytes."""
    if not text_data or len(text_data) > MAX_FRAME:
        return None
    if len(text_data) * 4 > MAX_FRAME and len(text_data.encode("utf-8", "surrogatepass")) > MAX_FRAME:
        return None
    try:
        frame = json.loads(text_data)
    except (ValueError, RecursionError):
        return None
    return frame if isinstance(frame, dict) else None


def _whole_id(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise RoomError("invalid", f"{name} must be an id (a whole number).")
    return value


def _person(user):
    return rooms.member_payload(user) if user is not None else None


def _error(code, detail, client_id=None):
    frame = {"type": "error", "code": code, "detail": detail}
    if client_id is not None:
        frame["client_id"] = client_id
    return frame
