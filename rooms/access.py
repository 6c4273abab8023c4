"""Who may be in a room, and who facilitates or moderates it: the consumer, the pages and the signals ask here.

A room follows its community's reading rule (forums.visibility, through `Community.can_read`), and a
suspended member is kept out.

Each rule reads a person's `Standing`: whether they are signed in, what forums.visibility knows of
them (site moderator, the communities they belong to), their suspension, their membership of the
room's community. Given a user, the facts are read one at a time as the rule asks; given a
`Standing` from `standings()`, they were read for a crowd at once (a session starting: hundreds
arriving in one trip to the database, rooms/crowd.py). The rule is the same code either way;
tests/contracts/test_room_access.py holds the two forms equal.
"""

from forums import visibility
from forums.models.communities import Membership
from forums.moderation import active_suspension, active_suspensions

_UNREAD = object()


class Standing:
    """What the room rules know of one person, each fact read once: lazily, or for many at once (`standings`)."""

    def __init__(self, user):
        self.user = user
        self.is_authenticated = bool(user is not None and user.is_authenticated)
        self.viewer = visibility.Viewer(user)
        self._suspension = _UNREAD
        self._memberships = {}  # community id -> Membership or None

    @property
    def suspension(self):
        if self._suspension is _UNREAD:
            self._suspension = active_suspension(self.user)
        return self._suspension

    def membership(self, community):
        if community.pk not in self._memberships:
            self._memberships[community.pk] = community.membership_of(self.user)
        return self._memberships[community.pk]


def standings(users, communities, roles=True):
    """{user id: Standing} for signed-in `users`, their facts for these communities read in four queries for the lot.

    `roles=False`: only `refusal` will be asked. When every one of the communities is read by anyone,
    it asks nothing of the visibility rule's Viewer, so that is left to read itself if it is asked
    after all (one person at a time), and memberships are not read.
    """
    users = [user for user in users if user is not None and user.is_authenticated]
    if not users:
        return {}
    open_to_all = not roles and all(visibility.reading(None).allows(community) for community in communities)
    if open_to_all:
        communities = ()
    viewers = [visibility.Viewer(user) for user in users] if open_to_all else visibility.Viewer.many(users)
    suspensions = active_suspensions(users)
    community_ids = {community.pk for community in communities}
    asked = Membership.objects.filter(user__in=users, community__in=community_ids) if community_ids else ()
    memberships = {(membership.user_id, membership.community_id): membership for membership in asked}
    found = {}
    for user, viewer in zip(users, viewers, strict=True):
        standing = Standing(user)
        standing.viewer = viewer
        standing._suspension = suspensions.get(user.pk)
        standing._memberships = {pk: memberships.get((user.pk, pk)) for pk in community_ids}
        found[user.pk] = standing
    return found


def _standing(person):
    return person if isinstance(person, Standing) else Standing(person)


def refusal(room, person):
    """None if this person (a user or a Standing) may enter, else the close code: 4401 signed out, 4403 refused."""
    standing = _standing(person)
    if not standing.is_authenticated:
        return 4401
    if not room.community.can_read(standing.viewer):
        return 4403
    if standing.suspension is not None:
        return 4403
    return None


def is_facilitator(room, user):
    return room.community.can_moderate(user)


def roles(room, person):
    """(facilitator, moderator) for this person in this room, read once: what a member is told on arriving."""
    standing = _standing(person)
    site_moderator = standing.viewer.is_site_moderator
    membership = standing.membership(room.community)
    active = membership is not None and membership.status == Membership.Status.ACTIVE
    role = membership.role if active else None
    facilitator = site_moderator or role in (Membership.Role.FACILITATOR, Membership.Role.MODERATOR)
    return facilitator, site_moderator or role == Membership.Role.MODERATOR


def is_moderator(room, user):
    if visibility.is_site_moderator(user):
        return True
    membership = room.community.membership_of(user)
    return bool(membership and membership.status == "active" and membership.role == Membership.Role.MODERATOR)
