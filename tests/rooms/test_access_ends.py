"""A member who loses the right to be in a room is shown out of it within a second (rooms/signals.py).

Each story puts Fraser in the room with Fiona, the facilitator, takes his right away as the site
would (a real sign-out or password change through the account pages, a deactivation, a deletion,
a removal, a suspension, a room closed to him), and expects his socket to close with 4401 or 4403
within one second while Fiona stays and sees the room without him. Each connection's own periodic
recheck (`RoomConsumer.recheck_seconds`) stays at its minute, so only the change itself can close
a socket this soon. Every story runs on the in-memory channel layer and on Redis.
"""

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from accounts.deletion import delete_member
from cop_site.asgi import application
from forums.models import Membership
from rooms import shared
from rooms.consumers import RoomConsumer
from rooms.models import RoomMessage
from tests.factories import CommunityFactory, MemberFactory, member_of
from tests.rooms.test_room_consumer import ORIGIN, WAIT, do, next_of, say, suspend

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pass-2026-word"  # tests/factories.py: every user's
NOT_SIGNED_IN, NOT_ALLOWED = 4401, 4403


@pytest.fixture(autouse=True)
def periodic_recheck_at_its_minute():
    assert RoomConsumer.recheck_seconds == 60, (
        "a quick periodic recheck could close a socket these stories expect the change itself to close"
    )


# --- people and places ------------------------------------------------------------------------------
@pytest.fixture
def olive():
    """Signed in, but a member of no community: welcome in an open community's rooms only."""
    return MemberFactory(username="olive")


class Browser:
    """One signed-in browser: its own session, for the account pages and for the room's socket."""

    def __init__(self, user):
        self.user = user
        self.client = Client()
        self.client.force_login(user)

    @property
    def cookie(self):
        return (
            b"cookie",
            f"{settings.SESSION_COOKIE_NAME}={self.client.cookies[settings.SESSION_COOKIE_NAME].value}".encode(),
        )

    async def enter(self, room):
        """This browser's socket in the room, past the frames every arrival starts with."""
        communicator = WebsocketCommunicator(application, f"/ws/rooms/{room.slug}/", headers=[ORIGIN, self.cookie])
        connected, _ = await communicator.connect(timeout=WAIT)
        assert connected
        await next_of(communicator, "floor")
        return communicator


async def enter(room, user):
    return await (await do(Browser, user)).enter(room)


async def closes_within_a_second(communicator):
    """The close code the socket receives within one second of now; frames before it are skipped."""
    while True:
        output = await communicator.receive_output(timeout=1)
        if output["type"] == "websocket.close":
            return output.get("code")


async def still_connected(communicator):
    await communicator.send_json_to({"type": "ping"})
    await next_of(communicator, "pong")


async def stays_and_sees(communicator, names):
    """The room tells this connection who is left, and it is still connected."""
    while [member["name"] for member in (await next_of(communicator, "presence"))["members"]] != names:
        pass
    await still_connected(communicator)


async def both_in_the_room(room, fiona, member):
    """Fiona in the room, then the member (a user, or one of their browsers), once Fiona has seen them arrive."""
    facilitator = await enter(room, fiona)
    browser = member if isinstance(member, Browser) else await do(Browser, member)
    arrived = await browser.enter(room)
    await stays_and_sees(facilitator, ["fiona", browser.user.username])
    return facilitator, arrived


# --- the member's own standing ----------------------------------------------------------------------
async def test_signing_out_closes_the_room_with_4401(use_channel_layer, room, fiona, fraser):
    laptop = await do(Browser, fraser)
    facilitator, member = await both_in_the_room(room, fiona, laptop)
    response = await do(laptop.client.post, "/accounts/logout/")
    assert response.status_code == 302
    assert await closes_within_a_second(member) == NOT_SIGNED_IN
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


