"""Live rooms over `/ws/rooms/<slug>/`: what members send and see, through the real ASGI application.

Every test runs on the in-memory channel layer and on Redis (`use_channel_layer`). The consumer reads
the database from its own thread, so the data these stories build is committed.
"""

import asyncio
import json
import logging
from datetime import timedelta
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cop_site.asgi import application
from forums import ratelimit
from forums.models import Membership, ModerationAction, Notification, Suspension
from rooms import floor as room_floor
from rooms import messages as room_messages
from rooms import presence as room_presence
from rooms.consumers import RoomConsumer
from rooms.models import Room, RoomMessage, RoomPresence
from tests.factories import MemberFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1:8000")
WAIT = 5
ARRIVAL = ("welcome", "history", "presence", "hands", "floor")


# --- people and places ------------------------------------------------------------------------------
@pytest.fixture
def priya(room):
    user = MemberFactory(username="priya", profile__level="strategic")
    member_of(room.community, user)
    return user


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode())


async def connect(slug, as_user=None, after=None, origin=ORIGIN):
    headers = [origin] if origin else []
    if as_user is not None:
        headers.append(await database_sync_to_async(session_cookie)(as_user))
    path = f"/ws/rooms/{slug}/" + ("" if after is None else f"?after={after}")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=WAIT)
    return communicator, connected


async def join(room, user, after=None):
    """A member in the room, past the frames every arrival starts with; returns (communicator, those frames)."""
    communicator, connected = await connect(room.slug, user, after)
    assert connected
    frames = {}
    while "floor" not in frames:
        frame = await communicator.receive_json_from(timeout=WAIT)
        if frame["type"] == "history" and "history" in frames:  # a long replay comes in several frames
            frames["history"]["messages"] += frame["messages"]
            frames["history"]["has_more"] = frame["has_more"]
        else:
            frames[frame["type"]] = frame
    return communicator, frames


async def closed_with(communicator):
    output = await communicator.receive_output(timeout=WAIT)
    assert output["type"] == "websocket.close", output
    return output.get("code")


async def say(communicator, body, client_id, **extra):
    await communicator.send_json_to({"type": "message", "body": body, "client_id": client_id, **extra})


async def next_of(communicator, kind):
    """The next frame of a type, skipping others (presence changes, typing)."""
    while True:
        frame = await communicator.receive_json_from(timeout=WAIT)
        if frame["type"] == kind:
            return frame


async def drain(communicator):
    frames = []
    while not await communicator.receive_nothing(timeout=0.2):
        frames.append(await communicator.receive_json_from())
    return frames


def do(function, *args, **kwargs):
    return database_sync_to_async(function)(*args, **kwargs)


# --- joining ----------------------------------------------------------------------------------------
async def test_joining_shows_the_room_its_history_and_who_is_here(use_channel_layer, room, fiona, fraser):
    await do(room_messages.send_message, room, fiona, "Welcome, everyone", "f-1")
    facilitator, _ = await join(room, fiona)
    member, frames = await join(room, fraser)
    assert list(frames) == list(ARRIVAL)
    assert frames["welcome"]["room"] == {
        "slug": "frontline-voices",
        "title": "Frontline voices",
        "purpose": room.purpose,
        "ground_rules": ["Listen to understand.", "What is said here stays here."],
        "state": "open",
        "allow_anonymous": False,
        "floor_control": False,
    }
    assert frames["welcome"]["you"] == {
        "id": fraser.pk,
        "name": "fraser",
        "level": "frontline",
        "facilitator": False,
        "moderator": False,
    }
    assert [m["body_html"] for m in frames["history"]["messages"]] == ["<p>Welcome, everyone</p>\n"]
    assert frames["history"]["has_more"] is False
    assert frames["presence"]["members"] == [
        {"id": fiona.pk, "name": "fiona", "level": "manager"},
        {"id": fraser.pk, "name": "fraser", "level": "frontline"},
    ]
    assert frames["hands"] == {"type": "hands", "queue": []}
    assert frames["floor"] == {"type": "floor", "user": None}
    arrived = await next_of(facilitator, "presence")
    assert [m["name"] for m in arrived["members"]] == ["fiona", "fraser"]
    assert await member.receive_nothing(), "the newcomer's own arrival is not echoed back"
    await member.disconnect()
    left = await next_of(facilitator, "presence")
    assert [m["name"] for m in left["members"]] == ["fiona"]
    await facilitator.disconnect()


async def test_the_facilitator_is_told_so(use_channel_layer, room, fiona):
    communicator, frames = await join(room, fiona)
    assert frames["welcome"]["you"]["facilitator"] is True
    await communicator.disconnect()


async def test_history_on_joining_is_the_last_fifty_and_older_pages_come_on_request(use_channel_layer, room, fraser):
    def write_many():
        RoomMessage.objects.bulk_create(
            RoomMessage(room=room, author=fraser, body_source=f"m{n}", body_html=f"<p>m{n}</p>", client_id=f"c{n}")
            for n in range(120)
        )
        return list(RoomMessage.objects.filter(room=room).order_by("pk").values_list("pk", flat=True))

    ids = await do(write_many)
    communicator, frames = await join(room, fraser)
    assert [m["id"] for m in frames["history"]["messages"]] == ids[-50:]
    assert frames["history"]["has_more"] is True
    await communicator.send_json_to({"type": "history", "before": ids[-50]})
    older = await communicator.receive_json_from(timeout=WAIT)
    assert older["type"] == "history"
    assert [m["id"] for m in older["messages"]] == ids[-100:-50]
    assert older["has_more"] is True
    await communicator.send_json_to({"type": "history", "before": ids[-100]})
    oldest = await communicator.receive_json_from(timeout=WAIT)
    assert [m["id"] for m in oldest["messages"]] == ids[:20]
    assert oldest["has_more"] is False
    await communicator.disconnect()


