"""Everything a member wrote or set on the site, as one plain JSON-ready dict: their copy of their data.

`member_data(user)` is what /members/me/data.json downloads. It holds the member's own words in
full (including posts a moderator hid: they wrote them), and of everything else only what the
member may still see: a thread in a community they have left, or a page since unpublished or
restricted, appears without its title or address. Nobody else's words are included.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from accounts.models import Profile
from forums.models import Community, Flag, Membership, Notification, Post, Reaction, Thread, ThreadFollow
from mylearning.models import Bookmark, MemberRead, PathwayEnrolment, PracticeUse
from rooms.models import RoomMessage, RoomSession

FORMAT_VERSION = 1
HIDDEN_CONTEXT = "Something you can no longer see"
POST_THREAD = ("post__thread__community", "post__thread__page")


def iso(value):
    """ISO 8601 for dates and datetimes, None for None."""
    return value.isoformat() if value is not None else None


def member_data(user):
    """The member's data as a dict of plain values (str, int, bool, None, lists and dicts)."""
    user = get_user_model().objects.get(pk=user.pk)
    context = _Context(user)
    return {
        "format_version": FORMAT_VERSION,
        "exported": iso(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email_addresses": [
                {"email": e.email, "primary": e.primary, "verified": e.verified}
                for e in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ]
            or ([{"email": user.email, "primary": True, "verified": False}] if user.email else []),
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
        },
        "profile": _profile(user),
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
        "room_messages": [
            {
                **context.room(m.room),
                "message_id": m.pk,
                "text": m.body_source,
                "anonymous": m.anonymous,
                "removed_by_moderator": m.removed,
                "created": iso(m.created),
            }
            for m in RoomMessage.objects.filter(author=user).select_related("room__community").order_by("pk")
        ],
        "room_sessions_summarised": [
            {
                **context.room(s.room),
                "key_points": s.key_points,
                "actions": s.actions,
                "summary_thread_url": context.thread(s.thread)["thread_url"] if s.thread else None,
                "created": iso(s.created),
            }
            for s in RoomSession.objects.filter(facilitator=user)
            .select_related("room__community", "thread__community")
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
        "bookmarks": _bookmarks(user),
        "pathways": _pathways(user),
        "practice_uses": [
            {**context.page(u.page_id), "note": u.note, "created": iso(u.created)}
            for u in PracticeUse.objects.filter(user=user).order_by("created", "pk")
        ],
        "pages_read": [
            {**context.page(r.page_id), "reads": r.reads, "first": iso(r.first_read), "last": iso(r.last_read)}
            for r in MemberRead.objects.filter(user=user).order_by("first_read", "pk")
        ],
    }


def _profile(user):
    profile = Profile.objects.for_user(user)
    return {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "level": profile.level,
        "bio": profile.bio,
        "themes_of_interest": sorted(theme.name for theme in profile.themes_of_interest.all()),
        "notifications": {
            "email_on_mention": profile.email_on_mention,
            "email_on_reply": profile.email_on_reply,
            "weekly_digest": profile.weekly_digest,
        },
    }


class _Context:
    """Titles and addresses of the places the member's words are in, only where they may still look."""

    def __init__(self, user):
        self.readable_threads = set(Thread.objects.readable_by(user).values_list("pk", flat=True))
        self.visible_communities = set(Community.objects.visible_to(user).values_list("pk", flat=True))
        self.public_pages = {}

    def thread(self, thread):
        if thread.pk in self.readable_threads:
            return {"thread_title": thread.title, "thread_url": thread.get_absolute_url()}
        return {"thread_title": HIDDEN_CONTEXT, "thread_url": None}

    def community(self, community):
        if community.pk in self.visible_communities:
            return {"community": community.name, "community_url": community.get_absolute_url()}
        return {"community": HIDDEN_CONTEXT, "community_url": None}

    def room(self, room):
        if room.community_id in self.visible_communities:
            return {"room": room.title, "room_url": room.get_absolute_url()}
        return {"room": HIDDEN_CONTEXT, "room_url": None}

    def page(self, page_id):
        if page_id not in self.public_pages:
            page = Page.objects.live().public().filter(pk=page_id).first()
            self.public_pages[page_id] = (
                {"page_title": page.title, "page_url": page.get_url()}
                if page
                else {"page_title": HIDDEN_CONTEXT, "page_url": None}
            )
        return self.public_pages[page_id]


def _bookmarks(user):
    from mylearning.saving import bookmarks_visible_to

    visible = {item.bookmark.pk: item for item in bookmarks_visible_to(user)}
    rows = []
    for bookmark in Bookmark.objects.filter(user=user).select_related("content_type").order_by("created", "pk"):
        item = visible.get(bookmark.pk)
        rows.append(
            {
                "kind": bookmark.content_type.model,
                "title": item.title if item else HIDDEN_CONTEXT,
                "url": item.url if item else None,
                "created": iso(bookmark.created),
            }
        )
    return rows


def _pathways(user):
    rows = []
    public = Page.objects.live().public()
    enrolments = PathwayEnrolment.objects.filter(user=user).select_related("pathway").prefetch_related("steps")
    for enrolment in enrolments.order_by("started", "pk"):
        shown = public.filter(pk=enrolment.pathway_id).exists()
        rows.append(
            {
                "pathway": enrolment.pathway.title if shown else HIDDEN_CONTEXT,
                "pathway_url": enrolment.pathway.get_url() if shown else None,
                "started": iso(enrolment.started),
                "completed": iso(enrolment.completed),
                "steps": [
                    {
                        "step_id": step.step_id,
                        "done": iso(step.done),
                        "reflection": {
                            "plan": step.plan,
                            "act": step.act,
                            "observe": step.observe,
                            "reflect": step.reflect,
                        },
                        "updated": iso(step.updated),
                        "shared_url": step.shared_url or None,
                        "shared": iso(step.shared),
                    }
                    for step in enrolment.steps.all()
                ],
            }
        )
    return rows