@pytest.mark.parametrize("room_known", [True, False], ids=["room-known-to-the-process", "first-arrival"])
async def test_signing_out_while_the_socket_arrives_closes_it_with_4401(
    use_channel_layer, room, fiona, fraser, monkeypatch, room_known
):
    """The sign-out lands after the arriving socket's session was read and before it joined the member's
    group, so the sign-out's news reaches nobody: arriving must find it out itself."""
    laptop = await do(Browser, fraser)
    facilitator = await enter(room, fiona) if room_known else None
    if not room_known:
        monkeypatch.setattr(shared, "_ids", {})  # this process has not read the room: it joins after arriving
    join_groups = RoomConsumer.join_groups

    async def signed_out_first(consumer, *args, **kwargs):
        if consumer.scope["session"].session_key == laptop.client.session.session_key:
            assert (await do(laptop.client.post, "/accounts/logout/")).status_code == 302
        return await join_groups(consumer, *args, **kwargs)

    monkeypatch.setattr(RoomConsumer, "join_groups", signed_out_first)
    communicator = WebsocketCommunicator(application, f"/ws/rooms/{room.slug}/", headers=[ORIGIN, laptop.cookie])
    connected, _ = await communicator.connect(timeout=WAIT)
    assert connected  # accepted, so that the browser sees the close code
    # Closed by arriving itself (no frame before the close), which may take a busy machine more than a second.
    assert (await communicator.receive_output(timeout=WAIT)) == {"type": "websocket.close", "code": NOT_SIGNED_IN}
    if facilitator is not None:
        await still_connected(facilitator)
        await facilitator.disconnect()


async def test_signing_out_on_the_laptop_leaves_the_phone_in_the_room(use_channel_layer, room, fiona, fraser):
    """A sign-out ends one session: the member's other signed-in browsers stay."""
    laptop, phone = await do(Browser, fraser), await do(Browser, fraser)
    facilitator, on_laptop = await both_in_the_room(room, fiona, laptop)
    on_phone = await phone.enter(room)
    assert (await do(laptop.client.post, "/accounts/logout/")).status_code == 302
    assert await closes_within_a_second(on_laptop) == NOT_SIGNED_IN
    await still_connected(on_phone)
    await say(on_phone, "Still here on my phone", "ph-1")
    assert (await next_of(facilitator, "message"))["message"]["client_id"] == "ph-1"
    for communicator in (on_phone, facilitator):
        await communicator.disconnect()


