"""Room rules as stories: who may speak, when, and what everyone sees."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from accounts.sessions import SessionStore
from cop_site.errors import DomainError
from forums.models import ModerationAction
from rooms import access as room_access
from rooms import crowd
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms import sessions as room_sessions
from rooms.models import Room, RoomMessage
from tests.factories import CommunityFactory, RoomFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return RoomFactory()


@pytest.fixture
def fiona(room):
    user = UserFactory(username="fiona")
    member_of(room.community, user, role="facilitator")
    return user


@pytest.fixture
def fraser(room):
    user = UserFactory(username="fraser")
    member_of(room.community, user)
    return user


def test_who_may_enter(room, fraser):
    assert room_access.refusal(room, AnonymousUser()) == 4401
    assert room_access.refusal(room, fraser) is None
    room.community.visibility = "private"
    room.community.save()
    outsider = UserFactory(username="outsider")
    assert room_access.refusal(room, outsider) == 4403
    assert room_access.refusal(room, fraser) is None


def test_a_repeated_client_id_returns_the_original(room, fraser):
    first, created = room_messages.send_message(room, fraser, "Hello **all**", "c-1")
    again, created_again = room_messages.send_message(room, fraser, "Hello all (resent)", "c-1")
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert RoomMessage.objects.count() == 1
    assert room_messages.message_payload(first)["body_html"] == "<p>Hello <strong>all</strong></p>\n"


@pytest.mark.parametrize(("body", "code"), [("", "empty"), ("   ", "empty"), ("x" * 4001, "too_long"), (42, "invalid")])
def test_bad_messages_are_refused_and_nothing_is_saved(room, fraser, body, code):
    with pytest.raises(DomainError) as error:
        room_messages.send_message(room, fraser, body, "c-bad")
    assert error.value.code == code
    assert not RoomMessage.objects.exists()


def test_closed_rooms_and_the_floor(room, fiona, fraser):
    room_floor.set_state(room, fiona, "closed")
    with pytest.raises(DomainError) as error:
        room_messages.send_message(room, fraser, "Hello", "c-1")
    assert error.value.code == "room_closed"
    with pytest.raises(DomainError):
        room_floor.set_state(room, fraser, "open")
    room_floor.set_state(room, fiona, "open")
    room.floor_control = True
    room.save()
    with pytest.raises(DomainError) as error:
        room_messages.send_message(room, fraser, "May I?", "c-2")
    assert error.value.code == "not_your_turn"
    room_floor.set_hand(room, fraser, True)
    assert [hand["name"] for hand in room_floor.hand_queue(room)] == ["fraser"]
    room_presence.arrive(room, fraser, "channel-1")
    room_floor.give_floor(room, fiona, fraser.pk)
    assert room_floor.hand_queue(room) == []
    message, _ = room_messages.send_message(room, fraser, "Thank you", "c-3")
    assert message.body_source == "Thank you"
    room_messages.send_message(room, fiona, "Facilitators may always speak", "c-4")


def test_a_round_gives_each_present_member_the_floor_in_turn(room, fiona, fraser):
    priya = UserFactory(username="priya")
    member_of(room.community, priya)
    for n, user in enumerate([fraser, priya, fiona]):
        room_presence.arrive(room, user, f"channel-{n}")
    assert room_floor.start_round(room, fiona) == fraser
    assert room_floor.next_turn(room, fiona) == priya
    assert room_floor.next_turn(room, fiona) == fiona
    assert room.floor_control is True
    assert room_floor.next_turn(room, fiona) is None
    assert room.floor_control is False  # the room spoke freely before the round, and does again


def test_a_round_in_a_floor_control_room_leaves_floor_control_on(room, fiona, fraser):
    room.floor_control = True
    room.save()
    room_presence.arrive(room, fraser, "channel-1")
    assert room_floor.start_round(room, fiona) == fraser
    room_floor.stop_round(room, fiona)
    room.refresh_from_db()
    assert room.floor_control is True
    assert room.floor_user is None
    with pytest.raises(DomainError) as refused:
        room_messages.send_message(room, fraser, "May I?", "c-1")
    assert refused.value.code == "not_your_turn"
    assert "No one has the floor yet" in refused.value.message


def test_messages_are_rate_limited(room, fraser, monkeypatch):
    from types import SimpleNamespace

    from forums import ratelimit

    # Mid-window, so the five sends cannot straddle a window boundary.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_000_002.0))
    for n in range(5):
        room_messages.send_message(room, fraser, f"message {n}", f"c-{n}")
    with pytest.raises(DomainError) as error:
        room_messages.send_message(room, fraser, "one more", "c-6")
    assert error.value.code == "rate_limited"


def test_anonymous_contributions_hide_the_name_and_each_look_is_logged(room, fiona, fraser):
    with pytest.raises(DomainError):
        room_messages.send_message(room, fraser, "Quietly", "c-1", anonymous=True)
    room.allow_anonymous = True
    room.save()
    message, _ = room_messages.send_message(room, fraser, "Quietly", "c-1", anonymous=True)
    assert room_messages.message_payload(message)["author"] is None
    with pytest.raises(DomainError):
        room_messages.reveal_author(room, fiona, message.pk, "why")  # facilitators run rooms; only moderators unmask
    moderator = UserFactory(username="morag")
    member_of(room.community, moderator, role="moderator")
    named, _ = room_messages.send_message(room, fraser, "With my name", "c-2")
    for message_id, reason in ((message.pk, ""), (message.pk, "x" * 501), (named.pk, "why"), (10**9, "why")):
        with pytest.raises(DomainError):  # no reason, too long a reason, not anonymous, no such message
            room_messages.reveal_author(room, moderator, message_id, reason)
    assert not ModerationAction.objects.filter(action="identity_lookup").exists()
    assert room_messages.reveal_author(room, moderator, message.pk, "Reported as abusive") == fraser
    look = ModerationAction.objects.get(action="identity_lookup", actor=moderator)
    assert "Reported as abusive" in look.reason


def test_history_after_an_id_is_exact_and_ordered(room, fraser):
    ids = [room_messages.send_message(room, fraser, f"m{n}", f"c-{n}")[0].pk for n in range(4)]
    missed, more = room_messages.history(room, after=ids[1])
    assert [m.pk for m in missed] == ids[2:]
    assert more is False
    latest, more = room_messages.history(room, limit=2)
    assert [m.pk for m in latest] == ids[2:]
    assert more is True


def test_ending_a_session_posts_a_summary_thread_with_participation(room, fiona, fraser):
    room_messages.send_message(room, fraser, "From the frontline: the forms take too long", "c-1")
    room_messages.send_message(room, fiona, "Noted", "c-2")
    session = room_sessions.end_session(room, fiona, "Forms take too long", "Fiona to share a shorter form")
    room.refresh_from_db()
    assert room.state == "closed"
    assert session.thread.community == room.community
    body = session.thread.posts.get().body_html
    assert "Forms take too long" in body
    assert "transcript" in body
    people = {p["name"]: p["words"] for p in session.participation["by_person"]}
    assert people == {"fraser": 8, "fiona": 1}


def test_anonymous_messages_count_as_anonymous_not_under_their_authors_level(room, fiona, fraser):
    room.allow_anonymous = True
    room.save()
    fraser.profile.level = "frontline"
    fraser.profile.save()
    room_messages.send_message(room, fraser, "Only I work on the frontline here", "c-1", anonymous=True)
    session = room_sessions.end_session(room, fiona, "Heard everyone")
    levels = {row["level"]: row["messages"] for row in session.participation["by_level"] if row["messages"]}
    assert levels == {"anonymous": 1}
    summary = session.thread.posts.get().body_source
    assert "- Frontline: 0 messages" in summary
    assert "- Anonymous: 1 messages" in summary


def test_a_session_after_an_empty_one_counts_only_its_own_messages(room, fiona, fraser):
    room_messages.send_message(room, fraser, "First session", "c-1")
    room_sessions.end_session(room, fiona, "One")
    room_sessions.end_session(room, fiona, "Nobody spoke")
    room_floor.set_state(room, fiona, "open")
    room_messages.send_message(room, fraser, "Third session here", "c-2")
    third = room_sessions.end_session(room, fiona, "Three")
    assert {p["name"]: p["messages"] for p in third.participation["by_person"]} == {"fraser": 1}


def test_a_long_room_title_still_ends_the_session(room, fiona):
    room.title = "L" * 195
    room.save()
    session = room_sessions.end_session(room, fiona, "Key points")
    assert session.thread.title.startswith("Summary: LLL")
    assert len(session.thread.title) <= 200


def test_namesakes_and_a_member_called_anonymous_each_keep_their_own_row(room, fiona):
    room.allow_anonymous = True
    room.save()
    twins = [UserFactory(username=f"alex{n}") for n in (1, 2)]
    for twin in twins:
        member_of(room.community, twin)
        twin.profile.display_name = "Alex Smith"
        twin.profile.save()
    room_messages.send_message(room, twins[0], "One two three", "c-1")
    room_messages.send_message(room, twins[1], "One", "c-2")
    room_messages.send_message(room, fiona, "Said without a name", "c-3", anonymous=True)
    rows = sorted((p["name"], p["words"]) for p in room_sessions.participation(room)["by_person"])
    assert rows == [("Alex Smith", 1), ("Alex Smith", 3), ("Anonymous", 4)]


def test_no_anonymous_messages_while_the_floor_is_given(room, fiona, fraser):
    room.allow_anonymous = room.floor_control = True
    room.save()
    room_floor.give_floor(room, fiona, None)
    room_presence.arrive(room, fraser, "channel-1")
    room_floor.give_floor(room, fiona, fraser.pk)
    with pytest.raises(DomainError) as refused:
        room_messages.send_message(room, fraser, "It was me", "c-1", anonymous=True)
    assert refused.value.code == "forbidden"
    assert "carry a name" in refused.value.message
    assert not RoomMessage.objects.exists()
    message, _ = room_messages.send_message(room, fraser, "It was me", "c-2")
    assert room_messages.message_payload(message)["author"]["name"]


def test_hands_are_rate_limited_so_no_one_can_make_the_room_redraw_endlessly(room, fraser):
    for n in range(room_floor.SIGNALS_PER_WINDOW):
        room_floor.set_hand(room, fraser, n % 2 == 0)
    with pytest.raises(DomainError) as refused:
        room_floor.set_hand(room, fraser, True)
    assert refused.value.code == "rate_limited"


def test_messages_sent_together_are_each_checked_as_if_alone_and_stored_in_order(
    room, fiona, fraser, django_capture_on_commit_callbacks, monkeypatch
):
    """What a process's connections send at about the same time is one batch (rooms/consumers.py):
    each message gets the answer it would have had alone, ids follow the batch's order within each
    room, and each room hears its new messages once, in one announcement, after they commit."""
    other = RoomFactory(community=room.community)
    stranger = UserFactory(username="stranger")
    private = RoomFactory(community=CommunityFactory(visibility="private"))
    earlier, _ = room_messages.send_message(room, fraser, "Said before", "f-0")
    heard = []
    monkeypatch.setattr(room_messages.broadcast, "_send", lambda group, events: heard.append((group, events)))
    with django_capture_on_commit_callbacks(execute=True):
        results = room_messages.send_messages(
            [
                (room, fraser, "First", "f-1", False),
                (room, stranger, "Not a member of the private room", "s-1", False),
                (private, stranger, "Here", "s-2", False),
                (other, fiona, "In the other room", "fi-1", False),
                (room, fiona, "Second", "fi-2", False),
                (room, fraser, "Said before (resent)", "f-0", False),
                (room, fraser, "First (sent twice)", "f-1", False),
                (room, fraser, "   ", "f-2", False),
            ]
        )
    first, stranger_in_open, refused, in_other, second, resent, twice, empty = results
    assert stranger_in_open[1] is True, "an open community's room takes a non-member"
    assert refused.code == "forbidden"
    assert refused.close_code == 4403
    assert empty.code == "empty"
    assert [first[1], second[1], in_other[1]] == [True, True, True]
    assert first[0].pk < stranger_in_open[0].pk < second[0].pk
    assert (resent[0].pk, resent[1]) == (earlier.pk, False)
    assert (twice[0].pk, twice[1]) == (first[0].pk, False)
    assert [m.body_source for m in RoomMessage.objects.filter(room=room).order_by("pk")] == [
        "Said before",
        "First",
        "Not a member of the private room",
        "Second",
    ]
    by_group = {group: events for group, events in heard}
    assert len(heard) == 2, "one announcement per room"
    [event] = by_group[f"room-{room.pk}"]
    assert [(m["id"], m["previous"]) for m in event["messages"]] == [
        (first[0].pk, earlier.pk),
        (stranger_in_open[0].pk, first[0].pk),
        (second[0].pk, stranger_in_open[0].pk),
    ]
    [alone] = by_group[f"room-{other.pk}"]
    assert (alone["type"], alone["id"], alone["previous"]) == ("room.message", in_other[0].pk, 0)


def test_a_resend_gets_its_original_back_even_once_the_room_has_closed(room, fraser):
    """A client that never heard its acknowledgement sends the message again: it is told what was
    stored, not refused, even though the room closed meanwhile; a new message is refused."""
    original, _ = room_messages.send_message(room, fraser, "Before closing", "f-1")
    Room.objects.filter(pk=room.pk).update(state=Room.State.CLOSED)
    again, created = room_messages.send_message(room, fraser, "Before closing", "f-1")
    assert (again.pk, created) == (original.pk, False)
    with pytest.raises(DomainError) as refused:
        room_messages.send_message(room, fraser, "After closing", "f-2")
    assert refused.value.code == "room_closed"
    assert RoomMessage.objects.count() == 1


def test_a_client_id_stored_meanwhile_by_another_process_gets_that_message_not_a_second(room, fraser):
    """The insert itself finds a client_id the room already holds (another server process stored it a
    moment ago): nothing is stored twice and the sender gets the stored message, not created."""
    meanwhile = RoomMessage.objects.create(room=room, author=fraser, client_id="f-1", body_source="Hi", body_html="Hi")
    message, created = room_messages.send_message(room, fraser, "Hi", "f-1")
    assert (message.pk, created) == (meanwhile.pk, False)
    assert RoomMessage.objects.filter(room=room).count() == 1
    following, created = room_messages.send_message(room, fraser, "Next", "f-2")
    assert created
    assert following.previous_id == meanwhile.pk


def test_a_lone_message_is_checked_and_stored_in_a_fixed_few_statements(
    room, fraser, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """What a lone chat message costs the database, pinned so that it cannot creep back: the sender's
    session and account with its profile (read afresh: a sign-out refuses the next message), the room as
    it is now, the sender's suspensions, then one INSERT that also gives the id of the message before it
    (under the room's lock on PostgreSQL; SQLite's transaction is the lock). The two statements around
    it are the test's own transaction's savepoint."""
    client.force_login(fraser)
    scope = {"session": SessionStore(client.session.session_key)}
    earlier, _ = room_messages.send_message(room, fraser, "First", "f-0")
    lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(7 + lock) as captured, django_capture_on_commit_callbacks(execute=True):
        [(payload, created, announced)] = crowd.send_crowd([(room, scope, "Second", "f-1", False)])
    assert created
    assert [(event["id"], event["previous"]) for event in announced] == [(payload["id"], earlier.pk)]
    inserts = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert "MAX(" in inserts[0], "the previous id comes back with the insert"
