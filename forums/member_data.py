"""What forums keeps of a member, for accounts: their copy of it (the data export) and what becomes
of it when their account is deleted (their words stay as "former member's", the rest goes).

accounts loads this module from every app when it is ready (accounts/apps.py); accounts never
imports forums.
"""

from django.db.models.signals import post_save

from accounts.data import HIDDEN_CONTEXT, exports, iso
from accounts.deletion import FORMER_MEMBER, on_delete
from forums.models import (
    Community,
    CycleEntry,
    Flag,
    Inquiry,
    LiveEvent,
    Membership,
    ModerationAction,
    Notification,
    Post,
    Reaction,
    TeamMember,
    Thread,
    ThreadFollow,
)
from forums.models.threads import display_name

POST_THREAD = ("post__thread__community", "post__thread__page")


class Places:
    """Titles and addresses of the threads and communities the member's words are in, only where they may still look."""

    def __init__(self, user):
        self.readable_threads = set(Thread.objects.readable_by(user).values_list("pk", flat=True))
        self.visible_communities = set(Community.objects.visible_to(user).values_list("pk", flat=True))
        self.readable_inquiries = set(Inquiry.objects.readable_by(user).values_list("pk", flat=True))

    def thread(self, thread):
        if thread.pk in self.readable_threads:
            return {"thread_title": thread.title, "thread_url": thread.get_absolute_url()}
        return {"thread_title": HIDDEN_CONTEXT, "thread_url": None}

    def community(self, community):
        if community.pk in self.visible_communities:
            return {"community": community.name, "community_url": community.get_absolute_url()}
        return {"community": HIDDEN_CONTEXT, "community_url": None}

    def inquiry(self, inquiry):
        if inquiry.pk in self.readable_inquiries:
            return {"inquiry": inquiry.question, "inquiry_url": inquiry.get_absolute_url()}
        return {"inquiry": HIDDEN_CONTEXT, "inquiry_url": None}


# --- the member's copy ----------------------------------------------------------------------------
@exports
def forum_data(user):
    context = Places(user)
    return {
        "threads_started": [
            {"title": t.title, **context.thread(t), "created": iso(t.created)}
            for t in Thread.objects.filter(author=user).select_related("community", "page").order_by("created", "pk")
        ],
        "posts": [
            {
                **context.thread(p.thread),
                "post_id": p.pk,
                "reply_to_post_id": p.parent_id,
                "body_markdown": p.body_source,
                "status": p.status,
                "hidden_reason": p.hidden_reason,
                "created": iso(p.created),
                "edited": iso(p.edited),
            }
            for p in Post.objects.filter(author=user).select_related("thread__community", "thread__page")
        ],
        "reactions": [
            {"kind": "helpful", "post_id": r.post_id, **context.thread(r.post.thread), "created": iso(r.created)}
            for r in Reaction.objects.filter(user=user).select_related(*POST_THREAD)
        ],
        "thread_follows": [
            context.thread(f.thread)
            for f in ThreadFollow.objects.filter(user=user).select_related("thread__community", "thread__page")
        ],
        "community_memberships": [
            {
                **context.community(m.community),
                "role": m.role,
                "status": m.status,
                "message": m.message,
                "created": iso(m.created),
            }
            for m in Membership.objects.filter(user=user).select_related("community").order_by("created", "pk")
        ],
        "inquiry_teams": [
            {**context.inquiry(t.inquiry), "role": t.role, "joined": iso(t.joined)}
            for t in TeamMember.objects.filter(user=user).select_related("inquiry__community").order_by("joined", "pk")
        ],
        "inquiry_entries": [
            {
                **context.inquiry(e.cycle.inquiry),
                "entry_id": e.pk,
                "cycle": e.cycle.number,
                "kind": e.kind,
                "body_markdown": e.body_source,
                "links": [link.url or (link.page.url if link.page.live else HIDDEN_CONTEXT) for link in e.links.all()],
                "status": e.status,
                "hidden_reason": e.hidden_reason,
                "created": iso(e.created),
                "edited": iso(e.edited),
            }
            for e in CycleEntry.objects.filter(author=user)
            .select_related("cycle__inquiry__community")
            .prefetch_related("links__page")
            .order_by("created", "pk")
        ],
        "flags": [
            {
                "post_id": f.post_id,
                **context.thread(f.post.thread),
                "reason": f.reason,
                "note": f.note,
                "created": iso(f.created),
                "resolved": iso(f.resolved),
            }
            for f in Flag.objects.filter(flagged_by=user).select_related(*POST_THREAD)
        ],
        "notifications": [
            {"kind": n.kind, "text": n.text, "url": n.url, "created": iso(n.created), "read": iso(n.read_at)}
            for n in Notification.objects.filter(recipient=user).order_by("created", "pk")
        ],
    }


