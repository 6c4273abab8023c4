"""A NUL character anywhere a client can put one gets a clear 400 and changes nothing, on every database.

PostgreSQL cannot store or compare text holding a NUL; these ran as 500s there before
`cop_site.middleware.RefuseNulMiddleware`. CI runs this file on SQLite and on PostgreSQL.
"""

import json

import pytest
from django.test import Client

from forums import services
from forums.models import Post
from tests.factories import CommunityFactory, UserFactory, member_of
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=%00",
        "/search/?q=budget&theme=%00",
        "/case-studies/?sector=%00",
        "/api/v1/search?q=PB%00",
        "/api/v1/search/suggest?q=%00",
        "/communities/%00/",
        "/rooms/planning%00/",
        "/glossary/?q=%00",
    ],
)
def test_a_nul_in_an_address_is_a_clear_400(address):
    response = Client().get(address)
    assert response.status_code == 400
    if address.startswith("/api/"):
        assert response.json()["error"]["code"] == "invalid"
        assert "NUL" in response.json()["error"]["message"]
    else:
        page = soup_of(response, status=400)
        assert text_of(page.h1) == "That request could not be used"
        assert "NUL character" in text_of(page.select_one("main"))


def test_a_nul_in_a_json_post_changes_nothing():
    priya = UserFactory(username="priya")
    community = CommunityFactory(visibility="open")
    member_of(community, priya)
    thread = services.start_thread(community, priya, "Starting a CAR group", "Where do we begin?")
    before = Post.objects.count()
    response = signed_in(priya).post(
        f"/api/v1/threads/{thread.pk}/posts",
        data=json.dumps({"body": "Null \u0000 in the middle"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Post.objects.count() == before


def test_ordinary_addresses_still_work():
    assert Client().get("/search/?q=participatory+budgeting").status_code == 200
    assert Client().get("/api/v1/search?q=PB").status_code == 200
