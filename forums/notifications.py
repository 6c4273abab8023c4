"""Who hears about what: replies, mentions, new posts in followed threads, join requests and answers, moderation,
reviewers' decisions on a proposed case study.

services.py and moderation.py call `handle(kind, **context)` after they change something; this module
decides who is told, never tells the person who acted, and never tells anyone about a thread they
cannot read. Mentions and replies may also be emailed (as the member's profile says), after commit and
only while the notification is still unread and the member has not seen the thread since (forums/attention.py:
not open in front of them, not read since), the rule the weekly digest's threads follow too.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from cop_site import fragments
from cop_site.addresses import absolute
from forums import attention, markdown, visibility
from forums.models import DigestLog, Membership, Notification, Post, Thread, ThreadFollow
from forums.models.threads import display_name
from learning.models import ContentPage
from learning.visibility import visible_pages

logger = logging.getLogger(__name__)
Kind = Notification.Kind

# How long a deferring task backend waits before emailing, so a member who is on the site reads it here first.
EMAIL_DELAY = timedelta(seconds=getattr(settings, "COP_NOTIFICATION_EMAIL_DELAY", 600))
EMAIL_PREFERENCE = {
    Kind.MENTION: "email_on_mention",
    Kind.REPLY: "email_on_reply",
    Kind.SESSION_REMINDER: "email_on_session_reminder",
}
# Always emailed (to members with an address): there is no preference to turn them off, as they are rare and asked for.
ALWAYS_EMAILED = {Kind.CASE_STUDY_REVIEW}
SENT_AT_ONCE = {Kind.SESSION_REMINDER}  # a reminder is for a time: waiting EMAIL_DELAY would make it late


def handle(kind, **context):
    """Create the notifications an event calls for; returns them (an unknown kind creates none)."""
    handler = {
        "post": _on_post,
        "join_request": _on_join_request,
        "join_decision": _on_join_decision,
        "moderation": _on_moderation,
        "session_reminder": _on_session_reminder,
        "case_study_review": _on_case_study_review,
        "inquiry_team": _on_inquiry_team,
    }.get(kind)
    return handler(**context) if handler else []


# --- the events ---------------------------------------------------------------------------------------------
def _on_post(post, **_):
    """One notification per person per post: a mention beats a reply, which beats a followed thread."""
    thread = post.thread
    actor = post.author
    wanted = {}
    for user in _mentioned_users(post):
        wanted.setdefault(user.pk, (Kind.MENTION, user))
    for user in _replied_to(post):
        wanted.setdefault(user.pk, (Kind.REPLY, user))
    for follow in ThreadFollow.objects.filter(thread=thread).select_related("user"):
        wanted.setdefault(follow.user_id, (Kind.FOLLOWED_POST, follow.user))
    if actor is not None:
        wanted.pop(actor.pk, None)
    readers = _readers(thread, [user for _, user in wanted.values()])
    notifications = [
        Notification(
            recipient=user,
            kind=kind,
            actor=actor,
            thread=thread,
            post=post,
            url=_url(post),
            text=_post_text(kind, post, user)[:300],
            created=post.created,
        )
        for kind, user in wanted.values()
        if user.pk in readers
    ]
    return _save(notifications)


def _mentioned_users(post):
    names = markdown.mentioned_names(post.body_source)
    if not names:
        return []
    users = {user.username: user for user in get_user_model().objects.filter(username__in=names, is_active=True)}
    return [users[name] for name in names if name in users]


def _replied_to(post):
    """The author of the post answered, and the person who started the thread."""
    people = []
    if post.parent_id and post.parent.author is not None:
        people.append(post.parent.author)
    if post.thread.author is not None:
        people.append(post.thread.author)
    return people


def _post_text(kind, post, recipient):
    name = display_name(post.author)
    title = post.thread.title
    if kind == Kind.MENTION:
        return f"{name} mentioned you in “{title}”"
    if kind == Kind.REPLY and post.parent_id and post.parent.author_id == recipient.pk:
        return f"{name} replied to your {'comment' if post.thread.is_comments else 'post'} in “{title}”"
    if kind == Kind.REPLY:
        return f"{name} replied in your thread “{title}”"
    return f"{name} posted in “{title}”, a thread you follow"


def _on_join_request(membership, **_):
    community = membership.community
    requester = membership.user
    deciders = [
        m.user
        for m in community.memberships.filter(
            status=Membership.Status.ACTIVE, role__in=[Membership.Role.FACILITATOR, Membership.Role.MODERATOR]
        ).select_related("user")
    ] or list(_site_moderators())
    text = f"{display_name(requester)} asked to join {community.name}"
    return _save(
        [
            Notification(recipient=user, kind=Kind.JOIN_REQUEST, actor=requester, url=_url(community), text=text[:300])
            for user in _unique(deciders)
            if user.pk != requester.pk and user.is_active
        ]
    )


def _on_join_decision(membership, actor=None, **_):
    community = membership.community
    if membership.status == Membership.Status.ACTIVE:
        text = f"Your request to join {community.name} was approved: welcome!"
    else:
        text = f"Your request to join {community.name} was declined."
    if actor is not None and actor.pk == membership.user_id:
        return []
    return _save(
        [
            Notification(
                recipient=membership.user, kind=Kind.JOIN_DECISION, actor=actor, url=_url(community), text=text[:300]
            )
        ]
    )


def _on_moderation(recipient, text, actor=None, url="", thread=None, post=None, **_):
    """What moderators decided about a member's post or account: the member is always told why."""
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return []
    return _save(
        [
            Notification(
                recipient=recipient,
                kind=Kind.MODERATION,
                actor=actor,
                url=url,
                text=text[:300],
                thread=thread,
                post=post,
            )
        ]
    )