# --- messages ---------------------------------------------------------------------------------------
async def test_two_members_see_each_others_messages_with_increasing_ids(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    await say(member, "The forms take **too long**", "fr-1")
    mine = await member.receive_json_from(timeout=WAIT)
    theirs = await facilitator.receive_json_from(timeout=WAIT)
    assert mine == theirs
    message = mine["message"]
    assert set(message) == {"id", "author", "body_html", "created", "client_id"}
    assert message["author"] == {"id": fraser.pk, "name": "fraser", "level": "frontline"}
    assert message["body_html"] == "<p>The forms take <strong>too long</strong></p>\n"
    assert message["client_id"] == "fr-1"
    await say(facilitator, "Say more?", "fi-1")
    reply = await member.receive_json_from(timeout=WAIT)
    assert reply["message"]["author"]["name"] == "fiona"
    assert (await facilitator.receive_json_from(timeout=WAIT))["message"]["id"] == reply["message"]["id"]
    assert reply["message"]["id"] > message["id"]
    stored = await do(lambda: list(RoomMessage.objects.order_by("pk").values_list("pk", "client_id")))
    assert stored == [(message["id"], "fr-1"), (reply["message"]["id"], "fi-1")]
    assert await member.receive_nothing()
    assert await facilitator.receive_nothing()
    await member.disconnect()
    await facilitator.disconnect()


async def test_a_message_is_stored_before_anyone_hears_of_it(use_channel_layer, room, fiona, fraser):
    listener, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(listener, "presence")
    await say(member, "Stored first", "fr-1")
    frame = await listener.receive_json_from(timeout=WAIT)
    assert await do(lambda: RoomMessage.objects.filter(pk=frame["message"]["id"], body_source="Stored first").exists())
    await member.disconnect()
    await listener.disconnect()


async def test_reconnecting_with_after_gets_exactly_what_was_missed_in_order(use_channel_layer, room, fiona, fraser):
    member, _ = await join(room, fraser)
    facilitator, _ = await join(room, fiona)
    await say(facilitator, "Before the break", "fi-1")
    last_seen = (await next_of(member, "message"))["message"]["id"]
    await next_of(facilitator, "message")
    await member.disconnect()
    missed = []
    for n in range(3):
        await say(facilitator, f"While you were away {n}", f"fi-away-{n}")
        missed.append((await next_of(facilitator, "message"))["message"]["id"])
    member, frames = await join(room, fraser, after=last_seen)
    assert [m["id"] for m in frames["history"]["messages"]] == missed
    assert [m["client_id"] for m in frames["history"]["messages"]] == ["fi-away-0", "fi-away-1", "fi-away-2"]
    assert frames["history"]["has_more"] is False
    await say(facilitator, "Welcome back", "fi-2")
    assert (await next_of(member, "message"))["message"]["client_id"] == "fi-2"
    assert await member.receive_nothing()
    await member.disconnect()
    await facilitator.disconnect()


async def test_an_absence_of_up_to_500_messages_is_replayed_whole_and_a_longer_one_is_told_to_reload(
    use_channel_layer, room, fraser
):
    def write(count):
        RoomMessage.objects.bulk_create(
            RoomMessage(room=room, author=fraser, body_source=f"m{n}", body_html=f"<p>m{n}</p>", client_id=f"c{n}")
            for n in range(count)
        )
        return list(RoomMessage.objects.filter(room=room).order_by("pk").values_list("pk", flat=True))

    ids = await do(write, 501)
    communicator, frames = await join(room, fraser, after=ids[0])
    assert [m["id"] for m in frames["history"]["messages"]] == ids[1:]
    assert frames["history"]["has_more"] is False
    await communicator.disconnect()

    far_behind, connected = await connect(room.slug, fraser, after=ids[0] - 1)  # 501 missed: one too many
    assert connected
    reload = await far_behind.receive_json_from(timeout=WAIT)
    assert reload["type"] == "reload"
    assert "500" in reload["detail"]
    assert (await far_behind.receive_output(timeout=WAIT)) == {"type": "websocket.close", "code": 1000}
    assert not await do(RoomPresence.objects.filter(room=room).exists), "it never counted as present"
    fresh, frames = await join(room, fraser)  # what the client does next: join afresh
    assert [m["id"] for m in frames["history"]["messages"]] == ids[-50:]
    assert frames["history"]["has_more"] is True
    await fresh.disconnect()


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", "99999999999999999999999"])
async def test_a_bad_after_is_an_error_and_the_latest_messages_instead(use_channel_layer, room, fraser, after):
    await do(room_messages.send_message, room, fraser, "Latest", "fr-1")
    communicator, connected = await connect(room.slug, fraser, after=after)
    assert connected
    frames = [await communicator.receive_json_from(timeout=WAIT) for _ in range(6)]
    assert [f["type"] for f in frames] == ["welcome", "error", "history", "presence", "hands", "floor"]
    assert frames[1]["code"] == "invalid"
    assert [m["client_id"] for m in frames[2]["messages"]] == ["fr-1"]
    await communicator.disconnect()


async def test_a_repeated_client_id_makes_one_message_and_returns_the_original(use_channel_layer, room, fiona, fraser):
    listener, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(listener, "presence")
    await say(member, "Only once", "fr-1")
    original = await member.receive_json_from(timeout=WAIT)
    assert (await listener.receive_json_from(timeout=WAIT)) == original
    await say(member, "Only once (resent after a reconnect)", "fr-1")
    again = await member.receive_json_from(timeout=WAIT)
    assert again == original
    assert await listener.receive_nothing(), "a resend is not news to anyone else"
    assert await do(RoomMessage.objects.count) == 1
    await member.disconnect()
    resent, frames = await join(room, fraser, after=original["message"]["id"])
    assert frames["history"]["messages"] == []
    await say(resent, "Only once", "fr-1")
    assert await resent.receive_json_from(timeout=WAIT) == original
    assert await do(RoomMessage.objects.count) == 1
    await resent.disconnect()
    await listener.disconnect()


async def test_anonymous_contributions_carry_no_name(use_channel_layer, room, fiona, fraser):
    room.allow_anonymous = True
    await do(room.save)
    listener, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(listener, "presence")
    await say(member, "Quietly: the rota is the problem", "fr-1", anonymous=True)
    frame = await listener.receive_json_from(timeout=WAIT)
    assert frame["message"]["author"] is None
    assert "fraser" not in json.dumps(frame)
    assert (await member.receive_json_from(timeout=WAIT)) == frame
    await member.disconnect()
    await listener.disconnect()


async def test_a_moderator_reveals_an_anonymous_author_for_a_reason_and_no_one_else_hears_or_can(
    use_channel_layer, room, fiona, fraser
):
    """`reveal` {message_id, reason}: `revealed` to that moderator alone, logged, the author told;
    the facilitator (not a moderator) and members get `forbidden`, and nothing is logged for them."""
    room.allow_anonymous = True
    await do(room.save)
    morag = await do(lambda: _member(room, "morag", role="moderator"))
    moderator, _ = await join(room, morag)
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await say(member, "Quietly: the rota is the problem", "fr-1", anonymous=True)
    message = (await next_of(moderator, "message"))["message"]
    for communicator in (facilitator, member):
        await next_of(communicator, "message")
        await drain(communicator)

    for refused in (facilitator, member):
        await refused.send_json_to({"type": "reveal", "message_id": message["id"], "reason": "curious"})
        assert (await next_of(refused, "error"))["code"] == "forbidden"
    await moderator.send_json_to({"type": "reveal", "message_id": message["id"], "reason": "  "})
    assert (await next_of(moderator, "error"))["code"] == "invalid"  # a reason is required
    assert await do(ModerationAction.objects.filter(action="identity_lookup").count) == 0

    reason = "Reported as a threat to a named colleague"
    await moderator.send_json_to({"type": "reveal", "message_id": message["id"], "reason": reason})
    revealed = await next_of(moderator, "revealed")
    assert revealed == {
        "type": "revealed",
        "message_id": message["id"],
        "author": {"id": fraser.pk, "name": revealed["author"]["name"], "level": "frontline"},
    }
    for communicator in (facilitator, member):  # told to the moderator alone
        for frame in await drain(communicator):
            assert frame["type"] != "revealed"
            assert frame.get("message", {}).get("author") is None  # no copy of the message with its author
    look = await do(lambda: ModerationAction.objects.get(action="identity_lookup"))
    assert (look.actor_id, look.target_id) == (morag.pk, message["id"])
    assert reason in look.reason
    told = await do(lambda: list(Notification.objects.filter(recipient=fraser, kind="moderation")))
    assert len(told) == 1
    assert "moderator looked" in told[0].text
    assert "morag" not in told[0].text
    for communicator in (moderator, facilitator, member):
        await communicator.disconnect()


# --- errors -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "message", "body": "", "client_id": "c-1"}, "empty"),
        ({"type": "message", "body": "   \n ", "client_id": "c-1"}, "empty"),
        ({"type": "message", "body": "x" * 4001, "client_id": "c-1"}, "too_long"),
        ({"type": "message", "body": "No id"}, "invalid"),
        ({"type": "message", "body": "x", "client_id": "c" * 65}, "invalid"),
        ({"type": "message", "body": ["not", "text"], "client_id": "c-1"}, "invalid"),
        ({"type": "message", "body": "nul \u0000", "client_id": "c-1"}, "invalid"),
        ({"type": "message", "body": "lone \ud800", "client_id": "c-1"}, "invalid"),
        ({"type": "message", "body": "Quietly", "client_id": "c-1", "anonymous": True}, "forbidden"),
        ({"type": "message", "body": "Quietly", "client_id": "c-1", "anonymous": "yes"}, "invalid"),
        ({"type": "moderate", "action": "remove", "message_id": 1}, "forbidden"),
        ({"type": "reveal", "message_id": 1, "reason": "why"}, "forbidden"),
        ({"type": "reveal", "message_id": "one", "reason": "why"}, "invalid"),
        ({"type": "room", "state": "closed"}, "forbidden"),
        ({"type": "floor", "user_id": None}, "forbidden"),
        ({"type": "round", "action": "start"}, "forbidden"),
        ({"type": "round", "action": "sideways"}, "invalid"),
        ({"type": "hand", "raised": "yes"}, "invalid"),
        ({"type": "history", "before": "yesterday"}, "invalid"),
        ({"type": "history", "before": 2**70}, "invalid"),
        ({"type": "floor"}, "invalid"),
        ({"type": "shout"}, "invalid"),
        ({"type": ["message"]}, "invalid"),
        ({"no": "type"}, "invalid"),
    ],
)
async def test_bad_frames_get_the_protocols_error_and_change_nothing(use_channel_layer, room, fraser, frame, code):
    member, _ = await join(room, fraser)
    await member.send_json_to(frame)
    error = await member.receive_json_from(timeout=WAIT)
    assert error["type"] == "error"
    assert error["code"] == code
    assert error["detail"]
    if frame.get("type") == "message" and isinstance(frame.get("client_id"), str) and len(frame["client_id"]) <= 64:
        assert error["client_id"] == frame["client_id"]
    assert await do(RoomMessage.objects.count) == 0
    await member.send_json_to({"type": "ping"})
    assert await member.receive_json_from(timeout=WAIT) == {"type": "pong"}
    await member.disconnect()