async def test_changing_the_password_closes_the_room_on_every_browser_with_4401(use_channel_layer, room, fiona, fraser):
    """Django signs out every session of the old password; the one that changed it goes on under a new key."""
    laptop, phone = await do(Browser, fraser), await do(Browser, fraser)
    facilitator, on_phone = await both_in_the_room(room, fiona, phone)
    on_laptop = await laptop.enter(room)
    new_password = "a-fresh-pass-for-2026"
    response = await do(
        laptop.client.post,
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302, response.content
    assert await closes_within_a_second(on_phone) == NOT_SIGNED_IN
    assert await closes_within_a_second(on_laptop) == NOT_SIGNED_IN
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_a_password_set_by_an_administrator_closes_the_room_with_4401(use_channel_layer, room, fiona, fraser):
    facilitator, member = await both_in_the_room(room, fiona, fraser)

    def set_password():
        fraser.set_password("set-by-the-administrator")
        fraser.save()

    await do(set_password)
    assert await closes_within_a_second(member) == NOT_SIGNED_IN
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_deactivating_the_account_closes_the_room_with_4401(use_channel_layer, room, fiona, fraser):
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    fraser.is_active = False
    await do(fraser.save)
    assert await closes_within_a_second(member) == NOT_SIGNED_IN
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_deleting_the_account_closes_the_room_with_4401(use_channel_layer, room, fiona, fraser):
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    await do(delete_member, fraser)
    assert await closes_within_a_second(member) == NOT_SIGNED_IN
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_removal_from_a_private_community_closes_its_room_with_4403(use_channel_layer, room, fiona, fraser):
    room.community.visibility = "private"
    await do(room.community.save)
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    await do(Membership.objects.filter(community=room.community, user=fraser).delete)
    assert await closes_within_a_second(member) == NOT_ALLOWED
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_a_suspension_closes_the_room_with_4403(use_channel_layer, room, fiona, fraser):
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    await do(suspend, fraser)
    assert await closes_within_a_second(member) == NOT_ALLOWED
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


# --- the room closed to those who are not members -------------------------------------------------------
async def test_making_the_community_private_closes_its_rooms_to_non_members_with_4403(
    use_channel_layer, room, fiona, fraser, olive
):
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    visitor = await enter(room, olive)
    await stays_and_sees(facilitator, ["fiona", "fraser", "olive"])
    room.community.visibility = "private"
    await do(room.community.save)
    assert await closes_within_a_second(visitor) == NOT_ALLOWED
    await stays_and_sees(facilitator, ["fiona", "fraser"])
    await stays_and_sees(member, ["fiona", "fraser"])
    for communicator in (member, facilitator):
        await communicator.disconnect()


async def test_moving_the_room_to_a_private_community_closes_it_to_non_members_with_4403(
    use_channel_layer, room, fiona, fraser, olive
):
    def private_community_of_fiona_and_fraser():
        community = CommunityFactory(slug="inner-circle", visibility="private")
        member_of(community, fiona, role="facilitator")
        member_of(community, fraser)
        return community

    private = await do(private_community_of_fiona_and_fraser)
    facilitator, member = await both_in_the_room(room, fiona, fraser)
    visitor = await enter(room, olive)
    await stays_and_sees(facilitator, ["fiona", "fraser", "olive"])
    room.community = private
    await do(room.save)
    assert await closes_within_a_second(visitor) == NOT_ALLOWED
    await stays_and_sees(facilitator, ["fiona", "fraser"])
    await stays_and_sees(member, ["fiona", "fraser"])
    for communicator in (member, facilitator):
        await communicator.disconnect()


# --- every send is checked -----------------------------------------------------------------------------
async def test_a_message_sent_after_signing_out_is_refused_even_before_the_room_hears_of_it(
    use_channel_layer, room, fiona, fraser, monkeypatch
):
    """The race lost: the sign-out's recheck has not arrived when the message does. The send's own check refuses it."""

    async def recheck_not_yet_arrived(self, event):
        pass

    monkeypatch.setattr(RoomConsumer, "room_recheck", recheck_not_yet_arrived)
    laptop = await do(Browser, fraser)
    facilitator, member = await both_in_the_room(room, fiona, laptop)
    assert (await do(laptop.client.post, "/accounts/logout/")).status_code == 302
    await say(member, "Sent from a signed-out tab", "fr-1")
    error = await member.receive_json_from(timeout=WAIT)
    assert (error["type"], error.get("code"), error.get("client_id")) == ("error", "forbidden", "fr-1")
    assert await closes_within_a_second(member) == NOT_SIGNED_IN
    assert not await do(RoomMessage.objects.exists)
    await stays_and_sees(facilitator, ["fiona"])
    await facilitator.disconnect()


async def test_a_message_sent_after_the_community_went_private_is_refused_even_before_the_room_hears_of_it(
    use_channel_layer, room, fiona, olive, monkeypatch
):
    async def recheck_not_yet_arrived(self, event):
        pass

    monkeypatch.setattr(RoomConsumer, "room_recheck", recheck_not_yet_arrived)
    facilitator, visitor = await both_in_the_room(room, fiona, olive)
    room.community.visibility = "private"
    await do(room.community.save)
    await say(visitor, "Sent into a room now closed to me", "ol-1")
    error = await visitor.receive_json_from(timeout=WAIT)
    assert (error["type"], error.get("code"), error.get("client_id")) == ("error", "forbidden", "ol-1")
    assert await closes_within_a_second(visitor) == NOT_ALLOWED
    assert not await do(RoomMessage.objects.exists)
    await facilitator.disconnect()
