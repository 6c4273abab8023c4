"""Who may see a community, and who may read a community's or a page's thread: one rule each.

Two questions about a community, each answered by one rule:

- **seeing** it (its name and summary, the page that offers to join or ask): open and restricted
  communities are seen by anyone, private ones by their members;
- **reading** it (its threads and posts, its rooms, their search documents, notifications and
  digests): open communities are read by anyone, restricted and private ones by their members.

Active members and site moderators (superusers and the Moderators group) see and read every
community they belong to, and site moderators every community. A thread is read by whoever reads its
community; a comment thread under a page by whoever may see the page (learning.visibility), and by
site moderators whenever the page is live, so they can moderate comments behind any restriction.

Each rule is data about one person (`Viewer`: signed in or not, site moderator or not, the
communities they are an active member of, read lazily and once) and the levels open to anyone.
`CommunityAccess` and `ThreadAccess` turn that data into a filter for querysets (`q()`, `filter()`)
and a check of one object (`allows()`), side by side; tests/contracts/test_visibility.py holds the
two forms equal for every kind of person, community and page. The models' `visible_to`/`can_see`,
`readable_by`/`can_read` and search's `search_community_ids`/`search_access` are thin calls to these.

This module imports no forums model (the models import it): memberships are reached through the
user (`user.memberships`), and the community levels and membership statuses are defined here.
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from cop_site import fragments
from cop_site.request_memo import remember
from learning import visibility as pages


class Visibility(models.TextChoices):
    """A community's visibility (Community.Visibility)."""

    OPEN = "open", "Open: anyone can join"
    RESTRICTED = "restricted", "Restricted: anyone can ask to join"
    PRIVATE = "private", "Private: by invitation"


SEEN_BY_ANYONE = frozenset({Visibility.OPEN, Visibility.RESTRICTED})
READ_BY_ANYONE = frozenset({Visibility.OPEN})

ACTIVE = "active"  # Membership.Status.ACTIVE: belonging; an invitation or a request to join is not
MODERATORS_GROUP = "Moderators"
SITE_MODERATORS = Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP)  # as users


def is_site_moderator(user):
    """Site-wide moderators (superusers, or the Moderators group) see and act everywhere."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return remember(  # once per page view (cop_site/request_memo.py)
        ("site-moderator", user.pk),
        lambda: get_user_model()._default_manager.filter(SITE_MODERATORS, pk=user.pk).exists(),
    )


class Viewer:
    """What the rules need to know about one person, each fact read once and only when a rule asks."""

    def __init__(self, user):
        self.user = user
        self.is_authenticated = bool(user is not None and user.is_authenticated)

    @cached_property
    def is_site_moderator(self):
        return is_site_moderator(self.user)

    def memberships(self):
        """The ids of the communities this person is an active member of, as a subquery."""
        if not self.is_authenticated:
            return []
        return self.user.memberships.filter(status=ACTIVE).values("community")

    @cached_property
    def community_ids(self):
        return frozenset(row["community"] for row in self.memberships())

    @cached_property
    def pages(self):
        """The page rule for this person's comment threads: site moderators pass every restriction of a live page."""
        return pages.EVERYTHING_LIVE if self.is_site_moderator else pages.access(self.user)

    @classmethod
    def many(cls, users):
        """Viewers for several people, their memberships and moderator standing read in two queries for the lot."""
        viewers = [cls(user) for user in users]
        ids = [viewer.user.pk for viewer in viewers if viewer.is_authenticated]
        belongs, moderators = {}, set()
        if ids:
            user_model = get_user_model()
            memberships = user_model._meta.get_field("memberships").related_model._default_manager
            for user_id, community_id in memberships.filter(user__in=ids, status=ACTIVE).values_list(
                "user", "community"
            ):
                belongs.setdefault(user_id, set()).add(community_id)
            moderators = set(
                user_model._default_manager.filter(SITE_MODERATORS, pk__in=ids).values_list("pk", flat=True)
            )
        for viewer in viewers:
            if viewer.is_authenticated:
                viewer.community_ids = frozenset(belongs.get(viewer.user.pk, ()))
                viewer.is_site_moderator = viewer.user.pk in moderators
        return viewers


