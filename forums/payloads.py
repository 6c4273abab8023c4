"""What viewers receive: a post, and who wrote it, as live frames, the API and the thread page show them.

Hidden and removed posts carry no text. The author's level and profile link are read from their
profile without knowing accounts' model (a user without a profile shows neither).
"""

from forums.models import Post
from forums.models.threads import display_name


def author_level(user):
    """The author's level as words ("Frontline"), or "" when their profile does not say."""
    profile = getattr(user, "profile", None) if user is not None else None
    getter = getattr(profile, "get_level_display", None)
    return getter() if getter and getattr(profile, "level", "") else ""


def author_url(user):
    profile = getattr(user, "profile", None) if user is not None else None
    getter = getattr(profile, "get_absolute_url", None)
    return getter() if getter else ""


def post_payload(post):
    """A post as live frames and the API show it. Hidden and removed posts carry no text."""
    author = post.author
    visible = post.status == Post.Status.VISIBLE
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "parent_id": post.parent_id,
        "author": None if author is None else _author(author),
        "body_html": post.body_html if visible else "",
        "status": post.status,
        "created": post.created.isoformat(),
        "edited": post.edited.isoformat() if post.edited else None,
    }


def _author(user):
    """Who wrote a post, with what a page shows beside it: level in words, a link to their profile."""
    return {
        "id": user.pk,
        "name": display_name(user),
        "level": _level(user),
        "level_label": author_level(user),
        "url": author_url(user),
    }


def _level(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "level", "") if profile else ""
