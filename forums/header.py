"""What the site header shows a signed-in member, worked out once and kept until it changes.

Every page's header names the member and links their notifications (with the unread count), the
moderation queue (to facilitators and moderators) and, through Wagtail's userbar, the admin (to
people who may use it). Asking the database for those on every page cost five queries, most of what
a signed-in page pays before it shows anything of its own. So `account(user)` keeps them as one
record in the fragment cache (cop_site/fragments.py) under the member's own scope, which the
receivers below bump the moment any of them changes: a notification made, read or deleted; a
membership made, changed or ended; the member's groups, permissions, superuser flag, username or
display name (a changed user also bumps `fragments.PROFILES`, as a changed profile does, for the
names beside kept posts). A change to a group itself (its permissions, its name, its deletion) bumps `ROLES`,
which every record is kept under. The record is exact or absent, never stale: it holds no rule, only
the answers of `notifications.unread_count`, `moderation.is_moderator` and Django's permission check.

The header's HTML then depends on nothing but the record, so `header_fragment(record)` names it by
its contents (`fragments.frame`): members with the same record (visitors: all of them) share one rendering.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Profile
from cop_site import fragments
from forums import moderation, notifications
from forums.models import Membership, Notification
from forums.models.threads import display_name

ROLES = fragments.ROLES  # what a group means: its permissions and name (the Moderators group)
VISITOR = {"signed_in": False}


changed = fragments.members_changed  # the header of these members is worked out afresh


def account(user):
    """What the header shows this person: a dict, the same for every visitor."""
    spec = account_spec(user)
    if spec is None:
        return VISITOR
    record, generations = spec.lookup()
    if record is None:
        record = {
            "signed_in": True,
            "name": display_name(user),
            "username": user.get_username(),
            "unread": notifications.unread_count(user),
            "moderator": moderation.is_moderator(user),
            "admin": user.has_perm("wagtailadmin.access_admin"),
        }
        spec.store(record, generations)
    return record


def account_spec(user):
    """Where this member's record is kept (None for a visitor, whose record is always VISITOR)."""
    if user is None or not user.is_authenticated:
        return None
    scopes = (fragments.member_scope(user.pk), ROLES)
    return fragments.Fragment("forums/header-account", scopes=scopes, parts=(user.pk,))


def header_fragment(record):
    """The header's HTML is a function of the record (and the static files' names): shared by equal records."""
    return fragments.frame("site-header", tuple(sorted(record.items())))


# --- What makes a record stale ------------------------------------------------------------------------
def _notification_changed(sender, instance, **kwargs):
    changed(instance.recipient_id)


def _membership_changed(sender, instance, **kwargs):
    changed(instance.user_id)


def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:  # signing in changes nothing shown
        return
    changed(instance.pk)
    fragments.bump(fragments.PROFILES)  # a full name or username is how posts kept anywhere name them


def _profile_changed(sender, instance, **kwargs):
    changed(instance.user_id)  # (PROFILES, for the names beside posts, is bumped by mylearning/apps.py)


def _user_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups or permissions; from the other side (group.user_set.add) pk_set names the users."""
    if not action.startswith("post_"):
        return
    if not reverse:
        changed(instance.pk)
    elif pk_set:
        changed(*pk_set)
    else:  # cleared from the group's or permission's side: whose it was is gone, so everyone's
        fragments.bump(ROLES)


def _group_changed(sender, **kwargs):
    fragments.bump(ROLES)


def connect():
    """Called once from forums/apps.py."""
    user_model = get_user_model()
    uid = "forums.header"
    for signal in (post_save, post_delete):
        signal.connect(_notification_changed, sender=Notification, dispatch_uid=f"{uid}.notification.{id(signal)}")
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=f"{uid}.membership.{id(signal)}")
        signal.connect(_user_changed, sender=user_model, dispatch_uid=f"{uid}.user.{id(signal)}")
        signal.connect(_profile_changed, sender=Profile, dispatch_uid=f"{uid}.profile.{id(signal)}")
        signal.connect(_group_changed, sender=Group, dispatch_uid=f"{uid}.group.{id(signal)}")
    m2m_changed.connect(_user_m2m_changed, sender=user_model.groups.through, dispatch_uid=f"{uid}.groups")
    m2m_changed.connect(_user_m2m_changed, sender=user_model.user_permissions.through, dispatch_uid=f"{uid}.perms")
    m2m_changed.connect(_group_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_perms")
