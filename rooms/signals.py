"""A member who loses the right to be in a room leaves it at once, not at the next minute's check.

Each change below asks, once it commits, the room connections it may concern to check again
(`RoomConsumer.room_recheck`: the member's session read afresh, then `rooms.access.refusal`). A
connection whose member may no longer be there leaves the room, so the others see the presence
list without them, and closes with 4401 (no longer signed in) or 4403 (no longer allowed). The
news travels on the channel layer, so it reaches connections in every server process.

One member's connections, through their group `room-member-<id>` (rooms/broadcast.py):
- signing out (Django's `logout`, which allauth's calls): 4401 for the connections of that session;
  the member's other signed-in sessions stay;
- a new password hash saved, by whatever path (the password change, set and reset views, the admin,
  `set_password` and save): 4401; Django ends every session signed in with the old password,
  including the one that changed it, whose key it replaces;
- the account deactivated (`is_active` off) or deleted: 4401;
- a membership changed or ended (removed from, or declined by, a community that is not open): 4403;
- a suspension: 4403.

Every connection in a room, through `room-<id>`:
- the community's visibility changing (an open one made restricted or private): 4403 for non-members;
- the room moved to another community: 4403 for those who may not read the new one.

What sends no signal (`QuerySet.update()`, raw SQL, a session that expires or that `clearsessions`
removes, a member taken out of the Moderators group) is caught by the check every room action
makes before it acts, and by each connection's own recheck every `RoomConsumer.recheck_seconds`;
those also cover a channel layer that is down when the change is made.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from forums.models import Community, Membership, Suspension
from rooms import broadcast
from rooms.models import Room

# The values of the fields a receiver compares, as stored before the save; kept on the instance.
_STORED = "_rooms_stored_before_save"


def _remember_stored(sender, instance, fields, update_fields=None):
    """Before a save: `fields` as the database has them, unless the save cannot change any of them."""
    if instance.pk is None:
        return
    if update_fields is not None and not {sender._meta.get_field(name).name for name in update_fields} & set(fields):
        return  # update_fields may name a foreign key by its attname (community_id)
    instance.__dict__[_STORED] = sender._default_manager.filter(pk=instance.pk).values(*fields).first()


def _stored(instance):
    """What `_remember_stored` read before this save; None for a new row or a save that changed none of them."""
    return instance.__dict__.pop(_STORED, None)


# --- the member ---------------------------------------------------------------------------------------
@receiver(user_logged_out, dispatch_uid="rooms_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    # Django empties the session only after sending this signal: end it in the store now, or a
    # connection quick to recheck could still find it signed in, and stay.
    session = getattr(request, "session", None)
    if session is not None:
        session.delete()
    broadcast.recheck_member(user.pk)


USER_STANDING_FIELDS = ("password", "is_active")


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="rooms_user_saving")
def user_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember_stored(sender, instance, USER_STANDING_FIELDS, update_fields)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="rooms_user_saved")
def user_saved(sender, instance, **kwargs):
    stored = _stored(instance)
    if stored is None:
        return
    # After the save, not before: the recheck must find the new hash (or is_active) in the database.
    if stored["password"] != instance.password or (stored["is_active"] and not instance.is_active):
        broadcast.recheck_member(instance.pk)


@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="rooms_user_deleted")
def user_deleted(sender, instance, **kwargs):
    broadcast.recheck_member(instance.pk)


@receiver(post_save, sender=Membership, dispatch_uid="rooms_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="rooms_membership_deleted")
def membership_changed(sender, instance, **kwargs):
    broadcast.recheck_member(instance.user_id)


@receiver(post_save, sender=Suspension, dispatch_uid="rooms_suspension_saved")
def suspension_changed(sender, instance, **kwargs):
    broadcast.recheck_member(instance.user_id)


# --- the room and its community ---------------------------------------------------------------------------
@receiver(pre_save, sender=Community, dispatch_uid="rooms_community_saving")
def community_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember_stored(sender, instance, ("visibility",), update_fields)


@receiver(post_save, sender=Community, dispatch_uid="rooms_community_saved")
def community_saved(sender, instance, **kwargs):
    stored = _stored(instance)
    if stored is not None and stored["visibility"] != instance.visibility:
        for room_id in Room.objects.filter(community=instance).values_list("pk", flat=True):
            broadcast.recheck_room(room_id)


@receiver(pre_save, sender=Room, dispatch_uid="rooms_room_saving")
def room_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember_stored(sender, instance, ("community",), update_fields)


@receiver(post_save, sender=Room, dispatch_uid="rooms_room_saved")
def room_saved(sender, instance, **kwargs):
    stored = _stored(instance)
    if stored is not None and stored["community"] != instance.community_id:
        broadcast.recheck_room(instance.pk)
