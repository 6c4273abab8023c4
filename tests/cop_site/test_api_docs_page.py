"""/api/v1/docs is Swagger UI from the project's own static files (npm's swagger-ui-dist), with no inline script."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_ui_from_our_static_files_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(source.endswith("vendor/swagger-ui/swagger-ui-bundle.js") for source in sources), sources
    assert any(source.endswith("vendor/swagger-ui/swagger-ui.css") for source in sources), sources
    assert all(source.startswith("/static/") for source in sources), sources  # nothing from another site
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert inline == [], "an inline script would be refused by the Content-Security-Policy"
    assert "/api/v1/openapi.json" in html  # the settings the page's script reads
