"""Notifications, told as stories: who hears about replies, mentions, follows and join requests, and by email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forums import attention, notifications, services
from forums.models import DigestLog, Notification, ThreadVisit
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Community planning", slug="community-planning")


@pytest.fixture
def people(community):
    members = {name: UserFactory(username=name) for name in ("priya", "fraser", "ailsa", "bruce")}
    for member in members.values():
        member_of(community, member)
    return members


@pytest.fixture
def thread(community, people):
    return services.start_thread(community, people["priya"], "Locality plans", "How did you write yours?")


def told(user, kind=None):
    rows = Notification.objects.filter(recipient=user).order_by("pk")
    return list((rows.filter(kind=kind) if kind else rows).values_list("kind", flat=True))


def set_profile(user, **fields):
    from accounts.models import Profile

    Profile.objects.filter(user=user).update(**fields)
    user.refresh_from_db()
    if hasattr(user, "_state"):
        user._state.fields_cache.pop("profile", None)


def test_a_reply_tells_the_post_author_and_the_thread_starter_but_not_the_replier(thread, people):
    fraser_post = services.post_reply(thread, people["fraser"], "We wrote ours with residents.")
    services.post_reply(thread, people["ailsa"], "Fraser, how long did it take?", parent=fraser_post)

    assert told(people["priya"]) == ["reply", "reply"]
    assert told(people["fraser"]) == ["reply"]  # Ailsa answered his post; his own post told him nothing
    assert told(people["ailsa"]) == []
    mine = Notification.objects.get(recipient=people["fraser"])
    assert (mine.actor, mine.post, mine.thread) == (people["ailsa"], thread.posts.latest("pk"), thread)
    assert mine.text == "ailsa replied to your post in “Locality plans”"
    assert (
        Notification.objects.filter(recipient=people["priya"]).first().text.startswith("ailsa replied in your thread")
    )


def test_mentions_tell_readers_once_and_never_the_author(thread, people):
    services.post_reply(thread, people["fraser"], "@ailsa and @bruce know this; so do @fraser and @nobody. @ailsa!")
    assert told(people["ailsa"]) == ["mention"]
    assert told(people["bruce"]) == ["mention"]
    assert told(people["fraser"]) == []
    assert told(people["priya"]) == ["reply"]
    # Priya is mentioned in her own thread: one notification, the mention.
    services.post_reply(thread, people["ailsa"], "@priya see above")
    assert told(people["priya"]) == ["reply", "mention"]


def test_mentioning_someone_outside_a_private_community_tells_them_nothing(people):
    private = CommunityFactory(visibility="private")
    member_of(private, people["priya"])
    member_of(people_community := CommunityFactory(), people["fraser"])
    assert people_community.is_member(people["fraser"])
    thread = services.start_thread(private, people["priya"], "Just us", "Should we ask @fraser?")
    assert told(people["fraser"]) == []
    member_of(private, people["fraser"])
    services.post_reply(thread, people["priya"], "Welcome @fraser")
    assert told(people["fraser"]) == ["mention"]
    # Once he leaves, a follow no longer reaches him either.
    services.set_following(thread, people["fraser"], True)
    member_of(private, people["fraser"], status="declined")
    services.post_reply(thread, people["priya"], "He has gone")
    assert told(people["fraser"]) == ["mention"]


def test_followers_hear_of_new_posts_and_inactive_members_hear_nothing(thread, people):
    services.set_following(thread, people["bruce"], True)
    services.set_following(thread, people["ailsa"], True)
    people["ailsa"].is_active = False
    people["ailsa"].save()
    services.post_reply(thread, people["fraser"], "A new idea")
    assert told(people["bruce"]) == ["followed_post"]
    assert told(people["ailsa"]) == []
    assert (
        Notification.objects.get(recipient=people["bruce"]).text
        == "fraser posted in “Locality plans”, a thread you follow"
    )
    services.post_reply(thread, people["bruce"], "Thanks")  # Bruce follows; his own post tells him nothing
    assert told(people["bruce"]) == ["followed_post"]


def test_comments_on_a_page_notify_like_threads(people):
    page = CaseStudyFactory(title="Fife locality planning")
    thread = services.comment_thread_for(page)
    first = services.post_reply(thread, people["priya"], "Useful, thanks")
    services.post_reply(thread, people["fraser"], "Agreed", parent=first)
    note = Notification.objects.get(recipient=people["priya"])
    assert note.text == "fraser replied to your comment in “Fife locality planning”"


def test_join_requests_go_to_the_facilitators_and_the_answer_to_the_requester(people):
    restricted = CommunityFactory(visibility="restricted", name="Chief officers")
    fiona, morven = UserFactory(username="fiona"), UserFactory(username="morven")
    member_of(restricted, fiona, role="facilitator")
    member_of(restricted, morven, role="moderator")
    member_of(restricted, people["bruce"])
    request = services.join(restricted, people["priya"], "I lead our locality plan")
    assert told(fiona) == ["join_request"]
    assert told(morven) == ["join_request"]
    assert told(people["bruce"]) == []
    assert told(people["priya"]) == []
    assert Notification.objects.get(recipient=fiona).text == "priya asked to join Chief officers"

    services.decide_join_request(request, fiona, approve=True)
    decision = Notification.objects.get(recipient=people["priya"])
    assert decision.kind == "join_decision"
    assert "approved" in decision.text
    assert told(fiona) == ["join_request"]

    declined = services.join(restricted, people["fraser"])
    services.decide_join_request(declined, morven, approve=False)
    assert "declined" in Notification.objects.get(recipient=people["fraser"]).text


# --- email ----------------------------------------------------------------------------------------------------------
def test_mentions_and_replies_are_emailed_as_each_member_prefers(thread, people, django_capture_on_commit_callbacks):
    set_profile(people["bruce"], email_on_mention=False)
    set_profile(people["priya"], email_on_reply=True)
    services.set_following(thread, people["ailsa"], True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, people["fraser"], "@bruce might know. Priya, we used the **Place Standard**.")
    assert sorted(message.to[0] for message in mail.outbox) == ["priya@example.org"]
    email = mail.outbox[0]
    assert "fraser replied in your thread" in email.subject
    assert "Place Standard" in email.body
    assert "/members/me/edit/" in email.body
    assert Notification.objects.get(recipient=people["priya"]).emailed_at is not None
    # Bruce still sees the mention in the site; Ailsa's followed-thread news is never emailed.
    assert told(people["bruce"]) == ["mention"]
    assert told(people["ailsa"]) == ["followed_post"]

    set_profile(people["priya"], email_on_reply=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, people["fraser"], "One more thing")
    assert len(mail.outbox) == 1


def test_no_email_for_what_the_member_has_already_seen(thread, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.post_reply(thread, people["fraser"], "@ailsa over to you")
        services.post_reply(thread, people["bruce"], "@ailsa and you")
    first, second = Notification.objects.filter(recipient=people["ailsa"]).order_by("pk")
    notifications.mark_read(people["ailsa"], first.pk)  # read in the site before the email went
    ThreadVisit.objects.create(thread=thread, user=people["priya"], seen=timezone.now())  # Priya read the thread
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["ailsa@example.org"]]
    assert "bruce mentioned you" in mail.outbox[0].subject
    assert Notification.objects.get(pk=second.pk).emailed_at is not None
    assert not notifications.deliver_email(second.pk)  # never twice


def test_no_email_while_the_member_has_the_thread_open_and_one_once_they_have_left(
    thread, people, django_capture_on_commit_callbacks
):
    ailsa = people["ailsa"]
    set_profile(people["priya"], email_on_reply=False)  # only Ailsa's email is in this story
    attention.start_viewing(thread.pk, ailsa.pk, "ailsa-laptop")
    attention.start_viewing(thread.pk, ailsa.pk, "ailsa-phone")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, people["fraser"], "@ailsa are you reading this?")
    assert mail.outbox == []
    assert told(ailsa) == ["mention"]  # still in her notifications, only not emailed

    attention.stop_viewing(thread.pk, ailsa.pk, "ailsa-laptop")  # the phone still has it open
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, people["fraser"], "@ailsa still there?")
    assert mail.outbox == []

    attention.stop_viewing(thread.pk, ailsa.pk, "ailsa-phone")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(thread, people["bruce"], "@ailsa when you are back")
    assert [message.to for message in mail.outbox] == [["ailsa@example.org"]]
    assert "bruce mentioned you" in mail.outbox[0].subject


def test_an_open_page_that_vanished_without_closing_stops_holding_emails_back(thread, people, monkeypatch):
    attention.start_viewing(thread.pk, people["ailsa"].pk, "lost-socket")
    assert attention.is_viewing(thread.pk, people["ailsa"].pk)
    later = attention.time.time() + attention.VIEWING_SECONDS + 1
    monkeypatch.setattr(attention.time, "time", lambda: later)
    assert not attention.is_viewing(thread.pk, people["ailsa"].pk)


# --- the list and the header ------------------------------------------------------------------------------------------
def test_the_list_shows_unread_first_and_marks_read(client, thread, people):
    services.post_reply(thread, people["fraser"], "First reply")
    services.post_reply(thread, people["ailsa"], "Second reply")
    services.post_reply(thread, people["bruce"], "Third reply")
    first, second, third = Notification.objects.filter(recipient=people["priya"]).order_by("pk")
    notifications.mark_read(people["priya"], third.pk)

    assert client.get(reverse("notifications")).status_code == 302
    client.force_login(people["priya"])
    page = client.get(reverse("notifications")).content.decode()
    assert page.index("ailsa replied") < page.index("fraser replied") < page.index("bruce replied")
    assert "Notifications (2<span" in page

    client.post(reverse("notification_read", args=[second.pk]))
    assert list(notifications.for_member(people["priya"]).values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    client.force_login(people["fraser"])
    client.post(reverse("notification_read", args=[first.pk]))  # not his: nothing happens
    assert Notification.objects.get(pk=first.pk).read_at is None
    client.force_login(people["priya"])
    response = client.post(reverse("notifications_read_all"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notifications")
    assert notifications.unread_count(people["priya"]) == 0
    assert "Notifications (" not in client.get(reverse("notifications")).content.decode()


def test_marking_read_needs_a_post_with_a_csrf_token(thread, people):
    from django.test import Client

    services.post_reply(thread, people["fraser"], "A reply")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["priya"])
    assert strict.get(reverse("notifications_read_all")).status_code == 405
    assert strict.post(reverse("notifications_read_all")).status_code == 403
    assert notifications.unread_count(people["priya"]) == 1


# --- the weekly digest ----------------------------------------------------------------------------------------------
def test_send_digests_goes_to_the_right_members_once_a_week(community, people, capsys):
    from learning.models import Theme

    now = timezone.now()
    page = CaseStudyFactory(title="Co-producing care at home", themes=["co-production"])
    CaseStudyFactory(title="Budgeting in Dundee", themes=["participatory budgeting"])
    services.start_thread(community, people["fraser"], "Evaluating locality plans", "What works?")
    co_production = Theme.objects.get(name="co-production")
    for name in ("priya", "ailsa", "bruce", "fraser"):
        set_profile(people[name], weekly_digest=True)
        people[name].profile.themes_of_interest.set([co_production])
    set_profile(people["ailsa"], weekly_digest=False)
    set_profile(people["bruce"], last_seen=timezone.now() + timedelta(seconds=1))  # here after everything was posted
    DigestLog.objects.create(user=people["fraser"], sent=now - timedelta(days=8))
    set_profile(people["fraser"], last_seen=now - timedelta(days=1))  # visited since his last digest

    call_command("send_digests")

    assert [message.to for message in mail.outbox] == [["priya@example.org"]]
    body = mail.outbox[0].body
    assert page.title in body
    assert "Budgeting in Dundee" not in body
    assert "Evaluating locality plans (Community planning)" in body
    out = capsys.readouterr().out
    assert "sent priya (priya@example.org): 1 new pages, 1 new threads" in out
    assert "Sent 1 digest; skipped 2." in out

    call_command("send_digests")
    assert len(mail.outbox) == 1
    assert DigestLog.objects.filter(user=people["priya"]).count() == 1
    assert "Sent 0 digests" in capsys.readouterr().out


def test_a_digest_leaves_out_threads_the_member_has_read_or_has_open(community, people):
    set_profile(people["priya"], weekly_digest=True)
    read = services.start_thread(community, people["fraser"], "Read already", "Seen it")
    services.start_thread(community, people["fraser"], "Not read yet", "New to her")
    open_now = services.start_thread(community, people["fraser"], "Open in a tab", "Looking at it")
    ThreadVisit.objects.create(thread=read, user=people["priya"], seen=timezone.now())
    attention.start_viewing(open_now.pk, people["priya"].pk, "tab")
    content, _ = notifications.digest_for(people["priya"])
    assert [thread.title for thread in content["threads"]] == ["Not read yet"]


def test_a_digest_waits_for_something_new_and_never_shows_private_threads(people):
    private = CommunityFactory(visibility="private")
    member_of(private, people["fraser"])
    services.start_thread(private, people["fraser"], "Only for us", "Secret")
    set_profile(people["priya"], weekly_digest=True)
    content, reason = notifications.digest_for(people["priya"])
    assert (content, reason) == (None, "nothing new")
    member_of(private, people["priya"])
    content, _ = notifications.digest_for(people["priya"])
    assert [thread.title for thread in content["threads"]] == ["Only for us"]
