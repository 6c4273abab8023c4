"""The rules of live rooms, in one place: the consumer, the room page and tests call these.

Each function validates, changes the database, and returns what happened; the consumer turns the
result into frames. Errors are RoomError with one of the protocol's codes.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone

from forums import markdown
from forums.models import HandRaise, Membership, Room, RoomMessage, RoomPresence, RoomSession
from forums.models.communities import is_site_moderator
from forums.models.threads import display_name
from forums.ratelimit import RateLimited, hit

MAX_MESSAGE_LENGTH = 4000
MESSAGES_PER_WINDOW = 5
SIGNALS_PER_WINDOW = 10  # hands raised or lowered, older history asked for: each redraws or reads for the room
WINDOW_SECONDS = 5
HISTORY_PAGE = 50
PRESENCE_TIMEOUT = timedelta(seconds=60)
TYPING_INTERVAL = 1  # seconds: one typing signal a second per member is plenty
LEVELS = ["frontline", "manager", "strategic", "researcher", "community_member", ""]


class RoomError(Exception):
    def __init__(self, code, detail):
        super().__init__(detail)
        self.code = code
        self.detail = detail


# --- access -------------------------------------------------------------------------------------
def refusal(room, user):
    """None if this person may enter, else the close code: 4401 not signed in, 4403 not allowed."""
    if user is None or not user.is_authenticated:
        return 4401
    if not room.community.can_read(user):
        return 4403
    from forums.moderation import active_suspension

    if active_suspension(user) is not None:
        return 4403
    return None


def is_facilitator(room, user):
    return room.community.can_moderate(user)


def is_moderator(room, user):
    if is_site_moderator(user):
        return True
    membership = room.community.membership_of(user)
    return bool(membership and membership.status == "active" and membership.role == Membership.Role.MODERATOR)


# --- messages -------------------------------------------------------------------------------------
def send_message(room, user, body, client_id, anonymous=False):
    """(message, created). A repeated client_id returns the original message, created=False."""
    client_id = str(client_id or "").strip()
    if not client_id or len(client_id) > 64 or not _storable(client_id):
        raise RoomError("invalid", "Every message needs a client_id of at most 64 characters.")
    existing = RoomMessage.objects.filter(room=room, author=user, client_id=client_id).first()
    if existing is not None:
        return existing, False
    if refusal(room, user) is not None:  # suspended, or left a private community, since connecting
        raise RoomError("forbidden", "You cannot post in this room just now.")
    room.refresh_from_db(fields=["state", "floor_control", "floor_user", "allow_anonymous"])
    facilitator = is_facilitator(room, user)
    if room.state != Room.State.OPEN:
        raise RoomError("room_closed", "The room is closed just now.")
    if room.floor_control and room.floor_user_id != user.pk and not facilitator:
        if room.floor_user_id is None:
            raise RoomError(
                "not_your_turn", "No one has the floor yet: raise your hand and the facilitator will give it."
            )
        raise RoomError("not_your_turn", "Someone else has the floor: raise your hand to speak next.")
    if anonymous and not room.allow_anonymous:
        raise RoomError("forbidden", "This room does not allow anonymous contributions.")
    if anonymous and room.floor_control:  # everyone sees who holds the floor: a nameless message would still be theirs
        raise RoomError(
            "forbidden",
            "While the facilitator gives the floor, everyone can see who is speaking, so messages carry a name. "
            "Anonymous contributions come back when the room speaks freely.",
        )
    if not isinstance(body, str) or not _storable(body):
        raise RoomError("invalid", "The message body must be text.")
    body = body.strip()
    if not body:
        raise RoomError("empty", "Write something before sending.")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise RoomError("too_long", f"Keep messages under {MAX_MESSAGE_LENGTH:,} characters.")
    try:
        hit(f"room:{user.pk}", MESSAGES_PER_WINDOW, WINDOW_SECONDS)
    except RateLimited as exc:
        raise RoomError("rate_limited", f"Slow down a little: try again in {exc.retry_after} seconds.") from exc
    try:
        with transaction.atomic():
            message = RoomMessage.objects.create(
                room=room,
                author=user,
                anonymous=bool(anonymous),
                client_id=client_id,
                body_source=body,
                body_html=markdown.render(body),
            )
    except IntegrityError:  # the same client_id raced in from another connection
        return RoomMessage.objects.get(room=room, author=user, client_id=client_id), False
    return message, True


def _storable(text):
    """Text every database keeps as written: no NUL (PostgreSQL refuses it), no lone surrogates (JSON allows them)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def member_payload(user):
    """A person as every client sees them."""
    return {"id": user.pk, "name": display_name(user), "level": member_level(user)}


