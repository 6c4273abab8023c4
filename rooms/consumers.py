"""`/ws/rooms/<slug>/`: the live room protocol of docs/protocols.md, translated to and from the room actions.

The consumer decides nothing and keeps only its connection's state: each client frame is parsed,
handed to one function, and its result sent. Who may enter is rooms/access.py, what a message may be
rooms/messages.py, the floor rooms/floor.py; crowds arriving or speaking at once go to the database
a batch at a time (rooms/crowd.py, rooms/together.py); messages leave in id order with no gap
(rooms/replay.py); ticks are rooms/housekeeping.py, the channel layer and its outages rooms/layer.py.
Access ends at once: a change to a member's standing (rooms/signals.py) reaches all their room
connections through `room-member-<id>`, and one that may no longer be there closes with 4401 or 4403.
docs/rooms.md is the protocol as a client sees it, and how it works inside.
"""

import asyncio
import json
import logging
import random
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from cop_site import frames
from cop_site.consumers import DispatchWithoutDatabase
from cop_site.errors import DomainError
from forums.streams import InvalidAfter, parse_after, viewer
from rooms import access as room_access
from rooms import broadcast, housekeeping, replay, shared
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms.crowd import Arrival, let_in, send_crowd
from rooms.errors import NotAllowed
from rooms.layer import OutlivesTheLayer
from rooms.together import tell_groups, together

logger = logging.getLogger(__name__)

NORMAL_CLOSURE = 1000
TRY_AGAIN_LATER = 1013
MAX_FRAME = 64 * 1024
MAX_ID = 2**63 - 1


