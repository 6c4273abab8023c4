"""My learning kept per member: a repeat view reads it from the fragment cache, a change builds it afresh.

Everything on My learning is the member's own, so its HTML is kept for them alone (their id is part of
the key; nobody else's view can find it) under every scope that covers something it shows
(mylearning/freshness.py lists them): the site's content, profiles, roles, what every page shows about
them, their bookmarks, their own learning, and the communities whose threads, posts and sessions it lists
(`reach`: theirs, those of threads they saved and of sessions they asked to be reminded of). The member's
reach is a small record of its own, kept under their scopes, so a repeat view is two cache reads and no
query beyond the session's and the user's.

Nothing on the page changes with time except the upcoming sessions: a session drops off when it ends, so
the HTML is kept until the first listed one ends. Dates are absolute (`<time>`), in the zone the key names.
The Remove forms carry the placeholder CSRF token, replaced by the request's own as they are served.
"""

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from cop_site import fragments
from forums.models import Membership, Thread
from mylearning import freshness
from mylearning.models import Bookmark
from mylearning.overview import my_learning
from rooms import schedule
from rooms.models import SessionReminder

BODY_TEMPLATE = "mylearning/includes/my_learning_body.html"


def _own_scopes(user):
    return (
        fragments.member_scope(user.pk),
        fragments.member_acts(user.pk),
        freshness.scope(user.pk),
        fragments.ROLES,
    )


def reach(user):
    """The ids of the communities whose changes this member's My learning shows (kept until one of theirs changes)."""
    spec = fragments.Fragment("mylearning/reach", scopes=_own_scopes(user), parts=(user.pk,))
    ids, generations = spec.lookup()
    if ids is None:
        ids = _reach(user)
        spec.store(ids, generations)
    return ids


def _reach(user):
    thread_type = ContentType.objects.get_for_model(Thread)
    saved = Bookmark.objects.filter(user=user, content_type=thread_type).values("object_id")
    member_of = Membership.objects.filter(user=user).order_by().values_list("community_id", flat=True)
    saved_in = (
        Thread.objects.filter(pk__in=saved, community__isnull=False).order_by().values_list("community_id", flat=True)
    )
    reminded_in = (
        SessionReminder.objects.filter(member=user).order_by().values_list("session__room__community_id", flat=True)
    )
    return tuple(sorted(set(member_of.union(saved_in, reminded_in))))


def page_html(request):
    """The member's My learning content (below the page's heading), from the cache when it is still true."""
    user = request.user
    scopes = (
        fragments.CONTENT,
        fragments.PROFILES,
        *_own_scopes(user),
        *(freshness.community_scope(pk) for pk in reach(user)),
    )
    spec = fragments.Fragment("mylearning/page", scopes=scopes, parts=(user.pk, timezone.get_current_timezone_name()))
    kept, generations = spec.lookup()
    now = timezone.now()
    if kept is None or (kept[1] is not None and kept[1] <= now):
        kept_until = _first_session_end(user, now)
        html = render_to_string(
            BODY_TEMPLATE,
            {"learning": my_learning(user), "request": request, "csrf_token": fragments.csrf_placeholder()},
        )
        spec.store((html, kept_until), generations)
        kept = (html, kept_until)
    return mark_safe(fragments.with_csrf_token(kept[0], request))  # noqa: S308 (our template, which escaped it)


def _first_session_end(user, now):
    """When the first upcoming session the page lists ends (and leaves the list); None when it lists none."""
    listed = schedule.of_member(schedule.upcoming(user, now), user)
    return min(listed.values_list("ends_at", flat=True)[: schedule.UPCOMING_LIMIT], default=None)