def message_payload(message):
    """A message as every client sees it: no name (and no id) for anonymous contributions; a deleted
    account's messages stay, by "former member" (no id)."""
    author = message.author
    if message.anonymous:
        shown = None
    elif author is None:
        shown = {"id": None, "name": display_name(None), "level": ""}
    else:
        shown = member_payload(author)
    return {
        "id": message.pk,
        "author": shown,
        "body_html": "" if message.removed else message.body_html,
        "created": message.created.isoformat(),
        "client_id": message.client_id,
    }


def history(room, after=None, before=None, limit=HISTORY_PAGE):
    """(messages, has_more): everything after `after` (bounded), or the `limit` before `before`/latest."""
    messages = RoomMessage.objects.filter(room=room, removed=False).select_related("author__profile")
    if after is not None:
        page = list(messages.filter(pk__gt=after).order_by("pk")[: limit * 10 + 1])
        return page[: limit * 10], len(page) > limit * 10
    if before is not None:
        messages = messages.filter(pk__lt=before)
    page = list(messages.order_by("-pk")[: limit + 1])
    return list(reversed(page[:limit])), len(page) > limit


def message_ids_after(room, after, limit=HISTORY_PAGE * 10):
    """(id, created) of the room's messages after `after`, oldest first: what a connection checks it sent."""
    messages = RoomMessage.objects.filter(room=room, removed=False, pk__gt=after).order_by("pk")
    return list(messages.values_list("pk", "created")[:limit])


def messages_with_ids(room, ids):
    return list(
        RoomMessage.objects.filter(room=room, removed=False, pk__in=ids)
        .select_related("author__profile")
        .order_by("pk")
    )


def moderate(room, user, action, message_id):
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators and moderators remove messages.")
    if action not in ("remove", "restore"):
        raise RoomError("invalid", "The action is remove or restore.")
    message = RoomMessage.objects.filter(room=room, pk=message_id).first()
    if message is None:
        raise RoomError("invalid", "There is no such message in this room.")
    message.removed = action == "remove"
    message.save(update_fields=["removed"])
    from forums.moderation import record

    record(
        user,
        "remove_message" if action == "remove" else "restore_message",
        message,
        f"in room {room.slug}",
        community=room.community,
    )
    return message


def reveal_author(room, user, message_id):
    """Who wrote an anonymous message: moderators only, and every look is audit-logged."""
    if not is_moderator(room, user):
        raise RoomError("forbidden", "Only moderators can see who wrote an anonymous message.")
    message = RoomMessage.objects.select_related("author").filter(room=room, pk=message_id).first()
    if message is None:
        raise RoomError("invalid", "There is no such message in this room.")
    from forums.moderation import record

    record(
        user,
        "identity_lookup",
        message,
        f"anonymous message {message.pk} in room {room.slug}",
        community=room.community,
    )
    return message.author


# --- facilitation -------------------------------------------------------------------------------
def set_state(room, user, state):
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators open and close the room.")
    if state not in Room.State.values:
        raise RoomError("invalid", "The state is open or closed.")
    room.state = state
    room.save(update_fields=["state"])
    return room


def limit_signals(user, kind):
    """At most SIGNALS_PER_WINDOW hands or history requests a member may send in WINDOW_SECONDS."""
    try:
        hit(f"room-{kind}:{user.pk}", SIGNALS_PER_WINDOW, WINDOW_SECONDS)
    except RateLimited as exc:
        raise RoomError("rate_limited", f"Slow down a little: try again in {exc.retry_after} seconds.") from exc


