"""The in-memory channel layer of the embedded profile, without its cost per message.

Channels' InMemoryChannelLayer looks at every channel's queue and every group member for expired
entries on each `receive` and `group_send`. With a thousand connections in live rooms that is
millions of steps a second, spent mostly finding nothing: the server's CPU per delivered frame
and its latency tail grow with the number of connections. Expiry is measured in tens of seconds,
so doing that sweep at most once a second finds the same entries, a moment later.
"""

import time

from channels.layers import InMemoryChannelLayer

SWEEP_INTERVAL = 1.0  # seconds


class SweptInMemoryChannelLayer(InMemoryChannelLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._swept_at = float("-inf")

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._swept_at < SWEEP_INTERVAL:
            return
        self._swept_at = now
        super()._clean_expired()
