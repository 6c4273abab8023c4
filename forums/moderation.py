"""Moderation rules: members flag posts, moderators decide, suspensions, and the audit log of it all.

Views and commands call these functions and decide nothing themselves. Every moderator's act writes
one ModerationAction; hiding and restoring tell everyone watching the thread at once.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cop_site import fragments
from cop_site.compiled import Compiled
from cop_site.errors import DomainError
from cop_site.request_memo import remember
from forums import live, notifications
from forums.models import Community, CycleEntry, Flag, Membership, ModerationAction, Post, QueueEntry, Suspension
from forums.models.communities import is_site_moderator
from forums.models.threads import display_name
from forums.payloads import post_payload
from forums.ratelimit import RateLimited, hit

FLAGS_TO_HIDE = 3  # different members' flags that hide a post until a moderator decides
MAX_NOTE_LENGTH = 1000
FLAGS_PER_HOUR = 20  # reports a member may make in an hour: enough for a bad thread, not for a campaign
MAX_REASON_LENGTH = 1000
MAX_SUSPENSION_DAYS = 365


# --- who moderates what -----------------------------------------------------------------------------
def moderated_communities(user):
    """Communities where this person is an active facilitator or moderator (every one, for site moderators)."""
    if user is None or not user.is_authenticated:
        return Community.objects.none()
    if is_site_moderator(user):
        return Community.objects.all()
    return Community.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role__in=[Membership.Role.FACILITATOR, Membership.Role.MODERATOR],
    ).distinct()


def is_moderator(user):
    """May this person open the moderation queue at all?"""
    return is_site_moderator(user) or moderated_communities(user).exists()


def _posts_moderated_by(user):
    """Posts this person may decide on: site moderators every one (page comments too), others their communities'."""
    if is_site_moderator(user):
        return Post.objects.all()
    return Post.objects.filter(thread__community__in=moderated_communities(user))


def _check_can_moderate(user, post):
    if not post.thread.can_moderate(user):
        raise DomainError("forbidden", "Only this community's facilitators and moderators can do that.")


def _check_reason(reason, required):
    reason = (reason or "").strip()
    if required and not reason:
        raise DomainError("empty", "Say why: the member is told, and the reason goes in the moderation log.")
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError("too_long", f"Keep the reason under {MAX_REASON_LENGTH:,} characters.")
    return reason


# --- flags -----------------------------------------------------------------------------------------------
def report_refusal(user, *, author_id, readable, shown, already, suspended=None, noun="post"):
    """Why this person may not report an item (a post, a comment, a room message), or None: the one rule for all.

    `readable`: they may read where it is; `shown`: it is on show to everyone (not hidden or removed);
    `already`: they reported it before. `suspended` may be passed by a page that asks for many items.
    """
    if user is None or not user.is_authenticated:
        return DomainError("forbidden", f"Sign in to report a {noun}.")
    if not readable:
        return DomainError("forbidden", f"You cannot report this {noun}.")
    if is_suspended(user) if suspended is None else suspended:
        return DomainError("suspended", f"Your account is suspended, so you cannot report a {noun} just now.")
    if author_id is not None and author_id == user.pk:
        return DomainError("own_post", f"You cannot flag your own {noun}. You can edit or delete it instead.")
    if not shown:
        return DomainError("not_visible", f"This {noun} is already hidden and waiting for a moderator.")
    if already:
        return DomainError("already_flagged", f"You have already flagged this {noun}. A moderator will look at it.")
    return None


def flag_refusal(post, user, *, flagged=None, suspended=None, reads_thread=None):
    """Why this person may not flag this post, or None.

    A page asking for every post of a thread passes what it read once: `flagged` (the ids of the posts
    this person flagged), `suspended`, and `reads_thread` (they may read the post's thread).
    """
    signed_in = user is not None and user.is_authenticated
    if not signed_in:
        already = False
    elif flagged is None:
        already = Flag.objects.filter(post=post, flagged_by=user).exists()
    else:
        already = post.pk in flagged
    return report_refusal(
        user,
        author_id=post.author_id,
        readable=post.status != Post.Status.REMOVED
        and (post.thread.can_read(user) if reads_thread is None else reads_thread),
        shown=post.status == Post.Status.VISIBLE,
        already=already,
        suspended=suspended,
    )


