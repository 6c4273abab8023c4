"""`/ws/rooms/<slug>/`: the live room protocol of docs/protocols.md, translated to and from the room actions.

The consumer decides nothing: who may enter (rooms/access.py), what a message may be
(rooms/messages.py), who may hand the floor (rooms/floor.py) are functions it calls through
`database_sync_to_async`. Each action announces what it changed once it commits
(rooms/broadcast.py); the consumer sends its own connection's copy directly, and forwards what
the room's group brings. docs/rooms.md is the protocol as a client sees it.

Exact resume. Within a room, messages commit in id order, and each announcement carries the id of
the message before it. A connection keeps a watermark, the highest id it has sent, and sends a
message only when everything up to the one before it has been sent: one that arrives early (the
layer reordered two senders, or the sender's own copy overtook someone else's) is held until its
predecessor comes through the layer, or is read from the database after a short wait. So message
frames leave in increasing id order with no gap, and a client that reconnects with `?after=` the
highest id it saw loses nothing and gets nothing twice.

The channel layer only carries news. When it is down (Redis restarting) the connection stays open,
reads what is new from the database every couple of seconds, and rejoins the groups when the layer
is back; each tick also reads what a layer may have dropped under load.

Access ends at once: a member's standing is read afresh (their session, suspension, membership)
before every action, and a change to it (rooms/signals.py) reaches all their room connections
through the group `room-member-<id>`; a connection that may no longer be there closes with
4401 or 4403.
"""

import asyncio
import copy
import gc
import json
import logging
import random
import time
import weakref
from dataclasses import dataclass
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user_model

from cop_site import frames
from cop_site.consumers import DispatchWithoutDatabase
from cop_site.errors import DomainError
from forums.streams import InvalidAfter, parse_after, viewer
from rooms import access as room_access
from rooms import broadcast, replay, shared
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms.errors import NotAllowed

logger = logging.getLogger(__name__)

NORMAL_CLOSURE = 1000
NOT_FOUND = 4404
TRY_AGAIN_LATER = 1013
MAX_FRAME = 64 * 1024
MAX_ID = 2**63 - 1
_last_sweep = {}  # room id -> when this process last swept it: one sweep per room and interval, not per connection
# A crowd arriving or leaving changes the presence list many times a second: each room hears it at
# most once in this time from each process, read once, instead of once per arrival (n² frames).
PRESENCE_GATHER_SECONDS = 1.0
_presence_due = {}  # room id -> the task about to send that room its presence list


