"""The discussion API (/api/v1/threads/<id>/posts, /api/v1/posts/<id>): the pages' rules, in JSON."""

import json

import pytest

from forums import services
from forums.models import Post, Thread
from tests.factories import CaseStudyFactory, CommunityFactory, UserFactory, member_of
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya():
    return UserFactory(username="priya", first_name="Priya", last_name="Practitioner")


@pytest.fixture
def fraser():
    return UserFactory(username="fraser", first_name="Fraser", last_name="Frontline")


@pytest.fixture
def thread(priya, fraser):
    community = CommunityFactory(slug="planning", visibility="open")
    for member in (priya, fraser):
        member_of(community, member)
    return services.start_thread(community, priya, "Locality plans", "How do you **start**?")


def send(client, method, path, data=None, **extra):
    body = data if isinstance(data, str | bytes) else json.dumps(data) if data is not None else ""
    return getattr(client, method)(path, body, content_type="application/json", **extra)


def test_anyone_reads_an_open_threads_posts_with_replies_after_their_post(client, thread, fraser, priya):
    opening = thread.posts.get()
    reply = services.post_reply(thread, fraser, "With the frontline.", parent=opening)
    services.toggle_helpful(reply, priya)
    response = client.get(f"/api/v1/threads/{thread.pk}/posts")
    assert response.status_code == 200
    data = response.json()
    assert data["thread"] == {
        "id": thread.pk,
        "title": "Locality plans",
        "url": thread.get_absolute_url(),
        "locked": False,
        "pinned": False,
        "best_post_id": None,
        "reply_count": 1,
    }
    assert [(p["id"], p["parent_id"], p["helpful"]) for p in data["posts"]] == [
        (opening.pk, None, 0),
        (reply.pk, opening.pk, 1),
    ]
    assert data["posts"][0]["body_html"] == "<p>How do you <strong>start</strong>?</p>\n"
    author = data["posts"][1]["author"]
    assert (author["id"], author["name"]) == (fraser.pk, "Fraser Frontline")
    assert data["last_event_id"] > 0


def test_private_and_restricted_threads_are_404_to_outsiders_like_missing_ones(client, fraser):
    outsider = UserFactory(username="outsider")
    for visibility in ("private", "restricted"):
        community = CommunityFactory(visibility=visibility)
        member_of(community, fraser)
        hidden = services.start_thread(community, fraser, "Members only", "Secret")
        post = hidden.posts.get()
        for viewer in (client, signed_in(outsider)):
            response = viewer.get(f"/api/v1/threads/{hidden.pk}/posts")
            assert response.status_code == 404
            assert response.json() == viewer.get("/api/v1/threads/999999/posts").json()
            assert b"Secret" not in response.content
            assert send(viewer, "post", f"/api/v1/threads/{hidden.pk}/posts", {"body": "Hi"}).status_code == 404
            assert send(viewer, "patch", f"/api/v1/posts/{post.pk}", {"body": "Hi"}).status_code == 404
            assert viewer.delete(f"/api/v1/posts/{post.pk}").status_code == 404
            assert viewer.post(f"/api/v1/posts/{post.pk}/helpful").status_code == 404
        assert signed_in(fraser).get(f"/api/v1/threads/{hidden.pk}/posts").status_code == 200
    assert Post.objects.filter(body_source="Hi").count() == 0


def test_members_post_and_reply(thread, fraser):
    opening = thread.posts.get()
    client = signed_in(fraser)
    response = send(
        client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "A *reply*", "parent_id": opening.pk}
    )
    assert response.status_code == 201
    post = response.json()["post"]
    assert (post["parent_id"], post["body_html"], post["status"]) == (
        opening.pk,
        "<p>A <em>reply</em></p>\n",
        "visible",
    )
    assert Post.objects.get(pk=post["id"]).author == fraser


def test_comment_threads_under_pages_work_the_same(client, priya):
    case = CaseStudyFactory()
    thread = services.comment_thread_for(case)
    response = send(signed_in(priya), "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Great case study."})
    assert response.status_code == 201
    assert [p["body_html"] for p in client.get(f"/api/v1/threads/{thread.pk}/posts").json()["posts"]] == [
        "<p>Great case study.</p>\n"
    ]
    case.unpublish()
    assert client.get(f"/api/v1/threads/{thread.pk}/posts").status_code == 404


def test_visitors_and_non_members_are_refused_with_a_reason(client, thread):
    outsider = UserFactory(username="outsider")
    anonymous = send(client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Hi"})
    assert anonymous.status_code == 403
    assert anonymous.json() == {"error": {"code": "forbidden", "message": "Sign in to take part."}}
    refused = send(signed_in(outsider), "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Hi"})
    assert refused.status_code == 403
    assert "Join" in refused.json()["error"]["message"]
    assert thread.posts.count() == 1


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"body": ""}, 400, "empty"),
        ({"body": "   \n "}, 400, "empty"),
        ({"body": "x" * 20_000}, 400, "too_long"),
        ({"body": "Hi", "parent_id": 999_999}, 400, "invalid"),
    ],
)
def test_bad_posts_are_clear_400s_and_save_nothing(thread, fraser, payload, status, code):
    response = send(signed_in(fraser), "post", f"/api/v1/threads/{thread.pk}/posts", payload)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert thread.posts.count() == 1