def set_hand(room, user, raised):
    limit_signals(user, "hand")
    if raised:
        HandRaise.objects.get_or_create(room=room, user=user)
    else:
        HandRaise.objects.filter(room=room, user=user).delete()
    return hand_queue(room)


def hand_queue(room):
    return [member_payload(hand.user) for hand in HandRaise.objects.filter(room=room).select_related("user__profile")]


def give_floor(room, user, target_id):
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators hand the floor.")
    target = None
    if target_id is not None:
        presence = RoomPresence.objects.filter(room=room, user_id=target_id).select_related("user").first()
        if presence is None:
            raise RoomError("invalid", "That person is not in the room.")
        target = presence.user
        HandRaise.objects.filter(room=room, user=target).delete()
    room.floor_user = target
    room.save(update_fields=["floor_user"])
    return target


def start_round(room, user):
    """Give each present member the floor in turn, in the order they arrived."""
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators start a round.")
    order = list(present_members(room).values_list("user_id", flat=True))
    if not room.floor_control:  # the room speaks freely again when the round ends
        room.floor_control = room.round_floor_control = True
    room.round_queue = order
    room.save(update_fields=["floor_control", "round_floor_control", "round_queue"])
    return next_turn(room, user)


def stop_round(room, user):
    """End the round now: no one keeps the floor, and a room that spoke freely before does again."""
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators end a round.")
    room.floor_user = None
    room.round_queue = []
    _end_round(room)
    room.save(update_fields=["floor_user", "round_queue", "floor_control", "round_floor_control"])
    return None


def _end_round(room):
    if room.round_floor_control:
        room.floor_control = room.round_floor_control = False


def next_turn(room, user):
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators move the round on.")
    queue = list(room.round_queue)
    present = set(present_members(room).values_list("user_id", flat=True))
    while queue and queue[0] not in present:
        queue.pop(0)
    room.floor_user_id = queue.pop(0) if queue else None
    room.round_queue = queue
    if room.floor_user_id is None:  # everyone has spoken: the round is over
        _end_round(room)
    room.save(update_fields=["floor_user", "round_queue", "floor_control", "round_floor_control"])
    return room.floor_user


# --- presence -------------------------------------------------------------------------------------
def arrive(room, user, channel_name):
    RoomPresence.objects.update_or_create(
        channel_name=channel_name, defaults={"room": room, "user": user, "last_seen": timezone.now()}
    )


def heartbeat(channel_name):
    """Refresh a connection's presence; 0 when it was already swept (it must arrive again)."""
    return RoomPresence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def may_signal_typing(room, user):
    """True at most once a TYPING_INTERVAL per member and room, across every connection and process."""
    return cache.add(f"room-typing:{room.pk}:{user.pk}", 1, TYPING_INTERVAL)


def leave(channel_name, room=None, user=None):
    """Forget a connection; True when that was the member's last one here and their raised hand went with them."""
    RoomPresence.objects.filter(channel_name=channel_name).delete()
    if room is None or user is None or RoomPresence.objects.filter(room=room, user=user).exists():
        return False
    return HandRaise.objects.filter(room=room, user=user).delete()[0] > 0


def sweep(room):
    """Forget connections that stopped sending heartbeats (a process died, a laptop closed)."""
    return RoomPresence.objects.filter(room=room, last_seen__lt=timezone.now() - PRESENCE_TIMEOUT).delete()[0]


def present_members(room):
    fresh = RoomPresence.objects.filter(room=room, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)
    return fresh.values("user_id").annotate(arrived=Min("id")).order_by("arrived")


def presence_list(room):
    rows = (
        RoomPresence.objects.filter(room=room, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)
        .select_related("user__profile")
        .order_by("pk")
    )
    seen, members = set(), []
    for row in rows:
        if row.user_id not in seen:
            seen.add(row.user_id)
            members.append(member_payload(row.user))
    return members


