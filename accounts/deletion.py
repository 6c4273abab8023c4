"""Deleting a member's account: their words stay in the conversations, nothing else of theirs does.

Forum threads, posts and room messages keep their place (their author becomes "former member":
the foreign keys are SET_NULL). Everything else that is the member's goes with the account row,
by cascade: profile, email addresses, memberships, follows, reactions, notifications, bookmarks,
pathway progress and reflections, practice uses, reads, flags they filed, hands and presence in
rooms. What the cascade cannot reach is scrubbed by hand: their name copied into live event
payloads, other people's notifications, session participation figures and the moderation log,
their id in a room's round queue, their signed-in sessions, and the search documents of their posts.

accounts ends the sessions and deletes the row; each app that keeps something of the member's
registers what it does before and after that (`on_delete`, in its member_data module).
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

FORMER_MEMBER = "former member"


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


def on_delete(forget):
    """Register forget(user, summary), run before the account row goes: it counts what stays in
    summary.kept, scrubs what the cascade cannot reach into summary.scrubbed, and may return a
    callable to run once the row is gone (in the same transaction).

    Apps register from their member_data module, which accounts loads from every app when it is
    ready (accounts/apps.py): accounts knows none of the apps that keep something of a member's.
    """
    _forgetters.append(forget)
    return forget


_forgetters = []


@transaction.atomic
def delete_member(user):
    """Delete the member and everything of theirs except what they wrote in conversations.

    One transaction: either all of it happens, or none of it. Raises DeletionRefused for the last
    superuser, AlreadyDeleted when the account is gone already. Returns a DeletionSummary.
    """
    user = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        raise AlreadyDeleted
    reason = refusal(user)
    if reason:
        raise DeletionRefused(reason)
    summary = DeletionSummary(username=user.get_username())
    after_delete = [forget(user, summary) for forget in _forgetters]
    summary.removed["sessions"] = _end_sessions(user)
    _, by_model = user.delete()
    summary.removed.update({label: count for label, count in by_model.items() if count})
    for then in after_delete:
        if then is not None:
            then()
    return summary


def _end_sessions(user):
    """Sign the member out everywhere: delete every stored session that belongs to them."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    # Only an engine whose sessions are database rows (Django's db and cached_db stores and the project's
    # accounts.sessions, all built on the db store) can list them; they are deleted through the engine, so
    # caches follow. Sessions kept only in the cache or cookies cannot be listed: the view signs out the
    # current one.
    if not issubclass(store, db.SessionStore):
        return 0
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