def test_another_threads_post_is_not_a_parent(thread, fraser, priya):
    other = services.start_thread(thread.community, priya, "Another", "Elsewhere")
    foreign = other.posts.get()
    response = send(
        signed_in(fraser), "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Hi", "parent_id": foreign.pk}
    )
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid", "message": "You can only reply to a post in this thread."}
    assert not Post.objects.filter(body_source="Hi").exists()


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/v1/threads/{thread}/posts", "{not json"),
        ("/api/v1/threads/{thread}/posts", "[]"),
        ("/api/v1/threads/{thread}/posts", {"body": 12}),
        ("/api/v1/threads/{thread}/posts", {"body": None}),
        ("/api/v1/threads/{thread}/posts", {}),
        ("/api/v1/threads/{thread}/posts", {"body": "Hi", "parent_id": "abc"}),
        ("/api/v1/threads/{thread}/posts", {"body": "Hi", "parent_id": 10**30}),
        ("/api/v1/threads/{thread}/posts", {"body": "Hi", "parent_id": -1}),
        ("/api/v1/threads/abc/posts", {"body": "Hi"}),
        ("/api/v1/threads/99999999999999999999999/posts", {"body": "Hi"}),
        ("/api/v1/threads/-3/posts", {"body": "Hi"}),
    ],
)
def test_malformed_json_wrong_types_and_bad_ids_are_4xx_never_500(thread, fraser, path, payload):
    response = send(signed_in(fraser), "post", path.format(thread=thread.pk), payload)
    assert response.status_code in (400, 404, 422)
    assert response["Content-Type"].startswith("application/json")
    assert thread.posts.count() == 1


@pytest.mark.parametrize("path", ["/api/v1/threads/abc/posts", "/api/v1/threads/0/posts", "/api/v1/threads/1e3/posts"])
def test_bad_thread_ids_when_reading(client, path):
    assert client.get(path).status_code in (400, 404, 422)


def test_edit_within_30_minutes_only_by_the_author(thread, priya, fraser):
    post = services.post_reply(thread, fraser, "First")
    assert send(signed_in(priya), "patch", f"/api/v1/posts/{post.pk}", {"body": "Hijack"}).status_code == 403
    response = send(signed_in(fraser), "patch", f"/api/v1/posts/{post.pk}", {"body": "Second"})
    assert response.status_code == 200
    assert response.json()["post"]["edited"] is not None
    assert send(signed_in(fraser), "patch", f"/api/v1/posts/{post.pk}", {"body": ""}).status_code == 400
    assert send(signed_in(fraser), "patch", f"/api/v1/posts/{post.pk}", {"text": "x"}).status_code in (400, 422)
    post.refresh_from_db()
    assert post.body_source == "Second"


def test_delete_leaves_a_placeholder_when_there_are_replies(client, thread, priya, fraser):
    post = services.post_reply(thread, fraser, "Regret")
    services.post_reply(thread, priya, "Reply", parent=post)
    assert signed_in(priya).delete(f"/api/v1/posts/{post.pk}").status_code == 403
    assert signed_in(fraser).delete(f"/api/v1/posts/{post.pk}").status_code == 204
    shown = {p["id"]: p for p in client.get(f"/api/v1/threads/{thread.pk}/posts").json()["posts"]}
    assert (shown[post.pk]["status"], shown[post.pk]["body_html"]) == ("removed", "")


def test_helpful_toggles_but_not_on_your_own_post(thread, priya, fraser):
    post = services.post_reply(thread, fraser, "Useful")
    response = signed_in(priya).post(f"/api/v1/posts/{post.pk}/helpful")
    assert response.json() == {"post_id": post.pk, "counts": {"helpful": 1}, "found_helpful": True}
    assert signed_in(priya).post(f"/api/v1/posts/{post.pk}/helpful").json()["counts"] == {"helpful": 0}
    own = signed_in(fraser).post(f"/api/v1/posts/{post.pk}/helpful")
    assert own.status_code == 400
    assert own.json()["error"]["code"] == "invalid"


def test_locked_threads_refuse_and_posting_is_rate_limited(thread, priya, fraser):
    client = signed_in(fraser)
    for n in range(5):  # five in any fifteen seconds (forums/services.py)
        assert send(client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": f"Post {n}"}).status_code == 201
    limited = send(client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "One more"})
    assert limited.status_code == 429
    assert "wait" in limited.json()["error"]["message"]

    Thread.objects.filter(pk=thread.pk).update(locked=True)
    locked = send(signed_in(priya), "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Late"})
    assert locked.status_code == 403
    assert locked.json()["error"]["code"] == "locked"


def test_changes_need_the_csrf_token_and_reads_do_not(thread, fraser):
    client = signed_in(fraser, csrf=True)
    post = thread.posts.get()
    assert client.get(f"/api/v1/threads/{thread.pk}/posts").status_code == 200
    forged = send(client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "Forged"})
    assert forged.status_code == 403
    assert forged.json()["error"]["code"] == "csrf"
    assert send(client, "post", f"/api/v1/threads/{thread.pk}/posts", "{broken").status_code == 403
    assert send(client, "patch", f"/api/v1/posts/{post.pk}", {"body": "Forged"}).status_code == 403
    assert client.delete(f"/api/v1/posts/{post.pk}").status_code == 403
    assert client.post(f"/api/v1/posts/{post.pk}/helpful").status_code == 403
    assert thread.posts.count() == 1
    assert thread.posts.get().body_source == "How do you **start**?"

    token = client.get(thread.get_absolute_url()).cookies["csrftoken"].value
    response = send(
        client, "post", f"/api/v1/threads/{thread.pk}/posts", {"body": "With a token"}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201


def test_the_endpoints_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/threads/{thread_id}/posts"]) == {"get", "post"}
    assert set(paths["/api/v1/posts/{post_id}"]) == {"patch", "delete"}
    assert "post" in paths["/api/v1/posts/{post_id}/helpful"]
    assert {"400", "403", "404", "429"} <= set(paths["/api/v1/threads/{thread_id}/posts"]["post"]["responses"])
    assert schema["components"]["securitySchemes"]["SessionCookie"]["in"] == "cookie"
