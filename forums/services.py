"""The rules of the forums, in one place: views, the API, consumers and commands all call these.

Every function that changes something validates first (raising DomainError with a code and a
message a person can act on), saves in a transaction, and records a live event for viewers.
"""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from cop_site import fragments
from cop_site.errors import DomainError
from forums import live, markdown, moderation, notifications
from forums.models import Community, Membership, Post, Reaction, Thread, ThreadFollow, ThreadVisit
from forums.moderation import is_suspended
from forums.payloads import post_payload
from forums.ratelimit import RateLimited, hit, hit_recent

MAX_POST_LENGTH = 10_000
MAX_TITLE_LENGTH = 200
POSTS_PER_MINUTE = 10
POSTS_PER_BURST = 5  # in any BURST_SECONDS: a person writes a reply in more than a few seconds; a script does not
BURST_SECONDS = 15


# --- who may do what ----------------------------------------------------------------------------
def check_can_post(user, thread):
    if user is None or not user.is_authenticated:
        raise DomainError("forbidden", "Sign in to take part.")
    if is_suspended(user):
        raise DomainError("suspended", "Your account is suspended, so you cannot post just now.")
    if not thread.can_read(user):
        raise DomainError("forbidden", "You cannot post here.")
    if thread.community_id and not thread.community.is_member(user):
        raise DomainError("forbidden", f"Join {thread.community.name} to post here.")
    if thread.locked:
        raise DomainError("locked", "This thread is locked: no new replies.")


def check_body(body):
    body = (body or "").strip()
    if not body:
        raise DomainError("empty", "Write something before posting.")
    if len(body) > MAX_POST_LENGTH:
        raise DomainError("too_long", f"Keep it under {MAX_POST_LENGTH:,} characters (this is {len(body):,}).")
    return body


def rate_limit(user):
    """Threads, replies and comments: at most POSTS_PER_BURST in any BURST_SECONDS, and POSTS_PER_MINUTE a minute."""
    try:
        hit_recent(f"post:{user.pk}", POSTS_PER_BURST, BURST_SECONDS)
        hit(f"post:{user.pk}", POSTS_PER_MINUTE, 60)
    except RateLimited as exc:
        raise DomainError(
            "rate_limited", f"You are posting very quickly. Please wait {exc.retry_after} seconds and try again."
        ) from exc


def render(body):
    User = get_user_model()

    def mention_url(name):
        if User.objects.filter(username=name, is_active=True).exists():
            return reverse("member_profile", args=[name])
        return None

    return markdown.render(body, mention_url)


# --- communities ----------------------------------------------------------------------------------
@transaction.atomic
def join(community, user, message=""):
    """Join an open community at once; ask to join a restricted one; private ones need an invitation."""
    if user is None or not user.is_authenticated:
        raise DomainError("forbidden", "Sign in to join.")
    if is_suspended(user):
        raise DomainError("suspended", "Your account is suspended.")
    membership = community.membership_of(user)
    if membership and membership.status == Membership.Status.ACTIVE:
        return membership
    if community.visibility == Community.Visibility.OPEN or (
        membership and membership.status == Membership.Status.INVITED
    ):
        status = Membership.Status.ACTIVE
    elif community.visibility == Community.Visibility.RESTRICTED:
        status = Membership.Status.PENDING
    else:
        raise DomainError("forbidden", "This community is by invitation only.")
    membership, _ = Membership.objects.update_or_create(
        community=community, user=user, defaults={"status": status, "message": (message or "")[:1000]}
    )
    if status == Membership.Status.PENDING:
        _notify("join_request", membership=membership)
    return membership


@transaction.atomic
def decide_join_request(membership, decided_by, approve):
    if not membership.community.can_moderate(decided_by):
        raise DomainError("forbidden", "Only the community's facilitators and moderators decide on requests.")
    if membership.status != Membership.Status.PENDING:
        raise DomainError("invalid", "That request has already been answered.")
    membership.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
    membership.save(update_fields=["status"])
    _notify("join_decision", membership=membership)
    return membership


@transaction.atomic
def invite(community, user, invited_by):
    if not community.can_moderate(invited_by):
        raise DomainError("forbidden", "Only facilitators and moderators invite members.")
    membership, created = Membership.objects.get_or_create(
        community=community, user=user, defaults={"status": Membership.Status.INVITED}
    )
    return membership


# --- threads and posts -----------------------------------------------------------------------------
def comment_thread_for(page):
    thread, _ = Thread.objects.get_or_create(page=page, defaults={"title": page.title})
    return thread


@transaction.atomic
def start_thread(community, author, title, body, tags=()):
    title = " ".join((title or "").split())
    if not title:
        raise DomainError("empty", "Give the thread a title.")
    if len(title) > MAX_TITLE_LENGTH:
        raise DomainError("too_long", f"Keep the title under {MAX_TITLE_LENGTH} characters.")
    probe = Thread(community=community, title=title)
    check_can_post(author, probe)
    body = check_body(body)
    rate_limit(author)
    thread = Thread.objects.create(community=community, title=title, author=author)
    if tags:
        thread.tags.set([t.strip()[:100] for t in tags if t.strip()][:10])
    _create_post(thread, author, body)
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    return thread


@transaction.atomic
def post_reply(thread, author, body, parent=None):
    check_can_post(author, thread)
    body = check_body(body)
    if parent is not None:
        if parent.thread_id != thread.pk or parent.status == Post.Status.REMOVED:
            raise DomainError("invalid", "You can only reply to a post in this thread.")
        parent = parent.parent or parent  # one level of replies: answer the top-level post
    rate_limit(author)
    post = _create_post(thread, author, body, parent)
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    return post


