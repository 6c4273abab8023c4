"""My learning kept per member: a repeat view reads it from the fragment cache, a change builds it afresh.

Everything on My learning is the member's own, so its HTML is kept for them alone (their id is part of
the key; nobody else's view can find it) under every scope that covers something it shows
(mylearning/freshness.py lists them): the site's content, profiles, roles, what every page shows about
them, their bookmarks, their own learning, and the communities whose threads, posts and sessions it lists
(`reach`: theirs, those of threads they saved and of sessions they asked to be reminded of). The member's
reach is a small record of its own, kept under their scopes, so a repeat view is two cache reads and no
query beyond the session's and the user's.

A read changes two sections only, the suggestions ("Recommended for you") and "Recently read" (the pages
they may still see, by learning/visibility.py's rule), so those are kept apart, under the member's reads
(`freshness.reads_scope`) as well as the site's content and their own scopes, and fill a hole in the rest:
reading a case study and coming back to My learning works out those two sections, not the whole page.

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
from mylearning.overview import MyLearning, my_learning, recently_read, suggestions
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


READS_HOLE = mark_safe("<!-- my-learning: what a read changes -->")  # noqa: S308 (a constant of ours)
RECOMMENDED_TEMPLATE = "mylearning/includes/my_learning_recommended.html"
RECENTLY_READ_TEMPLATE = "mylearning/includes/my_learning_recently_read.html"
SECTION_BREAK = "\n\n    "  # between two sections, as the body template lays them out


def page_html(request):
    """The member's My learning content (below the page's heading), from the cache when it is still true.

    What a read changes (the suggestions and "Recently read") is kept apart under the member's reads as
    well, and fills a hole in the rest, so a read renews that part alone; both are read in one cache read.
    """
    user = request.user
    own = (fragments.CONTENT, *_own_scopes(user))
    scopes = (fragments.PROFILES, *own, *(freshness.community_scope(pk) for pk in reach(user)))
    parts = (user.pk, timezone.get_current_timezone_name())
    page = fragments.Fragment("mylearning/page", scopes=scopes, parts=parts)
    reads = fragments.Fragment("mylearning/reads", scopes=(*own, freshness.reads_scope(user.pk)), parts=parts)
    (kept, generations), (reads_html, reads_generations) = fragments.lookup_many([page, reads])
    now = timezone.now()
    if kept is None or (kept[1] is not None and kept[1] <= now):
        kept_until = _first_session_end(user, now)
        context = {"learning": my_learning(user, reads=False), "reads_hole": READS_HOLE}
        html = render_to_string(
            BODY_TEMPLATE, {**context, "request": request, "csrf_token": fragments.csrf_placeholder()}
        )
        page.store((html, kept_until), generations)
        kept = (html, kept_until)
    if reads_html is None:
        reads_html = _reads_html(user)
        reads.store(reads_html, reads_generations)
    html = kept[0].replace(READS_HOLE, reads_html, 1)
    return mark_safe(fragments.with_csrf_token(html, request))  # noqa: S308 (our templates, which escaped it)


def _reads_html(user):
    """The sections a read changes: "Recommended for you" and "Recently read" (pages they may still see)."""
    recommended, follows_themes = suggestions(user)
    learning = MyLearning(recommended=recommended, follows_themes=follows_themes)
    sections = (
        render_to_string(RECOMMENDED_TEMPLATE, {"learning": learning}),
        render_to_string(RECENTLY_READ_TEMPLATE, {"recently_read": recently_read(user)}),
    )
    return SECTION_BREAK.join(section.strip() for section in sections)


def _first_session_end(user, now):
    """When the first upcoming session the page lists ends (and leaves the list); None when it lists none."""
    listed = schedule.of_member(schedule.upcoming(user, now), user)
    return min(listed.values_list("ends_at", flat=True)[: schedule.UPCOMING_LIMIT], default=None)