# --- when the member's account is deleted ---------------------------------------------------------
@on_delete
def forget_forum_member(user, summary):
    """Threads and posts stay as a former member's; live events, other people's notifications and the
    moderation log no longer name them. The search documents of their words follow after the delete."""
    name = display_name(user)
    post_ids = list(Post.objects.filter(author=user).values_list("pk", flat=True))
    thread_ids = list(Thread.objects.filter(author=user).values_list("pk", flat=True))
    summary.kept["forum threads"] = len(thread_ids)
    summary.kept["posts and comments"] = len(post_ids)
    entries, places = CycleEntry.objects.filter(author=user).count(), TeamMember.objects.filter(user=user).count()
    if entries:  # said only for members who took part in an inquiry
        summary.kept["inquiry entries"] = entries
    if places:
        summary.removed["places on inquiry teams"] = places
    summary.scrubbed["live events"] = _scrub_live_events(user)
    summary.scrubbed["notifications to others"] = _scrub_notifications(user, name)
    summary.scrubbed["moderation log entries"] = _scrub_moderation_log(user, name, post_ids)

    def after_delete():
        _reindex(Thread, thread_ids)
        _reindex(Post, post_ids)

    return after_delete


def _scrub_live_events(user):
    """Post frames replayed to reconnecting viewers carry the author: make them what the API now says (None)."""
    changed = 0
    events = LiveEvent.objects.filter(stream__startswith="thread:", payload__post__author__id=user.pk)
    for event in events:
        post = event.payload.get("post") or {}
        author = post.get("author") or {}
        if author.get("id") != user.pk:
            continue
        event.payload = {**event.payload, "post": {**post, "author": None}}
        event.save(update_fields=["payload"])  # a save, so cached pages showing the thread go stale
        changed += 1
    return changed


def _scrub_notifications(user, name):
    """Other members' notifications about something this member did: no name, and no join request left to decide."""
    Notification.objects.filter(actor=user, kind=Notification.Kind.JOIN_REQUEST).delete()
    changed = 0
    for notification in Notification.objects.filter(actor=user).exclude(recipient=user):
        if name and name in notification.text:
            notification.text = notification.text.replace(name, "A former member", 1)[:300]
            notification.save(update_fields=["text"])
            changed += 1
    return changed


def _scrub_moderation_log(user, name, post_ids):
    """The audit log stays (what was done, when, by whom), but no longer names this member."""
    changed = ModerationAction.objects.filter(target_type="user", target_id=user.pk).update(
        target_label=FORMER_MEMBER, target_url=""
    )
    if name:
        for action in ModerationAction.objects.filter(target_type="post", target_id__in=post_ids):
            if name in action.target_label:
                action.target_label = action.target_label.replace(name, "A former member", 1)
                action.save(update_fields=["target_label"])
                changed += 1
    return changed


def _reindex(model, pks):
    """SET_NULL is an SQL update that fires no signals: tell whoever listens (search) that these changed."""
    for instance in model.objects.filter(pk__in=pks):
        post_save.send(sender=model, instance=instance, created=False, update_fields=None, raw=False, using="default")