def _create_post(thread, author, body, parent=None):
    post = Post.objects.create(thread=thread, author=author, parent=parent, body_source=body, body_html=render(body))
    Thread.objects.filter(pk=thread.pk).update(last_activity=post.created)
    live.publish(thread.stream, "post", {"post": post_payload(post)})
    _notify("post", post=post)
    return post


@transaction.atomic
def edit_post(post, user, body):
    # The author of a hidden post may edit it whenever: that is how it gets a second look from a moderator.
    if not (post.can_edit(user) or moderation.may_edit_hidden(post, user)):
        raise DomainError("forbidden", "You can edit your own posts for 30 minutes after posting.")
    body = check_body(body)
    post.body_source = body
    post.body_html = render(body)
    post.edited = timezone.now()
    post.save(update_fields=["body_source", "body_html", "edited"])
    if post.status == Post.Status.HIDDEN:
        moderation.requeue_after_edit(post)  # still hidden, so viewers are told nothing
    else:
        live.publish(post.thread.stream, "post_updated", {"post": post_payload(post)})
    return post


@transaction.atomic
def delete_post(post, user):
    """Authors and moderators delete; a post with replies leaves a 'removed' placeholder."""
    if not (post.author_id == getattr(user, "pk", None) or post.thread.can_moderate(user)):
        raise DomainError("forbidden", "You can only delete your own posts.")
    thread, post_id = post.thread, post.pk  # delete() clears post.pk
    if post.replies.exists():
        post.status = Post.Status.REMOVED
        post.body_source = ""
        post.body_html = ""
        post.save(update_fields=["status", "body_source", "body_html"])
    else:
        post.delete()
    live.publish(thread.stream, "post_removed", {"post_id": post_id})


@transaction.atomic
def toggle_helpful(post, user):
    if user is None or not user.is_authenticated:
        raise DomainError("forbidden", "Sign in to mark posts helpful.")
    if not post.thread.can_read(user) or post.status != Post.Status.VISIBLE:
        raise DomainError("forbidden", "You cannot react to this post.")
    if post.author_id == user.pk:
        raise DomainError("invalid", "You cannot mark your own post as helpful.")
    reaction = Reaction.objects.filter(post=post, user=user).first()
    if reaction:
        reaction.delete()
    else:
        Reaction.objects.create(post=post, user=user)
    counts = {"helpful": post.reactions.count()}
    live.publish(post.thread.stream, "reactions", {"post_id": post.pk, "counts": counts})
    return counts


@transaction.atomic
def set_thread_flags(thread, user, pinned=None, locked=None):
    if not thread.can_moderate(user):
        raise DomainError("forbidden", "Only facilitators and moderators pin or lock threads.")
    if pinned is not None:
        thread.pinned = pinned
    if locked is not None:
        thread.locked = locked
    thread.save(update_fields=["pinned", "locked"])
    return thread


@transaction.atomic
def mark_best_answer(thread, user, post):
    if thread.author_id != getattr(user, "pk", None):
        raise DomainError("forbidden", "Only the person who started the thread marks the most helpful answer.")
    if post is not None and (post.thread_id != thread.pk or post.status != Post.Status.VISIBLE):
        raise DomainError("invalid", "Choose a visible post in this thread.")
    thread.best_post = post
    thread.save(update_fields=["best_post"])
    return thread


def set_following(thread, user, following):
    if following:
        ThreadFollow.objects.get_or_create(thread=thread, user=user)
    else:
        ThreadFollow.objects.filter(thread=thread, user=user).delete()
    fragments.bump(fragments.member_acts(user.pk))  # their kept thread pages say Follow or Unfollow at once


def mark_read(thread, user):
    """Record a visit; returns when the member last read it before now (None on a first visit)."""
    if not user.is_authenticated:
        return None
    now = timezone.now()
    found, previous = _stamp_visit(thread, user, now)
    if not found:
        ThreadVisit.objects.update_or_create(thread=thread, user=user, defaults={"seen": now})
    return previous


# PostgreSQL stamps the visit and hands back the one it replaces in one statement (a self-join sees the row as it was).
STAMP_VISIT_SQL = (
    "UPDATE {table} AS visit SET {seen} = %s FROM {table} AS before"
    " WHERE before.{pk} = visit.{pk} AND visit.{thread} = %s AND visit.{user} = %s RETURNING before.{seen}"
)


def _stamp_visit(thread, user, now):
    """(whether the member had a visit to stamp, when it was): one statement on PostgreSQL, a read and a plain
    UPDATE elsewhere (no transaction on every page view)."""
    if connection.vendor == "postgresql":
        meta = ThreadVisit._meta
        names = {name: meta.get_field(name).column for name in ("seen", "thread", "user")}
        sql = STAMP_VISIT_SQL.format(table=meta.db_table, pk=meta.pk.column, **names)
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, thread.pk, user.pk])
            row = cursor.fetchone()
        return row is not None, row[0] if row else None
    visits = ThreadVisit.objects.filter(thread=thread, user=user)
    previous = visits.values_list("seen", flat=True).first()
    return previous is not None and bool(visits.update(seen=now)), previous


def helpful_counts(posts):
    rows = Reaction.objects.filter(post__in=posts).values("post").annotate(n=Count("id"))
    return {row["post"]: row["n"] for row in rows}


def _notify(kind, **context):
    """Hand the event to notifications (forums/notifications.py), which decides who hears about it."""
    notifications.handle(kind, **context)