async def test_more_than_five_messages_in_five_seconds_is_rate_limited(use_channel_layer, room, fraser, monkeypatch):
    # The limit counts in fixed five-second windows: hold the clock mid-window so the six sends share one.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_000_002.0))
    member, _ = await join(room, fraser)
    for n in range(5):
        await say(member, f"point {n}", f"c-{n}")
        assert (await member.receive_json_from(timeout=WAIT))["type"] == "message"
    await say(member, "one more", "c-5")
    error = await member.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"], error["client_id"]) == ("error", "rate_limited", "c-5")
    assert await do(RoomMessage.objects.count) == 5
    await member.disconnect()


async def test_a_closed_room_refuses_messages_until_the_facilitator_opens_it(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    await facilitator.send_json_to({"type": "room", "state": "closed"})
    assert await facilitator.receive_json_from(timeout=WAIT) == {"type": "room", "state": "closed"}
    assert await member.receive_json_from(timeout=WAIT) == {"type": "room", "state": "closed"}
    await say(member, "Hello?", "fr-1")
    assert (await member.receive_json_from(timeout=WAIT))["code"] == "room_closed"
    await facilitator.send_json_to({"type": "room", "state": "open"})
    assert await member.receive_json_from(timeout=WAIT) == {"type": "room", "state": "open"}
    await say(member, "Hello!", "fr-1")
    assert (await member.receive_json_from(timeout=WAIT))["message"]["client_id"] == "fr-1"
    await member.disconnect()
    await facilitator.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        "x" * (65 * 1024),
        json.dumps({"type": "message", "body": "x" * (65 * 1024), "client_id": "big"}),
        '{"type": "ping", "pad": "' + "é" * (33 * 1024) + '"}',  # under 64 K characters, over 64 KB
        "not json",
        "{",
        "[1, 2]",
        "null",
        "7",
        "[" * 50000,
    ],
)
async def test_oversized_or_malformed_frames_are_invalid_and_the_socket_stays_usable(
    use_channel_layer, room, fraser, frame
):
    member, _ = await join(room, fraser)
    await member.send_to(text_data=frame)
    error = await member.receive_json_from(timeout=WAIT)
    assert (error["type"], error["code"]) == ("error", "invalid")
    await say(member, "Still here", "fr-1")
    assert (await member.receive_json_from(timeout=WAIT))["message"]["client_id"] == "fr-1"
    await member.disconnect()


