"""A member deletes their account: their words stay as "former member", nothing else of theirs does."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts import deletion
from accounts.models import Profile
from forums.models import Flag, LiveEvent, Membership, Notification, Post, Reaction, Thread, ThreadFollow, ThreadVisit
from mylearning.models import Bookmark, MemberRead, PathwayEnrolment, PracticeUse, StepProgress
from rooms.models import HandRaise, RoomMessage, RoomPresence
from search.models import SearchEntry
from tests.accounts.factories import AILSA_NAME, member_with_everything
from tests.factories import UserFactory
from tests.pages import signed_in

pytestmark = pytest.mark.django_db
PASSWORD = "pass-2026-word"  # tests.factories.UserFactory's
DELETE_URL = "/members/me/delete/"


@pytest.fixture
def story(settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        return member_with_everything()


def delete_through_the_page(client, confirmation=PASSWORD, capture=None):
    if capture is None:
        return client.post(DELETE_URL, {"confirmation": confirmation})
    with capture(execute=True):
        return client.post(DELETE_URL, {"confirmation": confirmation})


def rows_of(user_id):
    """Every row that is a member's own, by model."""
    return {
        "user": get_user_model().objects.filter(pk=user_id).count(),
        "profile": Profile.objects.filter(user_id=user_id).count(),
        "email addresses": EmailAddress.objects.filter(user_id=user_id).count(),
        "memberships": Membership.objects.filter(user_id=user_id).count(),
        "follows": ThreadFollow.objects.filter(user_id=user_id).count(),
        "visits": ThreadVisit.objects.filter(user_id=user_id).count(),
        "reactions": Reaction.objects.filter(user_id=user_id).count(),
        "notifications": Notification.objects.filter(recipient_id=user_id).count(),
        "flags": Flag.objects.filter(flagged_by_id=user_id).count(),
        "hands": HandRaise.objects.filter(user_id=user_id).count(),
        "presence": RoomPresence.objects.filter(user_id=user_id).count(),
        "bookmarks": Bookmark.objects.filter(user_id=user_id).count(),
        "enrolments": PathwayEnrolment.objects.filter(user_id=user_id).count(),
        "step progress": StepProgress.objects.filter(enrolment__user_id=user_id).count(),
        "practice uses": PracticeUse.objects.filter(user_id=user_id).count(),
        "reads": MemberRead.objects.filter(user_id=user_id).count(),
    }


def test_everything_of_hers_goes_and_her_words_stay(story, django_capture_on_commit_callbacks):
    ailsa_id = story.ailsa.pk
    before = rows_of(ailsa_id)
    assert all(before.values()), before  # the story gave her one of everything
    frasers = rows_of(story.fraser.pk)
    posts, messages = Post.objects.count(), RoomMessage.objects.count()

    response = delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_deleted")
    assert rows_of(ailsa_id) == dict.fromkeys(before, 0)
    assert rows_of(story.fraser.pk)["bookmarks"] == frasers["bookmarks"]
    assert rows_of(story.fraser.pk)["memberships"] == frasers["memberships"]
    assert Post.objects.count() == posts
    assert RoomMessage.objects.count() == messages
    assert Post.objects.get(pk=story.ailsa_reply.pk).author is None
    assert Thread.objects.get(pk=story.thread.pk).author is None
    assert RoomMessage.objects.filter(body_source="Ailsa room words", author__isnull=True).exists()


def test_the_thread_page_and_the_api_say_former_member(story, django_capture_on_commit_callbacks):
    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    reader = signed_in(story.fraser)
    page = reader.get(story.thread.get_absolute_url()).content.decode()
    assert "kestrelword" in page
    assert "former member" in page
    assert AILSA_NAME not in page
    posts = reader.get(f"/api/v1/threads/{story.thread.pk}/posts").json()
    text = str(posts)
    authors = {p["id"]: p["author"] for p in _flatten(posts)}
    assert authors[story.ailsa_reply.pk] is None  # the API's "former member" (docs/protocols.md: author | null)
    assert authors[story.fraser_reply.pk]["name"] == "Fraser Dunmore"
    assert AILSA_NAME not in text


def _flatten(payload):
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "body_html" in node and "id" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload)
    return found


def test_live_event_replays_carry_no_name(story, django_capture_on_commit_callbacks):
    assert AILSA_NAME in str(list(LiveEvent.objects.values_list("payload", flat=True)))
    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    payloads = str(list(LiveEvent.objects.values_list("payload", flat=True)))
    assert AILSA_NAME not in payloads
    assert "Fraser Dunmore" in payloads
    event = LiveEvent.objects.filter(type="post", payload__post__id=story.ailsa_reply.pk).get()
    assert event.payload["post"]["author"] is None


def test_search_shows_former_member_not_her_name(story, client, django_capture_on_commit_callbacks):
    assert client.get("/api/v1/search", {"q": "Quillanbrae"}).json()["total"] > 0
    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    assert client.get("/api/v1/search", {"q": "Quillanbrae"}).json()["total"] == 0
    found = client.get("/api/v1/search", {"q": "kestrelword"}).json()
    assert sorted(hit["type"] for hit in found["results"]) == ["post", "thread"]  # her reply, and its thread
    assert SearchEntry.objects.get(doc_id=f"post-{story.ailsa_reply.pk}").author == "former member"
    assert SearchEntry.objects.get(doc_id=f"thread-{story.thread.pk}").author == "former member"


