"""Every page's header is read from one record per member, and whatever it shows changes at once.

The header (name, unread notifications, Moderation, Wagtail's userbar for editors) is kept per member
in the fragment cache (forums/header.py); these tests run with that cache on, over locmem and Redis.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from forums import header, notifications, services
from tests.factories import CommunityFactory, UserFactory, editorial_user, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db

PAGE = "/communities/"


def account_nav(client):
    return text_of(soup_of(client.get(PAGE)).select_one("nav.cop-account-nav"))


@pytest.fixture
def priya(fragment_cache):
    return UserFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def community():
    return CommunityFactory(name="Community planning", slug="community-planning")


def reply_to(thread, someone):
    services.post_reply(thread, someone, "Ours took a year.")


def test_the_header_asks_the_database_nothing_once_the_record_is_kept(priya):
    assert "Signed in as Priya Practitioner" in account_nav(signed_in(priya))
    fresh = get_user_model().objects.get(pk=priya.pk)  # as the next request loads the member
    with CaptureQueriesContext(connection) as captured:
        record = header.account(fresh)
    assert record["name"] == "Priya Practitioner"
    assert record["unread"] == 0
    assert not captured.captured_queries


def test_a_new_notification_and_reading_it_show_in_the_count_at_once(priya, community, monkeypatch):
    monkeypatch.setattr(services, "rate_limit", lambda user: None)
    member_of(community, priya)
    thread = services.start_thread(community, priya, "Locality plans", "How long did yours take?")
    client = signed_in(priya)
    assert "Notifications" in account_nav(client)
    assert "unread" not in account_nav(client)

    fraser = UserFactory(username="fraser")
    member_of(community, fraser)
    reply_to(thread, fraser)
    assert "Notifications (1 unread)" in account_nav(client)

    reply_to(thread, fraser)
    assert "Notifications (2 unread)" in account_nav(client)

    notifications.mark_all_read(priya)
    assert "unread" not in account_nav(client)


def test_becoming_a_moderator_or_losing_it_shows_at_once(priya, community):
    client = signed_in(priya)
    assert "Moderation" not in account_nav(client)

    membership = member_of(community, priya, role="moderator")
    assert "Moderation" in account_nav(client)

    membership.role = "member"
    membership.save()
    assert "Moderation" not in account_nav(client)

    priya.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    assert "Moderation" in account_nav(client)

    Group.objects.get(name="Moderators").user_set.remove(priya)
    assert "Moderation" not in account_nav(client)


def test_a_changed_display_name_shows_at_once(priya):
    client = signed_in(priya)
    assert "Signed in as Priya Practitioner" in account_nav(client)
    account_services.update_profile(priya, {"display_name": "Priya P."})
    assert "Signed in as Priya P." in account_nav(client)


def test_the_admin_bar_is_offered_to_editors_only_and_at_once(priya):
    client = signed_in(priya)
    assert 'id="wagtail-userbar"' not in client.get(PAGE).content.decode()
    priya.groups.add(Group.objects.get(name="Editors"))
    assert "wagtail-userbar" in client.get(PAGE).content.decode()
    priya.groups.clear()
    assert "wagtail-userbar" not in client.get(PAGE).content.decode()
    editor = signed_in(editorial_user("Editors", username="edna"))
    assert "wagtail-userbar" in editor.get(PAGE).content.decode()


def test_two_members_never_see_each_others_header(priya, community):
    member_of(community, priya, role="moderator")
    fraser = UserFactory(username="fraser", first_name="Fraser", last_name="Frontline")
    priyas, frasers = signed_in(priya), signed_in(fraser)
    assert "Moderation" in account_nav(priyas)
    header = account_nav(frasers)
    assert "Signed in as Fraser Frontline" in header
    assert "Moderation" not in header
    assert "Priya" not in header


def test_signing_out_shows_the_visitors_header_at_once(priya):
    client = signed_in(priya)
    assert "Sign out" in account_nav(client)
    client.post("/accounts/logout/")
    header = account_nav(client)
    assert "Sign in" in header
    assert "Priya" not in header


def test_the_members_record_and_the_frames_kept_parts_come_in_one_cache_read(client, priya, monkeypatch):
    from cop_site import fragments

    client.force_login(priya)
    client.get("/my-learning/")  # keeps the record, the header and the frame
    reads, real_read = [], fragments._read

    def counted(specs):
        reads.append([spec.name for spec in specs])
        return real_read(specs)

    monkeypatch.setattr(fragments, "_read", counted)
    response = client.get("/my-learning/")

    assert "Sign out" in response.content.decode()
    assert ["forums/header-account", "site-head", "site-footer", "site-scripts"] in reads
    assert ["site-header"] in reads
    asked_alone = [names for names in reads if len(names) == 1]
    assert ["site-head"] not in asked_alone
    assert ["site-footer"] not in asked_alone
    assert ["forums/header-account"] not in asked_alone