async def test_binary_frames_are_invalid(use_channel_layer, room, fraser):
    member, _ = await join(room, fraser)
    await member.send_to(bytes_data=b'{"type": "ping"}')
    assert (await member.receive_json_from(timeout=WAIT))["code"] == "invalid"
    await member.send_json_to({"type": "ping"})
    assert await member.receive_json_from(timeout=WAIT) == {"type": "pong"}
    await member.disconnect()


async def test_an_unexpected_failure_is_logged_and_answered_with_invalid(
    use_channel_layer, room, fraser, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(room_floor, "set_hand", broken)
    member, _ = await join(room, fraser)
    with caplog.at_level(logging.ERROR, logger="rooms.consumers"):
        await member.send_json_to({"type": "hand", "raised": True})
        assert (await member.receive_json_from(timeout=WAIT))["code"] == "invalid"
    assert "a bug" in caplog.text
    await member.send_json_to({"type": "ping"})
    assert await member.receive_json_from(timeout=WAIT) == {"type": "pong"}
    await member.disconnect()


async def test_a_broadcast_the_layer_dropped_still_arrives_once_and_in_order(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.2)
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    delivered = RoomConsumer.room_message
    dropped = []

    async def lossy(consumer, event):  # a full channel: the layer throws the first message away
        if consumer.channel_name != event.get("skip") and not dropped:
            dropped.append(event["id"])
            return None
        return await delivered(consumer, event)

    monkeypatch.setattr(RoomConsumer, "room_message", lossy)
    await say(member, "The first point", "fr-1")
    await say(member, "The second point", "fr-2")
    received = {m["id"]: m["body_html"] for m in [(await next_of(facilitator, "message"))["message"] for _ in range(2)]}
    assert received[dropped[0]] == "<p>The first point</p>\n", "the dropped one came from the database"
    assert sorted(received.values()) == ["<p>The first point</p>\n", "<p>The second point</p>\n"]
    await asyncio.sleep(0.6)  # several ticks: nothing comes twice
    assert [f for f in await drain(facilitator) if f["type"] == "message"] == []
    await facilitator.disconnect()
    await member.disconnect()


async def test_a_database_that_fails_on_arrival_closes_with_try_again_and_nothing_stays_behind(
    use_channel_layer, room, fraser, monkeypatch, caplog
):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(room_presence, "arrive_many", locked)
        communicator, connected = await connect(room.slug, fraser)
        assert connected
        with caplog.at_level(logging.ERROR, logger="rooms.consumers"):
            assert await closed_with(communicator) == 1013, "the client backs off and comes back with ?after="
    assert "database is locked" in caplog.text
    assert not await do(RoomPresence.objects.filter(room=room).exists)
    member, frames = await join(room, fraser)  # the next try is served as usual
    assert [entry["name"] for entry in frames["presence"]["members"]] == ["fraser"]
    await member.disconnect()


# --- who may come in --------------------------------------------------------------------------------
async def test_visitors_are_refused_with_4401(use_channel_layer, room):
    communicator, connected = await connect(room.slug)
    assert connected, "accepted, so that the browser sees the close code"
    assert await closed_with(communicator) == 4401


async def test_an_unknown_room_is_4404(use_channel_layer, fraser):
    communicator, _ = await connect("no-such-room", fraser)
    assert await closed_with(communicator) == 4404


async def test_a_private_communitys_room_is_for_its_members(use_channel_layer, room, fraser):
    room.community.visibility = "private"
    await do(room.community.save)
    outsider = await do(UserFactory, username="outsider")
    communicator, _ = await connect(room.slug, outsider)
    assert await closed_with(communicator) == 4403
    member, frames = await join(room, fraser)
    assert frames["welcome"]["room"]["slug"] == room.slug
    await member.disconnect()


def suspend(user):
    return Suspension.objects.create(user=user, until=timezone.now() + timedelta(days=3), reason="Abuse")


async def test_suspended_members_are_refused_with_4403(use_channel_layer, room, fraser):
    await do(suspend, fraser)
    communicator, _ = await connect(room.slug, fraser)
    assert await closed_with(communicator) == 4403


async def test_a_member_suspended_while_here_may_not_post_and_is_shown_out(
    use_channel_layer, room, fraser, monkeypatch
):
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.2)
    monkeypatch.setattr(RoomConsumer, "recheck_seconds", 60)

    async def not_told(consumer, event):  # the suspension's own news is lost: the send itself must check
        return None

    monkeypatch.setattr(RoomConsumer, "room_recheck", not_told)
    member, _ = await join(room, fraser)
    await do(suspend, fraser)
    await say(member, "Still talking", "fr-1")
    error = await member.receive_json_from(timeout=WAIT)
    assert (error["code"], error["client_id"]) == ("forbidden", "fr-1")
    assert await closed_with(member) == 4403
    assert await do(RoomMessage.objects.count) == 0