class RoomConsumer(OutlivesTheLayer, DispatchWithoutDatabase, AsyncWebsocketConsumer):
    tick_seconds = 10  # sweep presence, refresh the group membership, read what the layer may have dropped
    degraded_tick_seconds = 2  # while the channel layer is down: read new messages from the database
    recheck_seconds = 60  # check the member may still be here even if no change reached us
    heartbeat_seconds = 10  # at most one `last_seen` write per connection in this time, made by the tick
    # A frame from a connection quiet for this long refreshes its presence at once instead of at the
    # next tick: it may have been swept off the list, and should be back on it as it speaks.
    quiet_seconds = 30
    # A message whose predecessor this connection has not sent waits this long for it to come
    # through the layer before the gap is read from the database.
    reorder_seconds = 0.25

    # --- connection -------------------------------------------------------------------------------
    async def __call__(self, scope, receive, send):
        # Set before anything runs: the layer's receive starts alongside `connect`, and may fail first.
        self.room = self.user = self.ticker = self.gap_filler = None
        self.closed = self.layer_up = False
        self.high = 0  # the watermark: every message of the room up to this id has been sent (or was removed)
        self.held = {}  # id -> (previous id, frame text): messages that came before their predecessor
        self.presence_sent = None  # the presence frame this connection was last sent, as text
        self.delivering = asyncio.Lock()
        self.layer_went_down = asyncio.Event()  # wakes the tick when an outage is noticed (rooms/layer.py)
        self.beat_at = time.monotonic()
        # Connections that arrived together recheck at different ticks, each within a minute of arriving.
        self.checked_at = self.beat_at - random.random() * self.recheck_seconds / 2
        self.beat_due = False  # heard from since `last_seen` was last written
        try:
            await super().__call__(scope, receive, send)
        finally:  # also when the consumer failed without `disconnect`: no task outlives it
            await self._leave_room()

    async def connect(self):
        after, after_error = self._after()
        await self.accept()  # then close: a browser only sees the close code of an accepted socket
        arrival = Arrival(self, self.scope["url_route"]["kwargs"]["slug"], after)
        try:
            refusal, texts = await let_in(arrival)  # joins the room's group before reading it, when it can
        except replay.TooFarBehind as exc:
            await self.send_json(exc.frame())
            await self.close_with(NORMAL_CLOSURE)
            return
        except Exception:  # a database that is briefly locked or away: the client retries with ?after=
            logger.exception("room %s: arriving failed", arrival.slug)
            refusal = TRY_AGAIN_LATER  # leaving (in __call__) undoes whatever part of arriving happened
        if refusal:
            await self.close_with(refusal)
            return
        late = arrival.joined is None or self.group != broadcast.room_group(self.room.pk)
        if late:
            self.group = broadcast.room_group(self.room.pk)
            await self.join_groups(self.user.pk)
            # A sign-out since the session was read told the member's group before this joined it.
            if refusal := await self._call(self.refusal):
                await self.close_with(refusal)
                return
        if after_error:
            texts.insert(1, json.dumps(frames.error("invalid", after_error)))
        for text in texts:
            await self.send(text_data=text)
        room_presence.announce_soon(self.channel_layer, self.room)
        if late:  # what was said between reading the history and joining the group
            await replay.catch_up(self)
        self.ticker = asyncio.create_task(housekeeping.tick(self))

    def _after(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        try:
            return parse_after(query["after"][-1] if "after" in query else None), None
        except InvalidAfter:
            return None, "after must be the id of the last message you saw (a whole number): here are the latest."

    async def disconnect(self, code):
        await self._leave_room()

    async def close_with(self, code):
        """Leave the room (off the presence list for everyone now), then close the socket with `code`."""
        if self.closed:
            return
        self.closed = True
        await self._leave_room()
        await self.close(code=code)

    async def _leave_room(self):
        for task in (self.ticker, self.gap_filler):
            if task and task is not asyncio.current_task():
                task.cancel()
        self.ticker = self.gap_filler = None
        room, self.room = self.room, None
        if room is None:
            return
        shared.forget(room.slug)
        try:
            hands = await self._call(room_floor.leave, self.channel_name, room, self.user)
            room_presence.announce_soon(self.channel_layer, room)
            if hands is not None:  # their hand was up: it is not left in the queue for someone who has gone
                await self.tell_room({"type": "hands", "queue": hands})
        except Exception:
            logger.exception("leaving room %s failed", room.slug)
        await self.leave_groups(room)

    # --- client frames ------------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if self.room is None or self.closed:  # refused, or leaving
            return
        frame = frames.parse(text_data, MAX_FRAME)
        kind = frame.get("type") if frame is not None else None
        client_id = frame.get("client_id") if kind == "message" else None
        client_id = client_id if isinstance(client_id, str) and len(client_id) <= 64 else None
        try:
            await housekeeping.heartbeat(self)
            handler = self.handlers.get(kind) if isinstance(kind, str) else None
            if handler is None:
                raise DomainError("invalid", "Send a JSON object of at most 64 KB whose type the room knows.")
            await handler(self, frame)
        except NotAllowed as exc:  # said why, with the client_id of a message, then gone
            await self.send_json(frames.error(exc.code, exc.message, client_id))
            await self.close_with(exc.close_code)
        except DomainError as exc:
            await self.send_json(frames.error(exc.code, exc.message, client_id))
        except Exception:
            logger.exception("room %s: a %r frame failed", self.room.slug if self.room else "?", kind)
            await self.send_json(frames.error("invalid", "That frame could not be handled.", client_id))

    async def on_ping(self, frame):
        await self.send_json({"type": "pong"})

    async def on_message(self, frame):
        client_id, anonymous = frame.get("client_id"), frame.get("anonymous")
        if not isinstance(client_id, str):
            raise DomainError("invalid", "Every message needs a client_id (text of at most 64 characters).")
        if anonymous is not None and not isinstance(anonymous, bool):
            raise DomainError("invalid", "anonymous is true or false.")
        body = frame.get("body")

        item = (self.room, self.scope, body, client_id, anonymous)
        outcome = await together(self.channel_layer, "messages", send_crowd, item, gather=0)
        if isinstance(outcome, Exception):
            raise outcome
        payload, created, announced = outcome
        for event in announced:  # this room's messages of the batch, in id order: the sender's own copy among them
            await replay.deliver(self, event)
        if created:
            return
        if payload["id"] > self.high:  # a resend of a message this connection has not been sent yet: in order
            await replay.catch_up(self)
        else:  # a resend: the original, to the sender only
            await self.send_json({"type": "message", "message": payload})

    async def on_typing(self, frame):
        if await self._call(room_presence.may_signal_typing, self.room, self.user):
            await self.tell_room({"type": "typing", "user": self.me})

    async def on_hand(self, frame):
        raised = frame.get("raised")
        if not isinstance(raised, bool):
            raise DomainError("invalid", "raised is true or false.")
        await self._act(lambda user: room_floor.set_hand(self.room, user, raised))

    async def on_history(self, frame):
        before = _whole_id(frame.get("before"), "before")
        await self.send_json(await self._call(replay.older, self.room, self.user, before))

    async def on_moderate(self, frame):
        message_id = _whole_id(frame.get("message_id"), "message_id")
        action = frame.get("action")
        await self._act(lambda user: room_messages.moderate(self.room, user, action, message_id))

    async def on_reveal(self, frame):
        """A moderator asks who wrote an anonymous message, and why: the answer goes to them alone."""
        message_id = _whole_id(frame.get("message_id"), "message_id")

        def reveal(user):
            author = room_messages.reveal_author(self.room, user, message_id, frame.get("reason"))
            return room_messages.member_payload(author) if author is not None else None

        author = await self._act(reveal)
        await self.send_json({"type": "revealed", "message_id": message_id, "author": author})

    async def on_room(self, frame):
        state = frame.get("state")
        if not isinstance(state, str):
            raise DomainError("invalid", "The state is open or closed.")
        await self._act(lambda user: room_floor.set_state(self._fresh_room(), user, state))

    async def on_floor(self, frame):
        if "user_id" not in frame:
            raise DomainError("invalid", "Say whom to give the floor: user_id, or null to take it back.")
        user_id = frame["user_id"]
        if user_id is not None:
            user_id = _whole_id(user_id, "user_id")
        await self._act(lambda user: room_floor.give_floor(self._fresh_room(), user, user_id))

    async def on_round(self, frame):
        steps = {"start": room_floor.start_round, "next": room_floor.next_turn, "stop": room_floor.stop_round}
        action = frame.get("action")
        if not isinstance(action, str) or action not in steps:
            raise DomainError("invalid", "A round's action is start, next or stop.")
        await self._act(lambda user: steps[action](self._fresh_room(), user))

    def _fresh_room(self):
        """Facilitation reads and changes the room: read it afresh, another process may have changed it."""
        self.room.refresh_from_db()
        return self.room

    handlers = {
        "ping": on_ping,
        "message": on_message,
        "typing": on_typing,
        "hand": on_hand,
        "history": on_history,
        "moderate": on_moderate,
        "reveal": on_reveal,
        "room": on_room,
        "floor": on_floor,
        "round": on_round,
    }

    async def _act(self, action, check=True):
        """Run a room action as the member as they stand now; send this connection its share of what it announced.

        The member's standing is read afresh first (signed out, password changed, deactivated,
        suspended, removed): NotAllowed when they may no longer be here. `check=False` leaves that to
        an action that checks it itself.
        """
        actor = broadcast.Acting(self.channel_name)
        token = broadcast.acting.set(actor)
        try:
            result = await database_sync_to_async(self._as_member)(action, check)
        finally:
            broadcast.acting.reset(token)
            await tell_groups(self.channel_layer, actor)  # also when the action failed after something committed
        for event in actor.events:
            if event["type"] == "room.message":
                await replay.deliver(self, event)
            else:
                await self.send(text_data=event["text"])
        return result

    def _as_member(self, action, check):
        user = viewer(self.scope)
        if check and (refusal := room_access.refusal(self.room, user)):
            raise NotAllowed(refusal)
        return action(user)

    # --- what the room's groups bring ----------------------------------------------------------------
    async def room_message(self, event):
        """A new message announced to the room (rooms/broadcast.py)."""
        if self.room is None or self.closed:
            return
        shared.forget(self.room.slug)
        if event.get("skip") != self.channel_name:
            await replay.deliver(self, event)

    async def room_messages(self, event):
        """New messages of the room stored together (rooms/broadcast.py `messages_event`), in id order."""
        if self.room is None or self.closed:
            return
        shared.forget(self.room.slug)
        for message in event["messages"]:
            await replay.deliver(self, message)

    async def room_frame(self, event):
        """A frame another connection or a room action sent to the room."""
        if self.room is None or self.closed:
            return
        if event.get("skip") == self.channel_name:
            return
        if not event.get("presence"):  # something changed: the next arrival here reads the room afresh
            shared.forget(self.room.slug)
            shared.forget_recent(self.room.pk)
        else:
            if event["text"] == self.presence_sent:
                return  # the list this connection was last shown: nothing to tell
            self.presence_sent = event["text"]
        await self.send(text_data=event["text"])

    async def room_recheck(self, event):
        """A member's standing changed (rooms/signals.py): check it now, and close if they may no longer be here.

        `user_id` None means the room's own rule changed (its community, or the community's
        visibility): every connection checks, with the room and its community read afresh.
        """
        user_id = event.get("user_id")
        if self.room is None or self.closed or self.user is None or user_id not in (None, self.user.pk):
            return

        def check():
            if user_id is None:
                self._fresh_room()  # also drops the community it holds, read again by the check
            return self.refusal()

        refusal = await database_sync_to_async(check)()
        if refusal:
            await self.close_with(refusal)

    def refusal(self, member=None):
        """None while the member, as they stand now, may be in the room; else the close code (rooms/access.py).

        `member`: as they stand now, read with other connections' (rooms/housekeeping.py `members_now`).
        """
        return room_access.refusal(self.room, member if member is not None else viewer(self.scope))

    # --- helpers ------------------------------------------------------------------------------------
    async def _call(self, function, *args, **kwargs):
        return await database_sync_to_async(function)(*args, **kwargs)

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


def _whole_id(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise DomainError("invalid", f"{name} must be an id (a whole number).")
    return value
