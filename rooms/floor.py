"""Facilitation: the room's state, raised hands, who has the floor, and rounds in which each member speaks in turn.

Each change announces itself to the room once it commits (rooms/broadcast.py), whoever made it.
"""

from cop_site.errors import DomainError
from forums.ratelimit import RateLimited, hit
from rooms import access, broadcast
from rooms.messages import WINDOW_SECONDS, member_payload
from rooms.models import HandRaise, Room, RoomPresence
from rooms.presence import leave as forget_connection
from rooms.presence import present_members

SIGNALS_PER_WINDOW = 10  # hands raised or lowered, older history asked for: each redraws or reads for the room


def set_state(room, user, state):
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators open and close the room.")
    if state not in Room.State.values:
        raise DomainError("invalid", "The state is open or closed.")
    room.state = state
    room.save(update_fields=["state"])
    broadcast.announce(room.pk, {"type": "room", "state": room.state})
    return room


def limit_signals(user, kind):
    """At most SIGNALS_PER_WINDOW hands or history requests a member may send in WINDOW_SECONDS."""
    try:
        hit(f"room-{kind}:{user.pk}", SIGNALS_PER_WINDOW, WINDOW_SECONDS)
    except RateLimited as exc:
        raise DomainError("rate_limited", f"Slow down a little: try again in {exc.retry_after} seconds.") from exc


def set_hand(room, user, raised):
    limit_signals(user, "hand")
    if raised:
        HandRaise.objects.get_or_create(room=room, user=user)
    else:
        HandRaise.objects.filter(room=room, user=user).delete()
    queue = hand_queue(room)
    broadcast.announce(room.pk, {"type": "hands", "queue": queue})
    return queue


def leave(channel_name, room, user):
    """A connection leaves (rooms/presence.py `leave`); the new queue when their raised hand went with them."""
    lowered = forget_connection(channel_name, room, user)
    return hand_queue(room) if lowered else None


def hand_queue(room):
    return [member_payload(hand.user) for hand in HandRaise.objects.filter(room=room).select_related("user__profile")]


def give_floor(room, user, target_id):
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators hand the floor.")
    target = None
    if target_id is not None:
        presence = RoomPresence.objects.filter(room=room, user_id=target_id).select_related("user").first()
        if presence is None:
            raise DomainError("invalid", "That person is not in the room.")
        target = presence.user
        HandRaise.objects.filter(room=room, user=target).delete()
    room.floor_user = target
    room.save(update_fields=["floor_user"])
    announce_floor(room, with_state=False)
    return target


def announce_floor(room, with_state=True):
    """Tell the room who has the floor, who is waiting, and (after a round's step) whether the floor is controlled."""
    floor = member_payload(room.floor_user) if room.floor_user_id else None
    frames = [{"type": "floor", "user": floor}, {"type": "hands", "queue": hand_queue(room)}]
    if with_state:
        frames.append({"type": "room", "state": room.state, "floor_control": room.floor_control})
    broadcast.announce(room.pk, *frames)


def start_round(room, user):
    """Give each present member the floor in turn, in the order they arrived."""
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators start a round.")
    order = list(present_members(room).values_list("user_id", flat=True))
    if not room.floor_control:  # the room speaks freely again when the round ends
        room.floor_control = room.round_floor_control = True
    room.round_queue = order
    room.save(update_fields=["floor_control", "round_floor_control", "round_queue"])
    return next_turn(room, user)


def stop_round(room, user):
    """End the round now: no one keeps the floor, and a room that spoke freely before does again."""
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators end a round.")
    room.floor_user = None
    room.round_queue = []
    _end_round(room)
    room.save(update_fields=["floor_user", "round_queue", "floor_control", "round_floor_control"])
    announce_floor(room)
    return None


def _end_round(room):
    if room.round_floor_control:
        room.floor_control = room.round_floor_control = False


def next_turn(room, user):
    if not access.is_facilitator(room, user):
        raise DomainError("forbidden", "Only facilitators move the round on.")
    queue = list(room.round_queue)
    present = set(present_members(room).values_list("user_id", flat=True))
    while queue and queue[0] not in present:
        queue.pop(0)
    room.floor_user_id = queue.pop(0) if queue else None
    room.round_queue = queue
    if room.floor_user_id is None:  # everyone has spoken: the round is over
        _end_round(room)
    room.save(update_fields=["floor_user", "round_queue", "floor_control", "round_floor_control"])
    announce_floor(room)
    return room.floor_user
