"""What rooms keep of a member, for accounts: their messages, summarised sessions and session reminders
in the data export, and what becomes of them when the account is deleted (messages stay as a former
member's; reminders go with the account).

accounts loads this module from every app when it is ready (accounts/apps.py); accounts never
imports rooms.
"""

from accounts.data import HIDDEN_CONTEXT, exports, iso
from accounts.deletion import FORMER_MEMBER, on_delete
from forums.member_data import Places
from forums.models.threads import display_name
from rooms.models import Room, RoomMessage, RoomSession, SessionReminder


class RoomPlaces(Places):
    """A room's title and address too, only while the member may see its community."""

    def room(self, room):
        if room.community_id in self.visible_communities:
            return {"room": room.title, "room_url": room.get_absolute_url()}
        return {"room": HIDDEN_CONTEXT, "room_url": None}

    def topic(self, session):
        return session.topic if session.room.community_id in self.visible_communities else HIDDEN_CONTEXT


# --- the member's copy ----------------------------------------------------------------------------
@exports
def room_data(user):
    context = RoomPlaces(user)
    return {
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
        "session_reminders": [
            {
                **context.room(r.session.room),
                "topic": context.topic(r.session),
                "starts": iso(r.session.starts_at),
                "remind_minutes_before": r.remind_before,
                "sent": iso(r.sent_at),
                "created": iso(r.created),
            }
            for r in SessionReminder.objects.filter(member=user)
            .select_related("session__room__community")
            .order_by("session__starts_at", "pk")
        ],
    }


# --- when the member's account is deleted ---------------------------------------------------------
@on_delete
def forget_room_member(user, summary):
    """Messages stay as a former member's; session figures and round queues no longer name them.

    Their session reminders go with the account (a cascade, counted in what was removed); sessions
    they scheduled or facilitate stay, without their name.
    """
    summary.kept["room messages"] = RoomMessage.objects.filter(author=user).count()
    summary.scrubbed["session participation figures"] = _scrub_participation(user, display_name(user))
    summary.scrubbed["room round queues"] = _scrub_round_queues(user)


def _scrub_participation(user, name):
    """A session's stored figures name each speaker: this member becomes "former member"."""
    changed = 0
    rooms = set(user_room_ids(user))
    for session in RoomSession.objects.filter(room_id__in=rooms):
        people = session.participation.get("by_person", []) if isinstance(session.participation, dict) else []
        if not any(person.get("name") == name for person in people):
            continue
        for person in people:
            if person.get("name") == name:
                person["name"] = FORMER_MEMBER
        session.save(update_fields=["participation"])
        changed += 1
    return changed


def user_room_ids(user):
    return RoomMessage.objects.filter(author=user).values_list("room_id", flat=True).distinct()


def _scrub_round_queues(user):
    changed = 0
    for room in Room.objects.exclude(round_queue=[]):
        if user.pk in room.round_queue:
            room.round_queue = [pk for pk in room.round_queue if pk != user.pk]
            room.save(update_fields=["round_queue"])
            changed += 1
    return changed