def _on_session_reminder(recipient, text, url="", **_):
    """A reminder the member asked for (rooms/schedule.py decides when, and that they may still see it)."""
    return _save([Notification(recipient=recipient, kind=Kind.SESSION_REMINDER, url=url, text=text[:300])])


def _on_case_study_review(recipients, text, actor=None, url="", **_):
    """A reviewer approved or asked for changes to a case study these members proposed or are credited on."""
    return _save(
        [
            Notification(recipient=user, kind=Kind.CASE_STUDY_REVIEW, actor=actor, url=url, text=text[:300])
            for user in _unique(recipients)
            if user.is_active and (actor is None or user.pk != actor.pk)
        ]
    )


def _on_inquiry_team(member, actor=None, **_):
    """A facilitator put a community member on an inquiry's team: they are told where to find it."""
    if actor is not None and actor.pk == member.user_id:
        return []
    inquiry = member.inquiry
    who = display_name(actor) if actor is not None else "A facilitator"
    text = f"{who} added you to the team of the inquiry “{inquiry.question}” in {inquiry.community.name}"
    return _save(
        [Notification(recipient=member.user, kind=Kind.INQUIRY_TEAM, actor=actor, url=_url(inquiry), text=text[:300])]
    )


# --- who may hear about a thread -------------------------------------------------------------------------------
def _readers(thread, users):
    """The ids of those among `users` with an active account who may read the thread (forums.visibility)."""
    return visibility.readers(thread, [user for user in _unique(users) if user.is_active])


def _site_moderators():
    return get_user_model().objects.filter(visibility.SITE_MODERATORS, is_active=True).distinct()


def _unique(users):
    seen = {}
    for user in users:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def _url(obj):
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # a page without a routable site, or a URL not wired yet: the notification still counts
        return ""


def _save(notifications):
    if not notifications:
        return []
    created = Notification.objects.bulk_create(notifications)
    _unread_changed(*(notification.recipient_id for notification in created))
    for notification in created:
        if wants_email(notification.recipient, notification.kind):
            at_once = notification.kind in SENT_AT_ONCE
            transaction.on_commit(lambda pk=notification.pk, now=at_once: _enqueue_email(pk, now))
    return created


# --- email -------------------------------------------------------------------------------------------------------
def wants_email(user, kind):
    """The member's preference for this kind of email; defaults on, like the profile's own defaults."""
    if kind in ALWAYS_EMAILED:
        return bool(user.email)
    preference = EMAIL_PREFERENCE.get(kind)
    if preference is None or not user.email:
        return False
    profile = getattr(user, "profile", None)
    return bool(getattr(profile, preference, True)) if profile is not None else True


def _enqueue_email(notification_id, at_once=False):
    backend = send_notification_email.get_backend()
    if backend.supports_defer and EMAIL_DELAY and not at_once:
        send_notification_email.using(run_after=timezone.now() + EMAIL_DELAY).enqueue(notification_id)
    else:
        send_notification_email.enqueue(notification_id)


@task()
def send_notification_email(notification_id):
    deliver_email(notification_id)