class RoomConsumer(DispatchWithoutDatabase, AsyncWebsocketConsumer):
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
        slug = self.scope["url_route"]["kwargs"]["slug"]
        # Join the room's group before reading what was said, so nothing falls between the two: at
        # once when this process knows the room, else (its first arrival) right after, and catch up.
        joined = None
        room_id, person = shared.known_room_id(slug), self.scope.get("user")
        if room_id is not None and person is not None and person.is_authenticated:
            self.group = broadcast.room_group(room_id)
            joined = time.monotonic() if await self._join_groups(person.pk) else None
        try:
            refusal, arrival = await _let_in(Arrival(self, slug, after, joined))
        except replay.TooFarBehind:
            await self.send_json(
                {
                    "type": "reload",
                    "detail": f"More than {replay.REPLAY_LIMIT} messages were said while you were away: "
                    "here are the latest.",
                }
            )
            await self._close(NORMAL_CLOSURE)
            return
        except Exception:  # a database that is briefly locked or away: the client retries with ?after=
            logger.exception("room %s: arriving failed", slug)
            refusal = TRY_AGAIN_LATER  # leaving (in __call__) undoes whatever part of arriving happened
        if refusal:
            await self._close(refusal)
            return
        late = joined is None or self.group != broadcast.room_group(self.room.pk)
        if late:
            self.group = broadcast.room_group(self.room.pk)
            await self._join_groups(self.user.pk)
        if after_error:
            arrival.insert(1, frames.error("invalid", after_error))
        for frame in arrival:
            await self.send_json(frame)
            if frame["type"] == "presence":
                self.presence_sent = json.dumps(frame)
        self._presence_changed()
        if late:  # what was said between reading the history and joining the group
            await self._catch_up()
        self.ticker = asyncio.create_task(self._tick())

    def _after(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        try:
            return parse_after(query["after"][-1] if "after" in query else None), None
        except InvalidAfter:
            return None, "after must be the id of the last message you saw (a whole number): here are the latest."

    def _enter(self, arrival, view, user, standing, since):
        """(refusal, frames): whether this person may enter and, if so, welcome, history, presence, hands, floor.

        Called in the database thread for each connection of a crowd (`_enter_crowd`), with what was
        read once for the crowd: the room's shared view (rooms/shared.py), the member, their standing,
        and what each room said since its view was read. The presence row is written for the crowd.
        """
        if view is None:
            return NOT_FOUND, None
        room = copy.copy(view.room)  # this connection's own: facilitation refreshes it
        refusal = room_access.refusal(room, standing if standing is not None else user)
        if refusal:
            return refusal, None
        if arrival.after is None:
            history, high = view.history, view.high
            if arrival.joined is not None and view.read_at < arrival.joined:  # read before this joined the group
                if room.pk not in since:  # read after every connection of the crowd joined: one read serves all
                    since[room.pk] = replay.since(room, high)
                history, high = _with_since(history, *since[room.pk])
        else:
            history, high = replay.arrival_history(room, arrival.after)  # a client too far behind goes no further
        self.room, self.user, self.high = room, user, high
        self.me = room_messages.member_payload(user)
        facilitator, moderator = room_access.roles(room, standing)
        members = shared.arrived(view, self.me)
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
            "you": {**self.me, "facilitator": facilitator, "moderator": moderator},
        }
        return None, [
            welcome,
            history,
            {"type": "presence", "members": members},
            {"type": "hands", "queue": view.hands},
            {"type": "floor", "user": view.floor},
        ]

    def _state_frames(self):
        room = self.room
        floor = room.floor_user if room.floor_user_id else None
        return [
            {"type": "presence", "members": room_presence.presence_list(room)},
            {"type": "hands", "queue": room_floor.hand_queue(room)},
            {"type": "floor", "user": room_messages.member_payload(floor) if floor else None},
        ]

    async def disconnect(self, code):
        await self._leave_room()

    async def _close(self, code):
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
            hands = await database_sync_to_async(self._leave)(room)
            _announce_presence_soon(self.channel_layer, room)
            if hands is not None:  # their hand was up: it is not left in the queue for someone who has gone
                await self._tell_room({"type": "hands", "queue": hands})
        except Exception:
            logger.exception("leaving room %s failed", room.slug)
        try:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            if self.user is not None:
                await self.channel_layer.group_discard(broadcast.member_group(self.user.pk), self.channel_name)
        except Exception as exc:
            logger.warning("channel layer unavailable on leaving room %s: %s", room.slug, exc)

    def _leave(self, room):
        lowered = room_presence.leave(self.channel_name, room, self.user)
        return room_floor.hand_queue(room) if lowered else None

    def _presence_changed(self):
        _announce_presence_soon(self.channel_layer, self.room)

    # --- client frames ------------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if self.room is None or self.closed:  # refused, or leaving
            return
        frame = frames.parse(text_data, MAX_FRAME)
        kind = frame.get("type") if frame is not None else None
        client_id = frame.get("client_id") if kind == "message" else None
        client_id = client_id if isinstance(client_id, str) and len(client_id) <= 64 else None
        try:
            await self._heartbeat()
            handler = self.handlers.get(kind) if isinstance(kind, str) else None
            if handler is None:
                raise DomainError("invalid", "Send a JSON object of at most 64 KB whose type the room knows.")
            await handler(self, frame)
        except NotAllowed as exc:  # said why, with the client_id of a message, then gone
            await self.send_json(frames.error(exc.code, exc.message, client_id))
            await self._close(exc.close_code)
        except DomainError as exc:
            await self.send_json(frames.error(exc.code, exc.message, client_id))
        except Exception:
            logger.exception("room %s: a %r frame failed", self.room.slug if self.room else "?", kind)
            await self.send_json(frames.error("invalid", "That frame could not be handled.", client_id))

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
            await self._tell_room({"type": "presence", "members": members}, to_self=True)

    def _beat(self):
        """Refresh this connection's presence; the new list when it had been swept and is back on it."""
        if room_presence.heartbeat(self.channel_name):
            return None
        room_presence.arrive(self.room, self.user, self.channel_name)
        return room_presence.presence_list(self.room)

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
        outcome = await _together(self.channel_layer, "messages", _send_crowd, item)
        if isinstance(outcome, Exception):
            raise outcome
        payload, created, announced = outcome
        for event in announced:  # this room's messages of the batch, in id order: the sender's own copy among them
            await self._deliver(event)
        if created:
            return
        if payload["id"] > self.high:  # a resend of a message this connection has not been sent yet: in order
            await self._catch_up()
        else:  # a resend: the original, to the sender only
            await self.send_json({"type": "message", "message": payload})

    async def on_typing(self, frame):
        if await self._call(room_presence.may_signal_typing, self.room, self.user):
            await self._tell_room({"type": "typing", "user": self.me})

    async def on_hand(self, frame):
        raised = frame.get("raised")
        if not isinstance(raised, bool):
            raise DomainError("invalid", "raised is true or false.")
        await self._act(lambda user: room_floor.set_hand(self.room, user, raised))

    async def on_history(self, frame):
        before = _whole_id(frame.get("before"), "before")
        await self.send_json(await self._call(self._older, before))

    def _older(self, before):
        room_floor.limit_signals(self.user, "history")
        messages, more = room_messages.history(self.room, before=before)
        return {
            "type": "history",
            "messages": [room_messages.message_payload(m) for m in messages],
            "has_more": more,
        }

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
            await _tell_groups(self.channel_layer, actor)  # also when the action failed after something committed
        for event in actor.events:
            if event["type"] == "room.message":
                await self._deliver(event)
            else:
                await self.send(text_data=event["text"])
        return result

    def _as_member(self, action, check):
        user = viewer(self.scope)
        if check and (refusal := room_access.refusal(self.room, user)):
            raise NotAllowed(refusal)
        return action(user)

    # --- messages, in order -------------------------------------------------------------------------
    async def room_message(self, event):
        """A new message announced to the room (rooms/broadcast.py)."""
        if self.room is None or self.closed:
            return
        shared.forget(self.room.slug)
        if event.get("skip") != self.channel_name:
            await self._deliver(event)

    async def room_messages(self, event):
        """New messages of the room stored together (rooms/broadcast.py `messages_event`), in id order."""
        if self.room is None or self.closed:
            return
        shared.forget(self.room.slug)
        for message in event["messages"]:
            await self._deliver(message)

    async def _deliver(self, event):
        """Send a message once its predecessor has been sent; hold it (and fill the gap soon) otherwise."""
        async with self.delivering:
            if event["id"] <= self.high:
                return  # sent already (from history, the database, or another copy)
            if event["previous"] <= self.high:
                await self.send(text_data=event["text"])
                self.high = event["id"]
                await self._release_held()
                return
            self.held[event["id"]] = (event["previous"], event["text"])
        if self.gap_filler is None:
            self.gap_filler = asyncio.create_task(self._fill_gap())

    async def _release_held(self):
        for message_id in sorted(self.held):
            previous, text = self.held[message_id]
            if message_id <= self.high:
                del self.held[message_id]
            elif previous <= self.high:
                del self.held[message_id]
                await self.send(text_data=text)
                self.high = message_id
            else:
                return

    async def _fill_gap(self):
        """Wait a moment for the missing messages to come through the layer, then read them from the database."""
        try:
            if self.layer_up:
                await asyncio.sleep(self.reorder_seconds)
            while self.held and self.room is not None and not self.closed:
                await self._catch_up()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("room %s: filling a gap failed", self.group)
        finally:
            self.gap_filler = None

    async def _catch_up(self):
        """Send whatever the database has after the watermark (what the layer reordered, dropped or never brought)."""
        async with self.delivering:
            room = self.room
            if room is None:
                return
            await self._send_missed(*await database_sync_to_async(replay.since)(room, self.high))

    async def _send_missed(self, payloads, read_to):
        """Send messages read from the database after the watermark, then move it to where the read ended."""
        for payload in payloads:
            if payload["id"] > self.high:
                await self.send_json({"type": "message", "message": payload})
                self.high = payload["id"]
        self.high = max(self.high, read_to)
        await self._release_held()

    # --- the room's groups --------------------------------------------------------------------------
    async def _tell_room(self, frame, to_self=False):
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
                self._layer_lost(exc)

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
            return self._refusal()

        refusal = await database_sync_to_async(check)()
        if refusal:
            await self._close(refusal)

    def _refusal(self):
        return room_access.refusal(self.room, viewer(self.scope))

    async def _join_groups(self, user_id=None):
        user_id = user_id or (self.user.pk if self.user is not None else None)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
            if user_id is not None:
                await self.channel_layer.group_add(broadcast.member_group(user_id), self.channel_name)
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
                # The Redis client can turn the cancellation of a closing connection into an ordinary
                # error: waiting out an outage then would keep a finished connection (and a server
                # that is shutting down) alive for ever.
                if self.closed or asyncio.current_task().cancelling():
                    raise
                self._layer_lost(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)

    # --- housekeeping -------------------------------------------------------------------------------
    async def _tick(self):
        # A room's connections in this process tick together, at the room's own point of the interval
        # (`_until_turn`): one trip to the database thread serves them all (`_look_around_crowd`), and
        # the rooms take turns. The first tick comes one to two intervals after arriving.
        first = True
        while self.room is not None and not self.closed:
            interval = self.tick_seconds if self.layer_up else self.degraded_tick_seconds
            await asyncio.sleep(_until_turn(self.room.pk, interval) + (interval if first else 0))
            first = False
            if self.room is None or self.closed:
                return
            try:
                await self._housekeeping()
            except Exception:
                logger.exception("room %s: housekeeping failed", self.group)

    async def _housekeeping(self):
        was_up = self.layer_up
        await self._join_groups()  # also repairs a membership Redis forgot
        recheck = time.monotonic() - self.checked_at >= self.recheck_seconds
        if recheck:
            self.checked_at = time.monotonic()
        beat, self.beat_due = self.beat_due, False
        if beat:
            self.beat_at = time.monotonic()
        # Messages keep arriving while the database is read: the read covers exactly the ids up to
        # `read_to`, so what the watermark passed meanwhile is simply not sent twice.
        tick = Tick(self, recheck, back=self.layer_up and not was_up, beat=beat)
        outcome = await _together(self.channel_layer, "ticks", _look_around_crowd, tick)
        if isinstance(outcome, Exception):
            raise outcome
        refusal, members, snapshot, (missed, read_to) = outcome
        async with self.delivering:
            await self._send_missed(missed, read_to)
        if refusal:
            await self._close(refusal)
            return
        for frame in snapshot:  # back from an outage: what may have changed meanwhile
            await self.send_json(frame)
        if members is not None:
            await self._tell_room({"type": "presence", "members": members}, to_self=True)

    def _look_around(self, recheck, back, returned=False):
        """(refusal, presence when it changed, state frames after an outage, what is new after the watermark).

        Called in the database thread for each connection of the room that ticks (`_look_around_crowd`);
        `returned`: its heartbeat found it swept off the list, and it has just arrived again.
        """
        if recheck and (refusal := self._refusal()):
            return refusal, None, [], ([], self.high)
        # What the layer dropped, or brought while it was down: a read shared with the room's other
        # connections while the layer is up; without the layer this is the only way in, so read afresh.
        missed = (shared.since if self.layer_up else replay.since)(self.room, self.high)
        if back:
            self.room.refresh_from_db()
            presence, *state = self._state_frames()
            room = {"type": "room", "state": self.room.state, "floor_control": self.room.floor_control}
            return None, presence["members"], [room, *state], missed
        members = room_presence.presence_list(self.room) if self._sweep() or returned else None
        return None, members, [], missed

    def _sweep(self):
        """Forget connections that died without closing; True when someone left the list."""
        return self._sweep_room(self.room)

    @classmethod
    def _sweep_room(cls, room):
        now = time.monotonic()
        if now - _last_sweep.get(room.pk, float("-inf")) < cls.tick_seconds:
            return False
        _last_sweep[room.pk] = now
        return room_presence.sweep(room) > 0

    # --- helpers ------------------------------------------------------------------------------------
    async def _call(self, function, *args, **kwargs):
        return await database_sync_to_async(function)(*args, **kwargs)

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


