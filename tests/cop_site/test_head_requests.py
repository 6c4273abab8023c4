"""Link checkers and uptime monitors ask with HEAD: every page that opens with GET answers HEAD too."""

import pytest

from tests.factories import UserFactory
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/members/me/edit/", "/members/me/delete/", "/members/me/data/", "/my-learning/"])
def test_a_page_that_opens_with_get_answers_head(path):
    client = signed_in(UserFactory(username="priya"))
    assert client.get(path).status_code == 200
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""
