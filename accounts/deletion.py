"""Deleting a member's account: their words stay in the conversations, nothing else of theirs does.

Forum threads, posts and room messages keep their place (their author becomes "former member":
the foreign keys are SET_NULL). Everything else that is the member's goes with the account row,
by cascade: profile, email addresses, memberships, follows, reactions, notifications, bookmarks,
pathway progress and reflections, practice uses, reads, flags they filed, hands and presence in
rooms. What the cascade cannot reach is scrubbed by hand: their name copied into live event
payloads, other people's notifications, session participation figures and the moderation log,
their id in a room's round queue, their signed-in sessions, and the search documents of their posts.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

FORMER_MEMBER = "former member"
# Session engines whose sessions are rows we can find (and delete through the engine, so caches follow).
DATABASE_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


class DeletionRefused(Exception):
    """The account may not be deleted (the last superuser); the message says why."""


class AlreadyDeleted(Exception):
    """The account was deleted while this request was on its way (Delete pressed twice): nothing is left to do."""


@dataclass
class DeletionSummary:
    """What went, and what stayed as "former member"."""

    username: str
    removed: dict = field(default_factory=dict)  # model label -> rows deleted
    kept: dict = field(default_factory=dict)  # what stays, attributed to "former member"
    scrubbed: dict = field(default_factory=dict)  # rows of other people's data the name was taken out of

    @property
    def total_removed(self):
        return sum(self.removed.values())


def refusal(user):
    """Why this account may not be deleted, or None when it may."""
    if user.is_superuser:
        others = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
        if not others.exists():
            return (
                "You are the site's only superuser, so your account cannot be deleted: "
                "make someone else a superuser first."
            )
    return None


@transaction.atomic
def delete_member(user):
    """Delete the member and everything of theirs except what they wrote in conversations.

    One transaction: either all of it happens, or none of it. Raises DeletionRefused for the last
    superuser, AlreadyDeleted when the account is gone already. Returns a DeletionSummary.
    """
    from forums.models import Post, Thread
    from forums.models.threads import display_name
    from rooms.models import RoomMessage

    user = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        raise AlreadyDeleted
    reason = refusal(user)
    if reason:
        raise DeletionRefused(reason)
    summary = DeletionSummary(username=user.get_username())
    name = display_name(user)
    post_ids = list(Post.objects.filter(author=user).values_list("pk", flat=True))
    thread_ids = list(Thread.objects.filter(author=user).values_list("pk", flat=True))
    summary.kept = {
        "forum threads": len(thread_ids),
        "posts and comments": len(post_ids),
        "room messages": RoomMessage.objects.filter(author=user).count(),
    }
    summary.scrubbed = {
        "live events": _scrub_live_events(user),
        "notifications to others": _scrub_notifications(user, name),
        "session participation figures": _scrub_participation(user, name),
        "moderation log entries": _scrub_moderation_log(user, name, post_ids),
        "room round queues": _scrub_round_queues(user),
    }
    summary.removed["sessions"] = _end_sessions(user)
    _, by_model = user.delete()
    summary.removed.update({label: count for label, count in by_model.items() if count})
    _reindex(Thread, thread_ids)
    _reindex(Post, post_ids)
    return summary


def _scrub_live_events(user):
    """Post frames replayed to reconnecting viewers carry the author: make them what the API now says (None)."""
    from forums.models import LiveEvent

    changed = 0
    events = LiveEvent.objects.filter(stream__startswith="thread:", payload__post__author__id=user.pk)
    for event in events:
        post = event.payload.get("post") or {}
        author = post.get("author") or {}
        if author.get("id") != user.pk:
            continue
        event.payload = {**event.payload, "post": {**post, "author": None}}
        event.save(update_fields=["payload"])  # a save, so cached pages showing the thread go stale
        changed += 1
    return changed


def _scrub_notifications(user, name):
    """Other members' notifications about something this member did: no name, and no join request left to decide."""
    from forums.models import Notification

    Notification.objects.filter(actor=user, kind=Notification.Kind.JOIN_REQUEST).delete()
    changed = 0
    for notification in Notification.objects.filter(actor=user).exclude(recipient=user):
        if name and name in notification.text:
            notification.text = notification.text.replace(name, "A former member", 1)[:300]
            notification.save(update_fields=["text"])
            changed += 1
    return changed


def _scrub_participation(user, name):
    """A session's stored figures name each speaker: this member becomes "former member"."""
    from rooms.models import RoomSession

    changed = 0
    rooms = set(user_room_ids(user))
    for session in RoomSession.objects.filter(room_id__in=rooms):
        people = session.participation.get("by_person", []) if isinstance(session.participation, dict) else []
        if not any(person.get("name") == name for person in people):
            continue
        for person in people:
            if person.get("name") == name:
                person["name"] = FORMER_MEMBER
        session.save(update_fields=["participation"])
        changed += 1
    return changed


def user_room_ids(user):
    from rooms.models import RoomMessage

    return RoomMessage.objects.filter(author=user).values_list("room_id", flat=True).distinct()


def _scrub_moderation_log(user, name, post_ids):
    """The audit log stays (what was done, when, by whom), but no longer names this member."""
    from forums.models import ModerationAction

    changed = ModerationAction.objects.filter(target_type="user", target_id=user.pk).update(
        target_label=FORMER_MEMBER, target_url=""
    )
    if name:
        for action in ModerationAction.objects.filter(target_type="post", target_id__in=post_ids):
            if name in action.target_label:
                action.target_label = action.target_label.replace(name, "A former member", 1)
                action.save(update_fields=["target_label"])
                changed += 1
    return changed


def _scrub_round_queues(user):
    from rooms.models import Room

    changed = 0
    for room in Room.objects.exclude(round_queue=[]):
        if user.pk in room.round_queue:
            room.round_queue = [pk for pk in room.round_queue if pk != user.pk]
            room.save(update_fields=["round_queue"])
            changed += 1
    return changed


def _end_sessions(user):
    """Sign the member out everywhere: delete every stored session that belongs to them."""
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return 0  # sessions kept only in the cache or cookies cannot be listed; the view signs out the current one
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def _reindex(model, pks):
    """SET_NULL is an SQL update that fires no signals: tell whoever listens (search) that these changed."""
    for instance in model.objects.filter(pk__in=pks):
        post_save.send(sender=model, instance=instance, created=False, update_fields=None, raw=False, using="default")
