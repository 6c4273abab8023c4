"""Every error the API answers has the documented shape {"error": {"code", "message"}}, and changes nothing.

The services' refusals, Django Ninja's own 400s and 422s, a body Django cannot read, and text that is
not Unicode all come through cop_site/errors.py; none of them is a 500 or Ninja's {"detail": ...}.
"""

import pytest

from forums import services
from tests.factories import CommunityFactory, UserFactory, member_of
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def fraser():
    return UserFactory(username="fraser", first_name="Fraser", last_name="Frontline")


@pytest.fixture
def thread(fraser):
    community = CommunityFactory(slug="planning", visibility="open")
    member_of(community, fraser)
    return services.start_thread(community, fraser, "Locality plans", "How do you start?")


def error_of(response, status):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"]) <= {"code", "message", "fields"}
    return body["error"]


def with_token(client, thread):
    token = client.get(thread.get_absolute_url()).cookies["csrftoken"].value
    return {"HTTP_X_CSRFTOKEN": token}


def test_a_lone_surrogate_in_a_json_body_is_a_400_and_changes_nothing(thread, fraser):
    post = thread.posts.get()
    client = signed_in(fraser, csrf=True)
    token = with_token(client, thread)
    body = '{"body": "Half a pair \\ud800 here"}'
    created = client.post(f"/api/v1/threads/{thread.pk}/posts", body, content_type="application/json", **token)
    assert error_of(created, 400)["code"] == "invalid"
    edited = client.patch(f"/api/v1/posts/{post.pk}", body, content_type="application/json", **token)
    assert "Unicode" in error_of(edited, 400)["message"]
    post.refresh_from_db()
    assert (thread.posts.count(), post.body_source, post.edited) == (1, "How do you start?", None)


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_multipart_body_without_a_boundary_is_a_400_in_the_api_shape(thread, fraser, settings, method, debug):
    settings.DEBUG = debug  # Ninja answers an exception it does not know with a 500 traceback in DEBUG
    post = thread.posts.get()
    path = f"/api/v1/threads/{thread.pk}/posts" if method == "post" else f"/api/v1/posts/{post.pk}"
    for client, extra in ((signed_in(fraser), {}), (signed_in(fraser, csrf=True), None)):
        extra = extra if extra is not None else with_token(client, thread)
        response = getattr(client, method)(path, "body=Hello", content_type="multipart/form-data", **extra)
        assert error_of(response, 400)["code"] == "invalid"
    assert thread.posts.count() == 1


def test_ninjas_own_400_and_422_use_the_documented_shape(thread, fraser):
    client = signed_in(fraser)
    broken = client.post(f"/api/v1/threads/{thread.pk}/posts", "{not json", content_type="application/json")
    assert error_of(broken, 400)["code"] == "invalid"
    wrong_type = client.post(f"/api/v1/threads/{thread.pk}/posts", '{"body": 12}', content_type="application/json")
    error = error_of(wrong_type, 422)
    assert (error["code"], list(error["fields"])) == ("invalid_parameters", ["body"])
    bad_id = error_of(client.get("/api/v1/threads/abc/posts"), 422)
    assert list(bad_id["fields"]) == ["thread_id"]
    assert "thread_id" in bad_id["message"]
    assert thread.posts.count() == 1


def test_search_parameters_and_wrong_methods_answer_in_the_same_shape(client):
    error = error_of(client.get("/api/v1/search", {"page": "x"}), 422)
    assert (error["code"], list(error["fields"])) == ("invalid_parameters", ["page"])
    assert error_of(client.delete("/api/v1/search"), 405)["code"] == "method_not_allowed"


def test_the_error_shape_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    detail = schema["components"]["schemas"]["ErrorDetail"]
    assert {"code", "message", "fields"} <= set(detail["properties"])
    assert "422" in schema["paths"]["/api/v1/search"]["get"]["responses"]
