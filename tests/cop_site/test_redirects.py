"""After a form, a posted `next` is followed only when it is a path on this site; anything else goes to the fallback."""

import pytest

from tests.factories import UserFactory
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    ["notifications", "foo", "//evil.example/", "https://evil.example/x", "javascript:alert(1)", "/x\x00y", "/\\evil"],
)
def test_a_next_that_is_not_a_local_path_goes_to_the_fallback(target):
    response = signed_in(UserFactory()).post("/notifications/read-all/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"


def test_a_local_next_is_followed():
    response = signed_in(UserFactory()).post("/notifications/read-all/", {"next": "/communities/?page=2"})
    assert response["Location"] == "/communities/?page=2"
