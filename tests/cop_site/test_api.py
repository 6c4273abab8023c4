import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_health_reports_each_service(client, settings):
    settings.ELASTICSEARCH_URL = ""
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["database"] == {
        "available": True,
        "vendor": connection.vendor,
        "backend": None,
        "version": None,
        "cluster": None,
        "detail": None,
    }
    assert body["search"]["backend"] == "database"
    assert body["channel_layer"]["available"] is True


def test_health_says_search_is_unavailable_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    body = client.get("/api/v1/health").json()
    assert body["status"] == "degraded"
    assert body["search"]["available"] is False
    assert "unreachable" in body["search"]["detail"]


def test_openapi_document_describes_the_api(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/health" in document["paths"]


def test_unknown_api_path_is_a_json_404_not_a_500(client):
    response = client.get("/api/v1/no-such-thing", follow=True)
    assert response.status_code == 404


def test_every_operation_shows_an_example_of_its_answer(client):
    """A reader of /api/v1/docs sees what each operation answers; an answer without a body (204) needs none."""
    document = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = [answer for status, answer in operation["responses"].items() if status.startswith("2")]
            contents = [content for answer in answers for content in answer.get("content", {}).values()]
            if contents and not any("example" in content for content in contents):
                missing.append(f"{method.upper()} {path}")
    assert missing == []
