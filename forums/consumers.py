"""WebSocket consumers of the forums: protocol only. Who may watch and what to replay is in forums/streams.py.

`/ws/threads/<id>/` (docs/protocols.md), with these choices where the design is silent:
- A refusal is sent after accepting the handshake, so the browser sees the close code (4401, 4403,
  4404); a socket closed before it is accepted only ever shows 1006 to page scripts.
- Without `?after=` nothing old is sent: the page was just rendered. With it, the events after that id
  are sent in order, then the live ones; more than `live.REPLAY_LIMIT` gets `{"type": "reload"}` and
  a normal close (1000) instead. An `after` that is not an event id gets an `error` frame (`invalid`)
  and the stream carries on live, without a replay.
- Any frame from the client gets `error` `invalid` "This stream is read-only."; the socket stays open.
- The channel layer being down, or the database failing a check, closes with 1013 (try again later):
  the page reconnects with backoff and catches up from the log.
"""

import asyncio
import json
import logging
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from cop_site import frames
from forums import attention, live, streams

logger = logging.getLogger(__name__)
NORMAL_CLOSURE = 1000
TRY_AGAIN_LATER = 1013  # the channel layer is down: the client reconnects with backoff and catches up


class LiveStreamConsumer(AsyncWebsocketConsumer):
    """One viewer of one stream of the live event log (forums/live.py).

    On connect: check access, join the stream's group, send what the viewer missed after `?after=`
    (or `reload` when that is more than replay allows). Then forward every `live.event` the group
    receives, checking access again before each (a member removed from a private community stops
    receiving at once) and every `recheck_seconds` (so a lost right closes the socket even when the
    stream is quiet). Subclasses name the stream and its rules in `authorise` and `replay`. Live
    rooms, which take client frames, have a consumer of their own (rooms/consumers.py).
    """

    recheck_seconds = 60
    max_frame = 4096

    # --- what subclasses define -------------------------------------------------------------------
    async def authorise(self):
        """(stream, None) when the viewer may watch now, else (None, close code)."""
        raise NotImplementedError

    def replay(self, stream, after):
        """Runs in a worker thread: (frames after `after`, complete)."""
        return live.replay(stream, after)

    async def receive_frame(self, frame):
        await self.send_error("invalid", "This stream is read-only.")

    async def watching(self):
        """The viewer has the stream open: called on connect and after each recheck that lets them stay."""

    async def gone(self):
        """The viewer's socket left the stream."""

    # --- connection -------------------------------------------------------------------------------
    async def connect(self):
        self.stream = None
        self.replayed = set()
        self.watcher = None
        self.closed = False
        after, after_error = self._after()
        try:
            stream, refusal = await self.authorise()
        except Exception:
            logger.exception("live stream access check failed")
            stream, refusal = None, TRY_AGAIN_LATER
        await self.accept()
        if refusal:
            await self._stop(refusal)
            return
        try:
            await self.channel_layer.group_add(live.group_name(stream), self.channel_name)
        except Exception as exc:  # Redis down: nothing live to offer; the client retries and replays
            logger.warning("channel layer unavailable, refusing live stream %s: %s", stream, exc)
            await self._stop(TRY_AGAIN_LATER)
            return
        self.stream = stream
        if after_error:
            await self.send_error("invalid", after_error)
        elif after is not None and not await self._send_missed(after):
            return
        await self.watching()
        self.watcher = asyncio.create_task(self._watch())

    def _after(self):
        """(event id or None, None) from `?after=`, or (None, why it is not an event id)."""
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        try:
            return streams.parse_after(query["after"][-1] if "after" in query else None), None
        except streams.InvalidAfter as exc:
            return None, str(exc)

    async def _send_missed(self, after):
        frames, complete = await database_sync_to_async(self.replay)(self.stream, after)
        if not complete:  # too much to replay: the page is better rebuilt from scratch
            await self.send_json({"type": "reload"})
            await self._stop(NORMAL_CLOSURE)
            return False
        for frame in frames:
            self.replayed.add(frame["event_id"])  # it may also be waiting in the group's queue
            await self.send_json(frame)
        return True

    async def disconnect(self, code):
        await self._stop(None)

    async def _stop(self, close_code):
        """Leave the group and stop checking; close the socket with `close_code` unless the client already did."""
        if self.watcher and self.watcher is not asyncio.current_task():
            self.watcher.cancel()
        self.watcher = None
        stream, self.stream = self.stream, None
        if stream:
            try:
                await self.channel_layer.group_discard(live.group_name(stream), self.channel_name)
            except Exception as exc:
                logger.warning("channel layer unavailable on leaving %s: %s", stream, exc)
            await self.gone()
        if close_code is not None and not self.closed:
            self.closed = True
            await self.close(code=close_code)

    async def _watch(self):
        while self.stream:
            await asyncio.sleep(self.recheck_seconds)
            if await self._still_allowed():
                await self.watching()

    async def _still_allowed(self):
        try:
            _, refusal = await self.authorise()
        except Exception:
            logger.exception("live stream access check failed")
            refusal = TRY_AGAIN_LATER
        if refusal:
            await self._stop(refusal)
        return not refusal

    # --- frames -----------------------------------------------------------------------------------
    async def live_event(self, event):
        """A frame published on the stream (forums.live.broadcast): forward it if the viewer may still watch."""
        frame = event["frame"]
        if not self.stream:
            return
        if frame.get("event_id") in self.replayed:
            self.replayed.discard(frame["event_id"])
            return
        if await self._still_allowed():
            await self.send_json(frame)

    async def receive(self, text_data=None, bytes_data=None):
        frame = frames.parse(text_data, self.max_frame)
        if frame is None:
            await self.send_json(frames.invalid(self.max_frame))
        else:
            await self.receive_frame(frame)

    async def send_error(self, code, detail):
        await self.send_json(frames.error(code, detail))

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))


class ThreadConsumer(LiveStreamConsumer):
    """`/ws/threads/<id>/`: the read-only live stream of a comment thread or forum thread (docs/protocols.md)."""

    viewer_id = None

    @property
    def thread_id(self):
        return self.scope["url_route"]["kwargs"]["thread_id"]

    async def authorise(self):
        return await database_sync_to_async(streams.check_thread)(self.thread_id, self.scope)

    def replay(self, stream, after):
        return streams.thread_replay(stream, after)

    # A signed-in viewer counts as having the thread open, so emails about it wait (forums/attention.py).
    async def watching(self):
        self.viewer_id = await database_sync_to_async(streams.viewer_id)(self.scope)
        if self.viewer_id is not None:
            await database_sync_to_async(attention.start_viewing)(self.thread_id, self.viewer_id, self.channel_name)

    async def gone(self):
        if self.viewer_id is not None:
            await database_sync_to_async(attention.stop_viewing)(self.thread_id, self.viewer_id, self.channel_name)

    async def live_event(self, event):
        await super().live_event(event)
        if self.stream and self.viewer_id is not None and event["frame"].get("type") == "post":
            await database_sync_to_async(attention.saw_live)(self.thread_id, self.viewer_id)

    async def receive(self, text_data=None, bytes_data=None):
        await self.send_error("invalid", "This stream is read-only.")
