"""Opening a form's action address, or asking any address with a method it does not take, gets a page.

Django's `require_POST` and `require_http_methods` answer with an empty 405, which a browser shows
as a blank page. `cop_site.middleware.MethodNotAllowedPageMiddleware` puts the site's 405 page there,
keeping the status and the Allow header; the API keeps its own answers.
"""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.pages import signed_in, soup_of, text_of

pytestmark = pytest.mark.django_db


def test_opening_a_post_only_address_shows_a_page_saying_it_takes_a_form():
    priya = UserFactory(username="priya")
    response = signed_in(priya).get("/notifications/read-all/")
    page = soup_of(response, status=405)
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert text_of(page.h1) == "This address only takes a form submission"
    assert "Nothing was changed" in text_of(page.select_one("main"))
    assert page.select_one("main a[href='/']") is not None
    assert page.select_one(".ds_site-header") is not None  # the site's own design, not a bare message
    assert "Signed in as" in text_of(page.select_one(".cop-account-nav"))
    if response.has_header("Content-Length"):
        assert int(response["Content-Length"]) == len(response.content)


def test_a_visitor_who_is_not_signed_in_gets_the_same_page():
    response = Client().get("/saved/page/1/")
    page = soup_of(response, status=405)
    assert response["Allow"] == "POST"
    assert text_of(page.h1) == "This address only takes a form submission"
    assert "Sign in" in text_of(page.select_one(".cop-account-nav"))


def test_an_address_that_opens_as_a_page_points_to_the_page():
    priya = UserFactory(username="priya")
    response = signed_in(priya).put("/members/me/edit/")
    page = soup_of(response, status=405)
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    assert text_of(page.h1) == "That request could not be used"
    assert page.select_one("main a[href='/members/me/edit/']") is not None


def test_the_api_answers_a_wrong_method_in_its_own_json_error_shape():
    response = Client().delete("/api/v1/search")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "DELETE is not allowed here" in response.json()["error"]["message"]
