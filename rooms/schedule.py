"""Scheduled sessions: who may schedule one, what a session may be, who sees it, and reminders.

One rule decides who sees an upcoming session: whoever may read the room's community
(forums.visibility `reading`, the rule the room page and its socket follow). The room page, the
community page, the home page, My learning, the .ics file, the API and the reminders all ask
`upcoming` or `visible`; none decides on its own. Scheduling, editing and cancelling are the room's
facilitators' (rooms/access.py), while they may be in the room.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cop_site import page_cache
from cop_site.errors import DomainError
from forums import notifications
from forums.models import Membership
from forums.visibility import reading
from rooms import access
from rooms.models import ScheduledSession, SessionReminder

MAX_LENGTH = timedelta(hours=8)
FURTHEST_AHEAD = timedelta(days=366)
UPCOMING_LIMIT = 5


# --- who sees what ------------------------------------------------------------------------------
def upcoming(user, now=None):
    """Sessions not yet over, in rooms whose community this person may read, soonest first."""
    now = now or timezone.now()
    found = ScheduledSession.objects.filter(ends_at__gt=now).filter(reading(user).q("room__community__"))
    return found.select_related("room__community", "facilitator__profile").order_by("starts_at", "pk")


def of_member(sessions, user):
    """Of these sessions, those in the member's communities or that they asked to be reminded of."""
    if user is None or not user.is_authenticated:
        return sessions.none()
    belongs = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("community")
    reminded = SessionReminder.objects.filter(member=user).values("session")
    return sessions.filter(Q(room__community__in=belongs) | Q(pk__in=reminded))


def visible(session, user):
    """The instance form of `upcoming`'s rule (the session's community read by this person)."""
    return reading(user).allows(session.room.community)


def find(room, session_id, user):
    """The room's session if this person may see it; the same 404 as a missing one otherwise."""
    session = ScheduledSession.objects.select_related("room__community", "facilitator__profile").filter(
        room=room, pk=session_id
    )
    session = session.first()
    if session is None or not visible(session, user):
        raise DomainError("not_found", "There is no such session, or you cannot see it.")
    return session


# --- what a session may be ----------------------------------------------------------------------
def problems(starts_at, ends_at, topic, now=None):
    """{field: what to fix} for a session as written; empty when it may be kept."""
    now = now or timezone.now()
    found = {}
    if not (topic or "").strip():
        found["topic"] = "Enter the session's topic"
    if starts_at is not None:
        if starts_at <= now:
            found["starts_at"] = "The start must be in the future"
        elif starts_at > now + FURTHEST_AHEAD:
            found["starts_at"] = "Schedule sessions no more than a year ahead"
    if starts_at is not None and ends_at is not None:
        if ends_at <= starts_at:
            found["ends_at"] = "The end must be after the start"
        elif ends_at - starts_at > MAX_LENGTH:
            found["ends_at"] = f"A session may last at most {MAX_LENGTH.seconds // 3600} hours"
    return found


def facilitators(room):
    """Who may be named as a session's facilitator: the community's facilitators and moderators."""
    memberships = room.community.memberships.filter(
        status=Membership.Status.ACTIVE, role__in=[Membership.Role.FACILITATOR, Membership.Role.MODERATOR]
    )
    return memberships.select_related("user__profile").order_by("user__username")


def _check_facilitator(room, user):
    if access.refusal(room, user) is not None or not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only the room's facilitators schedule its sessions.")


def _check(room, starts_at, ends_at, topic, facilitator):
    found = problems(starts_at, ends_at, topic)
    if facilitator is not None and not facilitators(room).filter(user=facilitator).exists():
        found["facilitator"] = "Choose one of the community's facilitators"
    if found:
        raise DomainError("invalid", "Check the session's details.", fields=found)


