"""The fragment scope of a page's comments, named by the page so a page view needs no query to find it.

A content page keeps its comments (mylearning/page_parts.py) under `scope(page_id)`. Every event of
the page's comment thread (a comment, an edit, a removal, a hidden or restored comment, a Helpful
mark: a LiveEvent on its stream) and every save of the thread itself (made on the first view, locked
or unlocked) bumps it, at once and again when the transaction commits (cop_site/fragments.py).
"""

from django.db.models.signals import post_delete, post_save

from cop_site import fragments
from forums.models import LiveEvent, Thread

STREAM_PREFIX = "thread:"


def scope(page_id):
    return fragments.scope("page-comments", page_id)


def _event(sender, instance, **kwargs):
    if not instance.stream.startswith(STREAM_PREFIX):
        return
    thread_id = instance.stream.removeprefix(STREAM_PREFIX)
    page_id = Thread.objects.filter(pk=thread_id).values_list("page_id", flat=True).first()
    if page_id is not None:
        fragments.bump(scope(page_id))


def _thread_saved(sender, instance, **kwargs):
    if instance.page_id is not None:
        fragments.bump(scope(instance.page_id))


def connect():
    """Called once from forums/apps.py."""
    uid = "forums.page_comments"
    for signal in (post_save, post_delete):
        signal.connect(_event, sender=LiveEvent, dispatch_uid=f"{uid}.event.{id(signal)}")
        signal.connect(_thread_saved, sender=Thread, dispatch_uid=f"{uid}.thread.{id(signal)}")
