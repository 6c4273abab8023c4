"""What a forum thread page asks about its reader and its posts, kept until it may change.

Every visit to a thread page asked the database the same things again: is the reader a site
moderator, their membership of the community, an active suspension, their forums audience, whether
they follow the thread, which of its posts they marked helpful or reported, and the thread's posts
themselves (who wrote each, when, its status) to tell their own posts and the new ones. The rules
still decide everything (forums.visibility, services.check_can_post, moderation.flag_refusal, the
edit window); this module keeps the facts those rules read, in two records read in one cache read:

- the thread's **post index** (each post's id, author, time and status, and the thread's tags), the
  same for every reader, scoped by the thread's stream (every post, edit, removal, helpful mark or
  moderation bumps it; tags are set with the opening post);
- the **reader's facts**, scoped by the thread's stream (their helpful marks), their `member_scope`
  (memberships, groups, superuser flag: forums/header.py), `member_acts` (a report, a suspension or
  its lifting, following or unfollowing), `ROLES` and the site `CONTENT` (the page areas closed to
  them, which their audience digest holds).

`read(thread, user)` puts the kept answers in this GET request's memo under the keys the rules use
(cop_site/request_memo.py), so `thread.can_read(user)`, `check_can_post`, `can_moderate` and
`is_suspended` answer from them without a query. A suspension that has run out is not remembered:
the time is checked on every request. Outside a GET or HEAD request nothing is kept or remembered.
"""

from dataclasses import dataclass

from django.utils import timezone

from cop_site import fragments, request_memo
from forums import moderation, visibility
from forums.models import Flag, Reaction


@dataclass(frozen=True)
class PostIndex:
    """The thread's posts as (id, author id, created, status), oldest first, and its tags' names."""

    posts: tuple
    tags: tuple


@dataclass(frozen=True)
class ReaderFacts:
    """What the rules read about one reader of one thread."""

    site_moderator: bool
    membership: object  # their Membership of the thread's community (any status), or None
    suspension: object  # their active Suspension when read, or None
    audience: str  # forums.visibility.audience
    following: bool
    helpful: frozenset  # the posts they marked helpful
    flagged: frozenset  # the posts they reported


def _index_spec(thread):
    return fragments.Fragment("forums/thread-post-index", scopes=(thread.stream,), parts=(thread.pk,))


def _facts_spec(thread, user):
    scopes = (
        thread.stream,
        fragments.member_scope(user.pk),
        fragments.member_acts(user.pk),
        fragments.ROLES,
        fragments.CONTENT,
    )
    return fragments.Fragment("forums/thread-reader", scopes=scopes, parts=(thread.pk, thread.community_id, user.pk))


def read(thread, user):
    """(PostIndex, ReaderFacts or None for a visitor) for a forum thread's page, from the cache when kept."""
    key = ("thread-reader", thread.pk, user.pk if user is not None and user.is_authenticated else None)
    return request_memo.remember(key, lambda: _read(thread, user))


def _read(thread, user):
    signed_in = user is not None and user.is_authenticated
    specs = [_index_spec(thread)] + ([_facts_spec(thread, user)] if signed_in else [])
    found = fragments.lookup_many(specs) if request_memo.active() else [(None, None)] * len(specs)
    index, generations = found[0]
    if index is None:
        index = _read_index(thread)
        specs[0].store(index, generations)
    if not signed_in:
        return index, None
    facts, generations = found[1]
    if facts is None:
        facts = _read_facts(thread, user)
        specs[1].store(facts, generations)
    _remember(thread, user, facts)
    return index, facts


def _read_index(thread):
    posts = tuple(thread.posts.order_by("created", "pk").values_list("pk", "author_id", "created", "status"))
    return PostIndex(posts=posts, tags=tuple(tag.name for tag in thread.tags.all()))


def _read_facts(thread, user):
    return ReaderFacts(
        site_moderator=visibility.is_site_moderator(user),
        membership=thread.community.membership_of(user),
        suspension=moderation.active_suspension(user),
        audience=visibility.audience(user),
        following=thread.follows.filter(user=user).exists(),
        helpful=frozenset(Reaction.objects.filter(post__thread=thread, user=user).values_list("post_id", flat=True)),
        flagged=frozenset(Flag.objects.filter(post__thread=thread, flagged_by=user).values_list("post_id", flat=True)),
    )


def _remember(thread, user, facts):
    """The kept facts as this request's answers to the rules' own questions (the keys they remember under)."""
    suspension = facts.suspension
    if suspension is not None and suspension.until <= timezone.now():
        suspension = None  # it ran out since it was kept
    answers = {
        ("site-moderator", user.pk): facts.site_moderator,
        ("membership", thread.community_id, user.pk): facts.membership,
        ("suspension", user.pk): suspension,
        ("forums-audience", user.pk): facts.audience,
    }
    for key, answer in answers.items():
        request_memo.remember(key, lambda answer=answer: answer)
