"""The discussion pages, told as stories about members: communities, threads, and comments under pages.

Everything here works without JavaScript (plain forms that redirect back); the page scripts post
through the JSON API instead (tests/forums/test_api.py), which keeps the same rules.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from forums import services
from forums.models import Membership, Post, Thread, ThreadFollow
from tests.factories import CaseStudyFactory, CommunityFactory, GuideFactory, PathwayFactory, UserFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya():
    return UserFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def fraser():
    return UserFactory(username="fraser", first_name="Fraser", last_name="Frontline")


@pytest.fixture
def fiona():
    return UserFactory(username="fiona", first_name="Fiona", last_name="Facilitator")


@pytest.fixture
def communities(fiona):
    """One of each kind, with Fiona facilitating all three."""
    open_one = CommunityFactory(name="Community planning practitioners", slug="planning", visibility="open")
    restricted = CommunityFactory(name="Self-directed support practice", slug="sds", visibility="restricted")
    private = CommunityFactory(name="Frontline voices", slug="frontline", visibility="private")
    for community in (open_one, restricted, private):
        member_of(community, fiona, role="facilitator")
    return open_one, restricted, private


def thread_in(community, author, title="Starting a CAR group", body="Where do we **start**?"):
    if not community.is_member(author):
        member_of(community, author)
    return services.start_thread(community, author, title, body, ["car"])


# --- the list of communities -------------------------------------------------------------------------
def test_the_list_shows_open_and_restricted_communities_but_private_ones_only_to_members(client, communities, fraser):
    open_one, restricted, private = communities
    names = text_of(soup_of(client.get("/communities/")).find("main"))
    assert open_one.name in names
    assert restricted.name in names
    assert private.name not in names

    member_of(private, fraser)
    names = text_of(soup_of(signed_in(fraser).get("/communities/")).find("main"))
    assert private.name in names


def test_the_list_offers_join_for_open_and_ask_for_restricted_with_member_counts(communities, priya):
    open_one, restricted, _ = communities
    main = soup_of(signed_in(priya).get("/communities/")).find("main")
    items = {text_of(item.find("h2")): item for item in main.select(".cop-community-list__item")}
    assert text_of(items[open_one.name].find("button")) == f"Join {open_one.name}"
    assert items[restricted.name].find("a", href=f"/communities/{restricted.slug}/#join")
    assert "Members 1" in text_of(items[open_one.name])


# --- a community's page ------------------------------------------------------------------------------
def test_a_private_community_and_its_threads_show_outsiders_nothing_of_themselves(client, communities, fiona, priya):
    """They say only that they are private (tests/forums/test_private_links.py); a missing one stays a 404."""
    _, _, private = communities
    thread = thread_in(private, fiona, title="Night shift handovers")
    for viewer in (client, signed_in(priya)):
        response = viewer.get(private.get_absolute_url())
        assert response.status_code == 403
        assert viewer.get("/communities/no-such-community/").status_code == 404
        assert viewer.get(thread.get_absolute_url()).status_code == 403
        assert b"Night shift" not in viewer.get(thread.get_absolute_url()).content
        assert b"Frontline voices" not in response.content


def test_a_restricted_community_tells_visitors_what_it_is_and_how_to_ask_without_showing_threads(
    client, communities, fiona
):
    _, restricted, _ = communities
    restricted.about = "For **SDS** practitioners."
    restricted.save()
    thread_in(restricted, fiona, title="Budget conversations")
    main = soup_of(client.get(restricted.get_absolute_url())).find("main")
    assert "Budget conversations" not in text_of(main)
    assert main.find("strong", string="SDS")
    assert main.find(id="join")
    sign_in = main.find("a", string="Sign in to ask to join")
    assert sign_in["href"].startswith("/accounts/login/?next=/communities/sds/")


def test_asking_to_join_a_restricted_community_and_a_facilitator_approving(communities, priya, fiona):
    _, restricted, _ = communities
    priya_client = signed_in(priya)
    form = soup_of(priya_client.get(restricted.get_absolute_url())).find("form", attrs={"data-join-form": True})
    assert form.find("textarea", attrs={"name": "message"})

    response = priya_client.post(form["action"], {"message": "I run SDS reviews in Fife."})
    assert response.status_code == 302
    membership = Membership.objects.get(community=restricted, user=priya)
    assert membership.status == Membership.Status.PENDING

    fiona_client = signed_in(fiona)
    requests = soup_of(fiona_client.get(restricted.get_absolute_url())).select(".cop-request-list__item")
    assert "I run SDS reviews in Fife." in text_of(requests[0])
    action = requests[0].find("form")["action"]

    refused = priya_client.post(action, {"decision": "approve"})
    assert refused.status_code == 403
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.PENDING

    assert fiona_client.post(action, {"decision": "approve"}).status_code == 302
    assert restricted.is_member(priya)
    assert "Threads" in text_of(soup_of(priya_client.get(restricted.get_absolute_url())).find("main"))


def test_a_declined_request_can_be_asked_again(communities, priya, fiona):
    _, restricted, _ = communities
    membership = services.join(restricted, priya)
    signed_in(fiona).post(
        reverse("forums:decide_request", args=[restricted.slug, membership.pk]), {"decision": "decline"}
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    main = soup_of(signed_in(priya).get(restricted.get_absolute_url())).find("main")
    assert "declined" in text_of(main)
    assert main.find("form", attrs={"data-join-form": True})


def test_joining_an_open_community_at_once_and_visitors_are_sent_to_sign_in(client, communities, priya):
    open_one, _, _ = communities
    response = client.post(reverse("forums:join", args=[open_one.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert signed_in(priya).post(reverse("forums:join", args=[open_one.slug])).status_code == 302
    assert open_one.is_member(priya)


def test_a_facilitator_invites_a_member_to_a_private_community_who_then_accepts(communities, fiona, priya, fraser):
    _, _, private = communities
    url = reverse("forums:invite", args=[private.slug])

    unknown = signed_in(fiona).post(url, {"username": "nobody-here"})
    assert "No member has the username" in text_of(soup_of(unknown, 400).find(class_="ds_error-summary"))
    assert soup_of(unknown, 400).find("input", id="invite-username")["value"] == "nobody-here"

    assert signed_in(fraser).post(url, {"username": "priya"}).status_code == 404  # not even seen by outsiders
    assert signed_in(fiona).post(url, {"username": "priya"}).status_code == 302
    assert Membership.objects.get(community=private, user=priya).status == Membership.Status.INVITED

    priya_client = signed_in(priya)
    assert private.name in text_of(soup_of(priya_client.get("/communities/")).find("main"))
    page = soup_of(priya_client.get(private.get_absolute_url()))
    accept = page.find("form", attrs={"data-join-form": True})
    assert priya_client.post(accept["action"]).status_code == 302
    assert private.is_member(priya)


def test_members_see_threads_pinned_first_with_members_roles_resources_and_a_rooms_section(communities, fiona, priya):
    open_one, _, _ = communities
    guide = GuideFactory(title="Running a safe dialogue")
    draft = GuideFactory(title="Draft guide", live=False)
    open_one.resources.add(guide, draft)
    older = thread_in(open_one, priya, title="Older thread")
    pinned = thread_in(open_one, fiona, title="Welcome: read this first")
    thread_in(open_one, priya, title="Newest thread")
    services.set_thread_flags(pinned, fiona, pinned=True)
    Thread.objects.filter(pk=older.pk).update(last_activity=older.last_activity - timedelta(days=3))

    soup = soup_of(signed_in(priya).get(open_one.get_absolute_url()))
    titles = [text_of(h) for h in soup.select(".cop-thread-list__title")]
    assert titles == ["Welcome: read this first", "Newest thread", "Older thread"]
    members = text_of(soup.find(class_="cop-member-list"))
    assert "Fiona Facilitator Facilitator" in members
    assert "Priya Practitioner" in members
    resources = text_of(soup.find(id="resources-heading").parent)
    assert "Running a safe dialogue" in resources
    assert "Draft guide" not in resources
    assert soup.find(id="rooms")


def test_threads_are_paginated(communities, priya):
    open_one, _, _ = communities
    member_of(open_one, priya)
    for n in range(22):
        Thread.objects.create(community=open_one, title=f"Thread {n}", author=priya)
    client = signed_in(priya)
    assert len(soup_of(client.get(open_one.get_absolute_url())).select(".cop-thread-list__item")) == 20
    assert len(soup_of(client.get(open_one.get_absolute_url() + "?page=2")).select(".cop-thread-list__item")) == 2
    assert client.get(open_one.get_absolute_url() + "?page=abc").status_code == 200


def test_a_thread_with_activity_since_the_members_last_visit_is_marked_new(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya, title="What counts as evidence?")
    fraser_client = signed_in(fraser)
    fraser_client.get(thread.get_absolute_url())
    page = soup_of(fraser_client.get(open_one.get_absolute_url()))
    assert not page.select(".cop-thread-list__item--new")

    services.post_reply(thread, priya, "Adding a thought.")
    page = soup_of(fraser_client.get(open_one.get_absolute_url()))
    marked = page.select(".cop-thread-list__item--new")
    assert [text_of(item.find("h3")) for item in marked] == ["What counts as evidence?"]
    assert "New since your last visit" in text_of(marked[0])


# --- starting a thread -------------------------------------------------------------------------------
def test_a_member_starts_a_thread_with_tags_and_sees_it(communities, priya):
    open_one, _, _ = communities
    member_of(open_one, priya)
    client = signed_in(priya)
    form = soup_of(client.get(reverse("forums:new_thread", args=[open_one.slug]))).find(
        "form", attrs={"data-thread-form": True}
    )
    assert "**bold**" in text_of(form)  # the Markdown help
    response = client.post(
        form["action"], {"title": "Locality plans", "body": "How do you *start*?", "tags": "planning, rural"}
    )
    thread = Thread.objects.get(title="Locality plans")
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert sorted(thread.tags.names()) == ["planning", "rural"]
    soup = soup_of(client.get(thread.get_absolute_url()))
    assert text_of(soup.find("h1")) == "Locality plans"
    assert soup.find(class_="cop-thread__opening").find("em", string="start")


def test_a_thread_without_a_title_is_refused_keeping_what_was_typed(communities, priya):
    open_one, _, _ = communities
    member_of(open_one, priya)
    response = signed_in(priya).post(reverse("forums:new_thread", args=[open_one.slug]), {"title": " ", "body": "Kept"})
    soup = soup_of(response, 400)
    assert "Give the thread a title." in text_of(soup.find(class_="ds_error-summary"))
    assert soup.find("textarea", id="thread-body").string == "Kept"
    assert not Thread.objects.exists()


def test_non_members_are_told_to_join_before_starting_a_thread(communities, priya):
    open_one, _, _ = communities
    soup = soup_of(signed_in(priya).get(reverse("forums:new_thread", args=[open_one.slug])))
    assert "Join Community planning practitioners to post here." in text_of(soup.find("main"))
    assert not soup.find("form", attrs={"data-thread-form": True})


# --- a thread's page ---------------------------------------------------------------------------------
def test_replies_are_one_level_and_show_author_level_and_edited_marker(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    answer = services.post_reply(thread, fraser, "Start with the frontline.")
    client = signed_in(fraser)
    article = soup_of(client.get(thread.get_absolute_url())).find(id=f"post-{answer.pk}")
    reply_form = article.find("form", attrs={"data-post-form": True})
    response = signed_in(priya).post(reply_form["action"], {"body": "Thanks, **agreed**.", "parent": answer.pk})
    reply = Post.objects.get(body_source="Thanks, **agreed**.")
    assert reply.parent == answer
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{reply.pk}"

    services.edit_post(reply, priya, "Thanks, **agreed** entirely.")
    soup = soup_of(client.get(thread.get_absolute_url()))
    shown = soup.find(id=f"post-{answer.pk}").find(id=f"post-{reply.pk}")
    assert "Priya Practitioner" in text_of(shown.find(class_="cop-post__meta"))
    assert shown.find(attrs={"data-post-edited": True})
    assert not shown.find("details", class_="cop-reply")  # replies take no replies of their own


def test_the_author_edits_within_30_minutes_and_deletes_without_javascript(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    post = services.post_reply(thread, fraser, "First thoughts")
    client = signed_in(fraser)
    article = soup_of(client.get(thread.get_absolute_url())).find(id=f"post-{post.pk}")
    edit_url = article.find("a", attrs={"data-edit-link": True})["href"]
    delete_url = article.find("a", attrs={"data-delete-link": True})["href"]
    assert (
        not soup_of(signed_in(priya).get(thread.get_absolute_url()))
        .find(id=f"post-{post.pk}")
        .find("a", attrs={"data-edit-link": True})
    )

    form = soup_of(client.get(edit_url)).find("form", attrs={"data-edit-form": True})
    assert form.find("textarea").string == "First thoughts"
    assert (
        client.post(edit_url, {"body": "Second thoughts"})["Location"] == f"{thread.get_absolute_url()}#post-{post.pk}"
    )
    post.refresh_from_db()
    assert post.body_source == "Second thoughts"
    assert post.edited

    assert signed_in(priya).post(edit_url, {"body": "Hijacked"}).status_code == 403
    Post.objects.filter(pk=post.pk).update(created=post.created - timedelta(minutes=31))
    late = client.post(edit_url, {"body": "Too late"})
    assert "30 minutes" in text_of(soup_of(late, 403).find(class_="ds_error-summary"))

    assert "Delete your post?" in text_of(soup_of(client.get(delete_url)).find("h1"))
    assert signed_in(priya).post(delete_url).status_code == 403
    assert client.post(delete_url)["Location"] == thread.get_absolute_url()
    assert not Post.objects.filter(pk=post.pk).exists()


def test_a_deleted_post_with_replies_leaves_a_removed_placeholder(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    post = services.post_reply(thread, fraser, "Something I regret")
    services.post_reply(thread, priya, "A reply", parent=post)
    signed_in(fraser).post(reverse("forums:delete_post", args=[post.pk]))
    article = soup_of(Client().get(thread.get_absolute_url())).find(id=f"post-{post.pk}")
    assert text_of(article.find(class_="cop-post__placeholder")) == "This post was removed."
    assert "Something I regret" not in text_of(article)
    assert "A reply" in text_of(article)


def test_helpful_counts_and_the_button_toggles(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    post = services.post_reply(thread, fraser, "Useful advice")
    client = signed_in(priya)
    form = (
        soup_of(client.get(thread.get_absolute_url()))
        .find(id=f"post-{post.pk}")
        .find("form", attrs={"data-helpful-form": True})
    )
    assert client.post(form["action"])["Location"] == f"{thread.get_absolute_url()}#post-{post.pk}"
    button = soup_of(client.get(thread.get_absolute_url())).find(id=f"post-{post.pk}").find("button")
    assert button["aria-pressed"] == "true"
    assert text_of(button.find(attrs={"data-helpful-count": True})) == "1"
    anonymous = soup_of(Client().get(thread.get_absolute_url())).find(id=f"post-{post.pk}")
    assert "1 found this helpful" in text_of(anonymous)
    assert not anonymous.find("form")

    own = signed_in(fraser).post(form["action"])
    assert "own post" in text_of(soup_of(own, 400).find(class_="ds_error-summary"))
    by_script = client.post(reverse("api-v1:helpful", kwargs={"post_id": post.pk}))  # what live-thread.js sends
    assert by_script.json() == {"post_id": post.pk, "counts": {"helpful": 0}, "found_helpful": False}


def test_facilitators_pin_and_lock_and_a_locked_thread_refuses_replies(communities, fiona, priya):
    open_one, _, _ = communities
    thread = thread_in(open_one, priya)
    flags = reverse("forums:thread_flags", args=[open_one.slug, thread.pk])
    assert not soup_of(signed_in(priya).get(thread.get_absolute_url())).find("form", attrs={"data-flags-form": True})
    assert signed_in(priya).post(flags, {"locked": "1"}).status_code == 403

    fiona_client = signed_in(fiona)
    assert fiona_client.post(flags, {"pinned": "1"}).status_code == 302
    assert fiona_client.post(flags, {"locked": "1"}).status_code == 302
    thread.refresh_from_db()
    assert thread.pinned
    assert thread.locked
    assert fiona_client.post(flags, {}).status_code == 400

    soup = soup_of(signed_in(priya).get(thread.get_absolute_url()))
    assert "This thread is locked: no new replies." in text_of(soup.find("main"))
    assert not soup.find("form", attrs={"data-post-form": True})
    refused = signed_in(priya).post(reverse("forums:reply", args=[thread.pk]), {"body": "Still here"})
    assert "This thread is locked" in text_of(soup_of(refused, 403).find(class_="ds_error-summary"))
    assert thread.posts.count() == 1


def test_following_and_unfollowing_a_thread(communities, fiona, priya):
    open_one, _, _ = communities
    thread = thread_in(open_one, fiona)
    client = signed_in(priya)
    form = soup_of(client.get(thread.get_absolute_url())).find("form", attrs={"data-follow-form": True})
    assert text_of(form.find("button")) == "Follow"
    client.post(form["action"], {"following": "1"})
    assert ThreadFollow.objects.filter(thread=thread, user=priya).exists()
    form = soup_of(client.get(thread.get_absolute_url())).find("form", attrs={"data-follow-form": True})
    assert text_of(form.find("button")) == "Unfollow"
    client.post(form["action"], {"following": "0"})
    assert not ThreadFollow.objects.filter(thread=thread, user=priya).exists()
    assert Client().post(form["action"], {"following": "1"})["Location"].startswith("/accounts/login/")


def test_the_thread_author_marks_the_most_helpful_answer_shown_at_the_top(communities, priya, fraser, fiona):
    open_one, _, _ = communities
    for member in (fraser, fiona):
        member_of(open_one, member)
    thread = thread_in(open_one, priya)
    services.post_reply(thread, fiona, "First answer")
    best = services.post_reply(thread, fraser, "The answer that helped")
    assert not soup_of(signed_in(fraser).get(thread.get_absolute_url())).find(attrs={"data-best-answer-form": True})

    client = signed_in(priya)
    form = (
        soup_of(client.get(thread.get_absolute_url()))
        .find(id=f"post-{best.pk}")
        .find("form", attrs={"data-best-answer-form": True})
    )
    assert signed_in(fraser).post(form["action"], {"post": best.pk}).status_code == 403
    client.post(form["action"], {"post": best.pk})
    thread.refresh_from_db()
    assert thread.best_post == best
    soup = soup_of(client.get(thread.get_absolute_url()))
    highlighted = soup.find(class_="cop-best-answer")
    assert "The answer that helped" in text_of(highlighted)
    assert highlighted.find_previous(class_="cop-thread__opening")  # after the question, before the replies
    assert soup.find(id=f"post-{best.pk}").find(string="Most helpful answer")


def test_posts_since_the_last_visit_are_marked_new(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    client = signed_in(fraser)
    soup_of(client.get(thread.get_absolute_url()))
    reply = services.post_reply(thread, priya, "Something new")
    soup = soup_of(client.get(thread.get_absolute_url()))
    assert soup.find(id=f"post-{reply.pk}").find(string="New since your last visit")
    assert "1 new since your last visit" in text_of(soup.find(class_="cop-discussion__new"))
    assert not soup_of(client.get(thread.get_absolute_url())).find(string="New since your last visit")


def test_a_hidden_post_is_shown_only_to_its_author_with_the_reason(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    post = services.post_reply(thread, fraser, "A name I should not have shared")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN, hidden_reason="confidential information")
    assert not soup_of(signed_in(priya).get(thread.get_absolute_url())).find(id=f"post-{post.pk}")
    article = soup_of(signed_in(fraser).get(thread.get_absolute_url())).find(id=f"post-{post.pk}")
    assert "Hidden by a moderator: confidential information" in text_of(article)


def test_a_restricted_threads_link_sends_non_members_to_the_community_page(communities, fiona, priya):
    _, restricted, _ = communities
    thread = thread_in(restricted, fiona)
    response = signed_in(priya).get(thread.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == restricted.get_absolute_url()
    assert signed_in(priya).post(reverse("forums:reply", args=[thread.pk]), {"body": "Hi"}).status_code == 404


# --- bad input -----------------------------------------------------------------------------------------
@pytest.fixture
def answered_thread(communities, priya, fraser):
    open_one, _, _ = communities
    member_of(open_one, fraser)
    thread = thread_in(open_one, priya)
    return thread, services.post_reply(thread, fraser, "An answer")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "   "}, "Write something before posting."),
        ({"body": "x" * 20_000}, "Keep it under 10,000 characters"),
        ({"body": "Hello", "parent": "999999"}, "You can only reply to a post in this thread."),
        ({"body": "Hello", "parent": "abc"}, "You can only reply to a post in this thread."),
        ({"body": "Hi", "parent": "99999999999999999999999"}, "You can only reply to a post in this thread."),
        ({"body": "Null \x00 byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_replies_get_a_clear_400_keep_the_text_and_save_nothing(answered_thread, priya, data, message):
    thread, _ = answered_thread
    before = Post.objects.count()
    response = signed_in(priya).post(reverse("forums:reply", args=[thread.pk]), data)
    soup = soup_of(response, 400)
    assert message in text_of(soup.find(class_="ds_error-summary"))
    assert Post.objects.count() == before


def test_a_refused_reply_keeps_the_text_in_its_own_reply_form(answered_thread, priya):
    thread, answer = answered_thread
    response = signed_in(priya).post(
        reverse("forums:reply", args=[thread.pk]), {"body": "x" * 20_000, "parent": str(answer.pk)}
    )
    soup = soup_of(response, 400)
    details = soup.find(id=f"post-{answer.pk}").find("details", class_="cop-reply")
    assert details.has_attr("open")
    assert details.find("textarea").string == "x" * 20_000
    assert soup.find(class_="ds_error-summary").find("a")["href"] == f"#reply-body-{answer.pk}"


def test_another_threads_post_cannot_be_the_parent(communities, answered_thread, priya):
    thread, _ = answered_thread
    other = thread_in(communities[0], priya, title="Another thread")
    foreign = other.posts.get()
    response = signed_in(priya).post(reverse("forums:reply", args=[thread.pk]), {"body": "Hi", "parent": foreign.pk})
    assert response.status_code == 400
    assert not Post.objects.filter(body_source="Hi").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/communities/planning/threads/abc/",
        "/communities/planning/threads/99999999999999999999999/",
        "/discussions/posts/99999999999999999999999/edit/",
        "/communities/../threads/1/",
    ],
)
def test_non_integer_or_huge_ids_are_404s_not_errors(client, communities, path):
    assert client.get(path).status_code == 404


def test_the_forms_answer_pages_only_and_the_scripts_are_pointed_at_the_api(answered_thread, priya):
    thread, answer = answered_thread
    client = signed_in(priya)
    asked_for_json = client.post(
        reverse("forums:reply", args=[thread.pk]),
        {"body": "By script", "parent": answer.pk},
        HTTP_ACCEPT="application/json",
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert asked_for_json.status_code == 302  # one JSON surface: /api/v1
    assert asked_for_json["Location"].startswith(thread.get_absolute_url())
    config = soup_of(client.get(thread.get_absolute_url())).find(id="live-thread-config")
    assert '"posts": "/api/v1/threads/{id}/posts"' in config.string
    assert '"helpful": "/api/v1/posts/{id}/helpful"' in config.string


def test_forms_need_the_csrf_token(answered_thread, priya):
    thread, _ = answered_thread
    client = Client(enforce_csrf_checks=True)
    client.force_login(priya)
    assert client.post(reverse("forums:reply", args=[thread.pk]), {"body": "Forged"}).status_code == 403
    assert not Post.objects.filter(body_source="Forged").exists()


# --- comments under pages ------------------------------------------------------------------------------
def test_visitors_see_comments_and_a_sign_in_link_that_comes_back(client, priya, fraser):
    case = CaseStudyFactory(title="Lochside redesign")
    thread = services.comment_thread_for(case)
    post = services.post_reply(thread, priya, "We tried this in *Fife* too.")
    services.post_reply(thread, fraser, "How did it go?", parent=post)
    section = soup_of(client.get(case.url)).find(id="comments")
    assert "Comments (2)" in text_of(section.find("h2"))
    comment = section.find(id=f"comment-{post.pk}")
    assert comment.find("em", string="Fife")
    assert "How did it go?" in text_of(comment.find(attrs={"data-replies": True}))
    link = section.find("a", string="Sign in to comment")
    assert link["href"] == f"/accounts/login/?next={case.url}%23comments"
    assert not section.find("form")


def test_a_member_comments_without_javascript_and_comes_back_to_the_new_comment(priya):
    case = CaseStudyFactory(title="Lochside redesign")
    assert not Thread.objects.filter(page=case).exists()  # made on the first comment
    client = signed_in(priya)
    form = soup_of(client.get(case.url)).find(id="comments").find("form", attrs={"data-post-form": True})
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    response = client.post(form["action"].split("#")[0], {"body": "This matches what we saw in **Dundee**."})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{case.url}#comment-{post.pk}"
    section = soup_of(client.get(case.url)).find(id="comments")
    assert section.find(id=f"comment-{post.pk}").find("strong", string="Dundee")
    assert section["data-thread-id"] == str(post.thread_id)


def test_a_refused_comment_shows_the_page_with_the_error_and_saves_nothing(priya):
    case = CaseStudyFactory(title="Lochside redesign")
    client = signed_in(priya)
    response = client.post(reverse("forums:comment", args=[case.pk]), {"body": "x" * 20_000})
    soup = soup_of(response, 400)
    assert text_of(soup.find("h1")) == "Lochside redesign"
    section = soup.find(id="comments")
    assert "Keep it under 10,000 characters" in text_of(section.find(class_="ds_error-summary"))
    assert section.find("textarea", id="post-body").string == "x" * 20_000
    assert not Post.objects.exists()


def test_visitors_cannot_comment(client):
    case = CaseStudyFactory()
    response = client.post(reverse("forums:comment", args=[case.pk]), {"body": "Anonymous"})
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_comments_reply_edit_delete_and_helpful_under_a_guide(priya, fraser):
    guide = GuideFactory(title="Running a safe dialogue")
    thread = services.comment_thread_for(guide)
    post = services.post_reply(thread, priya, "Ground rules first.")
    client = signed_in(fraser)
    comment = soup_of(client.get(guide.url)).find(id=f"comment-{post.pk}")
    reply_form = comment.find("details", class_="cop-reply").find("form")
    response = client.post(reply_form["action"], {"body": "Agreed.", "parent": post.pk})
    reply = Post.objects.get(body_source="Agreed.")
    assert response["Location"] == f"{guide.url}#comment-{reply.pk}"
    helpful = comment.find("form", attrs={"data-helpful-form": True})
    assert client.post(helpful["action"])["Location"] == f"{guide.url}#comment-{post.pk}"
    assert client.post(reverse("forums:edit_post", args=[reply.pk]), {"body": "Agreed!"}).status_code == 302
    assert client.post(reverse("forums:delete_post", args=[reply.pk]))["Location"] == f"{guide.url}#comments"
    assert list(thread.posts.all()) == [post]


def test_pathways_and_unpublished_pages_take_no_comments(priya):
    steps = [("step", {"page": CaseStudyFactory(), "why": "Why.", "reflection_prompt": "What?"}) for _ in range(2)]
    pathway = PathwayFactory(steps=steps)
    assert not soup_of(Client().get(pathway.url)).find(id="comments")
    draft = CaseStudyFactory(live=False)
    client = signed_in(priya)
    assert client.post(reverse("forums:comment", args=[pathway.pk]), {"body": "Hi"}).status_code == 404
    assert client.post(reverse("forums:comment", args=[draft.pk]), {"body": "Hi"}).status_code == 404
    assert client.post("/discussions/pages/99999999999999999999/comments/", {"body": "Hi"}).status_code == 404
    assert not Post.objects.exists()


def test_visitors_cached_page_shows_new_comments_reactions_and_deletions_at_once(client, settings, priya, fraser):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "forums"}}
    settings.COP_PAGE_CACHE_SECONDS = 300
    case = CaseStudyFactory(title="Lochside redesign")
    client.get(case.url)
    assert client.get(case.url)["X-Cache"] == "hit"

    thread = services.comment_thread_for(case)
    post = services.post_reply(thread, priya, "A fresh comment")
    response = client.get(case.url)
    assert response["X-Cache"] == "miss"
    assert b"A fresh comment" in response.content

    services.toggle_helpful(post, fraser)
    assert "1 found this helpful" in text_of(soup_of(client.get(case.url)).find(id=f"comment-{post.pk}"))
    services.delete_post(post, priya)
    assert b"A fresh comment" not in client.get(case.url).content


def test_threads_and_posts_a_member_cannot_see_are_404s_to_forms_and_scripts(communities, fiona, priya):
    _, _, private = communities
    thread = thread_in(private, fiona)
    post = thread.posts.get()
    client = signed_in(priya)
    for path in (
        reverse("forums:reply", args=[thread.pk]),
        reverse("forums:helpful", args=[post.pk]),
        reverse("forums:edit_post", args=[post.pk]),
        reverse("forums:join", args=[private.slug]),
    ):
        assert client.post(path, {"body": "Hi"}).status_code == 404, path
    for path in (
        reverse("api-v1:create_post", kwargs={"thread_id": thread.pk}),
        reverse("api-v1:helpful", kwargs={"post_id": post.pk}),
    ):
        response = client.post(path, {"body": "Hi"}, content_type="application/json")
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    assert client.post(reverse("forums:reply", args=[thread.pk]), {"body": "Hi"}).status_code == 404
