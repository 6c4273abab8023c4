"""A link into a private community, one of its threads or its room, followed by someone who may not see it.

They get a page saying the space is private (403) and what to do: sign in and come back, accept their
invitation, or ask for one; it names nothing of the community. An address leading nowhere stays a 404.
"""

import pytest
from django.test import Client
from django.urls import reverse

from forums import services
from tests.factories import CommunityFactory, MemberFactory, RoomFactory, UserFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db

SECRETS = [
    "Frontline voices",
    "Only for night-shift staff",
    "Night shift handovers",
    "Who covers the gaps",
    "Quiet room",
]


@pytest.fixture
def fiona():
    return UserFactory(username="fiona", first_name="Fiona")


@pytest.fixture
def private(fiona):
    community = CommunityFactory(
        name="Frontline voices", slug="fv", summary="Only for night-shift staff", visibility="private"
    )
    member_of(community, fiona, role="facilitator")
    return community


@pytest.fixture
def addresses(private, fiona):
    thread = services.start_thread(private, fiona, "Night shift handovers", "Who covers the gaps?")
    room = RoomFactory(community=private, slug="quiet", title="Quiet room", purpose="Who covers the gaps at night.")
    return {
        "community": private.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "room": room.get_absolute_url(),
    }


def private_page(response):
    page = soup_of(response, status=403)
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, secret
    assert text_of(page.find("title")).startswith("Private space")
    assert text_of(page.find("h1")) == "This space is private"
    return page.find("main")


@pytest.mark.parametrize("kind", ["community", "thread", "room"])
def test_a_visitor_is_told_the_space_is_private_and_offered_sign_in_back_to_it(client, addresses, kind):
    main = private_page(client.get(addresses[kind]))
    sign_in = main.find("a", string="Sign in")
    assert sign_in["href"] == f"/accounts/login/?next={addresses[kind]}"
    assert "Ask the person who sent you the link" in text_of(main)


@pytest.mark.parametrize("kind", ["community", "thread", "room"])
def test_a_member_signing_in_from_there_lands_on_the_page(addresses, private, kind):
    fraser = MemberFactory(username="fraser")
    member_of(private, fraser)
    browser = Client()
    response = browser.post(
        reverse("account_login"), {"login": "fraser", "password": "pass-2026-word", "next": addresses[kind]}
    )
    assert response.status_code == 302
    assert response["Location"] == addresses[kind]
    assert browser.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("kind", ["community", "thread", "room"])
def test_a_signed_in_non_member_is_told_how_to_ask_for_an_invitation(addresses, kind):
    main = private_page(signed_in(UserFactory(username="outsider")).get(addresses[kind]))
    assert "not a member of this community" in text_of(main)
    assert "invitation only" in text_of(main)
    assert "one of the community’s facilitators, to invite you" in text_of(main)
    assert main.find("a", href="/communities/")
    assert not main.find("a", string="Sign in")


def test_an_invited_person_following_a_thread_link_is_sent_to_their_invitation(addresses, private):
    invited = UserFactory(username="invited")
    member_of(private, invited, status="invited")
    main = private_page(signed_in(invited).get(addresses["thread"]))
    assert main.find("a", string="See your invitation")["href"] == private.get_absolute_url()


def test_addresses_that_lead_nowhere_stay_404(client, addresses):
    for url in [
        "/communities/no-such/",
        "/communities/fv/threads/999999/",
        "/communities/nope/threads/1/",
        "/rooms/no/",
    ]:
        assert client.get(url).status_code == 404, url
    # a real thread under another community's slug is not there either
    other = CommunityFactory(slug="elsewhere", visibility="open")
    assert client.get(addresses["thread"].replace("/fv/", f"/{other.slug}/")).status_code == 404


def test_forms_and_data_of_a_private_community_stay_404(client, addresses, private):
    outsider = signed_in(UserFactory(username="outsider"))
    assert outsider.post(reverse("forums:join", args=[private.slug])).status_code == 404
    assert outsider.get(reverse("forums:new_thread", args=[private.slug])).status_code == 404
    assert outsider.get(reverse("api-v1:room_participation", kwargs={"slug": "quiet"})).status_code == 404
