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


def hit_recent(key, limit, seconds):
    """Count one action; raise RateLimited when `limit` were already counted in the last `seconds`.

    A sliding window, for short bursts: a fixed window lets twice the limit through across its edge.
    The list of times lives in the cache; two processes counting at the same instant may both pass,
    which is as near as a burst limit needs to be.
    """
    now = time.time()
    cache_key = f"ratelimit-recent:{key}"
    recent = [at for at in cache.get(cache_key, []) if at > now - seconds]
    if len(recent) >= limit:
        raise RateLimited(retry_after=max(1, int(recent[0] + seconds - now + 0.999)))
    cache.set(cache_key, [*recent, now], seconds + 1)
