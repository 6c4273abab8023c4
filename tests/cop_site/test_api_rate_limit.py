"""Visitors calling the API too often get a clear 429 in the API's error shape; members are not held back."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import UserFactory
from tests.pages import signed_in

pytestmark = pytest.mark.django_db


def test_a_visitor_over_the_limit_gets_a_429_json_error_with_retry_after(settings):
    settings.COP_API_ANONYMOUS_RATE_LIMIT = 3
    cache.clear()
    visitor = Client()
    assert [visitor.get("/api/v1/glossary").status_code for _ in range(3)] == [200, 200, 200]
    refused = visitor.get("/api/v1/evidence")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "Try again in" in error["message"]
    assert "sign in" in error["message"]
    another_address = Client(REMOTE_ADDR="10.0.0.9")
    assert another_address.get("/api/v1/glossary").status_code == 200


def test_a_visitor_cannot_dodge_the_limit_by_writing_x_forwarded_for(settings):
    settings.COP_API_ANONYMOUS_RATE_LIMIT = 2
    cache.clear()
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    codes = [visitor.get("/api/v1/glossary", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 429, 429]


def test_a_signed_in_member_is_not_counted(settings):
    settings.COP_API_ANONYMOUS_RATE_LIMIT = 2
    cache.clear()
    member = signed_in(UserFactory())
    assert {member.get("/api/v1/glossary").status_code for _ in range(5)} == {200}


def test_the_document_lists_the_429_on_every_operation(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "429" in operation["responses"], (method, path)
