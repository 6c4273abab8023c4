"""A Redis cache that degrades to a cache miss when Redis is unreachable.

Wagtail reads the cache on every page request (site root paths), so a Redis outage must cost
speed, not pages: every read becomes a miss and every write is dropped, with a warning logged.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_safe(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as exc:
                logger.warning("Redis cache unavailable (%s); treating %s as a miss", exc, method.__name__)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _add(key, *args, **kwargs):
    """Nothing is added, except that a lock is granted: with no shared state there is nothing to guard,
    and refusing it would turn an outage into a lockout (allauth's rate limiter takes `...:lock` keys
    before every sign-in and sign-up, and refuses the request when it cannot)."""
    return str(key).endswith(":lock")


class FailSafeRedisCache(RedisCache):
    get = _fail_safe(_default)(RedisCache.get)
    get_many = _fail_safe(lambda keys, *a, **k: {})(RedisCache.get_many)
    has_key = _fail_safe(lambda *a, **k: False)(RedisCache.has_key)
    add = _fail_safe(_add)(RedisCache.add)
    set = _fail_safe(lambda *a, **k: None)(RedisCache.set)
    set_many = _fail_safe(lambda data, *a, **k: list(data))(RedisCache.set_many)
    touch = _fail_safe(lambda *a, **k: False)(RedisCache.touch)
    delete = _fail_safe(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _fail_safe(lambda *a, **k: None)(RedisCache.delete_many)
    incr = _fail_safe(lambda key, delta=1, *a, **k: delta)(RedisCache.incr)
    clear = _fail_safe(lambda *a, **k: False)(RedisCache.clear)