# --- equal voice ------------------------------------------------------------------------------------
def member_level(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "level", "") if profile else ""


def participation(room, since=None):
    """Messages and words by level and by person.

    Anonymous contributions count under "anonymous", in both: counted under their author's level
    they would name a room's only frontline member to everyone who reads the summary.
    """
    messages = RoomMessage.objects.filter(room=room, removed=False).select_related("author__profile")
    if since is not None:
        messages = messages.filter(pk__gt=since)
    by_level = {level: {"messages": 0, "words": 0} for level in LEVELS}
    by_person = {}
    for message in messages:
        level = "anonymous" if message.anonymous else member_level(message.author) if message.author else ""
        words = len(message.body_source.split())
        by_level.setdefault(level, {"messages": 0, "words": 0})
        by_level[level]["messages"] += 1
        by_level[level]["words"] += words
        # display_name(None) is "former member": the author deleted their account, the message stays.
        # One row per person, not per name: namesakes stay apart, as does a member called "Anonymous".
        key = "anonymous" if message.anonymous else message.author_id or "former"
        name = "Anonymous" if message.anonymous else display_name(message.author)
        person = by_person.setdefault(
            key,
            {
                "name": name,
                "level": "" if message.anonymous else level,
                "anonymous": message.anonymous,
                "messages": 0,
                "words": 0,
            },
        )
        person["messages"] += 1
        person["words"] += words
    return {
        "by_level": [{"level": level, **counts} for level, counts in by_level.items() if level or counts["messages"]],
        "by_person": sorted(by_person.values(), key=lambda p: (-p["words"], p["name"])),
    }


@transaction.atomic
def end_session(room, user, key_points, actions=""):
    """Close the room, and post the facilitator's summary with the participation figures as a thread."""
    if not is_facilitator(room, user):
        raise RoomError("forbidden", "Only facilitators end a session.")
    key_points = (key_points or "").strip()
    if not key_points:
        raise RoomError("empty", "Write the key points of the session.")
    # From the last message any earlier session ended on: a session in which no one spoke ends nothing.
    since = room.sessions.aggregate(last=Max("last_message_id"))["last"]
    messages = RoomMessage.objects.filter(room=room)
    if since:
        messages = messages.filter(pk__gt=since)
    first, last = messages.order_by("pk").first(), messages.order_by("-pk").first()
    figures = participation(room, since)
    session = RoomSession.objects.create(
        room=room,
        facilitator=user,
        key_points=key_points,
        actions=(actions or "").strip(),
        participation=figures,
        first_message=first,
        last_message=last,
    )
    room.state = Room.State.CLOSED
    room.floor_user = None
    room.round_queue = []
    _end_round(room)
    room.save(update_fields=["state", "floor_user", "round_queue", "floor_control", "round_floor_control"])
    HandRaise.objects.filter(room=room).delete()
    from forums import services

    body = summary_markdown(room, session)
    when = f", {timezone.localdate():%-d %B %Y}"
    title = f"Summary: {room.title}"
    if len(title) + len(when) > services.MAX_TITLE_LENGTH:  # a long room title must not stop the session ending
        title = title[: services.MAX_TITLE_LENGTH - len(when) - 1].rstrip() + "…"
    thread = services.start_thread(room.community, user, title + when, body, ["room summary"])
    session.thread = thread
    session.save(update_fields=["thread"])
    return session


def summary_markdown(room, session):
    lines = ["**Key points**", "", session.key_points, ""]
    if session.actions:
        lines += ["**Actions**", "", session.actions, ""]
    lines += ["**Who spoke** (words by level)", ""]
    for row in session.participation.get("by_level", []):
        label = row["level"].replace("_", " ") or "not stated"
        lines.append(f"- {label}: {row['messages']} messages, {row['words']} words")
    transcript = f"/rooms/{room.slug}/transcript/{session.pk}/"
    lines += ["", f"[Read the transcript]({transcript})"]
    return "\n".join(lines)