async def test_a_member_removed_from_a_private_community_leaves_its_room_at_once(
    use_channel_layer, room, fiona, fraser
):
    """No waiting for the minute's recheck (left at its default here): the removal itself closes the room."""
    room.community.visibility = "private"
    await do(room.community.save)
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    await do(Membership.objects.filter(community=room.community, user=fraser).delete)
    assert await closed_with(member) == 4403
    presence = await next_of(facilitator, "presence")
    assert [m["name"] for m in presence["members"]] == ["fiona"]
    await facilitator.disconnect()


async def test_a_member_suspended_while_here_is_shown_out_at_once(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    await do(suspend, fraser)
    assert await closed_with(member) == 4403
    await facilitator.disconnect()


async def test_a_foreign_origin_is_refused(use_channel_layer, room, fraser):
    for origin in [(b"origin", b"https://evil.example"), None]:
        communicator, connected = await connect(room.slug, fraser, origin=origin)
        assert not connected


# --- facilitation -----------------------------------------------------------------------------------
async def test_a_moderator_removes_and_restores_a_message(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(facilitator, "presence")
    await say(member, "Something unkind", "fr-1")
    message = (await member.receive_json_from(timeout=WAIT))["message"]
    await facilitator.receive_json_from(timeout=WAIT)
    await facilitator.send_json_to({"type": "moderate", "action": "remove", "message_id": message["id"]})
    for communicator in (facilitator, member):
        assert await communicator.receive_json_from(timeout=WAIT) == {"type": "removed", "message_id": message["id"]}
    latecomer, frames = await join(room, await do(lambda: _member(room, "priya")))
    assert frames["history"]["messages"] == []
    await facilitator.send_json_to({"type": "moderate", "action": "restore", "message_id": message["id"]})
    restored = await next_of(latecomer, "message")
    assert restored["message"] == message
    assert (await next_of(member, "message"))["message"] == message
    await member.send_json_to({"type": "moderate", "action": "remove", "message_id": message["id"]})
    assert (await next_of(member, "error"))["code"] == "forbidden"
    await facilitator.send_json_to({"type": "moderate", "action": "erase", "message_id": message["id"]})
    assert (await next_of(facilitator, "error"))["code"] == "invalid"
    for communicator in (latecomer, member, facilitator):
        await communicator.disconnect()


def _member(room, username, role="member"):
    user = MemberFactory(username=username)
    member_of(room.community, user, role=role)
    return user


async def test_hands_form_a_queue_everyone_sees(use_channel_layer, room, fiona, fraser, priya):
    facilitator, _ = await join(room, fiona)
    first, _ = await join(room, fraser)
    second, _ = await join(room, priya)
    for communicator in (facilitator, first):
        await drain(communicator)
    await first.send_json_to({"type": "hand", "raised": True})
    for communicator in (facilitator, first, second):
        assert [person["name"] for person in (await next_of(communicator, "hands"))["queue"]] == ["fraser"]
    await second.send_json_to({"type": "hand", "raised": True})
    for communicator in (facilitator, first, second):
        queue = (await next_of(communicator, "hands"))["queue"]
        assert [person["name"] for person in queue] == ["fraser", "priya"]
    await first.send_json_to({"type": "hand", "raised": False})
    assert [p["name"] for p in (await next_of(facilitator, "hands"))["queue"]] == ["priya"]
    latecomer, frames = await join(room, await do(lambda: _member(room, "morag")))
    assert [p["name"] for p in frames["hands"]["queue"]] == ["priya"]
    for communicator in (latecomer, second, first, facilitator):
        await communicator.disconnect()


async def test_a_member_who_leaves_takes_their_raised_hand_with_them(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await drain(facilitator)
    await member.send_json_to({"type": "hand", "raised": True})
    assert [p["name"] for p in (await next_of(facilitator, "hands"))["queue"]] == ["fraser"]
    await member.disconnect()
    assert (await next_of(facilitator, "hands"))["queue"] == []
    await facilitator.disconnect()


async def test_with_floor_control_only_the_person_with_the_floor_speaks(use_channel_layer, room, fiona, fraser, priya):
    room.floor_control = True
    await do(room.save)
    facilitator, _ = await join(room, fiona)
    speaker, frames = await join(room, fraser)
    other, _ = await join(room, priya)
    assert frames["welcome"]["room"]["floor_control"] is True
    await drain(facilitator)
    await drain(speaker)
    await say(speaker, "May I?", "fr-1")
    error = await speaker.receive_json_from(timeout=WAIT)
    assert (error["code"], error["client_id"]) == ("not_your_turn", "fr-1")
    await speaker.send_json_to({"type": "hand", "raised": True})
    await next_of(facilitator, "hands")
    await facilitator.send_json_to({"type": "floor", "user_id": fraser.pk})
    floor = {"type": "floor", "user": {"id": fraser.pk, "name": "fraser", "level": "frontline"}}
    for communicator in (facilitator, speaker, other):
        assert await next_of(communicator, "floor") == floor
        assert (await next_of(communicator, "hands"))["queue"] == []
    await say(speaker, "Thank you", "fr-2")
    assert (await next_of(other, "message"))["message"]["client_id"] == "fr-2"
    await say(other, "Me too", "pr-1")
    assert (await next_of(other, "error"))["code"] == "not_your_turn"
    await say(facilitator, "Facilitators may always speak", "fi-1")
    assert (await next_of(other, "message"))["message"]["client_id"] == "fi-1"
    await facilitator.send_json_to({"type": "floor", "user_id": None})
    assert await next_of(speaker, "floor") == {"type": "floor", "user": None}
    await facilitator.send_json_to({"type": "floor", "user_id": 987654})
    assert (await next_of(facilitator, "error"))["code"] == "invalid"
    for communicator in (other, speaker, facilitator):
        await communicator.disconnect()


async def test_a_round_gives_each_present_member_the_floor_in_turn(use_channel_layer, room, fiona, fraser, priya):
    facilitator, _ = await join(room, fiona)
    first, _ = await join(room, fraser)
    second, _ = await join(room, priya)
    await drain(facilitator)
    await drain(first)
    await facilitator.send_json_to({"type": "round", "action": "start"})
    assert (await next_of(second, "floor"))["user"]["name"] == "fiona"
    for expected in ("fraser", "priya", None):
        await facilitator.send_json_to({"type": "round", "action": "next"})
        floor = (await next_of(second, "floor"))["user"]
        assert (floor and floor["name"]) == expected
    assert (await next_of(second, "room"))["floor_control"] is False  # everyone spoke: the room talks freely again
    assert await do(lambda: Room.objects.get(pk=room.pk).floor_control) is False
    for communicator in (second, first, facilitator):
        await communicator.disconnect()


async def test_a_facilitator_ends_a_round_early(use_channel_layer, room, fiona, fraser):
    facilitator, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await drain(facilitator)
    await facilitator.send_json_to({"type": "round", "action": "start"})
    assert (await next_of(member, "room"))["floor_control"] is True
    await facilitator.send_json_to({"type": "round", "action": "stop"})
    assert (await next_of(member, "floor"))["user"] is None
    assert (await next_of(member, "room"))["floor_control"] is False
    await say(member, "Back to open conversation", "fr-1")
    assert (await next_of(member, "message"))["message"]["client_id"] == "fr-1"
    for communicator in (member, facilitator):
        await communicator.disconnect()


async def test_typing_reaches_the_others_at_most_once_a_second(use_channel_layer, room, fiona, fraser):
    listener, _ = await join(room, fiona)
    typist, _ = await join(room, fraser)
    await next_of(listener, "presence")
    for _ in range(5):
        await typist.send_json_to({"type": "typing"})
    frame = await listener.receive_json_from(timeout=WAIT)
    assert frame == {"type": "typing", "user": {"id": fraser.pk, "name": "fraser", "level": "frontline"}}
    assert await listener.receive_nothing(timeout=0.5)
    assert await typist.receive_nothing(timeout=0.1), "nobody is told that they themselves are typing"
    await typist.disconnect()
    await listener.disconnect()


# --- presence ---------------------------------------------------------------------------------------
async def test_a_connection_that_died_without_closing_leaves_the_list(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    """A process killed mid-conversation leaves its rows behind; the sweep takes them off the list."""
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.2)
    await do(room_presence.arrive, room, fraser, "specific.dead-process!gone")
    listener, frames = await join(room, fiona)
    assert [m["name"] for m in frames["presence"]["members"]] == ["fraser", "fiona"]
    stale = timezone.now() - room_presence.PRESENCE_TIMEOUT - timedelta(seconds=1)
    await do(lambda: RoomPresence.objects.filter(user=fraser).update(last_seen=stale))
    presence = await next_of(listener, "presence")
    assert [m["name"] for m in presence["members"]] == ["fiona"]
    for _ in range(20):  # the list leaves stale rows out at once; the sweep deletes them within a tick or two
        if not await do(RoomPresence.objects.filter(user=fraser).exists):
            break
        await asyncio.sleep(0.1)
    assert not await do(RoomPresence.objects.filter(user=fraser).exists)
    await listener.disconnect()


async def test_a_quiet_member_swept_off_the_list_comes_back_with_their_next_frame(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.2)
    monkeypatch.setattr(RoomConsumer, "heartbeat_seconds", 0)
    listener, _ = await join(room, fiona)
    quiet, _ = await join(room, fraser)
    await next_of(listener, "presence")
    stale = timezone.now() - room_presence.PRESENCE_TIMEOUT - timedelta(seconds=1)
    await do(lambda: RoomPresence.objects.filter(user=fraser).update(last_seen=stale))
    assert [m["name"] for m in (await next_of(listener, "presence"))["members"]] == ["fiona"]
    await quiet.send_json_to({"type": "ping"})
    assert [m["name"] for m in (await next_of(listener, "presence"))["members"]] == ["fiona", "fraser"]
    await quiet.disconnect()
    await listener.disconnect()


async def test_any_frame_is_a_heartbeat_written_by_the_next_tick(use_channel_layer, room, fraser, monkeypatch):
    monkeypatch.setattr(RoomConsumer, "heartbeat_seconds", 0)
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.3)
    member, _ = await join(room, fraser)
    earlier = timezone.now() - timedelta(seconds=30)
    await do(lambda: RoomPresence.objects.update(last_seen=earlier))
    await member.send_to(text_data="not even json")
    await member.receive_json_from(timeout=WAIT)
    for _ in range(50):
        await asyncio.sleep(0.1)
        if await do(lambda: RoomPresence.objects.get().last_seen) > earlier:
            break
    assert await do(lambda: RoomPresence.objects.get().last_seen) > earlier
    await member.disconnect()


async def test_a_frame_after_a_long_quiet_is_a_heartbeat_at_once(use_channel_layer, room, fraser, monkeypatch):
    monkeypatch.setattr(RoomConsumer, "heartbeat_seconds", 0)
    monkeypatch.setattr(RoomConsumer, "quiet_seconds", 0)
    member, _ = await join(room, fraser)
    earlier = timezone.now() - timedelta(seconds=30)
    await do(lambda: RoomPresence.objects.update(last_seen=earlier))
    await member.send_to(text_data="not even json")
    await member.receive_json_from(timeout=WAIT)
    assert await do(lambda: RoomPresence.objects.get().last_seen) > earlier
    await member.disconnect()


# --- the channel layer failing ------------------------------------------------------------------------
async def test_a_failed_broadcast_still_acknowledges_and_stores_the_message(
    use_channel_layer, room, fraser, monkeypatch, caplog
):
    member, _ = await join(room, fraser)
    from channels.layers import get_channel_layer

    async def down(*args, **kwargs):
        raise ConnectionError("Redis is restarting")

    monkeypatch.setattr(get_channel_layer(), "group_send", down)
    with caplog.at_level(logging.WARNING, logger="rooms.layer"):
        await say(member, "Kept", "fr-1")
        acknowledged = await member.receive_json_from(timeout=WAIT)
    assert acknowledged["message"]["client_id"] == "fr-1"
    assert await do(RoomMessage.objects.filter(pk=acknowledged["message"]["id"]).exists)
    assert "channel layer unavailable" in caplog.text
    await member.disconnect()


async def test_while_the_layer_is_down_new_messages_are_read_from_the_database(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    monkeypatch.setattr(RoomConsumer, "tick_seconds", 0.2)
    monkeypatch.setattr(RoomConsumer, "degraded_tick_seconds", 0.2)
    listener, _ = await join(room, fiona)
    member, _ = await join(room, fraser)
    await next_of(listener, "presence")
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    real_group_send, real_group_add = layer.group_send, layer.group_add

    async def down(*args, **kwargs):
        raise ConnectionError("Redis is restarting")

    monkeypatch.setattr(layer, "group_send", down)
    monkeypatch.setattr(layer, "group_add", down)
    await say(member, "During the outage", "fr-1")
    sent = await member.receive_json_from(timeout=WAIT)
    assert await next_of(listener, "message") == sent  # its next group refresh fails: it reads the database
    monkeypatch.setattr(layer, "group_send", real_group_send)
    monkeypatch.setattr(layer, "group_add", real_group_add)
    await say(member, "After the outage", "fr-2")
    await member.receive_json_from(timeout=WAIT)
    assert (await next_of(listener, "message"))["message"]["client_id"] == "fr-2"
    assert not [frame for frame in await drain(listener) if frame["type"] == "message"], "nothing twice"
    await member.disconnect()
    await listener.disconnect()


# --- fuzzing ----------------------------------------------------------------------------------------
TYPES = ["message", "typing", "hand", "history", "moderate", "room", "floor", "round"]
FIELDS = ["body", "client_id", "anonymous", "raised", "before", "action", "message_id", "state", "user_id"]
WORDS = ["open", "closed", "remove", "restore", "start", "next", "<script>alert(1)</script>"]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=1, max_value=3000)  # sometimes the id of a real message or member
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.sampled_from(WORDS)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=4,
)
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "<a href='javascript:alert(1)' onclick='x()'>a</a>",
        "`<script>`",
        "<svg/onload=alert(1)>",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        '<iframe src="https://evil.example">',
        "**bold** _em_ > quote\n\n- list",
        "<style>body{}</style>",
        "<https://example.org>",
    ]
)
BODIES = st.text(max_size=120) | HOSTILE | st.lists(HOSTILE | st.text(max_size=20), max_size=4).map(" ".join)
MESSAGES = st.fixed_dictionaries(
    {"type": st.just("message"), "body": BODIES, "client_id": st.text(min_size=1, max_size=70)},
    optional={"anonymous": st.booleans() | VALUES},
)
OBJECTS = st.builds(
    lambda kind, fields: {"type": kind, **fields},
    st.sampled_from(TYPES) | st.text(max_size=10) | VALUES,
    st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), VALUES, max_size=3),
)
FRAMES = (
    MESSAGES.map(json.dumps)
    | OBJECTS.map(json.dumps)
    | st.text(min_size=1, max_size=120)  # (the test communicator cannot send an empty frame)
)


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)


