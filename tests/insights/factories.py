"""Data for the insights tests, made directly (as the counting and posting code would leave it)."""

import itertools

from django.utils import timezone
from wagtail.models import Page

from forums.models import Post, Thread
from rooms.models import RoomMessage

_client_ids = itertools.count(1)


def published_on(page, when):
    """Say the page was first published at `when` (Wagtail stamps the real time on publish)."""
    Page.objects.filter(pk=page.pk).update(first_published_at=when)
    page.first_published_at = when
    return page


def comment(page, author=None, when=None, status=Post.Status.VISIBLE):
    """A post in the page's comment thread (the thread is made on first use)."""
    thread, _ = Thread.objects.get_or_create(page=page, defaults={"title": f"Comments on {page.title}"})
    return _post(thread, author, when, status)


def forum_post(community, author=None, when=None, status=Post.Status.VISIBLE):
    thread = Thread.objects.filter(community=community).first() or Thread.objects.create(
        community=community, title=f"Talk in {community.name}"
    )
    return _post(thread, author, when, status)


def _post(thread, author, when, status):
    return Post.objects.create(
        thread=thread,
        author=author,
        body_source="A thought.",
        body_html="<p>A thought.</p>",
        status=status,
        created=when or timezone.now(),
    )


def room_message(room, author=None, when=None, removed=False, anonymous=False):
    return RoomMessage.objects.create(
        room=room,
        author=author,
        body_source="Said in the room.",
        body_html="<p>Said in the room.</p>",
        client_id=f"insights-{next(_client_ids)}",
        created=when or timezone.now(),
        removed=removed,
        anonymous=anonymous,
    )


def pathway(title, *pages, **kwargs):
    """A learning pathway through `pages` (a pathway needs at least two steps)."""
    from tests.factories import PathwayFactory

    steps = [("step", {"page": page, "why": "Why it matters.", "reflection_prompt": "What changed?"}) for page in pages]
    return PathwayFactory(title=title, steps=steps, **kwargs)
