"""Requests of one kind from a server process's room connections, taken to the database thread together.

Channels gives every consumer of a process one database thread. When a session starts, hundreds of
members arrive (rooms/crowd.py), speak (rooms/crowd.py `send_crowd`) and tick (rooms/housekeeping.py)
within the same moments; each kind of request made while the previous batch of that kind is in the
database thread (or within `gather` seconds of the first) waits for the next trip, and the trip does
the lot. Each connection still gets its own answer, decided by the same rule.
"""

import asyncio
import weakref

from channels.db import database_sync_to_async

from rooms import broadcast

# Arrivals wait this long for others to come with them: a crowd connects over a few milliseconds.
# Messages do not wait (gather=0): each one's sender waits for it, and those sent while a batch is in
# the database thread go together in the next anyway.
GATHER_SECONDS = 0.002
_gatherings = weakref.WeakKeyDictionary()  # event loop -> {kind: _Together}


class _Together:
    """Requests of one kind from this event loop's connections, taken to the database thread together.

    Those made while the previous batch is in the database thread (or within `gather` seconds of the
    first) go in the next one: `work(items)` returns each item's result, or the exception that
    stopped it. What the batch announced for the rooms' groups is sent from the loop once it is back
    (rooms/broadcast.py `Acting`), before any connection hears its own answer.
    """

    def __init__(self, layer, work, gather):
        self.layer, self.work, self.gather = layer, work, gather
        self.waiting = []  # (item, future)
        self.task = None

    async def run(self):
        batch = []
        try:
            if self.gather:  # else: this task starts after the turn of the loop its first request came in
                await asyncio.sleep(self.gather)
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
                    # Straight from this task, which no connection's going can cancel: the rooms hear it in
                    # this turn of the loop. If the server stopping cuts it short, the messages are stored
                    # and each connection reads what it missed (rooms/replay.py).
                    await broadcast.send_collected(self.layer, actor)
                for (_item, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:  # cancelled (the server stopping): no connection waits for ever
            for _item, future in [*batch, *self.waiting]:
                if not future.done():
                    future.cancel()


async def together(layer, kind, work, item, gather=GATHER_SECONDS):
    """`work`'s result for this item (or the exception it met), worked out with the others of its kind."""
    loop = asyncio.get_running_loop()
    gathering = _gatherings.setdefault(loop, {}).get(kind)
    if gathering is None:
        gathering = _gatherings[loop][kind] = _Together(layer, work, gather)
    future = loop.create_future()
    gathering.waiting.append((item, future))
    if gathering.task is None or gathering.task.done():
        gathering.task = loop.create_task(gathering.run())
    return await future


async def tell_groups(layer, actor):
    """Send what an action collected for the rooms' groups, even if the connection that asked is going."""
    if actor.sends:
        await asyncio.shield(asyncio.ensure_future(broadcast.send_collected(layer, actor)))