def _whole_id(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise DomainError("invalid", f"{name} must be an id (a whole number).")
    return value


def _announce_presence_soon(layer, room):
    """In a moment, send the room its presence list: once for everyone who arrived or left meanwhile."""
    loop = asyncio.get_running_loop()
    due = _presence_due.get(room.pk)
    if due is not None and not due.done() and due.get_loop() is loop:
        return
    _presence_due[room.pk] = loop.create_task(_announce_presence(layer, room))


async def _announce_presence(layer, room):
    await asyncio.sleep(PRESENCE_GATHER_SECONDS)
    _presence_due.pop(room.pk, None)  # a change from now on is told again
    try:
        members = await database_sync_to_async(room_presence.presence_list)(room)
        frame = json.dumps({"type": "presence", "members": members})
        event = {"type": "room.frame", "text": frame, "skip": None, "presence": True}
        await layer.group_send(broadcast.room_group(room.pk), event)
    except Exception as exc:  # the layer or the database is away: the next change, or the tick, tells it
        logger.warning("room %s: could not send who is here: %s", room.slug, exc)


def _until_turn(room_id, interval):
    """Seconds until this room's next turn to tick: the same moment for all its connections in a process,
    the rooms' turns spread over the interval (by the golden ratio, so any number of rooms stay apart)."""
    phase = (room_id * 0.6180339887498949) % 1.0 * interval
    wait = interval - (asyncio.get_running_loop().time() - phase) % interval
    return wait if wait > interval / 4 else wait + interval  # woken a hair early, or a slow tick: the next turn


@dataclass
class Tick:
    consumer: RoomConsumer
    recheck: bool  # read the member's standing afresh
    back: bool  # the layer is back after an outage: send the room's state again
    beat: bool  # heard from since `last_seen` was written


def _look_around_crowd(ticks):
    """In the database thread: each ticking connection's housekeeping (`RoomConsumer._look_around`), the
    heartbeats of the lot written in one statement; each result, or the exception that stopped it."""
    swept = room_presence.heartbeat_many([tick.consumer.channel_name for tick in ticks if tick.beat])
    results = []
    for tick in ticks:
        consumer = tick.consumer
        try:
            if consumer.room is None:  # left while waiting for the trip
                results.append((None, None, [], ([], consumer.high)))
                continue
            returned = consumer.channel_name in swept
            if returned:  # swept while its frames waited for this tick: back on the list
                room_presence.arrive(consumer.room, consumer.user, consumer.channel_name)
            results.append(consumer._look_around(tick.recheck, tick.back, returned=returned))
        except Exception as exc:  # this connection's own trouble: the others go on
            results.append(exc)
    return results


# --- a crowd arriving -------------------------------------------------------------------------------
# When a session starts, hundreds of members arrive within seconds. Connections that arrive while
# the previous crowd is being let in (or within GATHER_SECONDS of the first) wait for one
# trip to the database thread together: the members, their standing (rooms/access.py `standings`),
# the rooms' shared views and one presence write for the lot, instead of a trip and about six
# queries each. Each connection still gets its own answer, decided by the same rule.
@dataclass
class Arrival:
    consumer: RoomConsumer
    slug: str
    after: int | None
    joined: float | None  # when it joined the room's group, if before this trip (None: it joins after)


class _Together:
    """Requests of one kind from this event loop's connections, taken to the database thread together.

    Those made while the previous batch is in the database thread (or within GATHER_SECONDS of the
    first) go in the next one: `work(items)` returns each item's result, or the exception that
    stopped it. What the batch announced for the rooms' groups is sent from the loop once it is back
    (rooms/broadcast.py `Acting`), before any connection hears its own answer.
    """

    def __init__(self, layer, work):
        self.layer, self.work = layer, work
        self.waiting = []  # (item, future)
        self.task = None

    async def run(self):
        batch = []
        try:
            await asyncio.sleep(GATHER_SECONDS)
            while self.waiting:
                batch, self.waiting = [(i, f) for i, f in self.waiting if not f.done()], []  # gone while waiting
                actor = broadcast.Acting()
                token = broadcast.acting.set(actor)
                try:
                    results = await database_sync_to_async(self.work)([item for item, _ in batch]) if batch else []
                except Exception as exc:  # the database briefly away: every request of the batch hears of it
                    results = [exc] * len(batch)
                finally:
                    broadcast.acting.reset(token)
                    await _tell_groups(self.layer, actor)
                for (_item, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:  # cancelled (the server stopping): no connection waits for ever
            for _item, future in [*batch, *self.waiting]:
                if not future.done():
                    future.cancel()


GATHER_SECONDS = 0.002
_gatherings = weakref.WeakKeyDictionary()  # event loop -> {kind: _Together}


async def _together(layer, kind, work, item):
    """`work`'s result for this item (or the exception it met), worked out with the others of its kind."""
    loop = asyncio.get_running_loop()
    gathering = _gatherings.setdefault(loop, {}).get(kind)
    if gathering is None:
        gathering = _gatherings[loop][kind] = _Together(layer, work)
    future = loop.create_future()
    gathering.waiting.append((item, future))
    if gathering.task is None or gathering.task.done():
        gathering.task = loop.create_task(gathering.run())
    return await future


async def _tell_groups(layer, actor):
    """Send what an action collected for the rooms' groups, even if the connection that asked is going."""
    if actor.sends:
        await asyncio.shield(asyncio.ensure_future(broadcast.send_collected(layer, actor)))


async def _let_in(arrival):
    """(refusal, frames) for one connection, decided with the crowd arriving at the same time."""
    outcome = await _together(arrival.consumer.channel_layer, "arrivals", _enter_crowd, arrival)
    _collect_after_crowd()
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


# A crowd arriving leaves hundreds of thousands of new long-lived objects (sockets, consumers, their
# queues), and Python's collector makes a full pass over everything once the newcomers are a quarter
# of what it tracked before: a pause of 150-300 ms for every room of the process, due just as the
# session gets talking, and again every few seconds of talk. Once at least CROWD_FOR_COLLECTION have
# arrived and no one else has for COLLECT_AFTER_SECONDS, the process makes that pass itself, then sets
# what survived aside (`gc.freeze`, as cop_site/asgi.py does after start-up): later passes walk only
# what is newer, a few milliseconds. What was set aside is walked again at the next crowd's pass, so
# the cycles of the connections that left since are collected then.
CROWD_FOR_COLLECTION = 100
COLLECT_AFTER_SECONDS = 1.0
_collections = weakref.WeakKeyDictionary()  # event loop -> [arrivals since its last pass, the pass waiting]


def _collect_after_crowd():
    loop = asyncio.get_running_loop()
    state = _collections.setdefault(loop, [0, None])
    state[0] += 1
    if state[1] is not None:
        state[1].cancel()
    if state[0] >= CROWD_FOR_COLLECTION:
        state[1] = loop.call_later(COLLECT_AFTER_SECONDS, _collect, state)


def _collect(state):
    state[0], state[1] = 0, None
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _send_crowd(sends):
    """In the database thread: each connection's message stored as `room_messages.send_messages` decides.

    Each sender is read from their session afresh (signed out a moment ago: refused); the result is
    (payload, created, this room's new messages as events in id order) or the refusal.
    """
    batch = [
        (room, viewer(scope), body, client_id, bool(anonymous)) for room, scope, body, client_id, anonymous in sends
    ]
    results = room_messages.send_messages(batch)
    payloads, announced = {}, {}  # message id -> payload; room id -> the events of its new messages, in id order
    for (room, *_), result in zip(batch, results, strict=True):
        if not isinstance(result, Exception):
            message, created = result
            if message.pk not in payloads:
                payloads[message.pk] = room_messages.message_payload(message)
                if created:
                    announced.setdefault(room.pk, []).append(
                        broadcast.message_event(payloads[message.pk], message.previous_id)
                    )
    outcomes = []
    for (room, *_), result in zip(batch, results, strict=True):
        if isinstance(result, Exception):
            outcomes.append(result)
        else:
            message, created = result
            outcomes.append((payloads[message.pk], created, announced.get(room.pk, []) if created else []))
    return outcomes


def _enter_crowd(crowd):
    """In the database thread: each arrival's (refusal, frames), or the exception that stopped it."""
    views = {slug: shared.room_view(slug) for slug in {arrival.slug for arrival in crowd}}
    ids = set()
    for arrival in crowd:
        person = arrival.consumer.scope.get("user")
        if person is not None and person.is_authenticated:
            ids.add(person.pk)
    users = get_user_model().objects.select_related("profile").in_bulk(ids) if ids else {}
    communities = {view.room.community_id: view.room.community for view in views.values() if view is not None}
    standings = room_access.standings(users.values(), communities.values())
    since, results, present = {}, [], []
    for arrival in crowd:
        consumer, person = arrival.consumer, arrival.consumer.scope.get("user")
        user = users.get(person.pk) if person is not None and person.is_authenticated else person
        try:
            standing = standings.get(getattr(user, "pk", None))
            result = consumer._enter(arrival, views[arrival.slug], user, standing, since)
        except Exception as exc:  # this connection's own trouble (a client too far behind): the others go on
            result = exc
        if not isinstance(result, Exception) and result[0] is None:
            present.append((consumer.room, consumer.user, consumer.channel_name))
        results.append(result)
    room_presence.arrive_many(present)
    for room, _user, _channel in present:
        RoomConsumer._sweep_room(room)
    return results


def _with_since(history, payloads, read_to):
    """A fresh arrival's history frame with what was said after it was read, and the new watermark."""
    if not payloads:
        return history, read_to
    messages = [*history["messages"], *payloads]
    has_more = history["has_more"] or len(messages) > replay.HISTORY_PAGE
    return {**history, "messages": messages[-replay.HISTORY_PAGE :], "has_more": has_more}, read_to
