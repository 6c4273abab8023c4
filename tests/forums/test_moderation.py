"""Moderation, told as stories: members flag, posts hide themselves, moderators decide, members are suspended."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cop_site.errors import DomainError
from forums import moderation, services
from forums.models import Flag, LiveEvent, ModerationAction, Notification, Post, QueueEntry, Suspension
from tests.factories import CommunityFactory, UserFactory, member_of, site_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Community planning", slug="community-planning")


@pytest.fixture
def people(community):
    """Priya writes; Ailsa, Bruce, Catriona and Dougie read and may flag; Morag moderates the whole site."""
    names = ["priya", "ailsa", "bruce", "catriona", "dougie"]
    members = {name: UserFactory(username=name) for name in names}
    for member in members.values():
        member_of(community, member)
    members["morag"] = site_moderator(username="morag")
    return members


@pytest.fixture
def post(community, people):
    thread = services.start_thread(community, people["priya"], "Locality plans", "Our plan was written in a week.")
    return thread.posts.get()


def flag(post, user, reason="spam", note=""):
    return moderation.flag_post(post, user, reason, note)


def refreshed(post):
    post.refresh_from_db()
    return post


def live_types(post):
    return list(LiveEvent.objects.filter(stream=post.thread.stream).order_by("pk").values_list("type", flat=True))


def test_two_flags_queue_a_post_and_the_third_members_flag_hides_it(post, people):
    flag(post, people["ailsa"], "spam")
    flag(post, people["bruce"], "off_topic", "Nothing to do with locality plans")
    assert refreshed(post).status == Post.Status.VISIBLE
    assert QueueEntry.objects.get(post=post).reason == QueueEntry.Reason.FLAGGED

    flag(post, people["catriona"], "abuse")

    post = refreshed(post)
    assert post.status == Post.Status.HIDDEN
    assert "3 members flagged it" in post.hidden_reason
    assert QueueEntry.objects.get(post=post).reason == QueueEntry.Reason.HIDDEN_BY_FLAGS
    assert live_types(post)[-1] == "post_removed"
    assert LiveEvent.objects.filter(stream=post.thread.stream).last().payload == {"post_id": post.pk}
    auto = ModerationAction.objects.get(action="auto_hide")
    assert (auto.actor, auto.target_type, auto.target_id) == (None, "post", post.pk)
    told = Notification.objects.get(recipient=people["priya"], kind="moderation")
    assert "3 members flagged it" in told.text
    assert "abusive" in told.text
    assert told.url == reverse("edit_hidden_post", args=[post.pk])


def test_one_member_flagging_again_and_again_counts_once(post, people):
    flag(post, people["ailsa"])
    for reason in ("abuse", "off_topic"):
        with pytest.raises(DomainError) as error:
            flag(post, people["ailsa"], reason)
        assert error.value.code == "already_flagged"
    flag(post, people["bruce"])
    assert Flag.objects.filter(post=post).count() == 2
    assert refreshed(post).status == Post.Status.VISIBLE


def test_reporting_is_rate_limited_per_member_with_a_clear_message(community, people, monkeypatch):
    monkeypatch.setattr(moderation, "FLAGS_PER_HOUR", 2)
    posts = [
        services.start_thread(community, author, f"Thread {n}", "Text").posts.get()
        for n, author in enumerate([people["priya"], people["bruce"], people["catriona"]])
    ]
    flag(posts[0], people["ailsa"])
    flag(posts[1], people["ailsa"])
    with pytest.raises(DomainError, match="Please wait") as error:
        flag(posts[2], people["ailsa"])
    assert error.value.code == "rate_limited"
    assert not Flag.objects.filter(post=posts[2]).exists()
    flag(posts[2], people["dougie"])  # per member: others still report


def test_flagging_your_own_post_a_hidden_post_or_without_a_reason_is_refused(post, people):
    with pytest.raises(DomainError, match="your own post") as error:
        flag(post, people["priya"])
    assert error.value.code == "own_post"
    with pytest.raises(DomainError, match="Choose why"):
        flag(post, people["ailsa"], "because")
    moderation.hide_post(post, people["morag"], "Names a service user")
    with pytest.raises(DomainError, match="already hidden") as error:
        flag(refreshed(post), people["dougie"])
    assert error.value.code == "not_visible"
    assert not Flag.objects.exists()


def test_outsiders_cannot_flag_a_private_communitys_post(people):
    private = CommunityFactory(visibility="private")
    member_of(private, people["priya"])
    thread = services.start_thread(private, people["priya"], "Just us", "A private worry.")
    with pytest.raises(DomainError) as error:
        flag(thread.posts.get(), people["ailsa"])
    assert error.value.code == "forbidden"


def test_the_author_edits_a_hidden_post_and_it_goes_back_to_the_queue(post, people):
    for name in ("ailsa", "bruce", "catriona"):
        flag(post, people[name], "confidential", "It names a family")
    moderation.hide_post(refreshed(post), people["morag"], "It names a family: please take the name out.")
    assert moderation.queue_for(people["morag"]).count() == 0
    # Long after the usual 30-minute window: the author of a hidden post may still edit it.
    Post.objects.filter(pk=post.pk).update(created=timezone.now() - timedelta(days=2))
    events_before = live_types(post)

    services.edit_post(refreshed(post), people["priya"], "Our plan was written in a week, with a local family.")

    post = refreshed(post)
    assert post.status == Post.Status.HIDDEN
    assert post.edited is not None
    entry = moderation.queue_for(people["morag"]).get()
    assert (entry.post, entry.reason) == (post, QueueEntry.Reason.EDITED)
    assert live_types(post) == events_before  # still hidden: viewers hear nothing
    with pytest.raises(DomainError):
        services.edit_post(post, people["ailsa"], "Not mine to edit")


def test_a_moderator_restores_hides_and_dismisses_and_each_is_audited(post, people):
    morag = people["morag"]
    for name in ("ailsa", "bruce", "catriona"):
        flag(post, people[name])

    moderation.restore_post(refreshed(post), morag, "Reads as fair criticism")
    post = refreshed(post)
    assert post.status == Post.Status.VISIBLE
    assert post.hidden_reason == ""
    assert not moderation.open_flags(post).exists()
    restored = LiveEvent.objects.filter(stream=post.thread.stream).last()
    assert restored.type == "post_updated"
    assert restored.payload["post"]["id"] == post.pk
    assert restored.payload["post"]["body_html"]

    with pytest.raises(DomainError, match="Say why"):
        moderation.hide_post(post, morag, "  ")
    moderation.hide_post(post, morag, "Shares a colleague's phone number")
    post = refreshed(post)
    assert (post.status, post.hidden_reason) == (Post.Status.HIDDEN, "Shares a colleague's phone number")
    assert live_types(post)[-1] == "post_removed"

    moderation.restore_post(post, morag)
    flag(refreshed(post), people["dougie"], "off_topic")
    moderation.dismiss_flags(refreshed(post), morag, "On topic after all")
    post = refreshed(post)
    assert post.status == Post.Status.VISIBLE
    assert not moderation.open_flags(post).exists()
    assert moderation.queue_for(morag).count() == 0

    log = list(ModerationAction.objects.order_by("pk").values_list("action", "actor__username", "target_id", "reason"))
    assert log == [
        ("auto_hide", None, post.pk, log[0][3]),
        ("restore", "morag", post.pk, "Reads as fair criticism"),
        ("hide", "morag", post.pk, "Shares a colleague's phone number"),
        ("restore", "morag", post.pk, ""),
        ("dismiss", "morag", post.pk, "On topic after all"),
    ]
    assert list(moderation.log_for(morag)) == list(ModerationAction.objects.all())
    # Priya heard about each decision on her post; the flaggers' names were never in it.
    texts = list(Notification.objects.filter(recipient=people["priya"]).values_list("text", flat=True))
    assert len(texts) == 4
    assert not any("ailsa" in text.lower() for text in texts)


def test_members_cannot_moderate(post, people):
    flag(post, people["ailsa"])
    for decide in (moderation.hide_post, moderation.restore_post, moderation.dismiss_flags):
        with pytest.raises(DomainError) as error:
            decide(post, people["bruce"], "I think so")
        assert error.value.code == "forbidden"
    assert not moderation.is_moderator(people["bruce"])
    assert moderation.queue_for(people["bruce"]).count() == 0
    assert moderation.log_for(people["bruce"]).count() == 0


def test_a_facilitator_moderates_only_their_own_community(community, post, people):
    fiona = UserFactory(username="fiona")
    member_of(community, fiona, role="facilitator")
    other = CommunityFactory(name="Housing", slug="housing")
    member_of(other, people["priya"])
    member_of(other, people["ailsa"])
    elsewhere = services.start_thread(other, people["priya"], "Void rates", "Our voids fell by a third.").posts.get()
    flag(post, people["ailsa"])
    flag(elsewhere, people["ailsa"])

    assert [entry.post for entry in moderation.queue_for(fiona)] == [post]
    assert {entry.post for entry in moderation.queue_for(people["morag"])} == {post, elsewhere}
    with pytest.raises(DomainError) as error:
        moderation.hide_post(elsewhere, fiona, "Not in my community")
    assert error.value.code == "forbidden"
    moderation.hide_post(post, fiona, "Please keep to locality plans")
    assert refreshed(post).status == Post.Status.HIDDEN
    moderation.dismiss_flags(elsewhere, people["morag"])
    assert [action.action for action in moderation.log_for(fiona)] == ["hide"]
    assert moderation.log_for(people["morag"]).count() == 2


def test_a_suspended_member_cannot_post_until_the_period_ends(community, post, people):
    morag, priya = people["morag"], people["priya"]
    suspension = moderation.suspend(priya, morag, "Repeated personal attacks", days=3)
    assert moderation.active_suspension(priya) == suspension
    with pytest.raises(DomainError) as error:
        services.post_reply(post.thread, priya, "Let me explain")
    assert error.value.code == "suspended"
    with pytest.raises(DomainError) as error:
        services.start_thread(community, priya, "New thread", "Hello")
    assert error.value.code == "suspended"
    assert "suspended until" in Notification.objects.get(recipient=priya, kind="moderation").text

    Suspension.objects.filter(pk=suspension.pk).update(until=timezone.now() - timedelta(minutes=1))
    assert moderation.active_suspension(priya) is None
    services.post_reply(post.thread, priya, "Thanks for waiting")

    again = moderation.suspend(priya, morag, "Again", days=1)
    moderation.lift_suspension(again, morag, "Apologised")
    assert moderation.active_suspension(priya) is None
    services.post_reply(post.thread, priya, "Sorry, everyone")
    assert [a.action for a in ModerationAction.objects.order_by("pk")] == ["suspend", "suspend", "unsuspend"]


def test_only_site_moderators_suspend_and_never_themselves(community, people):
    fiona = UserFactory(username="fiona")
    member_of(community, fiona, role="moderator")
    with pytest.raises(DomainError) as error:
        moderation.suspend(people["priya"], fiona, "No", days=1)
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError, match="yourself"):
        moderation.suspend(people["morag"], people["morag"], "Oops", days=1)
    with pytest.raises(DomainError, match="between 1 and 365"):
        moderation.suspend(people["priya"], people["morag"], "Forever", days=10_000)
    with pytest.raises(DomainError, match="Say why"):
        moderation.suspend(people["priya"], people["morag"], "", days=1)
    assert not Suspension.objects.exists()
    assert not ModerationAction.objects.exists()


def test_room_moderation_is_logged_by_kind_and_id_only(community, people):
    """Other parts of the site log through moderation.record; a target's text never reaches the log."""
    target = Flag(pk=42)  # any model instance stands in for a room message
    action = moderation.record(people["morag"], "identity_lookup", target, "Threatening message", community=community)
    assert (action.target_type, action.target_id, action.target_label) == ("flag", 42, "flag 42")