def flagged_by(user, posts):
    """The ids of these posts this person has flagged (one query), for pages that show Report on each."""
    if user is None or not user.is_authenticated:
        return set()
    return set(Flag.objects.filter(flagged_by=user, post__in=posts).values_list("post_id", flat=True))


def check_can_flag(post, user):
    """Raise DomainError saying why this person may not flag this post (the flag form shows it instead)."""
    error = flag_refusal(post, user)
    if error is not None:
        raise error


@transaction.atomic
def flag_post(post, user, reason, note=""):
    """A member reports a post; flags from FLAGS_TO_HIDE different members hide it until a moderator decides."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    check_can_flag(post, user)
    if reason not in Flag.Reason.values:
        raise DomainError("invalid", "Choose why you are flagging this post.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise DomainError("too_long", f"Keep the note under {MAX_NOTE_LENGTH:,} characters.")
    _count_report(user)
    flag = Flag.objects.create(post=post, flagged_by=user, reason=reason, note=note)
    fragments.bump(fragments.member_acts(user.pk))  # their kept pages say "Reported" now
    flaggers = open_flags(post).values("flagged_by").distinct().count()
    if flaggers >= FLAGS_TO_HIDE:
        _hide_by_flags(post)
    else:
        _queue(post, QueueEntry.Reason.FLAGGED, keep_reason=True)
    return flag


def _count_report(user):
    """Posts and room messages share one allowance: FLAGS_PER_HOUR reports a member may make in an hour."""
    try:
        hit(f"flag:{user.pk}", FLAGS_PER_HOUR, 3600)
    except RateLimited as exc:
        minutes = max(1, round(exc.retry_after / 60))
        raise DomainError(
            "rate_limited", f"You have reported many posts this hour. Please wait {minutes} minutes and try again."
        ) from exc


# --- reports of room messages -------------------------------------------------------------------------------
# A room message has no queue entry of its own: a report is a row of the audit log (REPORT_MESSAGE, with the
# reason and a link to the message in its room), which the community's moderators see in the queue page and
# act on in the room (remove, restore). Forums never imports rooms, so the room passes what the rule needs.
def _message_reports():
    return ModerationAction.objects.filter(action=ModerationAction.Action.REPORT_MESSAGE, target_type="roommessage")


def reported_messages(user, messages):
    """The ids of these room messages this person has reported (one query)."""
    if user is None or not user.is_authenticated:
        return set()
    ids = [message.pk for message in messages]
    return set(_message_reports().filter(actor=user, target_id__in=ids).values_list("target_id", flat=True))


def message_report_refusal(message, user, *, in_room, reported=None, suspended=None):
    """Why this person may not report this room message, or None. `in_room`: the room lets them in (rooms.access)."""
    if reported is None:
        reported = reported_messages(user, [message])
    return report_refusal(
        user,
        author_id=message.author_id,
        readable=in_room,
        shown=not message.removed,
        already=message.pk in reported,
        suspended=suspended,
        noun="message",
    )


@transaction.atomic
def report_message(message, user, reason, note="", *, community, in_room, url=""):
    """A member reports a room message to the community's moderators: one audit log row, which the queue shows."""
    error = message_report_refusal(message, user, in_room=in_room)
    if error is not None:
        raise error
    if reason not in Flag.Reason.values:
        raise DomainError("invalid", "Choose why you are reporting this message.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise DomainError("too_long", f"Keep the note under {MAX_NOTE_LENGTH:,} characters.")
    _count_report(user)
    why = Flag.Reason(reason).label + (f": {note}" if note else "")
    return record(user, ModerationAction.Action.REPORT_MESSAGE, message, why, community=community, url=url)


def message_reporters(message):
    """How many different members have reported this room message (FLAGS_TO_HIDE of them hide it)."""
    return _message_reports().filter(target_id=message.pk).values("actor").distinct().count()


def message_reports_for(user, days=14):
    """Reports of room messages in the communities this person moderates, newest first, from the last `days`."""
    if not is_moderator(user):
        return ModerationAction.objects.none()
    reports = _message_reports().filter(created__gte=timezone.now() - timedelta(days=days))
    if not is_site_moderator(user):
        reports = reports.filter(community__in=moderated_communities(user))
    return reports.select_related("community").order_by("-created", "-pk")


# --- reports of inquiry entries ------------------------------------------------------------------------------
# An inquiry's entry is moderated like a room message: a report is a row of the audit log (REPORT_ENTRY), which
# the queue shows; reports from FLAGS_TO_HIDE different members hide the entry until a moderator looks. The
# community's facilitators and moderators hide and restore entries on the inquiry's page or from the queue.
def _entry_reports():
    return ModerationAction.objects.filter(action=ModerationAction.Action.REPORT_ENTRY, target_type="cycleentry")


def reported_entries(user, entries):
    """The ids of these inquiry entries this person has reported (one query)."""
    if user is None or not user.is_authenticated:
        return set()
    ids = [entry.pk for entry in entries]
    return set(_entry_reports().filter(actor=user, target_id__in=ids).values_list("target_id", flat=True))


def entry_report_refusal(entry, user, *, readable=None, reported=None, suspended=None):
    """Why this person may not report this entry, or None. A page asking for many passes what it read once."""
    if reported is None:
        reported = reported_entries(user, [entry])
    return report_refusal(
        user,
        author_id=entry.author_id,
        readable=entry.cycle.inquiry.can_read(user) if readable is None else readable,
        shown=entry.status == CycleEntry.Status.VISIBLE,
        already=entry.pk in reported,
        suspended=suspended,
        noun="entry",
    )


@transaction.atomic
def report_entry(entry, user, reason, note=""):
    """A member reports an inquiry entry to the community's moderators: one audit log row, which the queue shows."""
    entry = CycleEntry.objects.select_for_update().select_related("cycle__inquiry__community").get(pk=entry.pk)
    error = entry_report_refusal(entry, user)
    if error is not None:
        raise error
    if reason not in Flag.Reason.values:
        raise DomainError("invalid", "Choose why you are reporting this entry.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise DomainError("too_long", f"Keep the note under {MAX_NOTE_LENGTH:,} characters.")
    _count_report(user)
    why = Flag.Reason(reason).label + (f": {note}" if note else "")
    report = record(user, ModerationAction.Action.REPORT_ENTRY, entry, why)
    if _entry_reports().filter(target_id=entry.pk).values("actor").distinct().count() >= FLAGS_TO_HIDE:
        why = f"Hidden after {FLAGS_TO_HIDE} members reported it, until a moderator looks at it."
        _set_entry_hidden(entry, why)
        record(None, ModerationAction.Action.AUTO_HIDE_ENTRY, entry, why)
        _tell_entry_author(
            entry, f"Your entry in “{entry.cycle.inquiry.question}” is hidden: {FLAGS_TO_HIDE} members reported it."
        )
    return report


def _check_can_moderate_entry(user, entry):
    if not entry.cycle.inquiry.community.can_moderate(user):
        raise DomainError("forbidden", "Only this community's facilitators and moderators can do that.")


@transaction.atomic
def hide_entry(entry, moderator, reason):
    """Hide an inquiry entry from everyone but its author and the moderators; its author is told why."""
    _check_can_moderate_entry(moderator, entry)
    reason = _check_reason(reason, required=True)
    entry = CycleEntry.objects.select_for_update().select_related("cycle__inquiry__community").get(pk=entry.pk)
    _set_entry_hidden(entry, reason)
    action = record(moderator, ModerationAction.Action.HIDE_ENTRY, entry, reason)
    _tell_entry_author(
        entry, f"A moderator hid your entry in “{entry.cycle.inquiry.question}”: {reason}", actor=moderator
    )
    return action


@transaction.atomic
def restore_entry(entry, moderator, reason=""):
    """Show a hidden inquiry entry again."""
    _check_can_moderate_entry(moderator, entry)
    reason = _check_reason(reason, required=False)
    entry = CycleEntry.objects.select_for_update().select_related("cycle__inquiry__community").get(pk=entry.pk)
    if entry.status != CycleEntry.Status.HIDDEN:
        raise DomainError("invalid", "Only a hidden entry can be restored.")
    entry.status = CycleEntry.Status.VISIBLE
    entry.hidden_reason = ""
    entry.save(update_fields=["status", "hidden_reason"])  # a save: search indexes it again
    action = record(moderator, ModerationAction.Action.RESTORE_ENTRY, entry, reason)
    _tell_entry_author(entry, f"A moderator restored your entry in “{entry.cycle.inquiry.question}”.", actor=moderator)
    return action


def _set_entry_hidden(entry, why):
    entry.status = CycleEntry.Status.HIDDEN
    entry.hidden_reason = why[:200]
    entry.save(update_fields=["status", "hidden_reason"])


def _tell_entry_author(entry, text, actor=None):
    if entry.author is not None:
        _notify_member(entry.author, text, actor=actor, url=entry.get_absolute_url())


def entry_reports_for(user, days=14):
    """Reports of inquiry entries in the communities this person moderates, newest first, from the last `days`."""
    if not is_moderator(user):
        return ModerationAction.objects.none()
    reports = _entry_reports().filter(created__gte=timezone.now() - timedelta(days=days))
    if not is_site_moderator(user):
        reports = reports.filter(community__in=moderated_communities(user))
    return reports.select_related("community").order_by("-created", "-pk")


def open_flags(post):
    return Flag.objects.filter(post=post, resolved__isnull=True)


def _hide_by_flags(post):
    reasons = sorted({Flag.Reason(flag.reason).label.lower() for flag in open_flags(post)})
    why = f"Hidden after {FLAGS_TO_HIDE} members flagged it ({', '.join(reasons)}) until a moderator looks at it."
    _set_hidden(post, why)
    _queue(post, QueueEntry.Reason.HIDDEN_BY_FLAGS)
    record(None, ModerationAction.Action.AUTO_HIDE, post, why)
    _tell_author(
        post,
        f"Your post in “{post.thread.title}” is hidden: {FLAGS_TO_HIDE} members flagged it "
        f"({', '.join(reasons)}). You can edit it, and a moderator will look at it again.",
        edit_link=True,
    )


def _queue(post, reason, keep_reason=False):
    """Put the post in the queue (again), unless it is already waiting there."""
    entry, created = QueueEntry.objects.get_or_create(post=post, defaults={"reason": reason})
    if created:
        return entry
    if entry.decided is not None:
        entry.decided = None
        entry.since = timezone.now()
        entry.reason = reason
    elif not keep_reason:
        entry.reason = reason
    entry.save(update_fields=["decided", "since", "reason"])
    return entry


def _decide(post, now):
    open_flags(post).update(resolved=now)
    QueueEntry.objects.filter(post=post, decided__isnull=True).update(decided=now)


# --- moderators' decisions ---------------------------------------------------------------------------------
@transaction.atomic
def hide_post(post, moderator, reason):
    """Hide a post from everyone but its author and the moderators; its author is told why."""
    _check_can_moderate(moderator, post)
    reason = _check_reason(reason, required=True)
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.status == Post.Status.REMOVED:
        raise DomainError("invalid", "This post has been deleted.")
    _set_hidden(post, reason[:200])
    _decide(post, timezone.now())
    action = record(moderator, ModerationAction.Action.HIDE, post, reason)
    _tell_author(post, f"A moderator hid your post in “{post.thread.title}”: {reason}", actor=moderator, edit_link=True)
    return action


@transaction.atomic
def restore_post(post, moderator, reason=""):
    """Show a hidden post again; its flags are resolved."""
    _check_can_moderate(moderator, post)
    reason = _check_reason(reason, required=False)
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    if post.status != Post.Status.HIDDEN:
        raise DomainError("invalid", "Only a hidden post can be restored.")
    post.status = Post.Status.VISIBLE
    post.hidden_reason = ""
    post.save(update_fields=["status", "hidden_reason"])  # a save: search indexes it again
    _decide(post, timezone.now())
    live.publish(post.thread.stream, "post_updated", {"post": post_payload(post)})
    action = record(moderator, ModerationAction.Action.RESTORE, post, reason)
    _tell_author(post, f"A moderator restored your post in “{post.thread.title}”.", actor=moderator, link=True)
    return action


@transaction.atomic
def dismiss_flags(post, moderator, reason=""):
    """The flags were unfounded: resolve them and take the post out of the queue; the post stays as it is."""
    _check_can_moderate(moderator, post)
    reason = _check_reason(reason, required=False)
    if not (open_flags(post).exists() or QueueEntry.objects.filter(post=post, decided__isnull=True).exists()):
        raise DomainError("invalid", "There is nothing waiting about this post.")
    _decide(post, timezone.now())
    return record(moderator, ModerationAction.Action.DISMISS, post, reason)


def _set_hidden(post, why):
    was_visible = post.status == Post.Status.VISIBLE
    post.status = Post.Status.HIDDEN
    post.hidden_reason = why[:200]
    post.save(update_fields=["status", "hidden_reason"])  # a save: search drops the hidden post
    if was_visible:
        live.publish(post.thread.stream, "post_removed", {"post_id": post.pk})


def may_edit_hidden(post, user):
    """The author of a hidden post may always edit it: that is how it gets a second look."""
    return (
        user is not None
        and user.is_authenticated
        and post.status == Post.Status.HIDDEN
        and post.author_id == user.pk
        and not _is_suspended(user)
    )


def requeue_after_edit(post):
    """The author edited their hidden post: it stays hidden and waits for a moderator again."""
    if post.status == Post.Status.HIDDEN:
        _queue(post, QueueEntry.Reason.EDITED)


def queue_for_author(post):
    """The post's open queue entry (it is waiting for a moderator), or None."""
    return QueueEntry.objects.filter(post=post, decided__isnull=True).first()


def _is_suspended(user):
    return active_suspension(user) is not None


# --- the queue ------------------------------------------------------------------------------------------------
def queue_for(user):
    """Open queue entries this person may decide on, oldest first, with their posts and flags."""
    if not is_moderator(user):
        return QueueEntry.objects.none()
    return (
        QueueEntry.objects.filter(decided__isnull=True, post__in=_posts_moderated_by(user))
        .select_related("post__author", "post__thread__community", "post__thread__page")
        .prefetch_related("post__flags__flagged_by")
        .order_by("since", "pk")
    )


def hidden_posts_for(user):
    """Hidden posts no longer waiting for a decision, newest first: a moderator may restore them."""
    if not is_moderator(user):
        return Post.objects.none()
    waiting = QueueEntry.objects.filter(decided__isnull=True).values("post")
    return (
        _posts_moderated_by(user)
        .filter(status=Post.Status.HIDDEN)
        .exclude(pk__in=waiting)
        .select_related("author", "thread__community", "thread__page")
        .order_by("-created")
    )


def log_for(user):
    """The audit log this person may read: everything for site moderators, their communities' for the others."""
    if is_site_moderator(user):
        return ModerationAction.objects.select_related("actor", "community")
    if not is_moderator(user):
        return ModerationAction.objects.none()
    return ModerationAction.objects.filter(community__in=moderated_communities(user)).select_related(
        "actor", "community"
    )


# --- suspensions ----------------------------------------------------------------------------------------------
def active_suspension(user):
    """The member's current suspension (the one that lasts longest), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return remember(  # once per page view (cop_site/request_memo.py)
        ("suspension", user.pk), lambda: Suspension.objects.active().filter(user=user).order_by("-until").first()
    )


# Every message in a live room asks this for its sender: the statement is compiled once (cop_site/compiled.py).
_ACTIVE_FOR = Compiled(lambda now, ids: Suspension.objects.active(now=now).filter(user__in=ids).order_by("-until"))


def active_suspensions(users):
    """{user id: their current suspension (the one that lasts longest)} for several members, in one query."""
    ids = [user.pk for user in users if user is not None and getattr(user, "is_authenticated", False)]
    found = {}
    for suspension in _ACTIVE_FOR.all(timezone.now(), ids):
        found.setdefault(suspension.user_id, suspension)
    return found


def is_suspended(user):
    return active_suspension(user) is not None


def suspended_refusal(user):
    """The refusal a suspended member gets when they try to contribute (a case study proposal), or None."""
    if is_suspended(user):
        return DomainError("suspended", "Your account is suspended, so you cannot share a case study just now.")
    return None


def can_suspend(user):
    """Suspensions apply everywhere, so only site moderators give them."""
    return is_site_moderator(user)


@transaction.atomic
def suspend(member, moderator, reason, days=None, until=None):
    """Stop a member posting (and entering rooms) until a time, for a reason the member is told."""
    if not can_suspend(moderator):
        raise DomainError("forbidden", "Only site moderators suspend members.")
    if member is None or not member.is_active:
        raise DomainError("invalid", "There is no such member.")
    if member.pk == moderator.pk:
        raise DomainError("invalid", "You cannot suspend yourself.")
    if is_site_moderator(member):
        raise DomainError("forbidden", "Site moderators cannot be suspended here; ask an administrator.")
    reason = _check_reason(reason, required=True)
    now = timezone.now()
    if until is None:
        if days is None or not 1 <= int(days) <= MAX_SUSPENSION_DAYS:
            raise DomainError("invalid", f"Suspend for between 1 and {MAX_SUSPENSION_DAYS} days.")
        until = now + timedelta(days=int(days))
    if until <= now or until > now + timedelta(days=MAX_SUSPENSION_DAYS):
        raise DomainError("invalid", f"The suspension must end in the future, within {MAX_SUSPENSION_DAYS} days.")
    suspension = Suspension.objects.create(user=member, until=until, reason=reason, by=moderator, created=now)
    fragments.bump(fragments.member_acts(member.pk))  # their kept pages lose the forms at once
    record(moderator, ModerationAction.Action.SUSPEND, member, reason)
    _notify_member(
        member,
        f"Your account is suspended until {timezone.localtime(until):%-d %B %Y, %H:%M}: {reason}",
        actor=moderator,
    )
    return suspension


@transaction.atomic
def lift_suspension(suspension, moderator, reason=""):
    if not can_suspend(moderator):
        raise DomainError("forbidden", "Only site moderators lift suspensions.")
    if not suspension.is_active():
        raise DomainError("invalid", "That suspension has already ended.")
    reason = _check_reason(reason, required=False)
    suspension.lifted = timezone.now()
    suspension.lifted_by = moderator
    suspension.save(update_fields=["lifted", "lifted_by"])
    fragments.bump(fragments.member_acts(suspension.user_id))
    record(moderator, ModerationAction.Action.UNSUSPEND, suspension.user, reason)
    _notify_member(suspension.user, "Your suspension has been lifted: you can take part again.", actor=moderator)
    return suspension


def suspensions_for(user):
    if not can_suspend(user):
        return Suspension.objects.none()
    return Suspension.objects.active().select_related("user", "by").order_by("until")


def find_member(username):
    return get_user_model().objects.filter(username=(username or "").strip(), is_active=True).first()


# --- the audit log -----------------------------------------------------------------------------------------------
def record(actor, action, target, reason="", community=None, url=""):
    """Write one audit log row. `target` is a Post, a user, or any object with a pk (a room message).

    Other parts of the site (live rooms' remove/restore, identity look-ups) call this too.
    """
    target_type, label, described_url = _describe(target)
    if community is None and isinstance(target, Post):
        community = target.thread.community
    if community is None and isinstance(target, CycleEntry):
        community = target.cycle.inquiry.community
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=getattr(target, "pk", None),
        target_label=label[:200],
        target_url=(url or described_url)[:500],
        community=community,
        reason=reason or "",
    )


def _describe(target):
    if isinstance(target, Post):
        return "post", f"{display_name(target.author)}’s post in “{target.thread.title}”", post_url(target)
    if isinstance(target, CycleEntry):
        label = f"{display_name(target.author)}’s entry in “{target.cycle.inquiry.question}”"
        return "cycleentry", label, target.get_absolute_url()
    if isinstance(target, get_user_model()):
        return "user", display_name(target), reverse("member_profile", args=[target.get_username()])
    # Only the kind and id: a room message's text or anonymous author must not leak into the log.
    name = target._meta.model_name if hasattr(target, "_meta") else type(target).__name__.lower()
    return name, f"{target._meta.verbose_name if hasattr(target, '_meta') else name} {target.pk}", ""


def post_url(post):
    try:
        return post.get_absolute_url()
    except Exception:  # the thread's page URL may be unroutable (no site yet): the log must still be written
        return ""


# --- telling people --------------------------------------------------------------------------------------------------
def _tell_author(post, text, actor=None, edit_link=False, link=False):
    if post.author is None:
        return
    url = reverse("edit_hidden_post", args=[post.pk]) if edit_link else (post_url(post) if link else "")
    _notify_member(post.author, text, actor=actor, url=url, thread=post.thread, post=post)


def _notify_member(member, text, actor=None, url="", thread=None, post=None):
    notifications.handle("moderation", recipient=member, text=text, actor=actor, url=url, thread=thread, post=post)