def assert_clean(html):
    parser = _Markup()
    parser.feed(html)
    assert "<script" not in html.lower()
    assert not set(parser.tags) & {"script", "style", "iframe", "img", "svg", "object", "embed"}, html
    for name, value in parser.attributes:
        assert not name.lower().startswith("on"), html
        if name in ("href", "src"):
            scheme = "".join(ch for ch in (value or "") if ch.isprintable() and not ch.isspace()).lower()
            assert not scheme.startswith(("javascript:", "vbscript:", "data:")), html


def assert_person(person):
    assert set(person) == {"id", "name", "level"}
    assert isinstance(person["id"], int)
    assert isinstance(person["name"], str)
    assert isinstance(person["level"], str)


def assert_message(message):
    assert set(message) == {"id", "author", "body_html", "created", "client_id"}, message
    assert isinstance(message["id"], int)
    assert message["id"] > 0
    if message["author"] is not None:
        assert_person(message["author"])
    assert isinstance(message["created"], str)
    assert isinstance(message["client_id"], str)
    assert isinstance(message["body_html"], str)
    assert_clean(message["body_html"])


def assert_valid_broadcast(frame):
    """What a listener may receive from someone else's frames: the protocol's frames and nothing else."""
    kind = frame["type"]
    if kind == "message":
        assert set(frame) == {"type", "message"}
        assert_message(frame["message"])
    elif kind == "removed":
        assert set(frame) == {"type", "message_id"}
        assert isinstance(frame["message_id"], int)
    elif kind == "typing":
        assert set(frame) == {"type", "user"}
        assert_person(frame["user"])
    elif kind in ("hands", "presence"):
        people = frame["queue" if kind == "hands" else "members"]
        assert set(frame) == {"type", "queue" if kind == "hands" else "members"}
        for person in people:
            assert_person(person)
    elif kind == "floor":
        assert set(frame) == {"type", "user"}
        if frame["user"] is not None:
            assert_person(frame["user"])
    elif kind == "room":
        assert set(frame) == {"type", "state"}
        assert frame["state"] in ("open", "closed")
    else:
        raise AssertionError(f"a listener received {frame!r}")


