"""Whether a member has already seen a thread since a moment: one rule for notification emails and the digest.

A member has seen a thread since a moment when they read it afterwards (their ThreadVisit: a page
view, or a live post shown on their open page), or when the thread's page is open in front of them
now (the live thread stream, forums/consumers.py, says who is connected). An email about a mention,
reply or followed post they have seen is not sent, and the digest leaves out threads they have read.

Who is connected is kept in the cache (Redis at scale, so every ASGI process sees it), one entry per
member and thread naming each open socket with the time it lapses: a socket that vanished without
closing lapses after VIEWING_SECONDS, and the stream renews its entry well within that.
"""

import time

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone

from forums.models import ThreadVisit

VIEWING_SECONDS = 150  # the live stream renews every minute (LiveStreamConsumer.recheck_seconds)


def _key(thread_id, user_id):
    return f"forums:viewing:{thread_id}:{user_id}"


def _open_sockets(thread_id, user_id, now):
    sockets = cache.get(_key(thread_id, user_id)) or {}
    return {channel: until for channel, until in sockets.items() if until > now}


def start_viewing(thread_id, user_id, channel):
    """The member has the thread open on this socket (called on connect and on every renewal)."""
    now = time.time()
    sockets = _open_sockets(thread_id, user_id, now)
    sockets[channel] = now + VIEWING_SECONDS
    cache.set(_key(thread_id, user_id), sockets, VIEWING_SECONDS)


def stop_viewing(thread_id, user_id, channel):
    now = time.time()
    sockets = _open_sockets(thread_id, user_id, now)
    sockets.pop(channel, None)
    if sockets:
        cache.set(_key(thread_id, user_id), sockets, VIEWING_SECONDS)
    else:
        cache.delete(_key(thread_id, user_id))


def is_viewing(thread_id, user_id):
    return bool(_open_sockets(thread_id, user_id, time.time()))


def saw_live(thread_id, user_id):
    """A live post was shown on the member's open page: they have read the thread up to now."""
    ThreadVisit.objects.update_or_create(thread_id=thread_id, user_id=user_id, defaults={"seen": timezone.now()})


def seen_since(user, thread, moment):
    """Whether `user` has seen `thread` since `moment`: read it afterwards, or has it open now."""
    if is_viewing(thread.pk, user.pk):
        return True
    return ThreadVisit.objects.filter(thread=thread, user=user, seen__gte=moment).exists()


def unseen_since_started(threads, user):
    """The threads (a queryset) `user` has not read since each was started: the digest's form of `seen_since`."""
    read = ThreadVisit.objects.filter(thread=OuterRef("pk"), user=user, seen__gte=OuterRef("created"))
    return threads.exclude(Exists(read))
