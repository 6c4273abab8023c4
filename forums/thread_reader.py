"""What a forum thread page asks about its reader and its posts, kept until it may change.

Every visit to a thread page asked the database the same things again: is the reader a site
moderator, their membership of the community, an active suspension, their forums audience, whether
they follow the thread, which of its posts they marked helpful or reported, and the thread's posts
themselves (who wrote each, when, its status) to tell their own posts and the new ones. The rules
still decide everything (forums.visibility, services.check_can_post, moderation.flag_refusal, the
edit window); this module keeps the facts those rules read, and the thread itself, in one cache read:

- the **thread** with its community (`thread_at(thread id, community slug, user)`), scoped by the
  thread's stream (a save of the thread, as pinning, locking or marking the best answer, bumps it here)
  and `COMMUNITIES` (a community saved or deleted, its name or visibility changed);
- the thread's **post index** (each post's id, author, time and status, and the thread's tags), the
  same for every reader, scoped by the thread's stream (every post, edit, removal, helpful mark or
  moderation bumps it; tags are set with the opening post);
- the **reader's facts**, scoped by the thread's stream (their helpful marks), their `member_scope`
  (memberships, groups, superuser flag: forums/header.py), `member_acts` (a report, a suspension or
  its lifting, following or unfollowing), `ROLES` and the site `CONTENT` (the page areas closed to
  them, which their audience digest holds).

`thread_at` (then `read(thread, user)`) puts the kept answers in this GET request's memo under the keys the rules use
(cop_site/request_memo.py), so `thread.can_read(user)`, `check_can_post`, `can_moderate` and
`is_suspended` answer from them without a query. A suspension that has run out is not remembered:
the time is checked on every request. Outside a GET or HEAD request nothing is kept or remembered.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cop_site import fragments, request_memo
from forums import moderation, visibility
from forums.models import Community, Flag, Reaction, Thread

COMMUNITIES = "communities"  # bumped by any community's save or deletion: a kept thread holds its community


@dataclass(frozen=True)
class PostIndex:
    """The thread's posts as (id, author id, created, status), oldest first, and its tags' names."""

    posts: tuple
    tags: tuple


@dataclass(frozen=True)
class ReaderFacts:
    """What the rules read about one reader of one thread."""

    community_id: int  # the community the membership below is of: a thread moved since is read afresh
    site_moderator: bool
    membership: object  # their Membership of the thread's community (any status), or None
    suspension: object  # their active Suspension when read, or None
    audience: str  # forums.visibility.audience
    following: bool
    helpful: frozenset  # the posts they marked helpful
    flagged: frozenset  # the posts they reported


def _index_spec(thread):
    return _index_spec_for(thread.pk)


def _index_spec_for(thread_id):
    return fragments.Fragment(
        "forums/thread-post-index", scopes=(fragments.scope("thread", thread_id),), parts=(thread_id,)
    )


def _facts_spec(thread, user):
    return _facts_spec_for(thread.pk, user)


def _facts_spec_for(thread_id, user):
    scopes = (
        fragments.scope("thread", thread_id),
        fragments.member_scope(user.pk),
        fragments.member_acts(user.pk),
        fragments.ROLES,
        fragments.CONTENT,
    )
    return fragments.Fragment("forums/thread-reader", scopes=scopes, parts=(thread_id, user.pk))


def _row_spec(thread_id, slug):
    scopes = (fragments.scope("thread", thread_id), COMMUNITIES)
    return fragments.Fragment("forums/thread-row", scopes=scopes, parts=(thread_id, slug))


def thread_at(thread_id, slug, user):
    """The forum thread `thread_id` in the community `slug` (None when there is none), with its community,
    and what its page asks about it and about `user` (`read`), all in one cache read when kept.

    Whether this person may see or read it is still for the rules to say (forums.visibility)."""
    if not request_memo.active():
        return _read_thread(thread_id, slug)
    row_spec = _row_spec(thread_id, slug)
    index_spec = _index_spec_for(thread_id)
    facts_spec = _facts_spec_for(thread_id, user) if _signed_in(user) else None
    fragments.prefetch([row_spec, index_spec, facts_spec])  # one cache read for all three
    thread, generations = row_spec.lookup()
    if thread is None:
        thread = _read_thread(thread_id, slug) or False  # "no such thread" is kept too
        row_spec.store(thread, generations)
    if thread is False:
        return None
    read(thread, user)
    return thread


def _read_thread(thread_id, slug):
    found = Thread.objects.select_related("community").filter(pk=thread_id, community__slug=slug).order_by()[:1]
    return next(iter(found), None)


def _signed_in(user):
    return user is not None and user.is_authenticated


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
    if facts is None or facts.community_id != thread.community_id:
        facts = _read_facts(thread, user)
        specs[1].store(facts, generations)
    _remember(thread, user, facts)
    return index, facts


def _read_index(thread):
    posts = tuple(thread.posts.order_by("created", "pk").values_list("pk", "author_id", "created", "status"))
    return PostIndex(posts=posts, tags=tuple(tag.name for tag in thread.tags.all()))


def _read_facts(thread, user):
    return ReaderFacts(
        community_id=thread.community_id,
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


def _thread_saved(sender, instance, **kwargs):
    fragments.bump(instance.stream)


def _community_saved(sender, **kwargs):
    fragments.bump(COMMUNITIES)


def connect():
    """A thread's save (pinned, locked, its best answer, its title) and any community's change stale the kept rows."""
    uid = "forums.thread_reader"
    for signal in (post_save, post_delete):
        signal.connect(_thread_saved, sender=Thread, dispatch_uid=f"{uid}.thread.{id(signal)}")
        signal.connect(_community_saved, sender=Community, dispatch_uid=f"{uid}.community.{id(signal)}")
