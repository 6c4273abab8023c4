"""Who may be in a room, and who facilitates or moderates it: the consumer, the pages and the signals ask here.

A room follows its community's reading rule (forums.visibility, through `Community.can_read`), and a
suspended member is kept out.
"""

from forums.models.communities import Membership, is_site_moderator
from forums.moderation import active_suspension


def refusal(room, user):
    """None if this person may enter, else the close code: 4401 not signed in, 4403 not allowed."""
    if user is None or not user.is_authenticated:
        return 4401
    if not room.community.can_read(user):
        return 4403
    if active_suspension(user) is not None:
        return 4403
    return None


def is_facilitator(room, user):
    return room.community.can_moderate(user)


def roles(room, user):
    """(facilitator, moderator) for this person in this room, read once: what a member is told on arriving."""
    site_moderator = is_site_moderator(user)
    membership = room.community.membership_of(user)
    active = membership is not None and membership.status == Membership.Status.ACTIVE
    role = membership.role if active else None
    facilitator = site_moderator or role in (Membership.Role.FACILITATOR, Membership.Role.MODERATOR)
    return facilitator, site_moderator or role == Membership.Role.MODERATOR


def is_moderator(room, user):
    if is_site_moderator(user):
        return True
    membership = room.community.membership_of(user)
    return bool(membership and membership.status == "active" and membership.role == Membership.Role.MODERATOR)