def _is_ping(text):
    try:
        frame = json.loads(text)
    except ValueError:
        return False
    return isinstance(frame, dict) and frame.get("type") == "ping"


@pytest.fixture
def fuzz_room(room, fiona, fraser, monkeypatch):
    """A room where the fuzzing facilitator may do anything and is never rate-limited."""
    monkeypatch.setattr(room_messages, "MESSAGES_PER_WINDOW", 10**9)
    room.allow_anonymous = True
    room.save()
    return room


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(frames=st.lists(FRAMES, min_size=20, max_size=60))
def test_random_frames_never_crash_the_consumer_or_reach_anyone_broken(
    use_channel_layer, fuzz_room, fiona, fraser, caplog, frames
):
    """About 2,400 random frames from a facilitator, who may do anything; a member listens to the result."""

    frames = [text for text in frames if not _is_ping(text)]  # the sender's own ping marks the end

    async def run():
        sender, _ = await join(fuzz_room, fiona)
        listener, _ = await join(fuzz_room, fraser)
        await next_of(sender, "presence")
        for text in frames:
            await sender.send_to(text_data=text)
        await sender.send_json_to({"type": "ping"})
        while (frame := await sender.receive_json_from(timeout=WAIT))["type"] != "pong":
            assert frame["type"] in ("message", "error", "history", "hands", "floor", "room", "removed")
            if frame["type"] == "error":
                assert frame["code"] in ("invalid", "empty", "too_long", "forbidden", "room_closed", "not_your_turn")
        for frame in await drain(listener):
            assert_valid_broadcast(frame)
        await listener.send_json_to({"type": "ping"})
        assert await next_of(listener, "pong") == {"type": "pong"}
        await listener.disconnect()
        await sender.disconnect()

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="forums"):
        async_to_sync(run)()
    assert not caplog.records, "every frame was expected: none failed unexpectedly"