def _viewer(user):
    return user if isinstance(user, Viewer) else Viewer(user)


class CommunityAccess:
    """Communities one person may see or read: those at a level open to anyone, theirs, or all for moderators."""

    def __init__(self, viewer, levels):
        self.viewer = _viewer(viewer)
        self.levels = levels

    def q(self, prefix=""):
        if self.viewer.is_site_moderator:
            return Q()
        return Q(**{f"{prefix}visibility__in": self.levels}) | Q(**{f"{prefix}pk__in": self.viewer.memberships()})

    def allows(self, community):
        return (
            community.visibility in self.levels
            or community.pk in self.viewer.community_ids
            or self.viewer.is_site_moderator
        )

    def filter(self, queryset):
        return queryset.filter(self.q())


def seeing(user):
    """Which communities this person may see at all: open and restricted ones, and private ones they belong to."""
    return CommunityAccess(user, SEEN_BY_ANYONE)


def reading(user):
    """Whose threads, posts and rooms this person may read: open communities, and those they belong to."""
    return CommunityAccess(user, READ_BY_ANYONE)


class ThreadAccess:
    """Threads one person may read: a community's when they read the community, a page's when they may see the page."""

    def __init__(self, user):
        self.viewer = _viewer(user)
        self.communities = reading(self.viewer)

    def q(self):
        in_communities = Q(community__isnull=False) & self.communities.q("community__")
        under_pages = Q(community__isnull=True) & self.viewer.pages.q("page__")
        return in_communities | under_pages

    def allows(self, thread):
        if thread.community_id is not None:
            return self.communities.allows(thread.community)
        return self.viewer.pages.allows(thread.page)

    def filter(self, queryset):
        return queryset.filter(self.q())


def threads(user):
    """Which threads this person may read (community threads and pages' comment threads)."""
    return ThreadAccess(user)


def readers(thread, users):
    """The ids of those among `users` who may read `thread`, their standing read once for them all."""
    return {viewer.user.pk for viewer in Viewer.many(users) if threads(viewer).allows(thread)}


def audience(user):
    """Who shares this person's view of communities, threads and pages, as a digest (cop_site/fragments.py).

    The facts every rule here reads: site moderator or not, the communities they are an active member
    of, and the page areas closed to them. A membership that starts or ends changes the digest at once.
    """
    signed_in = user is not None and user.is_authenticated
    if not signed_in:
        return remember(("forums-audience", None), lambda: _audience(Viewer(user)))
    return remember(("forums-audience", user.pk), lambda: _kept_audience(user))


def _kept_audience(user):
    """A member's digest, kept until one of its facts may change: their memberships, groups or superuser
    flag (their own scope, bumped by forums/header.py), what a group means (ROLES) or the page areas
    closed by view restrictions (the site content). Kept or not, it is the rule's own answer."""
    scopes = (fragments.member_scope(user.pk), fragments.ROLES, fragments.CONTENT)
    spec = fragments.Fragment("forums-audience", scopes=scopes, parts=(user.pk,))
    return spec.render(lambda: _audience(Viewer(user)))


def _audience(viewer):
    if viewer.is_site_moderator:
        return fragments.audience("forums", "site moderator")
    return fragments.audience("forums", viewer.is_authenticated, viewer.community_ids, viewer.pages.closed)


# --- search: a document carries the community whose readers may find it, or None when anyone may ------------
def search_access(community):
    """None when anyone may read the community's content; otherwise its id, for search's access filter."""
    return None if reading(None).allows(community) else community.pk


def search_communities(user, queryset):
    """The communities of `queryset` whose non-public documents this person may find (search/access.py asks)."""
    return reading(user).filter(queryset).exclude(reading(None).q())
