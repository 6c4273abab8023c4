"""Drafts, restricted pages and private communities never appear in the open content API: not in a list,
a detail, a download or a count, to anyone the site's own rules keep them from."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.factories import (
    CaseStudyFactory,
    CommunityFactory,
    EvidenceFactory,
    RoomFactory,
    ScheduledSessionFactory,
    UserFactory,
    member_of,
    restrict_view,
)
from tests.pages import signed_in

pytestmark = pytest.mark.django_db

HIDDEN = ["Draft only", "Members only", "Analysts only", "Password only"]


def hidden_pages(factory):
    """One of each kind of page a visitor may not see, and one open page."""
    factory(title="Open to all")
    factory(title="Draft only", live=False)
    restrict_view(factory(title="Members only"), "login")
    analysts = PageViewRestriction.objects.create(page=factory(title="Analysts only"), restriction_type="groups")
    analysts.groups.add(Group.objects.create(name="Analysts"))
    restrict_view(factory(title="Password only"), "password")
    return {page.title: page for page in factory._meta.model.objects.all()}


def every_answer(client, kind, pages):
    """The list, its count, each page's detail, and both downloads, as one text per address."""
    answers = {}
    listing = client.get(f"/api/v1/{kind}", {"page_size": 100})
    answers["list"] = listing
    for title, page in pages.items():
        answers[title] = client.get(f"/api/v1/{kind}/{page.pk}")
    answers["csv"] = client.get(f"/api/v1/{kind}/download.csv")
    answers["json"] = client.get(f"/api/v1/{kind}/download.json")
    return answers


@pytest.mark.parametrize(("kind", "factory"), [("evidence", EvidenceFactory), ("case-studies", CaseStudyFactory)])
def test_a_visitor_never_meets_a_draft_or_restricted_page(kind, factory):
    pages = hidden_pages(factory)
    answers = every_answer(Client(), kind, pages)
    assert answers["list"].json()["count"] == 1
    assert answers["json"].json()["count"] == 1
    for title in HIDDEN:
        assert answers[title].status_code == 404
        for name in ("list", "csv", "json"):
            assert title not in answers[name].content.decode(), (name, title)
    assert "Open to all" in answers["csv"].content.decode()


def test_a_member_sees_the_login_restricted_page_and_nothing_more_and_their_etag_differs():
    pages = hidden_pages(EvidenceFactory)
    member = signed_in(UserFactory())
    answers = every_answer(member, "evidence", pages)
    assert answers["list"].json()["count"] == 2
    assert answers["Members only"].status_code == 200
    for title in ["Draft only", "Analysts only", "Password only"]:
        assert answers[title].status_code == 404
        for name in ("list", "csv", "json"):
            assert title not in answers[name].content.decode()
    visitor = Client().get("/api/v1/evidence", {"page_size": 100})
    assert visitor["ETag"] != answers["list"]["ETag"]
    # A visitor's copy is never current for a member: the member's poll with it gets the full answer.
    assert (
        member.get("/api/v1/evidence", {"page_size": 100}, headers={"if-none-match": visitor["ETag"]}).status_code
        == 200
    )


def test_a_group_member_sees_their_groups_page():
    pages = hidden_pages(EvidenceFactory)
    analyst = UserFactory()
    analyst.groups.add(Group.objects.get(name="Analysts"))
    body = signed_in(analyst).get(f"/api/v1/evidence/{pages['Analysts only'].pk}")
    assert body.status_code == 200


def test_a_private_community_and_its_rooms_appear_only_to_its_members():
    hidden = CommunityFactory(slug="inner-circle", name="Inner circle", visibility="private")
    CommunityFactory(slug="open-door", name="Open door", visibility="open")
    room = RoomFactory(community=hidden, slug="inner-room", title="Inner room")
    ScheduledSessionFactory(room=room, topic="Secret agenda")
    outsider, insider = UserFactory(), UserFactory()
    member_of(hidden, insider)
    for client in (Client(), signed_in(outsider)):
        listed = client.get("/api/v1/communities").json()
        assert listed["count"] == 1
        text = json.dumps(listed) + client.get("/api/v1/rooms").content.decode()
        for secret in ("Inner circle", "inner-circle", "Inner room", "Secret agenda"):
            assert secret not in text
        assert client.get("/api/v1/communities/inner-circle").status_code == 404
        assert client.get("/api/v1/rooms/inner-room").status_code == 404
        assert client.get("/api/v1/rooms", {"community": "inner-circle"}).json()["count"] == 0
    member = signed_in(insider)
    assert member.get("/api/v1/communities").json()["count"] == 2
    room_body = member.get("/api/v1/rooms/inner-room").json()
    assert [session["topic"] for session in room_body["upcoming_sessions"]] == ["Secret agenda"]


def test_a_restricted_community_is_seen_but_its_rooms_are_not_read_by_outsiders():
    community = CommunityFactory(slug="ask-first", name="Ask first", visibility="restricted")
    RoomFactory(community=community, slug="ask-room", title="Ask room")
    listed = Client().get("/api/v1/communities").json()
    assert [(item["name"], item["readable"]) for item in listed["results"]] == [("Ask first", False)]
    assert Client().get("/api/v1/rooms/ask-room").status_code == 404
    assert (
        Client().get("/api/v1/communities/ask-first").json()["rooms_url"].endswith("/api/v1/rooms?community=ask-first")
    )
