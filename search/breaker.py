"""A circuit breaker in front of Elasticsearch reads, so a hung node slows a search down only once.

Searches, suggestions and "more like this" ask Elasticsearch with a short timeout
(SEARCH_READ_TIMEOUT, 0.4 s; writes, bulk loads and rebuilds keep the client's longer ones). When a
read fails (refused, timed out, a 5xx), the breaker opens: for SEARCH_BREAKER_COOLDOWN seconds (30)
every read goes straight to the database backend without touching Elasticsearch, and the results
say incomplete. After the cool-down the breaker is half-open: the next read is the trial and goes to
Elasticsearch while the others keep using the database. If the trial answers, the breaker closes;
if it fails, it opens for another cool-down. A trial that never reports back is replaced by another
after one more cool-down. A request the node refuses with a 4xx (a query it cannot run) falls back
alone: the node answered, so the breaker closes.

The state lives in the process (each server process finds out for itself, at the price of one
short timeout), one breaker per Elasticsearch URL, behind a lock so that threads share it safely.
search.service._with_fallback is its one user.

Catching up after a recovery: index updates that failed while the node was away wait as
PendingIndexUpdate rows, and while any wait, results say incomplete even when Elasticsearch
answered. A search that Elasticsearch answers while rows wait queues
search.tasks.retry_pending_updates, at most once per SEARCH_RETRY_INTERVAL seconds (30; the mark is
kept in the cache, so all processes share it), so the first searches after a recovery bring the
index up to date with no operator and no new write. For sites with few searches, cron runs
`manage.py search_index retry` every minute (README, "Operating it"); with nothing pending it does
not touch Elasticsearch.
"""

import threading
import time

from django.conf import settings

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    def __init__(self, cooldown=None, clock=time.monotonic):
        self._cooldown = cooldown  # None: the SEARCH_BREAKER_COOLDOWN setting, read at each use
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._since = 0.0  # when it opened, or when the trial began

    @property
    def cooldown(self):
        return settings.SEARCH_BREAKER_COOLDOWN if self._cooldown is None else self._cooldown

    @property
    def state(self):
        with self._lock:
            return self._state

    def allow(self):
        """Whether this caller may ask Elasticsearch now (if it does, it must report how it went)."""
        with self._lock:
            if self._state == CLOSED:
                return True
            now = self._clock()
            if now - self._since < self.cooldown:
                return False
            self._state, self._since = HALF_OPEN, now  # this caller is the trial
            return True

    def succeeded(self):
        with self._lock:
            self._state = CLOSED

    def failed(self):
        with self._lock:
            self._state, self._since = OPEN, self._clock()


def node_failed(exc):
    """Whether a BackendUnavailable means the node is in trouble (no answer, a timeout, a 5xx or 429),
    rather than that it refused this one request (another 4xx): only trouble opens the breaker."""
    status = getattr(exc.__cause__, "status_code", None)
    return status is None or status >= 500 or status == 429


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(url=None):
    """The process's breaker for an Elasticsearch URL (the configured one by default)."""
    url = settings.ELASTICSEARCH_URL if url is None else url
    with _breakers_lock:
        if url not in _breakers:
            _breakers[url] = CircuitBreaker()
        return _breakers[url]


def reset():
    """Forget every breaker's state (tests)."""
    with _breakers_lock:
        _breakers.clear()
