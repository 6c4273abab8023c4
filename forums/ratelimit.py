"""Per-member rate limits on a fixed window in the cache (locmem, or Redis when configured)."""

import time

from django.core.cache import cache


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def hit(key, limit, window_seconds):
    """Count one action; raise RateLimited when this is more than `limit` in the current window."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, window_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds + 1)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=window_seconds - int(time.time() % window_seconds))
