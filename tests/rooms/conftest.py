"""The room and the two people most room tests start from."""

import pytest

from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of


@pytest.fixture
def room():
    return RoomFactory(slug="frontline-voices", title="Frontline voices", community=CommunityFactory(slug="car"))


@pytest.fixture
def fiona(room):
    """The facilitator."""
    user = MemberFactory(username="fiona", profile__level="manager")
    member_of(room.community, user, role="facilitator")
    return user


@pytest.fixture
def fraser(room):
    """A frontline practitioner, a member of the room's community."""
    user = MemberFactory(username="fraser", profile__level="frontline")
    member_of(room.community, user)
    return user