def deliver_email(notification_id):
    """Email one notification unless the member has seen it already; returns whether it was sent."""
    notification = (
        Notification.objects.select_related("recipient", "actor", "thread", "post").filter(pk=notification_id).first()
    )
    if notification is None or notification.read_at or notification.emailed_at:
        return False
    recipient = notification.recipient
    if not recipient.is_active or not wants_email(recipient, notification.kind):
        return False
    thread = notification.thread
    if thread is not None:
        if attention.seen_since(recipient, thread, notification.created):
            return False  # they have the thread open, or have read it since: nothing new to tell them
        if not thread.can_read(recipient):
            return False
    now = timezone.now()
    # Claim it first, so two workers never send the same email.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True, read_at__isnull=True).update(
        emailed_at=now
    )
    if not claimed:
        return False
    post = notification.post
    context = {
        "notification": notification,
        "recipient_name": display_name(recipient),
        "url": absolute(notification.url),
        "preferences_url": absolute(reverse("edit_profile")),
        "excerpt": post.body_source[:500] if post is not None and post.status == Post.Status.VISIBLE else "",
    }
    try:
        send_mail(
            subject=f"{settings.WAGTAIL_SITE_NAME}: {notification.text}"[:200],
            message=render_to_string("notifications/email/notification.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)  # the task can be retried
        raise
    return True


# --- a member's list --------------------------------------------------------------------------------------------------
def for_member(user):
    return Notification.objects.filter(recipient=user).select_related("actor").for_list()


def unread_count(user):
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# Every page's header shows the unread count from a record kept per member (forums/header.py).
# bulk_create and update() send no model signals, so the functions here that use them renew it themselves.
_unread_changed = fragments.members_changed


def _mark_read(user, notifications):
    read = notifications.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if read:
        _unread_changed(user.pk)
    return read


def mark_read(user, notification_id):
    """Mark one of the member's own notifications read; someone else's id changes nothing."""
    return _mark_read(user, Notification.objects.filter(pk=notification_id))


def mark_all_read(user):
    return _mark_read(user, Notification.objects.all())


def mark_thread_read(user, thread):
    """Reading a thread reads what it notified about (the thread page may call this beside services.mark_read)."""
    if not user.is_authenticated:
        return 0
    return _mark_read(user, Notification.objects.filter(thread=thread))


# --- the weekly digest -----------------------------------------------------------------------------------------------
DIGEST_EVERY = timedelta(days=6)  # a weekly run never skips a week, and running it twice sends nothing more
DIGEST_LOOKBACK = timedelta(days=7)  # what a first digest covers, for a member we have never written to
DIGEST_ITEMS = 10


def digest_candidates():
    """Members who asked for the weekly digest (those without a profile have not chosen: no digest)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__weekly_digest=True)
        .exclude(email="")
        .select_related("profile")
        .order_by("pk")
    )


def digest_for(user, now=None):
    """(content, reason): what a digest to this member would hold now, or why they get none."""
    now = now or timezone.now()
    last = DigestLog.objects.filter(user=user).order_by("-sent").first()
    last_seen = getattr(getattr(user, "profile", None), "last_seen", None)
    if last is not None and last.sent > now - DIGEST_EVERY:
        return None, "had one this week"
    if last is not None and last_seen is not None and last_seen > last.sent:
        return None, "visited since the last digest"
    since = max(moment for moment in (last and last.sent, last_seen, now - DIGEST_LOOKBACK) if moment is not None)
    content = {"since": since, "pages": _new_pages(user, since, now), "threads": _new_threads(user, since, now)}
    if not content["pages"] and not content["threads"]:
        return None, "nothing new"
    return content, ""


def _new_pages(user, since, now):
    themes = getattr(getattr(user, "profile", None), "themes_of_interest", None)
    if themes is None or not themes.exists():
        return []
    return list(
        visible_pages(ContentPage.objects.all())
        .filter(first_published_at__gt=since, first_published_at__lte=now, tagged_themes__tag__in=themes.all())
        .distinct()
        .order_by("-first_published_at")[:DIGEST_ITEMS]
    )


def _new_threads(user, since, now):
    """New threads in the member's communities that they may read, with a visible post, and have not seen yet."""
    communities = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("community")
    threads = (
        Thread.objects.readable_by(user)
        .filter(community__in=communities, created__gt=since, created__lte=now, posts__status=Post.Status.VISIBLE)
        .select_related("community")
        .distinct()
        .order_by("-created")
    )
    unseen = attention.unseen_since_started(threads, user)
    return [thread for thread in unseen[:DIGEST_ITEMS] if not attention.is_viewing(thread.pk, user.pk)]


@transaction.atomic
def send_digest(user, content, now=None):
    """Email one digest and record it, so the same week's run does not send it again."""
    now = now or timezone.now()
    context = {
        "recipient_name": display_name(user),
        "since": content["since"],
        "pages": [(page.title, absolute(page.url or "")) for page in content["pages"]],
        "threads": [(thread.title, thread.community.name, absolute(_url(thread))) for thread in content["threads"]],
        "preferences_url": absolute(reverse("edit_profile")),
    }
    log = DigestLog.objects.create(user=user, sent=now, pages=len(content["pages"]), threads=len(content["threads"]))
    send_mail(
        subject=f"{settings.WAGTAIL_SITE_NAME}: what is new this week",
        message=render_to_string("notifications/email/digest.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return log
