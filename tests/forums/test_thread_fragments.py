"""A thread's posts are kept in the fragment cache (forums.discussion.posts_fragment) and never go stale
or reach the wrong person: a new, edited or hidden post, a membership or a community's visibility
changing shows at once, and a rendering kept for one member is shown to another only when it would
come out the same for them (their own controls, hidden posts, what is new since their visit).

Each test runs over both cache backends (the `fragment_cache` fixture: locmem, and Redis when
REDIS_URL is set) with fragment caching on.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services as account_services
from forums import moderation, services
from forums.discussion import VIEWER_FLAGS, PostView
from forums.models import Membership, ThreadVisit
from tests.factories import CommunityFactory, UserFactory, member_of, site_moderator
from tests.pages import signed_in, soup_of, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(services, "rate_limit", lambda user: None)


@pytest.fixture
def open_community():
    return CommunityFactory(name="Community planning", slug="community-planning", visibility="open")


@pytest.fixture
def people(open_community):
    people = {name: UserFactory(username=name, first_name=name.title()) for name in ("priya", "ailsa", "bruce")}
    for person in people.values():
        member_of(open_community, person)
    return people


@pytest.fixture
def thread(open_community, people):
    thread = services.start_thread(open_community, people["priya"], "Locality plans", "Ours took a week.")
    services.post_reply(thread, people["bruce"], "Ours took a year.")
    return thread


def posts_on(client, thread):
    """{post id: the post's text as the page shows it} for every post on the thread page."""
    soup = soup_of(client.get(thread.get_absolute_url()))
    return {int(article["data-post-id"]): text_of(article) for article in soup.select("article[data-post]")}


def test_every_field_of_a_post_as_a_viewer_sees_it_is_in_the_key():
    """A PostView field left out of the key would let two viewers share a rendering that differs between them."""
    fields = set(PostView.__dataclass_fields__) - {"post", "shown", "replies"}
    assert fields == set(VIEWER_FLAGS)


def test_a_new_reply_shows_at_once_to_a_member_who_read_the_thread(thread, people):
    ailsa = signed_in(people["ailsa"])
    assert len(posts_on(ailsa, thread)) == 2
    services.post_reply(thread, people["bruce"], "We used the guide on safe dialogue.")
    assert "We used the guide on safe dialogue." in " ".join(posts_on(ailsa, thread).values())


def test_an_edited_post_shows_its_new_words_at_once(thread, people):
    ailsa = signed_in(people["ailsa"])
    reply = thread.posts.order_by("pk").last()
    assert "Ours took a year." in posts_on(ailsa, thread)[reply.pk]
    services.edit_post(reply, people["bruce"], "Ours took a year and a half.")
    assert "Ours took a year and a half." in posts_on(ailsa, thread)[reply.pk]


def test_a_hidden_post_leaves_every_reader_at_once_and_stays_with_its_author_and_the_moderators(thread, people):
    reply = thread.posts.order_by("pk").last()
    morag = signed_in(site_moderator(username="morag"))
    ailsa, bruce = signed_in(people["ailsa"]), signed_in(people["bruce"])
    for client in (morag, ailsa, bruce):
        assert "Ours took a year." in posts_on(client, thread)[reply.pk]
    moderation.hide_post(reply, UserFactory(username="mod", is_superuser=True), "Names a family")
    assert reply.pk not in posts_on(ailsa, thread)
    assert "Hidden by a moderator: Names a family" in posts_on(bruce, thread)[reply.pk]
    assert "Hidden by a moderator: Names a family" in posts_on(morag, thread)[reply.pk]
    assert reply.pk not in posts_on(ailsa, thread)  # a moderator's rendering never reaches a member


def test_a_member_removed_from_a_private_community_stops_reading_its_thread_at_once(people):
    private = CommunityFactory(name="Board members", slug="board-members", visibility="private")
    for person in people.values():
        member_of(private, person)
    secret = services.start_thread(private, people["priya"], "Budget cuts", "The board meets on Friday.")
    ailsa = signed_in(people["ailsa"])
    assert "The board meets on Friday." in " ".join(posts_on(ailsa, secret).values())
    Membership.objects.filter(community=private, user=people["ailsa"]).delete()
    response = ailsa.get(secret.get_absolute_url())
    assert response.status_code == 403
    assert "The board meets on Friday." not in response.content.decode()


def test_a_community_made_private_closes_its_threads_to_non_members_at_once(open_community, thread, people):
    outsider = signed_in(UserFactory(username="outsider"))
    assert "Ours took a week." in " ".join(posts_on(outsider, thread).values())
    open_community.visibility = "private"
    open_community.save()
    response = outsider.get(thread.get_absolute_url())
    assert response.status_code == 403
    assert "Ours took a week." not in response.content.decode()
    assert "Ours took a week." in " ".join(posts_on(signed_in(people["ailsa"]), thread).values())


def test_a_private_communitys_thread_kept_for_its_member_never_reaches_a_member_of_another(people):
    """Two members of different communities: the private thread read (and kept) for one is the other's 403."""
    private = CommunityFactory(name="Board members", slug="board-members", visibility="private")
    other = CommunityFactory(name="Youth work", slug="youth-work", visibility="private")
    member_of(private, people["priya"])
    member_of(other, people["ailsa"])
    secret = services.start_thread(private, people["priya"], "Budget cuts", "The board meets on Friday.")
    assert "The board meets on Friday." in " ".join(posts_on(signed_in(people["priya"]), secret).values())
    response = signed_in(people["ailsa"]).get(secret.get_absolute_url())
    assert response.status_code == 403
    assert "The board meets on Friday." not in response.content.decode()
    assert "Budget cuts" not in response.content.decode()


def test_a_members_own_controls_are_theirs_alone(thread, people):
    reply = thread.posts.order_by("pk").last()
    bruce, ailsa = signed_in(people["bruce"]), signed_in(people["ailsa"])
    bruce_sees = soup_of(bruce.get(thread.get_absolute_url())).find(id=f"post-{reply.pk}")
    assert bruce_sees.find(attrs={"data-edit-link": True})  # his own reply, just written
    ailsa_sees = soup_of(ailsa.get(thread.get_absolute_url())).find(id=f"post-{reply.pk}")
    assert ailsa_sees.find(attrs={"data-edit-link": True}) is None
    assert ailsa_sees.find(attrs={"data-helpful-form": True})  # she may mark it helpful; he may not
    assert bruce_sees.find(attrs={"data-helpful-form": True}) is None


def test_new_since_your_last_visit_is_each_members_own(thread, people):
    ailsa, bruce = signed_in(people["ailsa"]), signed_in(people["bruce"])
    ailsa.get(thread.get_absolute_url())
    bruce.get(thread.get_absolute_url())
    ThreadVisit.objects.update(seen=timezone.now() - timedelta(minutes=1))  # both read it a minute ago
    later = services.post_reply(thread, people["priya"], "A third view.")
    assert "New since your last visit" in posts_on(ailsa, thread)[later.pk]
    assert "New since your last visit" not in posts_on(ailsa, thread)[later.pk]  # read now
    assert "New since your last visit" in posts_on(bruce, thread)[later.pk]


def test_forms_on_a_kept_rendering_carry_the_readers_own_csrf_token(thread, people):
    """Ailsa's page may be the one kept for Bruce's audience; her Helpful button still posts with her token."""
    opening = thread.posts.order_by("pk").first()
    signed_in(people["bruce"]).get(thread.get_absolute_url())
    ailsa = signed_in(people["ailsa"], csrf=True)
    soup = soup_of(ailsa.get(thread.get_absolute_url()))
    form = soup.find(id=f"post-{opening.pk}").find("form", attrs={"data-helpful-form": True})
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = ailsa.post(form["action"], {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert opening.reactions.filter(user=people["ailsa"]).exists()
    button = soup_of(ailsa.get(thread.get_absolute_url())).find(id=f"post-{opening.pk}").find("button")
    assert button["aria-pressed"] == "true"


def test_a_member_coming_back_to_a_thread_reads_none_of_its_posts(thread, people):
    """Kept as they last saw it (forums.discussion.PostsAsSeen): only the few facts that could differ are read."""
    ailsa = signed_in(people["ailsa"])
    posts_on(ailsa, thread)
    with CaptureQueriesContext(connection) as captured:
        assert "Ours took a year." in " ".join(posts_on(ailsa, thread).values())
    assert not [query["sql"] for query in captured if '"forums_post"."body_html"' in query["sql"]]


def test_a_changed_name_shows_at_once_on_every_kept_thread(thread, people):
    ailsa = signed_in(people["ailsa"])
    reply = thread.posts.order_by("pk").last()
    assert "Bruce" in posts_on(ailsa, thread)[reply.pk]
    account_services.update_profile(people["bruce"], {"display_name": "Bruce the youth worker"})
    assert "Bruce the youth worker" in posts_on(ailsa, thread)[reply.pk]


def test_the_edit_control_leaves_a_kept_post_when_its_edit_window_closes(thread, people, monkeypatch):
    reply = thread.posts.order_by("pk").last()
    bruce = signed_in(people["bruce"])

    def edit_link():
        post = soup_of(bruce.get(thread.get_absolute_url())).find(id=f"post-{reply.pk}")
        return post.find(attrs={"data-edit-link": True})

    assert edit_link()
    later = timezone.now() + timedelta(minutes=31)  # half an hour on, with nothing said in the thread
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert edit_link() is None


def test_a_members_report_shows_as_reported_at_once(thread, people):
    reply = thread.posts.order_by("pk").last()
    ailsa = signed_in(people["ailsa"])
    assert "Reported" not in posts_on(ailsa, thread)[reply.pk]
    moderation.flag_post(reply, people["ailsa"], "spam")
    assert "Reported" in posts_on(ailsa, thread)[reply.pk]
    assert "Reported" not in posts_on(signed_in(people["priya"]), thread)[reply.pk]


def test_joining_the_community_offers_reply_at_once_on_a_kept_thread(thread, people):
    newcomer = UserFactory(username="newcomer")
    client = signed_in(newcomer)
    reply = thread.posts.order_by("pk").last()

    def controls():
        return soup_of(client.get(thread.get_absolute_url())).find(id=f"post-{reply.pk}")

    assert soup_of(client.get(thread.get_absolute_url())).find(id="post-body") is None
    services.join(thread.community, newcomer)
    assert soup_of(client.get(thread.get_absolute_url())).find(id="post-body") is not None
    assert controls().find(attrs={"data-helpful-form": True})


# --- What the page asks about its reader is kept too (forums/thread_reader.py) and goes stale as exactly ---------
def test_a_helpful_mark_shows_at_once_to_the_member_who_gave_it_and_to_every_other_reader(thread, people):
    reply = thread.posts.order_by("pk").last()
    ailsa, priya = signed_in(people["ailsa"]), signed_in(people["priya"])

    def helpful(client):
        article = soup_of(client.get(thread.get_absolute_url())).find(id=f"post-{reply.pk}")
        return article.find(attrs={"data-helpful-count": True}).get_text(), article.find("button")["aria-pressed"]

    assert helpful(ailsa) == ("0", "false")
    assert helpful(priya) == ("0", "false")
    services.toggle_helpful(reply, people["priya"])
    assert helpful(priya) == ("1", "true")
    assert helpful(ailsa) == ("1", "false")


def test_following_a_thread_shows_at_once_on_its_kept_page(thread, people):
    ailsa = signed_in(people["ailsa"])

    def follow_button():
        return soup_of(ailsa.get(thread.get_absolute_url())).find("form", attrs={"data-follow-form": True}).button

    assert follow_button().get_text() == "Follow"
    services.set_following(thread, people["ailsa"], True)
    assert follow_button().get_text() == "Unfollow"
    services.set_following(thread, people["ailsa"], False)
    assert follow_button().get_text() == "Follow"


def test_a_suspension_takes_the_reply_forms_away_at_once_and_they_come_back_when_it_runs_out(
    thread, people, monkeypatch
):
    ailsa = signed_in(people["ailsa"])

    def reply_form():
        return soup_of(ailsa.get(thread.get_absolute_url())).find(id="post-body")

    assert reply_form() is not None
    moderation.suspend(people["ailsa"], UserFactory(username="mod", is_superuser=True), "Cooling off", days=1)
    assert reply_form() is None
    assert "suspended" in text_of(soup_of(ailsa.get(thread.get_absolute_url())).find(id="discussion"))
    later = timezone.now() + timedelta(days=1, minutes=1)  # it ran out: no one lifted it, nothing was bumped
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert reply_form() is not None


def test_a_moderator_sees_hidden_posts_and_the_tools_that_a_member_reading_beside_them_does_not(thread, people):
    reply = thread.posts.order_by("pk").last()
    moderation.hide_post(reply, UserFactory(username="mod", is_superuser=True), "Names a family")
    morag, ailsa = signed_in(site_moderator(username="morag")), signed_in(people["ailsa"])
    for _ in range(2):  # read, then read again from what was kept
        moderator_sees = soup_of(morag.get(thread.get_absolute_url()))
        member_sees = soup_of(ailsa.get(thread.get_absolute_url()))
        assert "Hidden by a moderator: Names a family" in text_of(moderator_sees.find(id=f"post-{reply.pk}"))
        assert moderator_sees.find("form", attrs={"data-flags-form": True}) is not None
        assert member_sees.find(id=f"post-{reply.pk}") is None
        assert member_sees.find("form", attrs={"data-flags-form": True}) is None


def test_a_member_made_facilitator_gets_the_tools_at_once(open_community, thread, people):
    ailsa = signed_in(people["ailsa"])

    def tools():
        return soup_of(ailsa.get(thread.get_absolute_url())).find("form", attrs={"data-flags-form": True})

    assert tools() is None
    member_of(open_community, people["ailsa"], role="facilitator")
    assert tools() is not None


def test_a_member_let_into_a_private_community_reads_its_thread_at_once(people):
    private = CommunityFactory(name="Board members", slug="board-members", visibility="private")
    member_of(private, people["priya"])
    secret = services.start_thread(private, people["priya"], "Budget cuts", "The board meets on Friday.")
    ailsa = signed_in(people["ailsa"])
    assert ailsa.get(secret.get_absolute_url()).status_code == 403
    member_of(private, people["ailsa"])
    assert "The board meets on Friday." in " ".join(posts_on(ailsa, secret).values())


def test_a_member_coming_back_asks_the_database_only_for_their_session_their_visit_and_save(thread, people):
    ailsa = signed_in(people["ailsa"])
    posts_on(ailsa, thread)
    with CaptureQueriesContext(connection) as captured:
        assert "Ours took a year." in " ".join(posts_on(ailsa, thread).values())
    tables = [query["sql"].split(" FROM ")[-1].split()[0].strip('"') for query in captured if "FROM" in query["sql"]]
    updates = [query["sql"] for query in captured if query["sql"].startswith("UPDATE")]
    assert sorted(tables) == sorted(["django_session", "auth_user", "forums_threadvisit", "learning_bookmark"]), [
        query["sql"] for query in captured
    ]
    assert len(updates) == 1  # the visit, for "new since your last visit"
    assert "forums_threadvisit" in updates[0]


def test_locking_a_kept_thread_takes_the_reply_forms_away_at_once(thread, people):
    ailsa = signed_in(people["ailsa"])
    assert soup_of(ailsa.get(thread.get_absolute_url())).find(id="post-body") is not None
    services.set_thread_flags(thread, site_moderator(username="morag"), locked=True)
    soup = soup_of(ailsa.get(thread.get_absolute_url()))
    assert soup.find(id="post-body") is None
    assert "This thread is locked: no new replies." in text_of(soup.find(id="discussion"))


def test_a_renamed_community_shows_its_new_name_at_once_on_a_kept_thread(open_community, thread, people):
    ailsa = signed_in(people["ailsa"])
    assert "Discussion in Community planning" in text_of(soup_of(ailsa.get(thread.get_absolute_url())))
    open_community.name = "Locality planning"
    open_community.save()
    assert "Discussion in Locality planning" in text_of(soup_of(ailsa.get(thread.get_absolute_url())))
