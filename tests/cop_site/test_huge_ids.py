"""Any digits fit in a URL's `<int:>`, but not in a database column: every such address answers 404, not 500."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HUGE = str(2**63)  # one past the largest bigint


def routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith(("admin/", "django-admin/", "documents/", "accounts/", "api/")):
                yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<int:" in route:
            yield route


def address(route):
    path = re.sub(r"<int:\w+>", HUGE, route)
    path = re.sub(r"<(?:str|slug):\w+>", "x", path)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.mark.parametrize("route", sorted(set(routes())))
def test_a_huge_id_is_not_found(route):
    client = Client()
    client.force_login(UserFactory(username="curious"))
    for method in (client.get, client.post):
        response = method(address(route))
        assert response.status_code < 500, (address(route), response.status_code)
