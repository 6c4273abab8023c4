"""GET /api/v1/rooms/<slug>/sessions: a room's upcoming sessions, to whoever may read its community."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import CommunityFactory, MemberFactory, RoomFactory, ScheduledSessionFactory, member_of
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


def test_anyone_reads_an_open_rooms_upcoming_sessions_soonest_first(settings):
    settings.ALLOWED_HOSTS = ["cop.example.org"]
    room = RoomFactory(community=CommunityFactory(slug="open", visibility="open"), slug="open-room", title="Open")
    later = ScheduledSessionFactory(room=room, topic="Later", starts_at=timezone.now() + timedelta(days=9))
    sooner = ScheduledSessionFactory(room=room, topic="Sooner", starts_at=timezone.now() + timedelta(days=2))
    ScheduledSessionFactory(
        room=room,
        topic="Over",
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=2),
    )
    response = Client().get("/api/v1/rooms/open-room/sessions", headers={"host": "cop.example.org"}, secure=True)
    assert response.status_code == 200
    body = response.json()
    assert body["room_url"] == "https://cop.example.org/rooms/open-room/"  # on the address the request came to
    assert [s["topic"] for s in body["sessions"]] == ["Sooner", "Later"]
    first = body["sessions"][0]
    assert first["id"] == sooner.pk
    assert first["calendar_url"] == f"/rooms/open-room/sessions/{sooner.pk}.ics"
    assert first["url"] == f"/rooms/open-room/#session-{sooner.pk}"
    assert first["facilitator"] is None
    assert later.pk == body["sessions"][1]["id"]


@pytest.mark.parametrize("visibility", ["private", "restricted"])
def test_a_closed_communitys_sessions_are_404_to_outsiders_like_a_missing_room(visibility):
    room = RoomFactory(community=CommunityFactory(slug="closed", visibility=visibility), slug="closed-room")
    ScheduledSessionFactory(room=room)
    outsider = MemberFactory(username="outsider")
    for client in (Client(), signed_in(outsider)):
        response = client.get("/api/v1/rooms/closed-room/sessions")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert Client().get("/api/v1/rooms/no-such-room/sessions").status_code == 404
    member = MemberFactory(username="insider")
    member_of(room.community, member)
    assert len(signed_in(member).get("/api/v1/rooms/closed-room/sessions").json()["sessions"]) == 1