def test_other_peoples_notifications_and_room_figures_lose_her_name(story, django_capture_on_commit_callbacks):
    assert story.notifications_to_fraser.exists()
    notification_ids = list(story.notifications_to_fraser.values_list("pk", flat=True))
    assert AILSA_NAME in str(story.session.participation)
    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    texts = list(Notification.objects.filter(pk__in=notification_ids).values_list("text", flat=True))
    assert texts
    assert all(text.startswith("A former member") for text in texts), texts
    story.session.refresh_from_db()
    assert AILSA_NAME not in str(story.session.participation)
    assert "former member" in str(story.session.participation)


def test_room_transcript_shows_former_member(story, django_capture_on_commit_callbacks):
    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    page = signed_in(story.fraser).get(f"/rooms/{story.room.slug}/transcript/{story.session.pk}/").content.decode()
    assert "Ailsa room words" in page
    assert "former member" in page
    assert AILSA_NAME not in page


def test_she_is_signed_out_everywhere(story):
    phone, laptop = signed_in(story.ailsa), signed_in(story.ailsa)
    assert Session.objects.count() == 2
    response = delete_through_the_page(laptop)
    assert response.status_code == 302
    assert Session.objects.count() == 0
    for client in (phone, laptop):
        assert client.get(reverse("your_data"))["Location"].startswith(reverse("account_login"))
    assert "deleted" in laptop.get(reverse("account_deleted")).content.decode()


def test_pressing_delete_twice_ends_on_the_deleted_page_not_an_error():
    """The second click's request got past sign-in before the first one deleted the account."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from accounts.views import delete_account

    member = UserFactory(username="double-clicker")
    second_click = RequestFactory().post(DELETE_URL, {"confirmation": PASSWORD})
    second_click.user = get_user_model().objects.get(pk=member.pk)
    second_click.session = SessionStore()
    second_click._dont_enforce_csrf_checks = True

    assert delete_through_the_page(signed_in(member))["Location"] == reverse("account_deleted")
    response = delete_account(second_click)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_deleted")
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    with pytest.raises(deletion.AlreadyDeleted):
        deletion.delete_member(member)


def test_a_wrong_confirmation_deletes_nothing(story):
    before = rows_of(story.ailsa.pk)
    client = signed_in(story.ailsa)
    for wrong in ("", "not-my-password", "ailsa"):
        response = client.post(DELETE_URL, {"confirmation": wrong})
        assert response.status_code == 400
        assert "nothing has been deleted" in response.content.decode() or "to confirm" in response.content.decode()
    assert rows_of(story.ailsa.pk) == before


def test_a_member_without_a_password_types_their_username():
    member = UserFactory(username="sso-only")
    member.set_unusable_password()
    member.save()
    client = signed_in(member)
    assert "Your username" in client.get(DELETE_URL).content.decode()
    assert client.post(DELETE_URL, {"confirmation": "someone-else"}).status_code == 400
    assert get_user_model().objects.filter(pk=member.pk).exists()
    assert client.post(DELETE_URL, {"confirmation": "sso-only"}).status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()


def test_looking_at_the_page_deletes_nothing(story):
    client = signed_in(story.ailsa)
    page = client.get(DELETE_URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "former member" in text
    assert 'name="confirmation"' in text
    assert get_user_model().objects.filter(pk=story.ailsa.pk).exists()


def test_csrf_is_checked(story):
    client = signed_in(story.ailsa, csrf=True)
    assert client.post(DELETE_URL, {"confirmation": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=story.ailsa.pk).exists()


def test_visitors_are_sent_to_sign_in(client):
    response = client.post(DELETE_URL, {"confirmation": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_last_superuser_is_refused_and_another_may_go():
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client = signed_in(admin)
    page = client.get(DELETE_URL).content.decode()
    assert "only superuser" in page
    response = client.post(DELETE_URL, {"confirmation": PASSWORD})
    assert response.status_code == 403
    assert "only superuser" in response.content.decode()
    assert get_user_model().objects.filter(pk=admin.pk).exists()
    with pytest.raises(deletion.DeletionRefused):
        deletion.delete_member(admin)
    UserFactory(username="second-admin", is_superuser=True)
    assert client.post(DELETE_URL, {"confirmation": PASSWORD}).status_code == 302
    assert not get_user_model().objects.filter(pk=admin.pk).exists()


def test_the_summary_says_what_went_and_what_stayed(story):
    summary = deletion.delete_member(story.ailsa)
    assert summary.username == "ailsa"
    assert summary.kept == {"forum threads": 2, "posts and comments": 4, "room messages": 2}
    assert summary.removed["mylearning.Bookmark"] == 2
    assert summary.removed["accounts.Profile"] == 1
    assert summary.total_removed > 10


def test_the_live_participation_panel_counts_her_words_as_a_former_members(story, django_capture_on_commit_callbacks):
    from rooms import sessions as room_sessions

    delete_through_the_page(signed_in(story.ailsa), capture=django_capture_on_commit_callbacks)
    people = {person["name"]: person for person in room_sessions.participation(story.room)["by_person"]}
    assert "former member" in people
    assert people["former member"]["words"] >= len("Ailsa room words".split())
    assert AILSA_NAME not in people
