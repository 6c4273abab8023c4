"""Who may enter a room, and as what, is one rule in two forms that agree: one person at a time, or a crowd at once.

A connection arriving alone is checked with `rooms.access.refusal(room, user)` and `roles(room, user)`,
each fact read as the rule asks. When a session starts, a server process lets in the connections
arriving together with one read of everyone's facts (`rooms.access.standings`: the visibility
rule's Viewer, suspensions, memberships) and asks the same functions with each person's Standing.
Every kind of person meets rooms of every community visibility, in one crowd, and each answer must
be the one the person would have had alone; the crowd's read costs the same few queries however
many arrive.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from forums.models import Suspension
from rooms import access
from tests.factories import CommunityFactory, RoomFactory, UserFactory, member_of, site_moderator

pytestmark = pytest.mark.django_db

VISIBILITIES = ("open", "restricted", "private")


def people(communities):
    """Every kind of standing a room's rule tells apart, each in some communities and not others."""
    open_, restricted, private = communities
    made = {"visitor": AnonymousUser(), "site moderator": site_moderator(username="mod")}
    for kind in (
        "non-member",
        "member",
        "invited",
        "facilitator",
        "community moderator",
        "suspended member",
        "suspension lifted",
        "suspension over",
        "member elsewhere",
    ):
        made[kind] = UserFactory(username=kind.replace(" ", "-"))
    for community in (restricted, private):
        member_of(community, made["member"])
        member_of(community, made["invited"], status="invited")
        member_of(community, made["facilitator"], role="facilitator")
        member_of(community, made["community moderator"], role="moderator")
        member_of(community, made["suspended member"])
        member_of(community, made["suspension lifted"])
        member_of(community, made["suspension over"])
    member_of(open_, made["member elsewhere"], role="facilitator")
    now = timezone.now()
    Suspension.objects.create(user=made["suspended member"], until=now + timedelta(days=2), reason="Abuse")
    Suspension.objects.create(user=made["suspension lifted"], until=now + timedelta(days=2), reason="Abuse", lifted=now)
    Suspension.objects.create(user=made["suspension over"], until=now - timedelta(minutes=1), reason="Abuse")
    return made


@pytest.fixture
def rooms():
    return [RoomFactory(community=CommunityFactory(visibility=v, slug=f"c-{v}"), slug=f"r-{v}") for v in VISIBILITIES]


def test_a_crowd_gets_the_answers_each_person_gets_alone(rooms):
    who = people([room.community for room in rooms])
    standings = access.standings(who.values(), [room.community for room in rooms])
    answers = {}
    for kind, user in who.items():
        standing = standings.get(user.pk) if user.is_authenticated else None
        for room in rooms:
            # What a batch of messages asks: refusal only, its own community's facts (none when it is open).
            sending = access.standings([user], [room.community], roles=False).get(user.pk)
            assert access.refusal(room, sending or user) == access.refusal(room, user), (
                kind,
                room.community.visibility,
            )
            alone = (access.refusal(room, user), access.roles(room, user) if user.is_authenticated else None)
            crowd = (
                access.refusal(room, standing or user),
                access.roles(room, standing) if user.is_authenticated else None,
            )
            assert crowd == alone, (kind, room.community.visibility)
            answers[kind, room.community.visibility] = alone
    # The matrix decides every part of the rule both ways, so a form that dropped a fact would differ somewhere.
    assert answers["visitor", "open"][0] == 4401
    assert answers["non-member", "open"][0] is None
    assert answers["non-member", "private"][0] == 4403
    assert answers["invited", "restricted"][0] == 4403
    assert answers["member", "restricted"][0] is None
    assert answers["suspended member", "open"][0] == 4403
    assert answers["suspension lifted", "private"][0] is None
    assert answers["suspension over", "private"][0] is None
    assert answers["site moderator", "private"] == (None, (True, True))
    assert answers["facilitator", "private"] == (None, (True, False))
    assert answers["community moderator", "restricted"] == (None, (True, True))
    assert answers["member", "private"] == (None, (False, False))
    assert answers["member elsewhere", "open"] == (None, (True, False))
    assert answers["member elsewhere", "private"][0] == 4403


def test_a_crowd_is_read_in_the_same_few_queries_however_large(rooms, django_assert_max_num_queries):
    communities = [room.community for room in rooms]
    crowd = [UserFactory(username=f"arriving-{n}") for n in range(40)]
    for user in crowd[::2]:
        member_of(communities[2], user)
    with django_assert_max_num_queries(4):
        standings = access.standings(crowd, communities)
    with django_assert_max_num_queries(0):
        refused = [access.refusal(rooms[2], standings[user.pk]) for user in crowd]
        [access.roles(room, standings[user.pk]) for user in crowd for room in rooms]
    assert refused == [None if n % 2 == 0 else 4403 for n in range(40)]