# --- acts -----------------------------------------------------------------------------------------
@transaction.atomic
def schedule_session(room, by, *, starts_at, ends_at, topic, facilitator=None):
    _check_facilitator(room, by)
    _check(room, starts_at, ends_at, topic, facilitator)
    session = ScheduledSession.objects.create(
        room=room, starts_at=starts_at, ends_at=ends_at, topic=topic.strip(), facilitator=facilitator, created_by=by
    )
    page_cache.invalidate()  # the home page lists open communities' sessions to visitors
    return session


@transaction.atomic
def edit_session(session, by, *, starts_at, ends_at, topic, facilitator=None):
    """New details; a changed start sends reminders again at the new time."""
    _check_facilitator(session.room, by)
    _check(session.room, starts_at, ends_at, topic, facilitator)
    moved = starts_at != session.starts_at
    session.starts_at, session.ends_at, session.topic = starts_at, ends_at, topic.strip()
    session.facilitator = facilitator
    session.save(update_fields=["starts_at", "ends_at", "topic", "facilitator"])
    if moved:
        session.reminders.update(sent_at=None)
    page_cache.invalidate()
    return session


@transaction.atomic
def cancel_session(session, by):
    _check_facilitator(session.room, by)
    session.delete()
    page_cache.invalidate()


# --- reminders ------------------------------------------------------------------------------------
def reminder_of(session, user):
    if user is None or not user.is_authenticated:
        return None
    return SessionReminder.objects.filter(session=session, member=user).first()


def set_reminder(session, user, remind_before):
    """Remind this member `remind_before` minutes before the session (again, if they change when)."""
    if user is None or not user.is_authenticated:
        raise DomainError("forbidden", "Sign in to be reminded of a session.")
    if not visible(session, user):
        raise DomainError("not_found", "There is no such session, or you cannot see it.")
    if remind_before not in SessionReminder.Before.values:
        raise DomainError("invalid", "Choose when to be reminded.", fields={"remind_before": "Choose from the list"})
    if session.starts_at <= timezone.now():
        raise DomainError("invalid", "The session has started: there is nothing to remind you of.")
    reminder, _ = SessionReminder.objects.update_or_create(
        session=session, member=user, defaults={"remind_before": remind_before, "sent_at": None}
    )
    return reminder


def clear_reminder(session, user):
    return SessionReminder.objects.filter(session=session, member=user).delete()[0]


def due_reminders(now=None):
    """Unsent reminders whose time has come for sessions not yet started."""
    now = now or timezone.now()
    latest = now + timedelta(minutes=max(SessionReminder.Before.values))
    candidates = SessionReminder.objects.filter(
        sent_at__isnull=True, session__starts_at__gt=now, session__starts_at__lte=latest
    ).select_related("session__room__community", "member__profile")
    return [r for r in candidates if r.session.starts_at - timedelta(minutes=r.remind_before) <= now]


def send_reminder(reminder, now=None):
    """Tell the member, once, in the app and by email as their preferences say; False if they may no longer see it.

    A member who may no longer enter the room (rooms/access.py: they cannot read its community, are
    suspended, or their account is closed) is told nothing; the reminder stays unsent, so it still goes
    if their access returns before the start.
    """
    now = now or timezone.now()
    member, session = reminder.member, reminder.session
    if not member.is_active or access.refusal(session.room, member) is not None:
        return False
    with transaction.atomic():
        claimed = SessionReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=now)
        if not claimed:
            return False  # another run sent it
        when = timezone.localtime(session.starts_at)
        text = f"Reminder: {session.topic} in {session.room.title} starts at {when:%H:%M} on {when.day} {when:%B}"
        notifications.handle("session_reminder", recipient=member, text=text, url=session.get_absolute_url())
    return True


def send_due_reminders(now=None):
    """(sent, skipped): each due reminder sent once; those whose member lost access skipped."""
    sent = skipped = 0
    for reminder in due_reminders(now):
        if send_reminder(reminder, now):
            sent += 1
        else:
            skipped += 1
    return sent, skipped