def test_a_hidden_post_drops_out_of_search(post, people, settings, django_capture_on_commit_callbacks, client):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        services.post_reply(post.thread, people["ailsa"], "Our quangle wangle approach worked.")
    reply = post.thread.posts.latest("pk")
    found = client.get("/api/v1/search", {"q": "quangle"}).json()
    assert sorted(hit["type"] for hit in found["results"]) == ["post", "thread"]  # the reply, and its thread
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(reply, people["morag"], "Spam")
    # Gone from the thread's document too: a hidden post's words find nothing.
    assert client.get("/api/v1/search", {"q": "quangle"}).json()["total"] == 0


# --- the pages ------------------------------------------------------------------------------------------------
def test_the_queue_is_for_moderators_only(client, post, people):
    url = reverse("moderation_queue")
    assert client.get(url).status_code == 302  # visitors are sent to sign in
    client.force_login(people["ailsa"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("moderation_log")).status_code == 403
    assert client.get(reverse("moderation_suspensions")).status_code == 403
    flag(post, people["ailsa"], "abuse", "Calls a colleague lazy")
    client.force_login(people["morag"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Calls a colleague lazy" in page.content.decode()
    assert "Our plan was written in a week." in page.content.decode()


def test_a_moderator_hides_a_post_from_the_queue_and_the_log_shows_it(client, post, people):
    flag(post, people["ailsa"])
    client.force_login(people["morag"])
    response = client.post(
        reverse("moderation_decide", args=[post.pk]), {"action": "hide", "reason": "Advertising a product"}
    )
    assert response.status_code == 302
    assert refreshed(post).status == Post.Status.HIDDEN
    log = client.get(reverse("moderation_log")).content.decode()
    assert "Hid a post" in log
    assert "Advertising a product" in log
    # A facilitator of another community gets a 403 rather than a decision.
    fiona = UserFactory(username="fiona")
    member_of(CommunityFactory(), fiona, role="facilitator")
    client.force_login(fiona)
    response = client.post(reverse("moderation_decide", args=[post.pk]), {"action": "restore"})
    assert response.status_code == 403
    assert refreshed(post).status == Post.Status.HIDDEN


def test_members_flag_through_the_form_and_csrf_is_enforced(client, post, people):
    from django.test import Client

    url = reverse("flag_post", args=[post.pk])
    client.force_login(people["priya"])
    assert "cannot flag your own post" in client.get(url).content.decode()
    client.force_login(people["ailsa"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "spam", "next": "https://evil.example/"}).status_code == 302
    assert Flag.objects.get().flagged_by == people["ailsa"]
    assert "already flagged" in client.get(url).content.decode()

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["bruce"])
    assert strict.post(url, {"reason": "spam"}).status_code == 403
    assert Flag.objects.count() == 1


def test_the_author_edits_a_hidden_post_on_its_own_page(client, post, people):
    moderation.hide_post(post, people["morag"], "Please remove the surname")
    url = reverse("edit_hidden_post", args=[post.pk])
    client.force_login(people["ailsa"])
    assert client.get(url).status_code == 404
    client.force_login(people["priya"])
    page = client.get(url).content.decode()
    assert "Please remove the surname" in page
    assert client.post(url, {"body": "Our plan was written in a week."}).status_code == 302
    assert moderation.queue_for(people["morag"]).get().reason == QueueEntry.Reason.EDITED


def test_a_moderator_suspends_and_lifts_through_the_pages(client, people):
    client.force_login(people["morag"])
    url = reverse("moderation_suspensions")
    response = client.post(url, {"username": "nobody", "days": "3", "reason": "x"})
    assert response.status_code == 400
    assert "no member called" in response.content.decode()
    client.post(url, {"username": "priya", "days": "3", "reason": "Personal attacks"})
    suspension = Suspension.objects.get()
    assert suspension.until > timezone.now() + timedelta(days=2)
    assert "Personal attacks" in client.get(url).content.decode()
    client.post(reverse("moderation_lift_suspension", args=[suspension.pk]), {"reason": "Apologised"})
    assert moderation.active_suspension(people["priya"]) is None
